"""New Jersey: Board of Massage and Bodywork Therapy (Division of Consumer Affairs)."""

from credtrack.rules import (
    EVEN, FIRST_HALF_IF_LATE, FIXED_DATE, LICENSE, REMOTE, SECONDARY, UNCONFIRMED, CECap,
    CERequirement, LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

FAQ_COPY = "https://carthley747.amebaownd.com/posts/31561972"
CE_RULE = ("https://www.abmp.com/updates/legislative-updates/new-jersey/"
           "new-jersey-adopts-new-continuing-education-rule")
AMTA = "https://nj.wp.amtamassage.org/education"
INSURANCE = "https://lookbeforeyoubookamassage.com/?p=1394"

RULES = StateRules(
    code="NJ",
    name="New Jersey",
    regulation=LICENSE,
    board="New Jersey Board of Massage and Bodywork Therapy (Division of Consumer Affairs)",
    board_url="https://njconsumeraffairs.gov/mbt/Pages/FAQ.aspx",
    credential="Licensed Massage and Bodywork Therapist (LMBT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=11, day=30, parity=EVEN,
        text="November 30 of even-numbered years, regardless of licensure date",
        source=FAQ_COPY,
        confidence=SECONDARY,
    ),
    ce=CERequirement(
        hours=20,
        subjects=(
            SubjectMinimum("ethics", 2, source=CE_RULE, confidence=SECONDARY,
                           note="required every period, even with carried-over hours"),
            SubjectMinimum("laws-and-rules", 1, source=CE_RULE, confidence=SECONDARY,
                           note="since 2021-09-20"),
        ),
        caps=(CECap(delivery=REMOTE, max_hours=6, source=FAQ_COPY, confidence=UNCONFIRMED,
                    note="online/DVD; the reference flags NJ's online cap as possibly an "
                         "older rule"),),
        first_period=FIRST_HALF_IF_LATE,
        carry_over_max=18,
        text="20 hours per biennium (10 if first licensed in the biennium's second year): at "
             "least 2 ethics and 1 laws and rules; at most 6 online/DVD; business-only courses "
             "excluded; up to 18 excess hours carry over to the next biennium",
        source=CE_RULE,
        confidence=SECONDARY,
        note="Audit responses are due within 14 days.",
    ),
    liability=LiabilityMandate(
        required=True, per_claim=1_000_000, aggregate=3_000_000,
        text="at least $1,000,000 per occurrence and $3,000,000 aggregate for licensure "
             "(N.J.S.A. 45:11-60 as quoted by a secondary site)",
        source=INSURANCE,
        confidence=SECONDARY,
    ),
    other_requirements=("current CPR and AED certification",),
    document_kinds=("cpr", "liability-coi"),
    sources=(
        AMTA,
        "https://massageprogram.com/ce-for-nj-massage-license-renewal",
        FAQ_COPY,
        CE_RULE,
        "https://seven.abmp.com/updates/legislative-updates/new-jersey/"
        "change-licensing-requirements-new-jersey",
        INSURANCE,
    ),
    verified="2026-11-22",
    notes="New applicants since 2017-05-01 need 500 hours and a national exam (SB 2414). "
          "The renewal date comes from a copy of the board FAQ on a third-party site.",
    confidence=SECONDARY,
)
