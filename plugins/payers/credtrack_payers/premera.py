"""Premera Blue Cross (and LifeWise), Washington network.

Premera credentials through CAQH ProView (since OneHealthPort ProviderSource closed at the end
of 2023), then offers a contract. The reference covers only the Washington network: Premera's
Alaska plan was not researched.
"""

from credtrack.rules import CONFIRMED, SECONDARY, DocumentRequirement, PayerRules

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, NCQA_36, VERIFIED

JOIN = "https://premera.com/wa/provider/reference/join-our-network"
JOIN_2023 = "https://www.premera.com/wa/provider/reference/join-our-network/"
FEP = "https://premera.com/fep/provider/join-our-network"
LIFEWISE = "https://www.bellinghammassageclinic.com/using-your-insurance/lifewise/"
LIFEWISE_OR_POLICY = "https://www.lifewiseor.com/medicalpolicies/CMI_051155.htm"
RCW_48_43_045 = "https://app.leg.wa.gov/rcw/default.aspx?cite=48.43.045"
WA_PRIOR_AUTH = "https://www.mywsmta.org/page-1075365"
RCW_48_43_750 = ("https://managedcarelegaldatabase.org/state-law/"
                 "title-48-insurance-chapter-48-43-insurance-reform-8/")

RULES = PayerRules(
    id="premera",
    name="Premera Blue Cross (and LifeWise)",
    kind="blue-plan",
    provider_types=("massage-therapist",),
    states=("WA",),
    documents=(
        DocumentRequirement(
            "caqh-attestation", "CAQH ProView profile attested within 120 days, Premera authorized",
            note="re-attest first if the last attestation is older than 120 days; authorize "
                 "Premera by name or grant global authorization",
            source=JOIN, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "other", "Premera provider credentialing checklist", source=JOIN,
            confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "license", "Every current state license", per_state=True,
            source=JOIN_2023, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "liability-coi", "Professional liability certificate",
            note="must not expire before credentialing finishes (expired malpractice is a top "
                 "delay); no minimum limits published",
            source=JOIN_2023, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "irs-ein-letter", "IRS SS-4 letter showing your EIN",
            note="e-mail it to credentialing.updates@premera.com; a missing tax ID or SS-4 is a "
                 "top delay",
            source=JOIN_2023, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "w9", "W-9", note="needed on new contracts (missing W-9s are a top delay)",
            source=JOIN_2023, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "resume", "Work history",
            note="missing work history or education is a top delay; Premera gives no number of "
                 "years",
            source=JOIN_2023, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "referral", "LifeWise referral form", per_patient=True,
            note="LifeWise plans always require a referral on their own form, mailed or faxed to "
                 "the plan and kept on file; massage must be medically necessary",
            source=LIFEWISE, confidence=SECONDARY,
        ),
    ),
    caqh_required=True,
    route="caqh",
    route_address=JOIN,
    turnaround_days=60,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=60,
    recredential_months=36,
    sources=(JOIN, JOIN_2023, FEP, LIFEWISE, LIFEWISE_OR_POLICY, RCW_48_43_045, RCW_48_43_750,
             WA_PRIOR_AUTH, NCQA_36),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes=(
        "You must practice primarily in Washington (adjacent border counties may qualify); "
        "check Premera's WA network closure matrix for open counties. Credentialing comes "
        "before you request a contract. Processing takes 45-60 days (after a January 2025 "
        "application surge; 60-90 days under the old ProviderSource process). Other top "
        "delays: incomplete address, suite or phone. "
        "The license, COI, SS-4, W-9 and work-history items come from Premera's 2023 page "
        "(then with a 150-day attestation window); the 2025 page points to its checklist. "
        "FEP selection criteria: valid license, training appropriate to the profession, "
        "acceptable malpractice claims history and disciplinary record, and network need. "
        "Premera uses tiers that limit which plans some providers may bill. The 36-month "
        "recredentialing cycle is the NCQA default, not stated by Premera. Washington law: "
        "plans must let every category of licensed provider deliver covered services within "
        "scope (RCW 48.43.045), and no prior authorization may be required for the evaluation "
        "plus up to 8 visits of a new episode of massage therapy (RCW 48.43.016; referral or "
        "prescription rules still allowed). Carriers must decide within 90 days of a complete "
        "application and average no more than 60 (RCW 48.43.750; that it covers massage "
        "therapists is an inference). "
        + CADENCE_NOTE
    ),
)
