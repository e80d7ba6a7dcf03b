"""VA Community Care Network, Regions 4-5: TriWest Healthcare Alliance.

VA covers massage therapy as a complementary and integrative health service when VA approves
it. Community providers join the network through the region's third-party administrator, which
handles enrollment, credentialing and the participation agreement.
"""

from credtrack.rules import SECONDARY, DocumentRequirement, PayerRules

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, VERIFIED

HANDBOOK = "https://triwest.com/en/provider-handbook/credentialing-and-contract-provisions"
VA_CCN = "https://www.va.gov/resources/about-our-va-community-care-network-and-covered-services/"
VA_CCN_VETERANS = "https://www.va.gov/COMMUNITYCARE/programs/veterans/CCN-Veterans.asp"
CIH = "https://grokipedia.com/page/VA_Community_Care_Network"
BILLING = "https://www.massagepracticebuilder.com/billing-the-va-for-massage-therapy-sessions"

RULES = PayerRules(
    id="va-ccn-triwest",
    name="VA Community Care Network, Regions 4-5 (TriWest)",
    kind="va",
    provider_types=("massage-therapist",),
    documents=(
        DocumentRequirement(
            "referral", "VA referral and authorization in HSRM (per veteran)",
            note="massage is covered only when VA approves it; referrals and authorizations go "
                 "through HealthShare Referral Manager (HSRM)",
            source=CIH, confidence=SECONDARY,
        ),
    ),
    caqh_required=False,
    route="network",
    route_address=HANDBOOK,
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    sources=(HANDBOOK, VA_CCN, VA_CCN_VETERANS, CIH, BILLING),
    verified=VERIFIED,
    confidence=SECONDARY,
    notes=(
        "TriWest runs Regions 4-5 and Optum Serve Regions 1-3 (see va-ccn-optum); which states "
        "fall in each region is on VA's region map, not in the reference. Contact TriWest for "
        "enrollment, credentialing and a participation agreement; its CCN provider handbook "
        "covers credentialing, contract provisions and 'High Performing Provider' quality "
        "designations. The document list, turnaround and recredentialing cycle for LMTs are "
        "unconfirmed. Outside the network, a provider can sign a Veterans Care Agreement (VCA) "
        "with VA instead. Never bill the veteran or the veteran's other insurance for "
        "VA-authorized care; VA pays the lesser of billed charges or the VA fee schedule. "
        "Indications: VA's 'Clinical Determination and Indication: Medical Massage Therapy' "
        "(CDI 00036, June 2025). TriWest also runs TRICARE West (since 1/1/2025), but TRICARE "
        "does not authorize massage therapists (see tricare). "
        + CADENCE_NOTE
    ),
)
