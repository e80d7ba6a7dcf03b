"""Kaiser Permanente: massage therapists join through its CAM network vendors.

Kaiser Permanente Washington contracts Tivity Health (WholeHealth Networks) to manage its
chiropractors, naturopaths, acupuncturists and massage therapists; Kaiser Permanente Northwest
(Oregon / SW Washington) names The CHP Group (see ``chp-group``) as its network provider. The
vendor credentials to Kaiser's standards. Only these two Kaiser regions were researched.
"""

from credtrack.rules import AuthRule, DocumentRequirement, PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    VERIFIED, YES, cred, fact, wa_first_six,
)

KP_WA_MANUAL = ("https://wa-provider.kaiserpermanente.org/provider-manual/patient-care/"
                "specialty/alternative")
KP_WA_MEMBERS = "https://wa.kaiserpermanente.org/html/public/services/alternative"
KP_NW_EOC = ("https://relayto.com/relayto/kaiser-permanente-nw-classic-eoc-2024-wevoz4c29botw/"
             "9Xee4afK59")
CHP_FAQ = "http://www.chpgroup.com/for-providers/network-provider-faqs.php"
MEDIBILL = "https://medibillmd.com/blog/kaiser-permanente-credentialing"
NW = "Kaiser Permanente Northwest"
WA_PLAN = "Kaiser Permanente Washington"

RULES = PayerRules(
    id="kaiser",
    name="Kaiser Permanente (Washington and Northwest)",
    kind="commercial",
    provider_types=("massage-therapist",),
    states=("WA", "OR"),
    credentialing=(
        cred(YES, "Kaiser contracts massage therapists through its CAM network vendors (Tivity "
             "in Washington, The CHP Group in the Northwest), all meeting Kaiser's "
             "credentialing standards and state licensing.", KP_WA_MANUAL, read=READ_NOV),
    ),
    documents=(
        DocumentRequirement(
            "license", "State massage therapist license", per_state=True,
            note="all contracted CAM providers meet Kaiser credentialing standards and state "
                 "licensing", source=KP_WA_MANUAL, confidence=CONFIRMED, read=READ_NOV),
    ),
    referrals=(
        ReferralRule(
            required=True, kind="referral", prescribers=("PCP or personal physician",),
            plan=WA_PLAN, states=("WA",),
            text="Massage therapy needs a referral from the member's doctor, given when the "
                 "doctor finds it medically necessary (most plans).",
            source=KP_WA_MEMBERS, read=READ_DEC, confidence=CONFIRMED),
    ),
    authorizations=(
        AuthRule(
            required=False, plan=NW,
            text="Therapeutic massage from a participating provider needs no prior "
                 "authorization, up to the plan's visit limit.",
            source=KP_NW_EOC, read=READ_NOV, source_date="2024", confidence=CONFIRMED),
        wa_first_six(plan=WA_PLAN),
    ),
    caqh_required=False,
    route="network",
    route_address=("Washington: Tivity Health (WholeHealth Networks); Northwest (OR/SW WA): "
                   "The CHP Group (see chp-group)"),
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=None,
    facts=(
        fact("route", "Kaiser Washington contracts Tivity Health to manage its network of "
             "chiropractors, naturopaths, acupuncturists and massage therapists: apply to the "
             "vendor.", KP_WA_MANUAL, read=READ_NOV, plan=WA_PLAN),
        fact("route", "The CHP Group is Kaiser Northwest's network provider for therapeutic "
             "massage.", KP_NW_EOC, read=READ_NOV, date="2024", plan=NW),
        fact("credentialing", "Other Kaiser Washington practitioners complete the Washington "
             "Practitioner Application in CAQH ProView ('Kaiser Foundation Health Plan, "
             "Washington Region').", MEDIBILL, read=READ_NOV, confidence=SECONDARY,
             plan=WA_PLAN),
        fact("coverage", "Kaiser Northwest excludes dermal friction technique, East Asian "
             "massage/tui na, qi gong, and maintenance care without symptoms.", KP_NW_EOC,
             read=READ_NOV, date="2024", plan=NW),
        fact("coverage", "Kaiser Washington's Complementary Choices gives members 20% off when "
             "coverage or referral criteria are not met or covered visits are used up.",
             KP_WA_MEMBERS, read=READ_DEC, plan=WA_PLAN),
        fact("recredentialing", "Neither Kaiser nor its vendors state a recredentialing cycle "
             "in credtrack's sources: unknown.", KP_WA_MANUAL, read=READ_DEC),
    ),
    sources=(KP_WA_MANUAL, KP_WA_MEMBERS, KP_NW_EOC, CHP_FAQ, MEDIBILL),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes="Apply to the vendor, not to Kaiser; its documents, limits and turnaround are not "
          "published for Tivity. " + CADENCE_NOTE,
)
