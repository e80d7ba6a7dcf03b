"""Oregon: Board of Massage Therapists (OBMT)."""

from credtrack.rules import (
    BIRTH_MONTH_END, CONFIRMED, EVEN, FIRST_EXEMPT, LICENSE, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

CE_RULE = "https://regulations.justia.com/states/oregon/chapter-334/division-10/section-334-010-0050"
LICENSURE = ("https://print.casetext.com/regulation/oregon-administrative-code/chapter-334-board-of-"
             "massage-therapists/division-10-massage-licensing/section-334-010-0015-licensure")
FAQ = "http://www.oregon.gov/OBMT/Pages/FAQ.aspx"

RULES = StateRules(
    code="OR",
    name="Oregon",
    regulation=LICENSE,
    board="Oregon Board of Massage Therapists (OBMT)",
    board_url="https://www.oregon.gov/obmt",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=BIRTH_MONTH_END, cycle_years=2, parity=EVEN, submit_by="first-of-month",
        text="expires the last day of the birth month in even-numbered years; renewal due "
             "(postmarked) by the 1st of the birth month",
        source=LICENSURE,
        confidence=CONFIRMED,
        note="OAR 334-010-0015(6) (stored text truncated). Late fees $25 per week up to $250 after "
             "the 1st of the birth month (board FAQ).",
    ),
    ce=CERequirement(
        hours=25,
        subjects=(
            SubjectMinimum("ethics", 4, note="professional ethics, boundaries or communication; "
                                             "supervised", source=CE_RULE),
            SubjectMinimum("health-equity", 1, note="cultural competency, OHA-approved",
                           source=CE_RULE),
            SubjectMinimum("pain-management", 1, every_renewal=False,
                           note="Oregon Pain Management Commission module, at least once",
                           source=CE_RULE),
        ),
        first_period=FIRST_EXEMPT,
        carry_over_max=None,
        text="25 hours per biennium: at least 4 ethics/boundaries/communication (supervised), 1 "
             "cultural competency; the 1-hour pain management module once; no CE at the first "
             "renewal (licensed under 25 months), but CPR still required",
        source=CE_RULE,
        confidence=CONFIRMED,
        note="Hours fall into supervised and unsupervised categories.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    other_requirements=("current BLS/CPR card at every renewal, including the first",),
    document_kinds=("cpr",),
    sources=(
        CE_RULE,
        LICENSURE,
        FAQ,
        "https://lawserver.com/law/state/oregon/or-statutes/oregon_statutes_687-051",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/oregon/chapter-334/division-10/section-334-010-0050',
         'current through 2024-09-01'),
        ('https://print.casetext.com/regulation/oregon-administrative-code/chapter-334-board-of-massage-therapists/division-10-massage-licensing/section-334-010-0015-licensure',
         'current through 2025-01-01'),
    ),
    verified="2026-11-22",
    notes="Two dates per cycle: due the 1st of the birth month, expires its last day. Licensure: "
          "625 contact hours, MBLEx and the Oregon jurisprudence exam.",
)
