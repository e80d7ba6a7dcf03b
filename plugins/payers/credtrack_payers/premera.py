"""Premera Blue Cross (and LifeWise), Washington network.

Premera credentials through CAQH ProView (since OneHealthPort ProviderSource closed on
2023-12-31), then offers a contract; its 2025 page points to a checklist. The document list
below comes from its 2023 page, written for the ProviderSource process, and is dated as such.
Medical policy 8.03.502 wants a diagnosis-specific prescription stating the number of visits in
the massage record. Premera's Alaska plan was not researched.
"""

from credtrack.rules import DocumentRequirement, PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    UNCONFIRMED, VERIFIED, YES, cred, fact, wa_any_category, wa_credentialing_deadline,
    wa_first_six,
)

JOIN = "https://premera.com/wa/provider/reference/join-our-network"
JOIN_2023 = "https://www.premera.com/wa/provider/reference/join-our-network/"
FEP = "https://premera.com/fep/provider/join-our-network"
LIFEWISE = "https://www.bellinghammassageclinic.com/using-your-insurance/lifewise/"
LIFEWISE_OR_POLICY = "https://www.lifewiseor.com/medicalpolicies/CMI_051155.htm"
POLICY_8_03_502 = "https://massageseattle.net/premera-massage-therapist.html"
ERA_2023 = ("Premera's 2023 page, written for the OneHealthPort ProviderSource process (ended "
            "2023-12-31); the 2025 page lists only its checklist")


def _era(kind: str, label: str, note: str, **kw) -> DocumentRequirement:
    return DocumentRequirement(kind, label, note=f"{note} ({ERA_2023})", source=JOIN_2023,
                               confidence=UNCONFIRMED, read=READ_NOV, source_date="2023", **kw)


RULES = PayerRules(
    id="premera",
    name="Premera Blue Cross (and LifeWise)",
    kind="blue-plan",
    provider_types=("massage-therapist",),
    states=("WA",),
    credentialing=(
        cred(YES, "Premera's Washington network takes licensed massage therapists: its "
             "medical policy 8.03.502 sets the prescription rule for their massage records, "
             "and Washington clinics bill Premera and LifeWise.", POLICY_8_03_502,
             confidence=SECONDARY),
    ),
    documents=(
        DocumentRequirement(
            "caqh-attestation", "CAQH ProView profile attested within 120 days, Premera authorized",
            note="re-attest first if the last attestation is older than 120 days; authorize "
                 "Premera by name or grant global authorization",
            source=JOIN, confidence=CONFIRMED, read=READ_NOV, source_date="2025"),
        DocumentRequirement(
            "other", "Premera provider credentialing checklist", source=JOIN,
            confidence=CONFIRMED, read=READ_NOV, source_date="2025"),
        _era("license", "Every current state license", "include all current licenses",
             per_state=True),
        _era("liability-coi", "Professional liability certificate",
             "must not expire before credentialing finishes (expired malpractice was a top "
             "delay); no minimum limits published"),
        _era("irs-ein-letter", "IRS SS-4 letter showing your EIN",
             "e-mailed to credentialing.updates@premera.com; a missing tax ID or SS-4 was a top "
             "delay"),
        _era("w9", "W-9", "needed on new contracts (missing W-9s were a top delay)"),
        _era("resume", "Work history",
             "missing work history or education was a top delay; no number of years given"),
    ),
    referrals=(
        ReferralRule(
            required=True, kind="prescription", must_state=("diagnosis", "visits"), on_file=True,
            text="Medical policy 8.03.502: a diagnosis-specific prescription stating the number "
                 "of visits must be in the massage record.",
            source=POLICY_8_03_502, read=READ_DEC, confidence=SECONDARY,
            note=f"LifeWise Oregon's copy of 8.03.502 also wants a documented impairment and "
                 f"expected measurable improvement: {LIFEWISE_OR_POLICY}"),
        ReferralRule(
            required=True, kind="referral", form="LifeWise referral form", on_file=True,
            plan="LifeWise",
            text="LifeWise plans always require a referral on their own form, mailed or faxed "
                 "to the plan and kept on file; massage must be medically necessary.",
            source=LIFEWISE, read=READ_NOV, confidence=SECONDARY),
    ),
    authorizations=(wa_first_six(),),
    caqh_required=True,
    route="caqh",
    route_address=JOIN,
    turnaround_days=60,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=60,
    recredential_months=None,
    facts=(
        fact("route", "Apply through CAQH; credentialing comes before you request a contract; "
             "you must practice primarily in Washington (adjacent border counties may "
             "qualify).", JOIN, read=READ_NOV, date="2025"),
        fact("turnaround", "Processing takes 45-60 days (after a January 2025 application "
             "surge).", JOIN, read=READ_DEC, date="2025"),
        fact("history", "Under ProviderSource (until 2023-12-31): 60-90 days, a 150-day "
             "attestation window, the WA network closure matrix for open counties; top delays "
             "included an incomplete address, suite or phone.", JOIN_2023, read=READ_NOV,
             date="2023"),
        fact("recredentialing", "Premera states no recredentialing cycle: unknown.", JOIN,
             date="2025"),
        fact("credentialing", "FEP selection criteria: valid license, training appropriate to "
             "the profession, acceptable malpractice claims history and disciplinary record, "
             "and network need.", FEP, read=READ_NOV, plan="FEP"),
        fact("network", "Premera uses provider tiers that limit which plans some providers may "
             "bill.", LIFEWISE, read=READ_NOV, confidence=SECONDARY),
        wa_credentialing_deadline(),
        wa_any_category(),
    ),
    sources=(JOIN, JOIN_2023, FEP, POLICY_8_03_502, LIFEWISE, LIFEWISE_OR_POLICY),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes=CADENCE_NOTE,
)
