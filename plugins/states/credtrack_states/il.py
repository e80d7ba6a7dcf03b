"""Illinois: Department of Financial and Professional Regulation (IDFPR), Massage Licensing Board."""

from credtrack.rules import (
    CONFIRMED, EVEN, FIRST_EXEMPT, FIXED_DATE, LICENSE, SECONDARY, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

RULE = "https://regulations.justia.com/states/illinois/title-68/part-1284/section-1284-90"
PA_103_0039 = "https://ilga.gov/Legislation/publicacts/view/103-0039"
INSTRUCTIONS = "https://1library.net/document/y96k8pjr-instruction-sheet-massage-therapist.html"

RULES = StateRules(
    code="IL",
    name="Illinois",
    regulation=LICENSE,
    board="Illinois Department of Financial and Professional Regulation (IDFPR), Massage "
          "Licensing Board",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=12, day=31, parity=EVEN,
        text="December 31 of each even-numbered year (statewide)",
        source=INSTRUCTIONS,
        confidence=SECONDARY,
        read="2026-12-01",
        note="Only a copy of the IDFPR instruction sheet (packet updated 2015-04-22) on a document "
             "site says so: secondary until the rule or IDFPR page is read (re-verified "
             "2026-12-01).",
    ),
    ce=CERequirement(
        hours=25,
        subjects=(
            SubjectMinimum("ethics", 2, source=RULE),
            SubjectMinimum("domestic-violence", 1, source=PA_103_0039,
                           note="domestic violence and sexual assault awareness, every renewal"),
        ),
        first_period=FIRST_EXEMPT,
        carry_over_max=0,
        text="25 hours per biennium (statute since 2024-01-01; 24 before), including 2 ethics and "
             "1 domestic violence and sexual assault awareness; none for the first renewal; "
             "no carry-over",
        source=PA_103_0039,
        confidence=CONFIRMED,
        note="The rule text (68 IAC 1284.90) still says 24 hours; the statute (PA 103-0039) wins. "
             "A CE hour is 50 minutes. The current rule allows all hours by self-study with an "
             "exam (an older rule required 12 supervised). IDFPR-wide sexual-harassment and "
             "implicit-bias requirements are unconfirmed for LMTs.",
    ),
    liability=LiabilityMandate(required=False, text="no state mandate found",
                               confidence=SECONDARY),
    sources=(
        RULE,
        PA_103_0039,
        "https://ilga.gov/legislation/ilcs/documents/022500570K15.htm",
        INSTRUCTIONS,
        "https://goldberglicensing.com/massage-therapist-license-frequently-asked-questions/",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/illinois/title-68/part-1284/section-1284-90',
         'current through 2024-09-20'),
        ('https://ilga.gov/Legislation/publicacts/view/103-0039',
         'eff 2024-01-01'),
        ('https://1library.net/document/y96k8pjr-instruction-sheet-massage-therapist.html',
         'packet 2015-04-22'),
    ),
    verified="2026-11-22",
    notes="The Massage Licensing Act carries a sunset date of 2027-01-01: check whether it was "
          "extended. Board website unconfirmed (idfpr.illinois.gov).",
)
