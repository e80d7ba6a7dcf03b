"""Providence Health Plan (Oregon): eviCore review for massage in select self-funded groups.

From 2023-01-01 several of Providence's self-funded (ASO) group plans need eviCore medical
necessity review for physical medicine, massage therapy included, except CPT 97124. Providence
sells massage as an add-on to its chiropractic and acupuncture plans, which need no referral.
Whether and how Providence credentials massage therapists is not stated in credtrack's sources.
"""

from credtrack.rules import AuthRule, PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, SECONDARY,
    UNCONFIRMED, UNKNOWN, VERIFIED, cred, fact,
)

EVICORE = "https://www.evicore.com/resources/healthplan/providence-health-plan"
CAM_PLANS = ("https://healthplans.providence.org/producers/2020-products-services/large-groups/"
             "chiropractic-acupuncture-massage/")
POLICIES = "https://www.providencehealthplan.com/providers/medical-policy-rx-pharmacy-and-provider-information"
SELF_FUNDED = "select self-funded (ASO) groups"

RULES = PayerRules(
    id="providence",
    name="Providence Health Plan",
    kind="commercial",
    provider_types=(),
    states=("OR",),
    credentialing=(
        cred(UNKNOWN, "Providence covers massage (eviCore reviews it; a massage rider exists), "
             "but its network route for massage therapists is not stated in credtrack's "
             "sources.", EVICORE, confidence=CONFIRMED),
    ),
    documents=(),
    authorizations=(
        AuthRule(required=True, exempt_codes=("97124",), vendor="eviCore", plan=SELF_FUNDED,
                 text="From 2023-01-01 several self-funded group plans need eviCore medical "
                      "necessity review for massage therapy; CPT 97124 is not part of the "
                      "program.", source=EVICORE, read=READ_DEC, source_date="2024-06-01",
                 confidence=CONFIRMED,
                 note="the page's latest update is dated 2024-06-01; Providence's website "
                      "lists the groups"),
    ),
    referrals=(
        ReferralRule(required=False, kind="referral",
                     plan="chiropractic/acupuncture plans with the massage rider",
                     text="No provider referral is required; treatment must be medically "
                          "necessary.", source=CAM_PLANS, read=READ_DEC, source_date="2020",
                     confidence=CONFIRMED),
    ),
    caqh_required=False,
    route="unknown",
    route_address="",
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    facts=(
        fact("coverage", "Massage therapy benefits can be added, for extra premium, to "
             "Providence's chiropractic and acupuncture plans (CHA: in-network licensed "
             "providers; CHA Plus: any licensed provider); no deductible.", CAM_PLANS,
             date="2020"),
        fact("authorization", "Providence lists eviCore (outpatient rehab) and American "
             "Specialty Health among its prior-authorization vendors.", POLICIES,
             confidence=CONFIRMED),
        fact("network", "A massage-therapist network at Providence is reported only by "
             "secondary sources.", EVICORE, confidence=SECONDARY),
    ),
    sources=(EVICORE, CAM_PLANS, POLICIES),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes="Ask Providence how massage therapists join (directly or through a vendor). "
          + CADENCE_NOTE,
)
