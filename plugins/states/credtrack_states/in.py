"""Indiana: State Board of Massage Therapy (Indiana Professional Licensing Agency)."""

from credtrack.rules import (
    CONFIRMED, FIXED_DATE, LICENSE, SECONDARY, UNCONFIRMED, CERequirement, LiabilityMandate,
    RenewalRule, StateRules,
)

LICENSING = ("https://in.gov/pla/professions/massage-therapy-home/"
             "massage-therapy-licensing-information")
NO_CE = "https://www.massageschoolnotes.com/ce-requirements/"

RULES = StateRules(
    code="IN",
    name="Indiana",
    regulation=LICENSE,
    board="Indiana State Board of Massage Therapy (Indiana Professional Licensing Agency)",
    board_url=LICENSING,
    credential="Licensed Massage Therapist (formerly state-certified)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=4, month=5, day=15, anchor_year=2017,
        text="May 15 of every fourth year (2017, 2021, 2025, ...)",
        source=LICENSING,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(hours=0, text="no CE requirement", source=NO_CE, confidence=SECONDARY),
    liability=LiabilityMandate(
        required=True, per_claim=2_000_000, aggregate=6_000_000,
        text="proof of professional liability insurance at application and renewal; the statute "
             "text seen says at least $2,000,000 per claim and $6,000,000 aggregate (amounts to "
             "be verified)",
        source=LICENSING,
        confidence=UNCONFIRMED,
    ),
    other_requirements=("proof of professional liability insurance at renewal",),
    document_kinds=("liability-coi",),
    sources=(
        "http://www.in.gov/pla/3959.htm",
        "https://lawserver.com/law/state/indiana/in-code/indiana_code_25-21-8-4-2",
        LICENSING,
        NO_CE,
    ),
    verified="2026-11-22",
    notes="Unusual combination: 4-year cycle, no CE, mandatory insurance. Education 625 "
          "supervised hours (IC 25-21.8-4-2).",
)
