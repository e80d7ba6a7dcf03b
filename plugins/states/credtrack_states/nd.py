"""North Dakota: Board of Massage Therapy."""

from credtrack.rules import (
    CONFIRMED, FIXED_DATE, LICENSE, LICENSE_NUMBER, REMOTE, SECONDARY, UNCONFIRMED, CECap,
    CERequirement, LiabilityMandate, RenewalRule, StateRules, SubjectMinimum, Tier,
)

STATUTE = ("https://casetext.com/statute/north-dakota-century-code/title-43-occupations-and-"
           "professions/chapter-43-25-massage-therapists/section-43-25-09-license-display-"
           "renewal-renewal-fee")

RULES = StateRules(
    code="ND",
    name="North Dakota",
    regulation=LICENSE,
    board="North Dakota Board of Massage Therapy",
    board_url="https://www.ndbmt.org",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=2, day=28, parity=LICENSE_NUMBER,
        text="February 28; odd-numbered licenses renew in odd years, even-numbered in even years",
        source=STATUTE,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=24,
        subjects=(
            SubjectMinimum("ethics", 3, only_first_period=True, in_first_period=True,
                           note="at the first renewal after licensure (statute; the board's "
                                "older page says no CE at first renewal)",
                           source=STATUTE, confidence=UNCONFIRMED),
        ),
        caps=(CECap(delivery=REMOTE, max_fraction=0.5, source=STATUTE,
                    note="the board page says at most 10 online"),),
        min_in_person_hours=12,
        carry_over_max=0,
        tiers=(Tier(15, 6), Tier(25, 3)),
        text="24 hours per biennium (6 after 15 years of active practice, 3 after 25), 12 in "
             "hands-on classroom, at most half remote, no carry-over",
        source=STATUTE,
        confidence=SECONDARY,
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    license_number_pattern=r"\d+",
    license_number_confidence=SECONDARY,
    sources=(STATUTE, "https://www.ndbmt.org/lic%2Frenew%2Findex.asp",
             "https://d10-web-app.abmp.com/updates/legislative-updates/north-dakota"),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://casetext.com/statute/north-dakota-century-code/title-43-occupations-and-professions/chapter-43-25-massage-therapists/section-43-25-09-license-display-renewal-renewal-fee',
         'current through 2024 session'),
    ),
    verified="2026-11-22",
    notes="ND jurisprudence exam at licensure.",
)
