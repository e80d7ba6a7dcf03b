"""Tennessee: Massage Licensure Board (Department of Health, Health Related Boards)."""

from credtrack.rules import (
    CONFIRMED, EVEN, FIRST_CHART, FIXED_DATE, LICENSE, REMOTE, UNCONFIRMED, UNKNOWN, CECap,
    CERequirement, ChartRow, LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

CE_PAGE = ("https://www.tn.gov/health/health-program-areas/health-professional-boards/ml-board/"
           "ml-board/continuing-education.html")
CE_RULE = "https://www.law.cornell.edu/regulations/tennessee/Tenn-Comp-R-Regs-0870-01-.12"
RENEWAL_RULE = ("https://regulations.justia.com/states/tennessee/title-0870/chapter-0870-01/"
                "section-0870-01-10/")

RULES = StateRules(
    code="TN",
    name="Tennessee",
    regulation=LICENSE,
    board="Tennessee Massage Licensure Board (Department of Health, Health Related Boards)",
    board_url=CE_PAGE,
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=2, grace_days=60,
        text="every two years on a date set by the Division's biennial alternative interval "
             "renewal system: enter the expiration date printed on your renewal notice or license",
        source=RENEWAL_RULE,
        confidence=UNCONFIRMED,
        note="Tenn. Comp. R. & Regs. 0870-01-.10: a license not renewed within 60 days after "
             "expiry is administratively revoked.",
    ),
    ce=CERequirement(
        hours=24,
        subjects=(
            SubjectMinimum("laws-and-rules", 2, note="Tennessee statutes and rules, "
                                                     "board-approved", source=CE_PAGE),
            SubjectMinimum("ethics", 2, note="management of practice, professional ethics or "
                                             "substance abuse", source=CE_PAGE),
        ),
        caps=(CECap(delivery=REMOTE, max_hours=8, note="multimedia or online", source=CE_PAGE),),
        first_period=FIRST_CHART,
        first_chart=(
            # month of licensure within the cycle (1 = January of its first year) -> hours:
            # the rows the stored copy of the board's New Licensee Pro-Ration Chart shows
            ChartRow(1, 1, 24, "January, first year"),
            ChartRow(2, 2, 23, "February, first year"),
            ChartRow(3, 3, 22, "March, first year"),
            ChartRow(13, 13, 12, "January, second year"),
            ChartRow(14, 14, 11, "February, second year"),
            ChartRow(15, 15, 10, "March, second year"),
            ChartRow(21, 24, 4, "September-December, second year: the 2 + 2 required subjects"),
        ),
        first_source=CE_PAGE,
        carry_over_max=None,
        period=RenewalRule(
            basis=FIXED_DATE, cycle_years=2, month=12, day=31, parity=EVEN,
            text="calendar biennium: January 1 of an odd year to December 31 of the next even year",
            source=CE_PAGE,
            confidence=CONFIRMED,
        ),
        text="24 hours per calendar biennium (Jan 1 odd year - Dec 31 even year), including 2 "
             "Tennessee statutes and rules and 2 management of practice/ethics/substance abuse; "
             "at most 8 multimedia/online",
        source=CE_PAGE,
        confidence=CONFIRMED,
        read="2026-12-01",
        note="New licensees: prorated by the month of licensure per the board's chart (e.g. "
             "March of the second year: 10 hours; Sept-Dec of the second year: 4 hours). The "
             "stored copy of the chart is cut off after March of the first year: months not in "
             "it are reported as unknown. The CE due date is the same for every licensee. "
             "Retired-status return: 1 hour per month active, minimum 4.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        CE_RULE,
        CE_PAGE,
        RENEWAL_RULE,
        "https://legalfix.com/statutes/state-codes/tennessee/title-63/chapter-18/section-63-18-105",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/tennessee/title-0870/chapter-0870-01/section-0870-01-10/',
         'current through 2024-04-03'),
    ),
    verified="2026-11-22",
    notes="License expiry and CE cycle are decoupled: each license expires on its own date, while "
          "CE runs on the fixed calendar biennium. Licensure: 500 hours and a board-approved "
          "competency exam (MBLEx).",
)
