"""Utah: Division of Professional Licensing (DOPL), Massage Therapy Board."""

from credtrack.rules import (
    FIXED_DATE, LICENSE, ODD, SECONDARY, UNCONFIRMED, CERequirement, LiabilityMandate, RenewalRule,
    StateRules,
)

MSC = "https://massagespecialtiesceus.com/pages/utah"
DOPL = "https://dopl.utah.gov/massage-therapy/"

RULES = StateRules(
    code="UT",
    name="Utah",
    regulation=LICENSE,
    board="Utah Division of Professional Licensing (DOPL) - Massage Therapy Board",
    board_url=DOPL,
    credential="Licensed Massage Therapist (LMT); also Massage Apprentice, Massage Therapy "
               "Assistant and Assistant-in-training (from 2024-01-01)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=5, day=31, parity=ODD,
        text="May 31 of odd-numbered years (two-year cycle)",
        source=MSC,
        confidence=SECONDARY,
        note="R156-1-308a as quoted by a CE provider; applies to therapists and apprentices.",
    ),
    ce=CERequirement(
        hours=0,
        carry_over_max=None,
        text="no CE requirement",
        source=MSC,
        confidence=SECONDARY,
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        MSC,
        DOPL,
        "https://self-law.org/code/ut/title-58/chapter-47b/58-47b-302",
        "https://www.massageschoolnotes.com/massage-ce-requirements-by-state-uvw/",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://self-law.org/code/ut/title-58/chapter-47b/58-47b-302',
         'eff 2025-10-01'),
    ),
    verified="2026-11-22",
    notes="Several credential tiers under one board; massage assistants need 300 hours, therapists "
          "600 (secondary). Establishment registration: statutory changes eff. 2025-10-01 "
          "(UCA 58-47b-302), coming in 2026.",
)
