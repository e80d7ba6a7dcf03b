"""Arizona: State Board of Massage Therapy."""

from credtrack.rules import (
    BIRTHDAY, FIRST_HALF_IF_LATE, LICENSE, REMOTE, SECONDARY, UNCONFIRMED, YEARS_UNKNOWN, CECap,
    CERequirement, Conflict, LiabilityMandate, RenewalRule, StateRules,
)

FAQ = "https://massagetherapy.az.gov/contact-us/frequently-asked-questions"
CE_PROVIDER = "https://www.massagespecialtiesceus.com/arizona"
GUIDE = "https://legalclarity.org/arizona-massage-ceu-requirements-for-license-renewal"

RULES = StateRules(
    code="AZ",
    name="Arizona",
    regulation=LICENSE,
    board="Arizona State Board of Massage Therapy",
    board_url="https://massagetherapy.az.gov",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=BIRTHDAY, cycle_years=2, parity=YEARS_UNKNOWN,
        text="every other year on your birthday (ARS 32-4225); which years are renewal years is "
             "not in the sources: enter the expiry date printed on your license (credtrack "
             "checks that it is your birthday)",
        source=CE_PROVIDER,
        confidence=SECONDARY,
        read="2026-12-01",
        note="ARS 32-4225 as quoted by a CE provider.",
    ),
    ce=CERequirement(
        hours=None,
        conflict=Conflict(
            "CE hours per two-year license period",
            ("24 h (board FAQ)", "25 h (ARS 32-4225(E) and R4-15-301, as quoted by a CE vendor)"),
            (FAQ, CE_PROVIDER),
            note="audit of 2026-12-01: conflict unresolved",
        ),
        caps=(
            CECap(delivery=REMOTE, max_hours=12, source=CE_PROVIDER, confidence=SECONDARY,
                  note="distance/correspondence learning (R4-15-301, as quoted)"),
            CECap(subjects=("cpr", "first-aid"), max_hours=8, source=GUIDE, confidence=SECONDARY),
        ),
        first_period=FIRST_HALF_IF_LATE,
        carry_over_max=0,
        text="24 hours (board FAQ) or 25 hours (ARS 32-4225(E), R4-15-301) per two-year license "
             "period - the sources conflict; at most 12 by distance learning, no carry-over; no "
             "subjects mandated (secondary)",
        source=FAQ,
        confidence=UNCONFIRMED,
        read="2026-12-01",
        note="credtrack does not pick between 24 and 25: confirm with the board. "
             "First renewal: 12 hours if licensed less than 12 months before it (secondary). "
             "Board-meeting attendance counts at most 3 hours (secondary).",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        FAQ,
        CE_PROVIDER,
        GUIDE,
        "https://legalclarity.org/arizona-massage-board-license-requirements-rules",
    ),
    verified="2026-11-22",
    notes="DPS Level-One fingerprint clearance card at application (secondary).",
)
