"""South Carolina: Massage Therapy Board (Department of Labor, Licensing and Regulation)."""

from credtrack.rules import (
    CONFIRMED, EVEN, FIRST_EXEMPT, FIXED_DATE, LICENSE, SECONDARY, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

RENEW = "https://llr.sc.gov/mas/masren.aspx"
STATUTE = ("https://casetext.com/statute/code-of-laws-of-south-carolina-1976/title-40-professions-"
           "and-occupations/chapter-30-massage-therapy-practice/section-40-30-180-renewal-of-"
           "license")
DEXTERITY = "https://dexteritypd.com/course-approvals-usa/south-carolina/?v=e4b09f3f8402"

RULES = StateRules(
    code="SC",
    name="South Carolina",
    regulation=LICENSE,
    board="South Carolina Massage Therapy Board (LLR; formerly the Massage/Bodywork Panel)",
    board_url=RENEW,
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=6, day=30, parity=EVEN,
        text="June 30 of even-numbered years (current cycle 2024-07-01 to 2026-06-30)",
        source=RENEW,
        confidence=CONFIRMED,
        note="Lapsed after June 30; a license lapsed more than 1 year is canceled (SC Code "
             "40-30-180). Notices go out in early April. Renewal fee $75.",
    ),
    ce=CERequirement(
        hours=12,
        first_period=FIRST_EXEMPT,
        carry_over_max=None,
        text="12 hours per biennium; waived for the first renewal; mandated subjects unconfirmed",
        source=DEXTERITY,
        confidence=SECONDARY,
        note="Reported via CE Broker (secondary); random audits (SC Code 40-30-180).",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        RENEW,
        STATUTE,
        "https://www.llr.sc.gov/mas/faq.aspx",
        "https://scstatehouse.gov/code/t40c030.php",
        DEXTERITY,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://casetext.com/statute/code-of-laws-of-south-carolina-1976/title-40-professions-and-occupations/chapter-30-massage-therapy-practice/section-40-30-180-renewal-of-license',
         'current through 2024 Act 225'),
    ),
    verified="2026-11-22",
    notes="Massage Therapy Practice Act (2022 Act No. 151) effective 2023-05-13. New curriculum "
          "650 hours (500 before); MBLEx.",
)
