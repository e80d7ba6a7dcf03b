"""Idaho: Board of Massage Therapy (Division of Occupational and Professional Licenses)."""

from credtrack.rules import (
    BIRTHDAY, CONFIRMED, FIRST_EXEMPT, LICENSE, UNCONFIRMED, CERequirement, LiabilityMandate,
    RenewalRule, StateRules, SubjectMinimum,
)

STATUTE = "https://www.lawserver.com/law/state/idaho/id-code/idaho_code_67-2614"
CE_PAGE = "https://dopl.idaho.gov/mas/mas-ce-and-audit-info/"

RULES = StateRules(
    code="ID",
    name="Idaho",
    regulation=LICENSE,
    board="Idaho Board of Massage Therapy (Division of Occupational and Professional Licenses, "
          "formerly IBOL)",
    board_url="https://dopl.idaho.gov/mas/mas-licensing",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=BIRTHDAY, cycle_years=1, min_first_term_days=366,
        text="annually on or before your birthday; the first renewal is 12 months after the "
             "next birthday following issuance (DOPL default, Idaho Code 67-2614)",
        source=STATUTE,
        confidence=UNCONFIRMED,
        note="The DOPL default rule; that it applies to massage therapists is unconfirmed.",
    ),
    ce=CERequirement(
        hours=6,
        subjects=(SubjectMinimum("ethics", 1, source=CE_PAGE),),
        first_period=FIRST_EXEMPT,
        carry_over_max=None,
        text="6 hours per year in the 12 months before renewal, including 1 ethics; required "
             "from the second renewal; online accepted",
        source=CE_PAGE,
        confidence=CONFIRMED,
        note="Online CE accepted (Rule 502.03). CPR/first aid is not required but may count.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        "https://ibol.idaho.gov/IBOL/BoardAdditional.aspx?Bureau=MAS&BureauLinkID=130",
        CE_PAGE,
        "https://dopl.idaho.gov/mas/mas-licensing",
        STATUTE,
        "https://regulations.justia.com/states/idaho/24/24-27-01/section-24-27-01-501/",
    ),
    verified="2026-11-22",
    notes="Licensure mandatory from 2013-07-01.",
)
