"""Mississippi: State Board of Massage Therapy."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, FIXED_DATE, LICENSE, SECONDARY, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

RENEWAL = ("https://d1tvxue8o4w0fl.cloudfront.net/regulation/mississippi-administrative-code/"
           "title-30-mississippi-state-board-of-public-accountancy/part-2501-massage-therapy-"
           "board-of/chapter-6-license-renewal-directory-and-duplicatereplacement-wall-"
           "certificates/rule-30-2501-61-renewal")
TOTAL = "https://altuslearn.com/state-credit-requirements/mississippi/"
STATUTE = ("https://legalfix.com/statutes/state-codes/mississippi/title-73/chapter-67/"
           "section-73-67-21")

RULES = StateRules(
    code="MS",
    name="Mississippi",
    regulation=LICENSE,
    board="Mississippi State Board of Massage Therapy",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        # The first term always exceeds a year (May 31 of the second year after issue);
        # min_first_term_days does not change the date, it states that bound.
        basis=FIXED_DATE, cycle_years=2, month=5, day=31, min_first_term_days=365,
        text="valid through May 31 of the second year following issuance or renewal",
        source=RENEWAL,
        confidence=CONFIRMED,
        note="Paper renewals must be postmarked 30 days before expiration; online renewal runs "
             "from 60 days before to 90 days after expiration (late fee after expiry).",
    ),
    ce=CERequirement(
        hours=24,
        subjects=(
            SubjectMinimum("laws-and-rules", 3, source=RENEWAL,
                           note="3-hour Mississippi law/rules course each renewal"),
            SubjectMinimum("ethics", 3, source=RENEWAL, note="3-hour course each renewal"),
        ),
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="24 contact hours per two-year renewal period (secondary), including a 3-hour "
             "Mississippi law/rules course and a 3-hour ethics course; current CPR + First "
             "Aid is credited as 3 CEU",
        source=TOTAL,
        confidence=SECONDARY,
        note="The total comes from a CE provider; the primary CE-hours rule (30-2501-10.1) was "
             "not retrieved.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    other_requirements=(
        "proof of current CPR and First Aid certification at each renewal (credited as 3 CEU)",
    ),
    document_kinds=("cpr", "first-aid"),
    sources=(
        RENEWAL,
        STATUTE,
        "https://casetext.com/regulation/mississippi-administrative-code/title-30-mississippi-"
        "state-board-of-public-accountancy/part-2501-massage-therapy-board-of/chapter-4-"
        "licensing-requirements/rule-30-2501-45-reciprocity",
        TOTAL,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://d1tvxue8o4w0fl.cloudfront.net/regulation/mississippi-administrative-code/title-30-mississippi-state-board-of-public-accountancy/part-2501-massage-therapy-board-of/chapter-6-license-renewal-directory-and-duplicatereplacement-wall-certificates/rule-30-2501-61-renewal',
         'current through 2024-12-10'),
    ),
    verified="2026-11-22",
    notes="Initial licensure also requires 8 hours of CPR/first aid training, ADA familiarity, "
          "an HIV/AIDS communicable-disease course and the Mississippi State Law Examination. "
          "Board website not confirmed.",
)
