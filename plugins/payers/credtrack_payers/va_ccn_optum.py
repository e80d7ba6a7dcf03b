"""VA Community Care Network, Regions 1-3: Optum Serve.

VA covers massage therapy as a complementary and integrative health service when VA approves
it. Community providers join through the region's third-party administrator. VA's request for
proposals of 2025-12-15 merges the five regions into East and West networks, with the current
contracts ending in 2026: the regions here are a dated fact to re-check.
"""

from credtrack.rules import PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    VERIFIED, YES, cred, fact,
)

VA_CCN = "https://www.va.gov/resources/about-our-va-community-care-network-and-covered-services/"
VA_CCN_VETERANS = "https://www.va.gov/COMMUNITYCARE/programs/veterans/CCN-Veterans.asp"
CIH = "https://grokipedia.com/page/VA_Community_Care_Network"
BILLING = "https://www.massagepracticebuilder.com/billing-the-va-for-massage-therapy-sessions"
RFP = ("https://www.armytimes.com/veterans/2025/12/15/"
       "va-to-reorganize-community-care-contracts-reducing-regions-to-2")
RFP_LAW = "https://www.polsinelli.com/health-care/publications/va-ccn-procurement-enters-proposal-phase"
REGION_1 = ("CT", "DE", "DC", "ME", "MD", "MA", "NH", "NJ", "NY", "NC", "PA", "RI", "VT", "VA",
            "WV")
REGION_2 = ("IL", "IN", "IA", "KS", "KY", "MI", "MN", "MO", "NE", "ND", "OH", "SD", "WI")
REGION_3 = ("AL", "AR", "FL", "GA", "LA", "MS", "OK", "SC", "TN")

RULES = PayerRules(
    id="va-ccn-optum",
    name="VA Community Care Network, Regions 1-3 (Optum Serve)",
    kind="va",
    provider_types=("massage-therapist",),
    states=REGION_1 + REGION_2 + REGION_3,
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
    route_address=("Optum Serve, the Regions 1-3 third-party administrator: contact it for "
                   "enrollment, credentialing and a participation agreement"),
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    facts=(
        fact("network", "Region 1: CT DE DC ME MD MA NH NJ NY NC PA RI VT VA WV; Region 2: IL IN "
             "IA KS KY MI MN MO NE ND OH SD WI; Region 3: AL AR FL GA LA MS OK PR SC TN VI "
             "(Puerto Rico and the Virgin Islands are outside credtrack's state codes).",
             VA_CCN_VETERANS),
        fact("network", "VA's request for proposals of 2025-12-15 merges the regions into an "
             "East network (29 states, DC, PR, VI) and a West network (21 states, the Pacific "
             "territories); the current contracts expire in 2026. Re-check the regions and "
             "administrator before relying on them.", RFP, date="2025-12-15",
             confidence=SECONDARY,
             note=f"proposals due 2026-03-16: {RFP_LAW}"),
        fact("route", "Providers join by contacting the region's third-party administrator for "
             "enrollment, credentialing and a participation agreement; outside the network a "
             "provider can sign a Veterans Care Agreement (VCA) with VA.", VA_CCN,
             read=READ_NOV),
        fact("payment", "Never bill the veteran or the veteran's other insurance for "
             "VA-authorized care; VA pays the lesser of billed charges or the VA fee "
             "schedule.", BILLING, read=READ_NOV, confidence=SECONDARY),
        fact("coverage", "Indications: VA's 'Clinical Determination and Indication: Medical "
             "Massage Therapy' (CDI 00036).", BILLING, read=READ_NOV, date="2025-06",
             confidence=SECONDARY),
        fact("credentialing", "The CCN document list, turnaround and recredentialing cycle for "
             "LMTs are not published in credtrack's sources: unknown.", VA_CCN, read=READ_DEC,
             confidence=CONFIRMED),
    ),
    sources=(VA_CCN_VETERANS, VA_CCN, CIH, BILLING, RFP, RFP_LAW),
    verified=VERIFIED,
    confidence=SECONDARY,
    notes="The VA is not TRICARE. " + CADENCE_NOTE,
)
