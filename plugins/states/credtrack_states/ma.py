"""Massachusetts: Board of Registration of Massage Therapy (Division of Occupational Licensure)."""

from credtrack.rules import (
    BIRTH_MONTH_DAY, CONFIRMED, SECONDARY, LICENSE, CERequirement, LiabilityMandate,
    RenewalRule, StateRules,
)

CMR = ("https://print.casetext.com/regulation/code-of-massachusetts-regulations/department-269-"
       "cmr-board-of-registration-of-massage-therapy/title-269-cmr-300-individual-licensure/"
       "section-302-procedures-for-renewal-of-a-license-and-renewal-of-a-lapsedexpired-license")
ABMP = "https://www.abmp.com/practitioners/state-requirements/massachusetts?page=1"

RULES = StateRules(
    code="MA",
    name="Massachusetts",
    regulation=LICENSE,
    board="Massachusetts Board of Registration of Massage Therapy "
          "(Division of Occupational Licensure)",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=BIRTH_MONTH_DAY, cycle_years=1, day=28, min_first_term_months=12,
        text="every year on the 28th day of the birth month; the initial license runs at least "
             "12 months",
        source=CMR,
        confidence=CONFIRMED,
        read="2026-12-01",
        source_date="current through 2024-12-06",
        note="269 CMR 3.02(1)(a): the first license is 'valid for a minimum of 12 months': "
             "twelve calendar months, not 365 days.",
    ),
    ce=CERequirement(
        hours=0,
        text="none established: the regulation requires compliance with CE requirements, but "
             "none have been set (ABMP)",
        source=ABMP,
        confidence=SECONDARY,
    ),
    liability=LiabilityMandate(
        required=True,
        text="proof of adequate individual professional liability insurance at each renewal "
             "(269 CMR 3.02(1)(d)); the amount (3.01(2)(g)) is not confirmed",
        source=CMR,
        confidence=CONFIRMED,
    ),
    other_requirements=(
        "proof of professional liability insurance at each annual renewal",
        "conviction attestation at each annual renewal",
    ),
    document_kinds=("liability-coi",),
    sources=(
        CMR,
        ABMP,
        "https://www.massamta.org/massage-therapy-board-listening-session-february-4th",
        "http://www.mass.gov/ocabr/licensee/dpl-boards/mt/regulations/269-cmr/269-cmr-300.html",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://print.casetext.com/regulation/code-of-massachusetts-regulations/department-269-cmr-board-of-registration-of-massage-therapy/title-269-cmr-300-individual-licensure/section-302-procedures-for-renewal-of-a-license-and-renewal-of-a-lapsedexpired-license',
         'current through Register 1536, 2024-12-06'),
    ),
    verified="2026-11-22",
    notes="Board website not confirmed (mass.gov). A ~2021 board listening session considered "
          "adding an MBLEx requirement; status not confirmed.",
)
