"""Iowa: Board of Massage Therapy (Department of Inspections, Appeals, and Licensing)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, IN_PERSON, ISSUE_ANNIVERSARY, LICENSE, LIVE_INTERACTIVE, UNCONFIRMED,
    CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

DIAL = "https://dial.iowa.gov/i-need/licenses/medical/massage-therapy"
CE_RULE = ("https://regulations.justia.com/states/iowa/agency-481/board-of-massage-therapy/"
           "chapter-823/rule-481-823-3")
CARRYOVER = ("https://www.abmp.com/updates/legislative-updates/iowa/"
             "iowa-allows-carryover-continuing-education")

RULES = StateRules(
    code="IA",
    name="Iowa",
    regulation=LICENSE,
    board="Iowa Board of Massage Therapy (Department of Inspections, Appeals, and Licensing)",
    board_url=DIAL,
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=ISSUE_ANNIVERSARY, cycle_years=2,
        text="two-year biennium running from the date the license was granted",
        source=DIAL,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=16,
        min_in_person_hours=8,
        first_period=FIRST_EXEMPT,
        live_deliveries=(IN_PERSON, LIVE_INTERACTIVE),
        carry_over_max=8,
        carry_over_fraction=0.5,
        read="2026-12-01",
        text="16 hours per biennium, at least 8 in person or live real-time interactive; first "
             "renewal exempt; from 2025-05-21 up to 50% of excess hours (max 8) carry over. "
             "Therapists who treat children or dependent adults also need mandatory-reporter "
             "training (child and dependent adult abuse)",
        source=CE_RULE,
        confidence=CONFIRMED,
        note="Live real-time interactive hours count toward the 8 (481 IAC 823.3(2)): record "
             "them with --live-online. Carry-over (up to 50 percent of the excess, at most 8 "
             "hours) per ABMP, secondary "
             "(" + CARRYOVER + "). Mandatory-reporter training (rules adopted 2023-02-07) "
             "applies only to those who treat children or dependent adults, so it is not "
             "listed as a subject minimum.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        DIAL,
        CE_RULE,
        "https://abmp.com/updates/legislative-updates/iowa",
        CARRYOVER,
        "https://dexteritypd.com/course-approvals-usa/iowa/?v=e4b09f3f8402",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/iowa/agency-481/board-of-massage-therapy/chapter-823/rule-481-823-3',
         'current through 2024-09-18'),
        ('https://www.abmp.com/updates/legislative-updates/iowa/iowa-allows-carryover-continuing-education',
         'eff 2025-05-21'),
    ),
    verified="2026-11-22",
    notes="CPR training at licensure (ABMP). A board consolidation proposal was made in 2023.",
)
