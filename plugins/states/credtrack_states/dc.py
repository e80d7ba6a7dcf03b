"""District of Columbia: Board of Massage Therapy (DC Health, HRLA)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, FIXED_DATE, LICENSE, ODD, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

CE_RULE = ("https://print.casetext.com/regulation/district-of-columbia-administrative-code/"
           "title-17-business-occupations-and-professionals/chapter-17-75-massage-therapy/"
           "rule-17-7506-continuing-education-requirements")
DCMR = "https://www.readkong.com/page/district-of-columbia-municipal-8173025"

RULES = StateRules(
    code="DC",
    name="District of Columbia",
    regulation=LICENSE,
    board="DC Board of Massage Therapy (DC Health, Health Regulation and Licensing "
          "Administration)",
    board_url="https://dchealth.dc.gov/service/massage-therapy-licensing",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=1, day=31, parity=ODD,
        text="expires at midnight January 31 of each odd-numbered year (17 DCMR 7501.1)",
        source=DCMR,
        confidence=CONFIRMED,
        note="17 DCMR 7501.2 lets the Director move renewals to the last day of the birth month. "
             "An old DOH page saying December 31 of odd years is superseded.",
    ),
    ce=CERequirement(
        hours=14,
        subjects=(
            SubjectMinimum("ethics", 3, source=CE_RULE),
            SubjectMinimum("health-equity", 2, source=CE_RULE,
                           note="LGBTQ cultural competency"),
        ),
        min_in_person_hours=6,
        first_period=FIRST_EXEMPT,
        carry_over_max=None,
        text="14 hours per biennium: 3 professional ethics; 9 massage-related, of which 6 hands-on "
             "massage technique in a live classroom; 2 LGBTQ cultural competency; 10% of the total "
             "in Director-designated public health priority topics. Not required for initial "
             "licensure or the first renewal",
        source=CE_RULE,
        confidence=CONFIRMED,
        note="14 hours for licenses expiring on or after 2021-01-31 (12 before).",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    other_requirements=(
        "CPR and first aid completed in person and kept valid throughout the licensure period",
        "criminal background check and fingerprints at renewal (since the 2013 cycle)",
    ),
    document_kinds=("cpr", "first-aid"),
    sources=(CE_RULE, DCMR, "https://dchealth.dc.gov/node/146342",
             "http://dcrules.elaws.us/dcr/7/24/2015/5561027"),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://print.casetext.com/regulation/district-of-columbia-administrative-code/title-17-business-occupations-and-professionals/chapter-17-75-massage-therapy/rule-17-7506-continuing-education-requirements',
         'current through 2024-12-13'),
        ('https://www.readkong.com/page/district-of-columbia-municipal-8173025',
         'compilation updated 2017-10-06'),
    ),
    verified="2026-11-22",
)
