"""Missouri: Board of Therapeutic Massage (Division of Professional Registration)."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, FIXED_DATE, LICENSE, ODD, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

CSR = ("https://regulations.justia.com/states/missouri/title-20/division-2197/chapter-2/"
       "section-20-csr-2197-2-050/")
BOARD = "http://pr.mo.gov/massage.asp"

RULES = StateRules(
    code="MO",
    name="Missouri",
    regulation=LICENSE,
    board="Missouri Board of Therapeutic Massage (Division of Professional Registration)",
    board_url="https://pr.mo.gov/massage.asp",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=1, day=31, parity=ODD,
        text="January 31 of odd-numbered years (biennial)",
        source=BOARD,
        confidence=CONFIRMED,
        note="Renewal fee $100.",
    ),
    ce=CERequirement(
        hours=12,
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="12 clock hours per two-year license period; with a CE late fee, missed hours may "
             "be earned within 30 days after expiration; keep records 4 years",
        source=CSR,
        confidence=CONFIRMED,
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        CSR,
        BOARD,
        "https://instalawyer.io/laws/missouri-revised-statutes/section-324265-massage-therapists",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/missouri/title-20/division-2197/chapter-2/section-20-csr-2197-2-050/',
         'current through 2024-03-15'),
        ('https://instalawyer.io/laws/missouri-revised-statutes/section-324265-massage-therapists',
         'eff 2020-08-28'),
    ),
    verified="2026-11-22",
    notes="Provisional (1-year) and student (6-month) licenses also exist.",
)
