"""Ohio: licensed professional counselors and clinical counselors (Counselor, Social Worker and
MFT Board; ch. 4757 ORC)."""

from credtrack.rules import (
    CONFIRMED, FIRST_FULL, ISSUE_ANNIVERSARY, LICENSE, SECONDARY, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

OAC_7 = "http://codes.ohio.gov/oac/4757-7"
OAC_9 = "https://codes.ohio.gov/ohio-administrative-code/chapter-4757-9"
CE_PAGE = "https://cswmft.ohio.gov/license-renewal/renewal-resources/CE-requirements"
BANKING = "https://www.online-ces.com/ohio-state-requirements"

RULES = StateRules(
    code="OH",
    name="Ohio",
    regulation=LICENSE,
    board="Ohio Counselor, Social Worker and Marriage and Family Therapist Board",
    board_url="https://cswmft.ohio.gov/",
    credential="Licensed Professional Counselor (LPC) / Licensed Professional Clinical "
               "Counselor (LPCC)",
    renewal=RenewalRule(
        basis=ISSUE_ANNIVERSARY, cycle_years=2,
        text="two years from the date the license is issued or renewed (OAC 4757-7-01); "
             "renewing early does not change the cycle",
        source=OAC_7,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=30,
        subjects=(SubjectMinimum("ethics", 3, source=OAC_9),),
        first_period=FIRST_FULL,
        carry_over_max=12,
        text="30 clock hours per two-year renewal including 3 of ethics, acquired after the "
             "license was issued; up to 12 hours over 30 banked from the prior period",
        source=OAC_9,
        confidence=CONFIRMED,
        note="Banking up to 12 hours: the board's CE page topic and a provider page "
             "(secondary: " + BANKING + "). Supervisors: 3 h supervision training per cycle. "
             "Board pre-approval required.",
    ),
    liability=LiabilityMandate(required=None, text="no mandate found", confidence=UNCONFIRMED),
    compact_member=True,
    sources=(OAC_7, OAC_9, CE_PAGE, BANKING),
    verified="2026-12-01",
    notes="Counseling Compact member (secondary); eligibility presumably at the LPCC level.",
    confidence=CONFIRMED,
)
