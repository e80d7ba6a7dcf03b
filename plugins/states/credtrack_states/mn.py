"""Minnesota: no state license (MDH Office of Unlicensed Complementary and Alternative Practice)."""

from credtrack.rules import (
    CONFIRMED, NONE, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate, RenewalRule,
    StateRules,
)

STATUTE = "https://codes.findlaw.com/mn/health-ch-144-159/mn-st-sect-146a-01/"
MDH = "https://www2cdn.web.health.state.mn.us/facilities/providers/compalt/types.html"
SF1131 = ("https://www.revisor.mn.gov/bills/94/2025/0/SF/1131/versions/latest?body=Senate&"
          "list=open")

RULES = StateRules(
    code="MN",
    name="Minnesota",
    regulation=NONE,
    board="none (MDH Office of Unlicensed Complementary and Alternative Health Care Practice, "
          "Minn. Stat. ch. 146A)",
    board_url=MDH,
    credential="none statewide (unlicensed complementary and alternative health care "
               "practitioner; city licenses may apply)",
    renewal=RenewalRule(basis=UNKNOWN, confidence=UNCONFIRMED, text="no state license",
                        source=STATUTE),
    ce=CERequirement(hours=None, confidence=UNCONFIRMED, source=STATUTE,
                     text="no state CE requirement: Minnesota has no state massage license"),
    liability=LiabilityMandate(required=None, text="n/a: no state license",
                               confidence=UNCONFIRMED),
    other_requirements=(
        "give clients the written client bill of rights (Minn. Stat. 146A.11)",
        "display the statement 'THE STATE OF MINNESOTA HAS NOT ADOPTED ANY EDUCATIONAL AND "
        "TRAINING STANDARDS...' (Minn. Stat. 146A.11)",
    ),
    sources=(STATUTE, "https://www.djholtlaw.com/message-therapy-laws-minnesota/", MDH, SF1131),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://codes.findlaw.com/mn/health-ch-144-159/mn-st-sect-146a-01/',
         'current 2023-01-01'),
    ),
    verified="2026-11-22",
    notes="Massage is an unlicensed complementary and alternative practice (146A.01). Cities may "
          "license. Pending: SF 1131 (introduced 2025-02-06) would create state licensure.",
    confidence=CONFIRMED,
)
