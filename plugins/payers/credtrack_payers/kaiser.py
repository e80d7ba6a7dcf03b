"""Kaiser Permanente: massage therapists join through its CAM network vendors.

Kaiser Permanente Washington contracts Tivity Health (WholeHealth Networks) to manage its
chiropractors, naturopaths, acupuncturists and massage therapists; Kaiser Permanente Northwest
(Oregon / SW Washington) names The CHP Group as its network provider. The vendor does the
credentialing to Kaiser's standards. The reference covers only these two Kaiser regions.
"""

from credtrack.rules import CONFIRMED, DocumentRequirement, PayerRules

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, NCQA_36, VERIFIED

KP_WA_MANUAL = ("https://wa-provider.kaiserpermanente.org/provider-manual/patient-care/"
                "specialty/alternative")
KP_WA_MEMBERS = "https://wa.kaiserpermanente.org/html/public/services/alternative"
KP_NW_EOC = ("https://relayto.com/relayto/kaiser-permanente-nw-classic-eoc-2024-wevoz4c29botw/"
             "9Xee4afK59")
CHP_FAQ = "http://www.chpgroup.com/for-providers/network-provider-faqs.php"
CHP_BLOG = "http://www.chpgroup.com/blog"

RULES = PayerRules(
    id="kaiser",
    name="Kaiser Permanente (Washington and Northwest)",
    kind="commercial",
    provider_types=("massage-therapist",),
    states=("WA", "OR"),
    documents=(
        DocumentRequirement(
            "license", "State massage therapist license", per_state=True,
            note="all contracted CAM providers meet Kaiser credentialing standards and state "
                 "licensing",
            source=KP_WA_MANUAL, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "referral", "Physician referral (Kaiser Washington)", per_patient=True,
            note="most KP Washington plans cover massage with a referral from the PCP or "
                 "personal physician, given when medically necessary; Kaiser Northwest needs no "
                 "prior authorization from a participating provider, up to the visit limit",
            source=KP_WA_MEMBERS, confidence=CONFIRMED,
        ),
    ),
    caqh_required=False,
    route="network",
    route_address=("Washington: Tivity Health (WholeHealth Networks); Northwest (OR/SW WA): "
                   "The CHP Group, chpgroup.com"),
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=36,
    sources=(KP_WA_MANUAL, KP_WA_MEMBERS, KP_NW_EOC, CHP_FAQ, CHP_BLOG,
             "https://bearheartbodywork.com/insurance", NCQA_36),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes=(
        "Apply to the vendor, not to Kaiser: its documents, liability limits, CAQH use and "
        "turnaround are unconfirmed for both Tivity and CHP (the 36-month recredentialing "
        "cycle is the NCQA default). Other KP Washington practitioners use the Washington "
        "Practitioner Application in CAQH ProView (secondary), but massage goes through "
        "Tivity. The CHP Group recruited massage therapists in coastal, southern, central and "
        "eastern Oregon (about 2015); you request an application by online form or e-mail. "
        "CHP reviews charts against its record-keeping standards and facilities by an Office "
        "Facility Questionnaire attestation plus random site visits; members mostly have "
        "direct access. KP Washington's Complementary Choices gives members 20% off when "
        "coverage or referral criteria are not met. Kaiser Northwest excludes dermal friction, "
        "East Asian massage/tui na, qi gong, and maintenance care without symptoms. "
        + CADENCE_NOTE
    ),
)
