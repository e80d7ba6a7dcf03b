"""South Dakota: Board of Massage Therapy (Department of Health)."""

from credtrack.rules import (
    CONFIRMED, EVEN, FIRST_UNKNOWN, FIXED_DATE, LICENSE, CECap, CERequirement, LiabilityMandate,
    RenewalRule, StateRules,
)

TERM = "https://sdlegislature.gov/Session/Bill/26219/280819"
CE_RULE = "https://sdlegislature.gov/Rules/Administrative/DisplayRule.aspx?Rule=20%3A76%3A03"
CE_PAGE = ("https://webcf.waybackmachine.org/web/20230527072439/https://doh.sd.gov/boards/massage/"
           "continuinged.aspx")
RENEW = "https://www.sdbmt.org/renewal/"
INSURANCE = "https://www.lawserver.com/law/state/south-dakota/sd-laws/south_dakota_laws_36-35-21"

RULES = StateRules(
    code="SD",
    name="South Dakota",
    regulation=LICENSE,
    board="South Dakota Board of Massage Therapy (Department of Health)",
    board_url=RENEW,
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=1, month=9, day=30,
        text="annual: valid until the September 30 following the date of issue",
        source=TERM,
        confidence=CONFIRMED,
        note="SDCL 36-35-12.3 as quoted in 2025 HB 1247. A bill summary words the first term as "
             "'Sept 30 of the year following issuance': check your first expiry. HB 1247 (expire "
             "two years from issue) was apparently not enacted; 2026 changes unconfirmed. "
             "Renewal fee $65.",
    ),
    ce=CERequirement(
        hours=8,
        caps=(CECap(subjects=("cpr",), max_hours=4, source=CE_PAGE),),
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        period=RenewalRule(
            basis=FIXED_DATE, cycle_years=2, month=9, day=30, parity=EVEN,
            text="two-year CE cycle from October 1 of an even year to September 30 of the next "
                 "even year",
            source=CE_RULE,
            confidence=CONFIRMED,
        ),
        text="8 hours per two-year cycle (Oct 1 even year - Sept 30 next even year); all may be "
             "online; CPR up to 4 hours; prorated in six-month increments for licensees first "
             "licensed during a cycle",
        source=CE_RULE,
        confidence=CONFIRMED,
        note="ARSD 20:76:03. An in-person board meeting counts up to 2 hours. No repeating a course "
             "in consecutive cycles. SB 70 (2007) cut CE from 16 to 8 hours per 2 years.",
    ),
    liability=LiabilityMandate(
        required=True, per_claim=250_000,
        text="malpractice/professional liability insurance of at least $250,000 per occurrence "
             "(SDCL 36-35-21); proof at renewal",
        source=INSURANCE,
        confidence=CONFIRMED,
    ),
    license_number_pattern=r"MT\d{5}",
    license_number_confidence=CONFIRMED,
    other_requirements=("proof of at least $250,000 malpractice insurance at renewal",),
    document_kinds=("liability-coi",),
    sources=(
        CE_PAGE,
        INSURANCE,
        "https://statutes.laws.com/south-dakota/title-36/chapter-35/statute-36-35-12",
        "https://sdlegislature.gov/Session/Bill/3986/27049",
        "https://fastdemocracy.com/bill-summary/?billsummary_id=SDB00007270&billsummary_session=2025"
        "&billsummary_state=sd",
        TERM,
        CE_RULE,
        RENEW,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://webcf.waybackmachine.org/web/20230527072439/https://doh.sd.gov/boards/massage/continuinged.aspx',
         'captured 2023-05-27'),
        ('https://fastdemocracy.com/bill-summary/?billsummary_id=SDB00007270&billsummary_session=2025&billsummary_state=sd',
         'introduced 2025-02-05'),
        ('https://sdlegislature.gov/Session/Bill/26219/280819',
         '2025 HB 1247 text'),
        ('https://sdlegislature.gov/Rules/Administrative/DisplayRule.aspx?Rule=20%3A76%3A03',
         'source notes to 43 SDR 181, eff. 2017-07-10'),
        ('https://www.sdbmt.org/renewal/',
         'undated; refers to the 2022–2024 cycle'),
    ),
    verified="2026-11-22",
    notes="Annual license (Sept 30) with CE counted over a separate fixed two-year window. License "
          "number shape MT + 5 digits (board renewal login). Pending: 2025 HB 1247 would make "
          "licenses expire two years from issue and require the license number in ads. "
          "Licensure: 500 hours and a board-approved national exam.",
)
