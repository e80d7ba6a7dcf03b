"""Carpenters Health and Security Plan of Western Washington (a union health trust).

Since 2019-06-01 the plan pays massage therapy by a licensed massage therapist, network and
non-network alike, within a 24-visit calendar-year maximum shared with chiropractic care and
acupuncture, at 20% coinsurance, one massage a day. How a therapist joins the plan's network is
not stated in credtrack's sources. (The plan, later named Northwest Carpenters, kept the
shared 24-visit maximum in 2022.)
"""

from credtrack.rules import Limit, PayerRules

from ._common import CONFIRMED, READ_DEC, VERIFIED, YES, cred, fact

MASSAGE = "http://ctww.org/html/hspd-0745.htm"
ACUPUNCTURE_2022 = "https://www.carpentersbenefits.org/html/hspd-0555.htm"
SHARED = ("chiropractic", "acupuncture")

RULES = PayerRules(
    id="carpenters-wa",
    name="Carpenters Health and Security Plan of Western Washington",
    kind="health-trust",
    provider_types=("massage-therapist",),
    states=("WA",),
    credentialing=(
        cred(YES, "The plan pays massage therapy by a licensed massage therapist, network and "
             "non-network.", MASSAGE, date="2019-08-16"),
    ),
    documents=(),
    limits=(
        Limit(max=24, unit="visits", per="calendar-year", shared_with=SHARED,
              text="A 24-visit calendar-year maximum combined for massage therapy, chiropractic "
                   "care and acupuncture.", source=MASSAGE, read=READ_DEC,
              source_date="2019-08-16", confidence=CONFIRMED,
              note=f"the same shared maximum in 2022: {ACUPUNCTURE_2022}"),
        Limit(max=1, unit="visits", per="date-of-service",
              text="No benefit for more than one massage per day.", source=MASSAGE,
              read=READ_DEC, source_date="2019-08-16", confidence=CONFIRMED),
    ),
    caqh_required=False,
    route="unknown",
    route_address="",
    recredential_months=None,
    facts=(
        fact("coverage", "Effective 2019-06-01: 80% network and non-network; the 20% "
             "coinsurance does not count toward the $2,300 coinsurance or $4,000 out-of-pocket "
             "maximums; massage therapy only (no lubricants or other services); not available "
             "under retiree coverage for those eligible for Medicare.", MASSAGE,
             date="2019-08-16"),
        fact("coverage", "The Northwest Carpenters plan's acupuncture benefit (2022) shares the "
             "24-visit maximum with massage therapy and chiropractic care.", ACUPUNCTURE_2022,
             date="2022-01-03"),
    ),
    sources=(MASSAGE, ACUPUNCTURE_2022),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes="Ask the plan's administrator how to become a network provider; non-network massage "
          "is paid at the same 80%.",
)
