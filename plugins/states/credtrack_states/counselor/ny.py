"""New York: licensed mental health counselors (NYSED; Educ. Law art. 163)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, LICENSE, SELF_STUDY, UNCONFIRMED, UNKNOWN, CECap, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

FAQ = "http://www.op.nysed.gov/prof/mhp/catcefaq.htm"
LAW = "https://instalawyer.io/laws/new-york-laws/8412-mandatory-continuing-education"
BOUNDARIES = "https://www.op.nysed.gov/releases/advisory-notices/continuing-education"

RULES = StateRules(
    code="NY",
    name="New York",
    regulation=LICENSE,
    board="NYSED Office of the Professions",
    board_url="https://www.op.nysed.gov/",
    credential="Licensed Mental Health Counselor (LMHC)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=3,
        text="the license is for life; the registration renews every three years, the first "
             "renewal prorated onto a birth-month cycle: enter the registration's end date",
        source=FAQ,
        confidence=UNCONFIRMED,
    ),
    ce=CERequirement(
        hours=36,
        subjects=(
            SubjectMinimum("boundaries", 3, note="appropriate professional boundaries, in each "
                           "registration period starting on or after 2023-04-01",
                           source=BOUNDARIES),
        ),
        caps=(CECap(delivery=SELF_STUDY, max_hours=12,
                    note="at most 12 hours self-instructional per 36 months (Educ. Law 8412(2))",
                    source=LAW),),
        first_period=FIRST_EXEMPT,
        carry_over_max=0,
        text="36 hours per three-year registration period from NYSED-approved providers, "
             "including 3 on professional boundaries; at most 12 self-study; exempt in the "
             "period of first licensure (8412(1)(b))",
        source=LAW,
        confidence=CONFIRMED,
    ),
    liability=LiabilityMandate(required=None, text="no mandate found", confidence=UNCONFIRMED),
    compact_member=False,
    registration_renews=True,
    sources=(FAQ, LAW, BOUNDARIES),
    verified="2026-12-01",
    notes="Not a Counseling Compact member (secondary). Child-abuse identification coursework "
          "is a one-time licensure prerequisite (secondary).",
    confidence=CONFIRMED,
)
