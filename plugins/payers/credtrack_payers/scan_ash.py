"""SCAN Health Plan (California Medicare Advantage): massage through American Specialty Health.

SCAN offers a routine acupuncture, chiropractic and/or therapeutic massage benefit through ASH
for most plans. It is self-referred; after the first visit the ASH provider submits a treatment
plan to ASH, and further visits follow its approval. Therapists join ASH (see ``ash``) and must
be an ASH provider that contracts with SCAN.
"""

from credtrack.rules import AuthRule, DocumentRequirement, PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, VERIFIED, YES, cred,
    fact,
)

SCAN = ("https://www.scanhealthplan.com/supplemental-benefits/"
        "routine-acupuncture-and-or-chiropractic-benefit")
ASH_JOIN = "https://ashlink.com/ASH/public/Providers/Network/Join.aspx"

RULES = PayerRules(
    id="scan-ash",
    name="SCAN Health Plan (through American Specialty Health)",
    kind="medicare-advantage",
    provider_types=("massage-therapist",),
    states=("CA",),
    credentialing=(
        cred(YES, "SCAN's therapeutic massage benefit is given by ASH providers that contract "
             "with SCAN.", SCAN),
    ),
    documents=(
        DocumentRequirement(
            "other", "ASH services agreement covering SCAN",
            note="SCAN members must choose an ASH provider that contracts with SCAN; join ASH "
                 "first (see the ash payer)", source=SCAN, confidence=CONFIRMED, read=READ_DEC),
    ),
    referrals=(
        ReferralRule(required=False, kind="referral",
                     text="Self-referred: members need no doctor's referral; they show the SCAN "
                          "member ID card and receive an exam.", source=SCAN, read=READ_DEC,
                     confidence=CONFIRMED),
    ),
    authorizations=(
        AuthRule(required=True, after_visits=1, vendor="American Specialty Health",
                 text="If more than one appointment is needed, the ASH provider submits a "
                      "treatment plan to ASH after the first visit; further appointments "
                      "follow its approval.", source=SCAN, read=READ_DEC, confidence=CONFIRMED),
    ),
    caqh_required=False,
    route="network",
    route_address="American Specialty Health (see the ash payer)",
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    facts=(
        fact("coverage", "SCAN offers the routine acupuncture, chiropractic and/or therapeutic "
             "massage benefit through ASH for most plans; the member's Evidence of Coverage "
             "says exactly what each plan includes.", SCAN),
        fact("route", "Join American Specialty Health's network (no fee, non-exclusive); ASH's "
             "member line for SCAN is 1-800-678-9133.", ASH_JOIN, note=f"phone: {SCAN}"),
    ),
    sources=(SCAN, ASH_JOIN),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes=CADENCE_NOTE,
)
