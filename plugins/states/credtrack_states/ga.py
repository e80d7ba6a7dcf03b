"""Georgia: Board of Massage Therapy (Secretary of State, Professional Licensing Boards)."""

from credtrack.rules import (
    CONFIRMED, EVEN, FIRST_UNKNOWN, FIXED_DATE, LICENSE, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

RULES_345_4 = "http://rules.sos.ga.gov/gac/345-4"
CE_RULE = "https://www.law.cornell.edu/regulations/georgia/Ga-Comp-R--Regs-R-345-4-.02"
FAQ = "https://sos.ga.gov/page/faq-georgia-board-massage-therapy"

RULES = StateRules(
    code="GA",
    name="Georgia",
    regulation=LICENSE,
    board="Georgia Board of Massage Therapy (Secretary of State, Professional Licensing Boards)",
    board_url=FAQ,
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=10, day=31, parity=EVEN, grace_days=30,
        text="October 31 of even-numbered years; late renewal November 1-30 (Rule 345-4-.01)",
        source=RULES_345_4,
        confidence=CONFIRMED,
        note="A secondary site's claim of odd years is wrong: the Secretary of State how-to guide "
             "agrees with the rule (even years).",
    ),
    ce=CERequirement(
        hours=24,
        min_in_person_hours=12,
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="24 hours per biennium (November 1 - October 31), 12 of them direct hands-on "
             "supervised instruction (courses at least 70% hands-on)",
        source=CE_RULE,
        confidence=CONFIRMED,
        note="Providers must hold an NCBTMB provider number and report to CE Broker. Statute "
             "caps CE at 25 hours per biennium. Hardship waiver available.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        RULES_345_4,
        CE_RULE,
        "https://regulations.justia.com/states/georgia/department-345/chapter-345-4/rule-345-4-02",
        "https://law.uslawyerdatabase.com/43-24a-20-continuing-education-requirements",
        FAQ,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/georgia/department-345/chapter-345-4/rule-345-4-02',
         'current through 2024-09-23'),
    ),
    verified="2026-11-22",
    notes="The same secondary site (visualfoodie.com) also claims 2 hours of ethics; not used.",
)
