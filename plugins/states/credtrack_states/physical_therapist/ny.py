"""New York: physical therapists (NYSED Office of the Professions, Educ. Law art. 136)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, LICENSE, SECONDARY, UNCONFIRMED, UNKNOWN, CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

FAQ = "https://www.op.nysed.gov/professions/physical-therapists/continuing-education/faqs"
LAW = "https://instalawyer.io/laws/new-york-laws/6742-a-mandatory-continuing-education"
RENEWAL = "https://www.op.nysed.gov/registration-renewal/online-registration-renewal"

RULES = StateRules(
    code="NY",
    name="New York",
    regulation=LICENSE,
    board="NYSED Office of the Professions",
    board_url=FAQ,
    credential="Physical Therapist (PT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=3,
        text="the license is for life; the registration renews every three years, the first "
             "renewal prorated onto a birth-month cycle: enter the registration's end date",
        source=FAQ,
        confidence=UNCONFIRMED,
        note="Renewal opens in the last 5 months of the period; report address changes within "
             "30 days.",
    ),
    ce=CERequirement(
        hours=36,
        first_period=FIRST_EXEMPT,
        carry_over_max=0,
        text="36 hours per three-year registration period (PT and PTA alike); exempt in the "
             "registration period in which first licensed (Educ. Law 6742-a(1)(b))",
        source=LAW,
        confidence=CONFIRMED,
        note="No subject minimums found (secondary); whether a self-study limit applies is not "
             "confirmed. Inactive registrants are exempt.",
    ),
    liability=LiabilityMandate(required=None, text="no mandate found", confidence=UNCONFIRMED),
    compact_member=False,
    registration_renews=True,
    sources=(FAQ, LAW, RENEWAL),
    verified="2026-12-01",
    notes="Not a PT Compact member (no enactment found: unconfirmed).",
    confidence=CONFIRMED,
)
