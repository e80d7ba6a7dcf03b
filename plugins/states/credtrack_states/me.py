"""Maine: Office of Professional and Occupational Regulation, Massage Therapy program."""

from credtrack.rules import (
    CONFIRMED, LICENSE, SECONDARY, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate,
    RenewalRule, StateRules,
)

STATUTE = "https://www.legalfix.com/statutes/state-codes/maine/title-32/chapter-127/section-14306-d"
CE = "https://www.massageschoolnotes.com/massage-ce-requirements-by-state-m/"
LATE = ("https://www.massagetherapyschoolsinformation.com/requirements-renew-reinstate-expired-"
        "massage-therapy-license/")

RULES = StateRules(
    code="ME",
    name="Maine",
    regulation=LICENSE,
    board="Maine Office of Professional and Occupational Regulation (DPFR) - "
          "Massage Therapy program",
    board_url=("https://www.maine.gov/pfr/professionallicensing/professions/"
               "massage-therapy-licensure"),
    credential="Licensed Massage Therapist",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=1,
        text="annual license; the expiry date rule is not confirmed: enter the expiry printed "
             "on your license",
        source=STATUTE,
        confidence=UNCONFIRMED,
        note="Renewal within 90 days after expiry with a $50 late fee (secondary).",
    ),
    ce=CERequirement(
        hours=0,
        text="no CE requirement",
        source=CE,
        confidence=SECONDARY,
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        STATUTE,
        "https://massagetherapylicense.org/state/maine-massage-license",
        CE,
        LATE,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://www.legalfix.com/statutes/state-codes/maine/title-32/chapter-127/section-14306-d',
         '2019'),
    ),
    verified="2026-11-22",
    notes="Qualification is a 500-hour approved course OR a passed NCBTMB/MBLEx exam "
          "(32 MRSA 14306-D).",
    confidence=UNCONFIRMED,  # as a whole: the weakest of its parts (re-verified 2026-12-01)
)
