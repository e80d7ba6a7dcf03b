"""North Carolina: Board of Massage and Bodywork Therapy."""

from credtrack.rules import (
    CONFIRMED, FIRST_CHART, LICENSE, MONTHS_LICENSED, REMOTE, SECONDARY, UNCONFIRMED, UNKNOWN, CECap,
    CERequirement, ChartRow, LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

RENEWAL = "http://bmbt.org/mtpages/License_Renewal.html"
ONLINE_RENEWAL = "http://www.bmbt.org/mtpages/License_Online_Renewal.html"
ABMP = "https://www.abmp.com/updates/legislative-updates/north-carolina?page=1"

RULES = StateRules(
    code="NC",
    name="North Carolina",
    regulation=LICENSE,
    board="North Carolina Board of Massage and Bodywork Therapy",
    board_url="https://www.bmbt.org",
    credential="Licensed Massage and Bodywork Therapist (LMBT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=2,
        text="every two years: renewal periods end December 31 and the renewal deadline is "
             "November 1 of the renewal year (online renewal opens August 1). Which years apply "
             "to you is not confirmed: enter the expiry printed on your license",
        source=RENEWAL,
        confidence=UNCONFIRMED,
        note="Renewal periods ending 2023 and 2024 both exist, suggesting cohorts by year of "
             "issue (unconfirmed).",
    ),
    ce=CERequirement(
        hours=24,
        subjects=(
            SubjectMinimum("ethics", None, source=RENEWAL, confidence=UNCONFIRMED,
                           note="required; amount not confirmed. HIV/AIDS/Hepatitis courses are "
                                "accepted but do not count toward ethics"),
        ),
        caps=(CECap(delivery=REMOTE, max_hours=12, source=ABMP, confidence=SECONDARY,
                    note="distance learning, from the renewal period ending 2024-12-31 "
                         "(21 NCAC 30 .0701)"),),
        min_in_person_hours=12,
        first_period=FIRST_CHART,
        chart_by=MONTHS_LICENSED,
        first_chart=(ChartRow(13, 24, 12, "licensed more than 1 but less than 2 years"),),
        first_source=RENEWAL,
        read="2026-12-01",
        carry_over_max=None,
        text="24 hours per renewal period (12 if licensed more than 1 but less than 2 years); "
             "from the period ending 2024-12-31 at least 12 in-classroom and at most 12 "
             "distance learning; CE counts from August 1 of the prior period to November 1 of "
             "the renewal year",
        source=RENEWAL,
        confidence=CONFIRMED,
        note="First renewal: 12 hours if licensed between 1 and 2 years; the case of under one "
             "year is not stated.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        ONLINE_RENEWAL,
        RENEWAL,
        ABMP,
        "https://docest.com/doc/318485/chapter-30-nc-board-of-massage-and-bodywork-therapy",
        "https://mblexguide.com/massage-license/north-carolina/",
    ),
    verified="2026-11-22",
    notes="Licensure needs a background check and fingerprints. Education hours conflict "
          "(500 vs 650). Pending: 2025 bill S451 would cut CE 50% for covered boards "
          "(applicability to this board unconfirmed).",
)
