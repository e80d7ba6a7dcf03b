"""Idaho: Board of Massage Therapy (Division of Occupational and Professional Licenses)."""

from credtrack.rules import (
    BIRTHDAY, CONFIRMED, FIRST_EXEMPT, LICENSE, SECONDARY, UNCONFIRMED, CERequirement, Conflict,
    LiabilityMandate,
    RenewalRule, StateRules, SubjectMinimum,
)

STATUTE = "https://www.lawserver.com/law/state/idaho/id-code/idaho_code_67-2614"
CE_PAGE = "https://dopl.idaho.gov/mas/mas-ce-and-audit-info/"
CE_RULE = "https://regulations.justia.com/states/idaho/24/24-27-01/section-24-27-01-501/"
ABMP = "https://abmp.com/updates/legislative-updates/idaho"

RULES = StateRules(
    code="ID",
    name="Idaho",
    regulation=LICENSE,
    board="Idaho Board of Massage Therapy (Division of Occupational and Professional Licenses, "
          "formerly IBOL)",
    board_url="https://dopl.idaho.gov/mas/mas-licensing",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=BIRTHDAY, cycle_years=1, first_skip=1,
        text="annually on or before your birthday; the first renewal is 12 months after the "
             "next birthday following issuance (DOPL default, Idaho Code 67-2614)",
        source=STATUTE,
        confidence=UNCONFIRMED,
        note="The DOPL default rule; that it applies to massage therapists is unconfirmed. "
             "Idaho Code 67-2614(2): 'twelve (12) months after the holder's next birthday "
             "following the initial licensure': the second birthday after issue.",
        read="2026-12-01",
    ),
    ce=CERequirement(
        hours=None,
        subjects=(SubjectMinimum("ethics", 1, source=CE_PAGE, confidence=UNCONFIRMED),),
        first_period=FIRST_EXEMPT,
        carry_over_max=None,
        conflict=Conflict(
            "CE hours per year",
            ("6 h incl. 1 ethics, from the second renewal (Rule 501/502, DOPL CE page)",
             "none: the CE section was repealed effective 2024-07-01 pending legislative "
             "approval (ABMP Idaho update of 2023-11-06, secondary)"),
            (CE_PAGE, ABMP),
        ),
        text="6 hours per year in the 12 months before renewal, including 1 ethics, from the "
             "second renewal - unless the repeal of the CE section (effective 2024-07-01, "
             "pending legislative approval) took effect: not confirmed",
        source=CE_PAGE,
        source_date="rule current through 2023-08-31",
        confidence=UNCONFIRMED,
        read="2026-12-01",
        note="Online CE accepted (Rule 502.03). CPR/first aid is not required but may count. "
             "ABMP's update is cited by its Idaho index page; the update's own address was not "
             "in the reference.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        "https://ibol.idaho.gov/IBOL/BoardAdditional.aspx?Bureau=MAS&BureauLinkID=130",
        CE_PAGE,
        "https://dopl.idaho.gov/mas/mas-licensing",
        STATUTE,
        CE_RULE,
        ABMP,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/idaho/24/24-27-01/section-24-27-01-501/',
         'current through 2023-08-31'),
    ),
    confidence=UNCONFIRMED,  # as a whole: the weakest of its parts (re-verified 2026-12-01)
    verified="2026-11-22",
    notes="Licensure mandatory from 2013-07-01.",
)
