"""Washington: licensed mental health counselors (DOH; ch. 18.225 RCW; ch. 246-809 WAC)."""

from credtrack.rules import (
    BIRTHDAY, CONFIRMED, UNKNOWN, FIRST_UNKNOWN, LICENSE, SECONDARY, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

AMHCA = ("https://www.amhca.org/browse/glossary/history?GlossaryKey="
         "383a7d08-2949-402f-a221-7e449ce3a161")
WMHCA = "https://wmhca.org/FAQ"
SUICIDE = "https://app.leg.wa.gov/rcw/default.aspx?cite=43.70.442"
PENDING = "http://lawfilesext.leg.wa.gov/law/wsr/2025/06/25-06-068.htm"
WAC_610 = "https://app.leg.wa.gov/wac/default.aspx?cite=246-809-610"

RULES = StateRules(
    code="WA",
    name="Washington",
    regulation=LICENSE,
    board="Washington State Department of Health (mental health counselors)",
    board_url="https://doh.wa.gov/",
    credential="Licensed Mental Health Counselor (LMHC)",
    renewal=RenewalRule(
        basis=BIRTHDAY, cycle_years=1,
        text="every year on the practitioner's birthday (WAC 246-809-990)",
        source=AMHCA,
        confidence=SECONDARY,
    ),
    ce=CERequirement(
        hours=36,
        subjects=(
            SubjectMinimum("ethics", 6, note="professional ethics and law (WAC 246-809-630)",
                           source=WMHCA, confidence=SECONDARY),
            SubjectMinimum("suicide-prevention", 6, every_years=6,
                           note="at least 6 hours of suicide assessment, treatment and "
                                "management every 6 years (RCW 43.70.442(1))", source=SUICIDE),
            SubjectMinimum("health-equity", 2, every_years=4, confidence=SECONDARY,
                           note="at least once every 4 years from 2024-01-01 (RCW 43.70.613; "
                                "the confirmed text is for the ch. 246-810 analog)",
                           source=WAC_610),
        ),
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        period=RenewalRule(
            basis=UNKNOWN, cycle_years=2,
            text="CE is counted over two years, separate from the annual (birthday) renewal; "
                 "which birthday closes the first two-year period is not in the sources, so "
                 "credtrack counts the two years before each renewal",
            source=WMHCA,
            confidence=UNCONFIRMED,
        ),
        text="36 hours every two years including 6 of professional ethics and law",
        source=WMHCA,
        confidence=SECONDARY,
        note="Agency-sponsored training at most 26 h and other learning at most 6 h per period "
             "(" + WAC_610 + "). A 2025 rulemaking proposed lowering the hours (" + PENDING +
             "): re-check WAC 246-809-630.",
    ),
    liability=LiabilityMandate(required=None, text="no mandate found", confidence=UNCONFIRMED),
    compact_member=True,
    sources=(AMHCA, WMHCA, SUICIDE, WAC_610, PENDING),
    verified="2026-12-01",
    notes="Counseling Compact member since April 2023 (secondary).",
    confidence=SECONDARY,
)
