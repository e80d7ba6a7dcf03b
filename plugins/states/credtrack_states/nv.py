"""Nevada: State Board of Massage Therapy."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, LICENSE, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate,
    RenewalRule, StateRules,
)

FAQ = "https://massagetherapy.nv.gov/Licensees/Frequently_Asked_Questions_-_Licensees/"
NAC = "http://nvrules.elaws.us/nac/chapter640c"
FEES = ("https://casetext.com/regulation/nevada-administrative-code/chapter-640c-massage-"
        "therapists/licensing-of-massage-therapists-reflexologists-and-structural-integration-"
        "practitioners-certification-of-massage-reflexology-and-structural-integration-"
        "establishments/section-640c095-fees")

RULES = StateRules(
    code="NV",
    name="Nevada",
    regulation=LICENSE,
    board="Nevada State Board of Massage Therapy",
    board_url="https://massagetherapy.nv.gov",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=1,
        text="annual; the expiration date rule is not confirmed: enter the expiry printed on "
             "your license",
        source=FAQ,
        confidence=UNCONFIRMED,
        note="Renewal forms go out about 90 days before expiration. Restoring an expired "
             "license costs $25 per expired month, up to $500 (NAC 640C.095). Renewal fee $295 "
             "online / $325 paper.",
    ),
    ce=CERequirement(
        hours=12,
        first_period=FIRST_UNKNOWN,
        carry_over_max=36,
        carry_over_periods=2,
        read="2026-12-01",
        text="12 hours per yearly renewal, no category requirements; up to 36 excess hours may "
             "roll over across 3 years (NAC 640C.100)",
        source=FAQ,
        confidence=CONFIRMED,
        note="Board meeting attendance counts 1 hour each, at most 8.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        FAQ,
        NAC,
        "https://law.justia.com/codes/nevada/2015/chapter-640c/statute-640c.400/",
        FEES,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://casetext.com/regulation/nevada-administrative-code/chapter-640c-massage-therapists/licensing-of-massage-therapists-reflexologists-and-structural-integration-practitioners-certification-of-massage-reflexology-and-structural-integration-establishments/section-640c095-fees',
         'current through 2024-10-11'),
    ),
    verified="2026-11-22",
    notes="The board also licenses reflexologists and structural integration practitioners. "
          "Advertisements must include the license number (NAC 640C.350). Pending: SB 386 "
          "(2025) changes.",
)
