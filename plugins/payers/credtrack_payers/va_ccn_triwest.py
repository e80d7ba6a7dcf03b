"""VA Community Care Network, Regions 4-5: TriWest Healthcare Alliance.

VA covers massage therapy as a complementary and integrative health service when VA approves
it. Community providers join through the region's third-party administrator. VA's request for
proposals of 2025-12-15 merges the regions into East and West networks, with the current
contracts ending in 2026: the regions here are a dated fact to re-check.
"""

from credtrack.rules import PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    VERIFIED, YES, cred, fact,
)

HANDBOOK = "https://triwest.com/en/provider-handbook/credentialing-and-contract-provisions"
VACCN_HANDBOOK = "https://vaccn.triwest.com"
VA_CCN = "https://www.va.gov/resources/about-our-va-community-care-network-and-covered-services/"
VA_CCN_VETERANS = "https://www.va.gov/COMMUNITYCARE/programs/veterans/CCN-Veterans.asp"
CIH = "https://grokipedia.com/page/VA_Community_Care_Network"
BILLING = "https://www.massagepracticebuilder.com/billing-the-va-for-massage-therapy-sessions"
RFP = ("https://www.armytimes.com/veterans/2025/12/15/"
       "va-to-reorganize-community-care-contracts-reducing-regions-to-2")
RFP_LAW = "https://www.polsinelli.com/health-care/publications/va-ccn-procurement-enters-proposal-phase"
REGIONS_4_5 = ("AK", "AZ", "CA", "CO", "HI", "ID", "MT", "NV", "NM", "OR", "TX", "UT", "WA",
               "WY")

RULES = PayerRules(
    id="va-ccn-triwest",
    name="VA Community Care Network, Regions 4-5 (TriWest)",
    kind="va",
    provider_types=("massage-therapist",),
    states=REGIONS_4_5,
    credentialing=(
        cred(YES, "VA covers massage therapy as a complementary and integrative health service "
             "when VA approves it; community providers join through the regional "
             "administrator.", CIH, read=READ_NOV, confidence=SECONDARY),
    ),
    documents=(),
    referrals=(
        ReferralRule(
            required=True, kind="referral",
            text="Massage is covered only when VA approves it: a VA referral and authorization "
                 "per veteran, through HealthShare Referral Manager (HSRM).",
            source=CIH, read=READ_NOV, confidence=SECONDARY),
    ),
    caqh_required=False,
    route="network",
    route_address=HANDBOOK,
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    facts=(
        fact("network", "Regions 4-5 (TriWest): AK AZ CA CO HI ID MT NV NM OR TX UT WA WY and "
             "the Pacific territories.", VA_CCN_VETERANS, note=f"also {VACCN_HANDBOOK}"),
        fact("network", "VA's request for proposals of 2025-12-15 merges the regions into an "
             "East network (29 states, DC, PR, VI) and a West network (21 states, the Pacific "
             "territories); the current contracts expire in 2026. Re-check the regions and "
             "administrator before relying on them.", RFP, date="2025-12-15",
             confidence=SECONDARY,
             note=f"proposals due 2026-03-16: {RFP_LAW}"),
        fact(
            "network", "TriWest's CCN handbook covers credentialing, contract provisions and "
            "'High Performing Provider' quality designations.", HANDBOOK, read=READ_NOV),
        fact("route", "Providers join by contacting the region's third-party administrator for "
             "enrollment, credentialing and a participation agreement; outside the network a "
             "provider can sign a Veterans Care Agreement (VCA) with VA.", VA_CCN,
             read=READ_NOV),
        fact("payment", "Never bill the veteran or the veteran's other insurance for "
             "VA-authorized care; VA pays the lesser of billed charges or the VA fee "
             "schedule.", BILLING, read=READ_NOV, confidence=SECONDARY),
        fact("credentialing", "The CCN document list, turnaround and recredentialing cycle for "
             "LMTs are not published in credtrack's sources: unknown.", HANDBOOK,
             read=READ_DEC, confidence=CONFIRMED),
    ),
    sources=(HANDBOOK, VA_CCN_VETERANS, VACCN_HANDBOOK, VA_CCN, CIH, BILLING, RFP, RFP_LAW),
    verified=VERIFIED,
    confidence=SECONDARY,
    notes="TriWest also runs TRICARE West (since 2025-01-01), but TRICARE does not authorize "
          "massage therapists (see tricare). " + CADENCE_NOTE,
)
