"""West Virginia: Massage Therapy Licensure Board."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, ISSUE_MONTH_END, LICENSE, SECONDARY, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

CSR = "https://law.cornell.edu/regulations/west-virginia/W-Va-C-S-R-SS-194-1-3"
MSC = "https://www.massagespecialtiesceus.com/west_virginia"

RULES = StateRules(
    code="WV",
    name="West Virginia",
    regulation=LICENSE,
    board="West Virginia Massage Therapy Licensure Board",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        # Two years from the end of the month of issue, so the first term is never under 730 days.
        basis=ISSUE_MONTH_END, cycle_years=2, min_first_term_days=730,
        text="two years from the end of the month in which the license was issued",
        source=CSR,
        confidence=CONFIRMED,
        note="W. Va. C.S.R. 194-1-3. Lapsed more than 30 days: removed from the register; "
             "reinstatement needs a board appearance.",
    ),
    ce=CERequirement(
        hours=24,
        subjects=(SubjectMinimum("ethics", 3, note="professional ethics", source=MSC,
                                 confidence=SECONDARY),),
        first_period=FIRST_UNKNOWN,
        carry_over_max=6,
        text="24 hours in the preceding two-year period, at least 3 in professional ethics "
             "(secondary); up to 6 excess hours carry over (secondary)",
        source=CSR,
        confidence=CONFIRMED,
        note="Providers: NCBTMB, FSMTB, AMTA, ABMP or board-approved. The ethics minimum and the "
             "6-hour carry-over come only from a CE provider.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        CSR,
        MSC,
        "https://code.wvlegislature.gov/30-37-7/",
        "https://lawgratis.com/blog-detail/west-virginia-code-of-state-rules-agency-194-massage-"
        "therapy-licensure-board-2",
    ),
    verified="2026-11-22",
    notes="Licensure: 625 hours (rule 194CSR1-3; statute floor 500); MBLEx (NCBTMB exam accepted "
          "if taken before 2015-02-01). Board website unconfirmed (wvmassage.org per secondary).",
)
