"""Medicare Advantage: therapeutic massage as a supplemental benefit, plan by plan.

Since 2019-2020 CMS has encouraged Medicare Advantage plans to offer therapeutic massage by a
state-licensed massage therapist as a supplemental benefit. Each plan, or the vendor it uses
(American Specialty Health for Aetna Medicare), credentials the therapists.
"""

from credtrack.rules import SECONDARY, DocumentRequirement, PayerRules

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, VERIFIED

CALL_LETTER = "https://la.wp.amtamassage.org/cms-encourages-medicare-advantage-plans-to-cover-massage-in-2020"
REINTERPRETATION = "https://massagetoday.com/articles/1559320962704/Medicare-Advantage-Plans-and-Massage-Therapy"
PLANS_2019 = "https://massagepracticebuilder.com/medicare-advantage-plans-to-cover-massage-therapy"
RCBP = "https://rcbphealth.com/retirement-massage-benefit/"

RULES = PayerRules(
    id="medicare-advantage",
    name="Medicare Advantage supplemental massage benefits",
    kind="medicare-advantage",
    provider_types=("massage-therapist",),
    documents=(
        DocumentRequirement(
            "license", "State massage therapist license", per_state=True,
            note="CMS's supplemental benefit is massage by a state-licensed massage therapist",
            source=CALL_LETTER, confidence=SECONDARY,
        ),
        DocumentRequirement(
            "referral", "Order from a physician or medical professional", per_patient=True,
            source=CALL_LETTER, confidence=SECONDARY,
        ),
    ),
    caqh_required=False,
    route="network",
    route_address=("the Medicare Advantage plan or its vendor, e.g. American Specialty Health "
                   "for Aetna Medicare (see the ash payer)"),
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    sources=(CALL_LETTER, REINTERPRETATION, PLANS_2019, RCBP),
    verified=VERIFIED,
    confidence=SECONDARY,
    notes=(
        "Coverage is plan by plan; plan-specific documents, turnaround and recredentialing "
        "are unconfirmed, so track the actual plan or vendor (often ASH) as its own payer. "
        "CMS conditions (2020 call letter, PBP line B14c, as reported by AMTA): ordered by a "
        "physician or medical professional; not singled out within other coverage such as "
        "chiropractic or OT; treats or ameliorates an injury or illness (pain, stiffness, loss "
        "of range of motion). About 270 plans added such benefits in 2019 after CMS's 2018 "
        "reinterpretation of 'primarily health related'. Humana MA massage coverage varies by "
        "plan (unconfirmed). Original Medicare is separate and does not enroll massage "
        "therapists (see medicare). "
        + CADENCE_NOTE
    ),
)
