"""Medicare Advantage: therapeutic massage as a supplemental benefit, plan by plan.

Since 2019-2020 CMS has encouraged Medicare Advantage plans to offer therapeutic massage by a
state-licensed massage therapist as a supplemental benefit. Each plan, or the vendor it uses
(American Specialty Health for SCAN and for the Rural Carrier Benefit Plan's Aetna Medicare
PPO), credentials the therapists, and each sets its own referral rule: a physician's order is
plan-specific (SCAN's benefit is self-referred).
"""

from credtrack.rules import DocumentRequirement, PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    UNCONFIRMED, VERIFIED, YES, cred, fact,
)

CALL_LETTER = "https://la.wp.amtamassage.org/cms-encourages-medicare-advantage-plans-to-cover-massage-in-2020"
REINTERPRETATION = "https://massagetoday.com/articles/1559320962704/Medicare-Advantage-Plans-and-Massage-Therapy"
PLANS_2019 = "https://massagepracticebuilder.com/medicare-advantage-plans-to-cover-massage-therapy"
RCBP = "https://rcbphealth.com/retirement-massage-benefit/"
SCAN = ("https://www.scanhealthplan.com/supplemental-benefits/"
        "routine-acupuncture-and-or-chiropractic-benefit")
HUMANA = ("https://www.comparemedicareadvantageplans.org/"
          "does-humana-medicare-advantage-cover-massage-therapy/")
REGENCE_PM = "https://www.regence.com/web/regence_provider/physical-medicine-and-therapies"

RULES = PayerRules(
    id="medicare-advantage",
    name="Medicare Advantage supplemental massage benefits",
    kind="medicare-advantage",
    provider_types=("massage-therapist",),
    credentialing=(
        cred(YES, "Plans that offer the supplemental benefit use state-licensed massage "
             "therapists, credentialed by the plan or its vendor (plan by plan).", CALL_LETTER,
             read=READ_NOV, date="2019", confidence=SECONDARY),
    ),
    documents=(
        DocumentRequirement(
            "license", "State massage therapist license", per_state=True,
            note="CMS's supplemental benefit is massage by a state-licensed massage therapist",
            source=CALL_LETTER, confidence=SECONDARY, read=READ_NOV, source_date="2019"),
    ),
    referrals=(
        ReferralRule(
            required=None, kind="order",
            text="CMS's 2020 call letter (as AMTA reports it) describes massage ordered by a "
                 "physician or medical professional, but whether an order is needed is "
                 "plan-specific: check the plan's Evidence of Coverage.",
            source=CALL_LETTER, read=READ_DEC, source_date="2019", confidence=SECONDARY),
        ReferralRule(
            required=False, kind="treatment-plan", plan="SCAN Health Plan",
            text="Self-referred: no doctor's referral; the ASH provider submits a treatment "
                 "plan to ASH after the first visit (see scan-ash).",
            source=SCAN, read=READ_DEC, confidence=CONFIRMED, states=("CA",)),
        ReferralRule(
            required=True, kind="medical-necessity-review", prescribers=("physician",),
            plan="Aetna Medicare PPO (Rural Carrier Benefit Plan)",
            text="The physician sends ASH a Medical Necessity Review form (see ash).",
            source=RCBP, read=READ_DEC, confidence=CONFIRMED),
    ),
    caqh_required=False,
    route="network",
    route_address=("the Medicare Advantage plan or its vendor, e.g. American Specialty Health "
                   "for SCAN and the Rural Carrier Benefit Plan (see ash, scan-ash)"),
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    facts=(
        fact("coverage", "CMS conditions (2020 call letter, PBP line B14c, as AMTA reports "
             "them): not singled out within other coverage such as chiropractic or OT; treats "
             "or ameliorates an injury or illness (pain, stiffness, loss of range of motion).",
             CALL_LETTER, read=READ_NOV, date="2019", confidence=SECONDARY),
        fact("history", "About 270 plans added new supplemental benefits including massage in "
             "2019, after CMS's 2018 reinterpretation of 'primarily health related'.",
             PLANS_2019, read=READ_NOV, date="2018-11-28", confidence=SECONDARY,
             note=f"also {REINTERPRETATION}"),
        fact("coverage", "Humana Medicare Advantage massage coverage varies by plan.", HUMANA,
             read=READ_NOV, confidence=UNCONFIRMED),
        fact("coverage", "Regence's Medicare Advantage plans do not cover services by massage "
             "therapists ('not Medicare-eligible providers').", REGENCE_PM, read=READ_DEC,
             plan="Regence Medicare Advantage"),
    ),
    sources=(CALL_LETTER, SCAN, RCBP, REINTERPRETATION, PLANS_2019, HUMANA, REGENCE_PM),
    verified=VERIFIED,
    confidence=SECONDARY,
    notes="Track the actual plan or its vendor (often ASH) as its own payer; Original Medicare "
          "is separate (see medicare). " + CADENCE_NOTE,
)
