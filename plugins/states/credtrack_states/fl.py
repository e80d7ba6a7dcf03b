"""Florida: Board of Massage Therapy (Department of Health, MQA)."""

from credtrack.rules import (
    CONFIRMED, FIRST_PER_MONTH, FIXED_DATE, LICENSE, ODD, SECONDARY, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

CE_RULE = "https://regulations.justia.com/states/florida/64/64b7/chapter-64b7-28/section-64b7-28-009"
HT = "https://www.flhealthsource.gov/humantrafficking/"

RULES = StateRules(
    code="FL",
    name="Florida",
    regulation=LICENSE,
    board="Florida Board of Massage Therapy (Department of Health, Medical Quality Assurance)",
    board_url="https://floridasmassagetherapy.gov",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=8, day=31, parity=ODD,
        text="August 31 of odd-numbered years (biennial)",
        source="https://floridasmassagetherapy.gov/licensing/licensed-massage-therapist-lmt",
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=24,
        subjects=(
            SubjectMinimum("medical-errors", 2, in_first_period=True, source=CE_RULE),
            SubjectMinimum("laws-and-rules", 2, source=CE_RULE),
            SubjectMinimum("ethics", 2, source=CE_RULE),
            SubjectMinimum("human-trafficking", 1, in_first_period=True, source=HT,
                           note="every renewal"),
        ),
        min_in_person_hours=12,
        first_period=FIRST_PER_MONTH,
        hours_per_month=1,
        text="24 hours per biennium: 2 prevention of medical errors, 2 laws and rules, 2 ethics, "
             "1 human trafficking, 12 live in-person hands-on; first renewal: 1 hour per month "
             "licensed, including medical errors and human trafficking",
        source=CE_RULE,
        confidence=CONFIRMED,
    ),
    liability=LiabilityMandate(required=False, text="no state mandate found", confidence=SECONDARY),
    license_number_pattern=r"MA\d+",
    license_number_example="MA43221",
    license_number_confidence=CONFIRMED,
    sources=(
        "https://floridasmassagetherapy.gov/licensing/licensed-massage-therapist-lmt",
        CE_RULE,
        HT,
        "https://floridasmassagetherapy.gov/massage-therapy-faqs/",
        "http://flrules.elaws.us/fac/64b7-25.004/",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/florida/64/64b7/chapter-64b7-28/section-64b7-28-009',
         'current through Reg 50 No 187, 2024-09-24'),
    ),
    verified="2026-11-22",
    notes="CE is reported in CE Broker. Establishment licenses (MM) are separate.",
)
