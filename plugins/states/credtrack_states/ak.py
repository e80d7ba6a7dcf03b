"""Alaska: Board of Massage Therapists (DCCED, Division of Corporations, Business and Prof. Licensing)."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, FIXED_DATE, LICENSE, ODD, UNCONFIRMED, CECap, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

RENEWAL_RULE = "http://akrules.elaws.us/aac/12.79.200"
CE_RULE = "https://www.law.cornell.edu/regulations/alaska/12-AAC-79.210"
BOARD = "https://www.commerce.alaska.gov/web/cbpl/ProfessionalLicensing/BoardofMassageTherapists.aspx"

RULES = StateRules(
    code="AK",
    name="Alaska",
    regulation=LICENSE,
    board="Alaska Board of Massage Therapists (DCCED, Division of Corporations, Business and "
          "Professional Licensing)",
    board_url=BOARD,
    credential="Licensed massage therapist (exact title wording unconfirmed)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=9, day=30, parity=ODD,
        text="on or before September 30 of odd-numbered years (12 AAC 79.200)",
        source=RENEWAL_RULE,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=16,
        subjects=(SubjectMinimum("ethics", 2, source=CE_RULE),),
        caps=(CECap(subjects=("cpr",), max_hours=2, source=CE_RULE,
                    note="a hands-on CPR course may count for 2 CE hours"),),
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="16 hours per biennium including 2 ethics; a hands-on CPR course may count for 2 "
             "hours; attending a board meeting counts 3 credits once per period",
        source=CE_RULE,
        confidence=CONFIRMED,
        note="A 2017 board notice exempted licensees issued late in the cycle (on or after "
             "2016-10-01) at their first renewal; the current first-renewal rule is unconfirmed. "
             "An older rule allowed all CE online. Keep CE records 4 years.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    other_requirements=(
        "current CPR certification at renewal",
        "new fingerprints at every renewal",
    ),
    document_kinds=("cpr",),
    sources=(
        RENEWAL_RULE,
        CE_RULE,
        BOARD,
        "https://commerce.alaska.gov/web/cbpl/ProfessionalLicensing/BoardofMassageTherapists/"
        "ApplicationsForms.aspx",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('http://akrules.elaws.us/aac/12.79.200',
         'eff 2016-05-28'),
        ('https://www.commerce.alaska.gov/web/cbpl/ProfessionalLicensing/BoardofMassageTherapists.aspx',
         '2017 notices'),
    ),
    verified="2026-11-22",
    notes="Licensure mandatory from 2015-07-01. Renewal rule 12 AAC 79.200 eff. 2016-05-28.",
)
