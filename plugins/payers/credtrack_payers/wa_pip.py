"""Washington PIP (auto personal injury protection): pays care by Title 18 licensees.

RCW 48.22.005(7) defines PIP medical and hospital benefits as payments for health care services
provided by persons licensed under Title 18 RCW, which includes licensed massage therapists
(RCW 18.108), for expenses incurred within three years of the accident. PIP coverage is
optional for the insured, and there is no network to join: bill the insurer.
"""

from credtrack.rules import PayerRules, ReferralRule

from ._common import CONFIRMED, READ_NOV, SECONDARY, VERIFIED, YES, cred, fact

RCW_48_22_005 = "https://app.leg.wa.gov/rcw/default.aspx?cite=48.22.005"
RCW_18_108 = "https://app.leg.wa.gov/rcw/default.aspx?cite=18.108"
SWANSON_2010 = "http://www.larryswanson.com/articles/become-preferred-provider/"

RULES = PayerRules(
    id="wa-pip",
    name="Washington PIP (auto personal injury protection)",
    kind="auto",
    provider_types=("massage-therapist",),
    states=("WA",),
    credentialing=(
        cred(YES, "PIP medical benefits pay for health care services by persons licensed under "
             "Title 18 RCW, which includes licensed massage therapists (RCW 18.108).",
             RCW_48_22_005),
    ),
    documents=(),
    referrals=(
        ReferralRule(required=None, kind="prescription", prescribers=("physician",),
                     text="A 2010 article says LMPs bill PIP insurers for massage done under a "
                          "physician's prescription, at their usual medical-massage rate; the "
                          "statute itself names no prescription.", source=SWANSON_2010,
                     read=READ_NOV, source_date="2010-02", confidence=SECONDARY),
    ),
    caqh_required=False,
    route="none",
    recredential_months=None,
    facts=(
        fact("law", "Benefits cover expenses incurred within three years of the accident; PIP "
             "coverage is optional (the insured may reject it).", RCW_48_22_005),
        fact("law", "Licensed massage therapists are licensed under chapter 18.108 RCW, part "
             "of Title 18.", RCW_18_108, confidence=CONFIRMED),
    ),
    sources=(RCW_48_22_005, RCW_18_108, SWANSON_2010),
    verified=VERIFIED,
    confidence=CONFIRMED,
)
