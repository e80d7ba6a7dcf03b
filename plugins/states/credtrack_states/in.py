"""Indiana: State Board of Massage Therapy (Indiana Professional Licensing Agency)."""

from credtrack.rules import (
    CONFIRMED, FIRST_PER_MONTH, FIXED_DATE, LICENSE, SECONDARY, UNCONFIRMED, CERequirement,
    LiabilityMandate, SubjectMinimum,
    RenewalRule, StateRules,
)

LICENSING = ("https://in.gov/pla/professions/massage-therapy-home/"
             "massage-therapy-licensing-information")
NO_CE = "https://www.massageschoolnotes.com/ce-requirements/"
STATUTE = "https://lawserver.com/law/state/indiana/in-code/indiana_code_25-21-8-4-2"
ABMP = "https://abmp.com/updates/legislative-updates/indiana"

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
    ce=CERequirement(
        hours=24,
        subjects=(SubjectMinimum("ethics", 2, source=ABMP, confidence=SECONDARY),),
        first_period=FIRST_PER_MONTH,
        hours_per_month=0.5,
        first_confidence=UNCONFIRMED,
        carry_over_max=None,
        text="24 hours per 4-year cycle including 2 of ethics, prorated by months licensed "
             "(IC 25-21.8-6-2(2); board decision of 2022-07-21; Indiana Register LSA #21-507). "
             "Transition: 18 hours by the 2025-05-15 renewal",
        source=ABMP,
        confidence=SECONDARY,
        read="2026-12-01",
        source_date="board decision 2022-07-21",
        note="The older 'no CE' summary (massageschoolnotes) is superseded. The proration is 'by "
             "months licensed'; credtrack uses 24 h / 48 months = 0.5 h per month licensed, "
             "rounded up (the exact rounding is not in the sources). ABMP's Indiana update is "
             "cited by its index page.",
    ),
    liability=LiabilityMandate(
        required=True, per_claim=2_000_000, aggregate=6_000_000,
        text="proof of professional liability insurance at application and renewal; the statute "
             "text seen says at least $2,000,000 per claim and $6,000,000 aggregate (amounts to "
             "be verified)",
        source=LICENSING,
        confidence=CONFIRMED,
        read="2026-12-01",
        note="$2,000,000 / $6,000,000 is in the statute itself (IC 25-21.8-4-2(4), audit of "
             "2026-12-01): " + STATUTE,
    ),
    other_requirements=("proof of professional liability insurance at renewal",),
    document_kinds=("liability-coi",),
    sources=(
        "http://www.in.gov/pla/3959.htm",
        STATUTE,
        LICENSING,
        ABMP,
        NO_CE,
    ),
    verified="2026-11-22",
    notes="4-year cycle, CE since the 2022 board decision, mandatory insurance. Education 625 "
          "supervised hours (IC 25-21.8-4-2).",
)
