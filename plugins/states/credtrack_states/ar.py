"""Arkansas: Department of Health, with the Massage Therapy Technical Advisory Committee."""

from credtrack.rules import (
    BIRTHDAY, FIRST_UNKNOWN, LICENSE, SECONDARY, UNCONFIRMED, YEARS_UNKNOWN, CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

RULES_QUOTE = "https://massagearkansas.com/?p=1203"

RULES = StateRules(
    code="AR",
    name="Arkansas",
    regulation=LICENSE,
    board="Arkansas Department of Health (Massage Therapy Technical Advisory Committee; the State "
          "Board of Massage Therapy was abolished in 2015)",
    credential="Massage Therapist (LMT); higher tiers Master Massage Therapist and Massage "
               "Therapy Instructor",
    renewal=RenewalRule(
        basis=BIRTHDAY, cycle_years=2, parity=YEARS_UNKNOWN, submit_by="first-of-previous-month",
        text="expires on your birthday in the biennial renewal year; renewal must be postmarked "
             "by the 1st of the month before the birth month. Which years are renewal years is "
             "not in the sources: enter the expiry date printed on your license",
        source=RULES_QUOTE,
        confidence=UNCONFIRMED,
        note="A $25 late fee applies after the postmark deadline; the license has expired if "
             "postmarked after the birthday (Rules for Massage Therapy eff. 2022-08-01, as "
             "quoted by the state association).",
    ),
    ce=CERequirement(
        hours=18,
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="18 hours per biennium; required subjects and limits unconfirmed",
        source=RULES_QUOTE,
        confidence=SECONDARY,
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        RULES_QUOTE,
        "https://law.uslawyerdatabase.com/category/us-law/2020-arkansas-code/title-17-professions-"
        "occupations-and-businesses/subtitle-3-medical-professions/chapter-86-massage-therapists",
        "https://codes.findlaw.com/ar/title-17-professions-occupations-and-businesses/"
        "ar-code-sect-17-86-303/",
        "https://legalclarity.org/arkansas-massage-board-licensing-requirements",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://codes.findlaw.com/ar/title-17-professions-occupations-and-businesses/ar-code-sect-17-86-303/',
         'current 2024-03-28'),
    ),
    verified="2026-11-22",
    notes="Two dates per cycle: postmark by the 1st of the month before the birth month, expiry "
          "on the birthday. MBLEx plus an Arkansas law exam (secondary). Student learning "
          "permit since 2024-01-01.",
    confidence=SECONDARY,
)
