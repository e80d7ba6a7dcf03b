"""Florida: licensed mental health counselors (Board of Clinical Social Work, MFT and Mental
Health Counseling; ch. 491 F.S.; 64B4 F.A.C.)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, FIXED_DATE, LICENSE, ODD, SECONDARY, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

RULE_6_001 = "http://flrules.elaws.us/fac/64b4-6.001/"
DATE_SOURCE = ("https://cehub-app.com/continuing-education-requirements-for-florida-licensed-"
               "mental-health-counselors-and-how-to-stay-on-track")

RULES = StateRules(
    code="FL",
    name="Florida",
    regulation=LICENSE,
    board="Florida Board of Clinical Social Work, Marriage & Family Therapy and Mental Health "
          "Counseling",
    board_url="https://floridasmentalhealthprofessions.gov/",
    credential="Licensed Mental Health Counselor (LMHC)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=3, day=31, parity=ODD,
        text="every two years on March 31 of odd-numbered years",
        source=DATE_SOURCE,
        confidence=SECONDARY,
        note="Rule 64B4-6.001(1): the biennium begins on the date the Department sets; the "
             "March 31 date is from a CE provider's page: confirm it on the license.",
    ),
    ce=CERequirement(
        hours=30,
        subjects=(
            SubjectMinimum("medical-errors", 2, source=RULE_6_001),
            SubjectMinimum("domestic-violence", 2, every_nth_renewal=3,
                           within_months_of_licensure=6, in_first_period=True,
                           note="2 h within 6 months of initial licensure, then every third "
                                "renewal (64B4-6.001(3))", source=RULE_6_001),
            SubjectMinimum("laws-and-rules", 3, every_nth_renewal=3,
                           note="every third biennium after initial licensure "
                                "(64B4-6.001(4))", source=RULE_6_001),
        ),
        first_period=FIRST_EXEMPT,
        carry_over_max=None,
        text="30 hours per biennium including 2 on the prevention of medical errors; none at "
             "the first renewal (64B4-6.001(2))",
        source=RULE_6_001,
        confidence=CONFIRMED,
        note="Also (not tracked by credtrack's rule shapes): 3 h ethics and boundaries or 3 h "
             "teletherapy in alternating biennia (which biennium is which is not in the rule as "
             "stored); at most 6 of the 30 hours non-clinical.",
    ),
    liability=LiabilityMandate(required=None, text="no mandate found", confidence=UNCONFIRMED),
    compact_member=True,
    sources=(RULE_6_001, DATE_SOURCE, "http://flrules.elaws.us/fac/64b4-6.003"),
    verified="2026-12-01",
    notes="Counseling Compact member since 2022 (secondary); whether it issues privileges yet "
          "is unconfirmed.",
    confidence=SECONDARY,
)
