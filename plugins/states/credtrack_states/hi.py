"""Hawaii: Board of Massage Therapy (DCCA Professional and Vocational Licensing Division)."""

from credtrack.rules import (
    CONFIRMED, EVEN, FIRST_UNKNOWN, FIXED_DATE, LICENSE, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

STATUTE = "https://self-law.org/code/hi/chapter-452/452-16"

RULES = StateRules(
    code="HI",
    name="Hawaii",
    regulation=LICENSE,
    board="Hawaii Board of Massage Therapy (DCCA Professional and Vocational Licensing Division)",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=6, day=30, parity=EVEN,
        text="June 30 of each even-numbered year; renewal application May 1 - June 30 (HRS 452-16)",
        source=STATUTE,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=12,
        subjects=(SubjectMinimum("first-aid", 2, source=STATUTE, includes=("cpr",),
                                 note="'first aid, cardiopulmonary resuscitation, or other "
                                      "emergency-related' courses (HRS 452-16(b)): CPR counts",
                                 read="2026-12-01"),),
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="12 hours in the 2 years before renewal, including 2 in first aid, CPR or other "
             "emergency-related topics (from the biennium starting 2024-07-01)",
        source=STATUTE,
        confidence=CONFIRMED,
        note="CE introduced by Act 102 SLH 2021; the first CE-bearing renewal was June 2024 "
             "(window 2022-07-01 to 2024-06-30). Random audits. HAR 16-84 CE rules were under "
             "rulemaking (hearing 2024-11-13; adult and infant CPR not wholly online).",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        STATUTE,
        "https://capitol.hawaii.gov/session2021/bills/SB599_SD1_.HTM",
        "https://hawaiispaassociation.com/education/",
        "https://www.abmp.com/practitioners/state-requirements/hawaii",
        "https://statelegals.staradvertiser.com/?p=8425",
    ),
    verified="2026-11-22",
    notes="Board website unconfirmed (DCCA PVL). Written exam administered by the state (ABMP); "
          "whether MBLEx is used is unconfirmed.",
)
