"""New York: State Education Department, Office of the Professions (massage therapy)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, LICENSE, SELF_STUDY, SECONDARY, UNCONFIRMED, UNKNOWN, CECap,
    CERequirement, LiabilityMandate, RenewalRule, StateRules,
)

QA = "https://www.op.nysed.gov/professions/massage-therapy/continuing-education-questions-answers-licensed"

RULES = StateRules(
    code="NY",
    name="New York",
    regulation=LICENSE,
    board="New York State Education Department, Office of the Professions - "
          "State Board for Massage Therapy",
    board_url="https://www.op.nysed.gov/professions/massage-therapy",
    credential="Licensed Massage Therapist (LMT); practice requires a current triennial registration",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=3,
        text="triennial registration; the first registration is prorated so renewals fall in the "
             "birth month. The exact day is not in the sources: enter the date on your registration",
        source=QA,
        confidence=UNCONFIRMED,
    ),
    ce=CERequirement(
        hours=36,
        caps=(CECap(delivery=SELF_STUDY, max_hours=12, source=QA),),
        first_period=FIRST_EXEMPT,
        text="36 hours per three-year registration period (1 hour per month), at most 12 "
             "self-instructional; none for the period in which first licensed",
        source=QA,
        confidence=CONFIRMED,
    ),
    liability=LiabilityMandate(required=False, text="no state mandate found", confidence=SECONDARY),
    sources=(
        QA,
        "https://op-prod.nysed.gov/professions/massage-therapy/continuing-education",
        "https://nysenate.gov/legislation/laws/EDN/7807",
        "http://nyrules.elaws.us/register/10/5/2011/edu-26-11-00014-a",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://www.op.nysed.gov/professions/massage-therapy/continuing-education-questions-answers-licensed',
         'undated; effective 2012-01-01 rule'),
        ('http://nyrules.elaws.us/register/10/5/2011/edu-26-11-00014-a',
         'adopted 2011-10-05'),
    ),
    verified="2026-11-22",
    notes="The license is for life; the registration is what expires. A CPR course within 3 years "
          "before initial licensure. Human-trafficking courses are not accepted as CE (secondary).",
)
