"""California: physical therapists (Physical Therapy Board of California, B&P ch. 5.7)."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, LICENSE, SECONDARY, UNCONFIRMED, UNKNOWN, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

BP_2644 = ("https://www.legalfina.com/en/laws/ca/business_&_professions/healing_arts/"
           "physical_therapy/renewal_of_licenses")
FAQ = "http://www.ptbc.ca.gov/licensees/ccreqprop_faq.shtml"
CPTA = "https://www.ccapta.org/page/ContinuingCompetencyRequirementsRegulations"

RULES = StateRules(
    code="CA",
    name="California",
    regulation=LICENSE,
    board="Physical Therapy Board of California",
    board_url="https://www.ptbc.ca.gov/",
    credential="Physical Therapist (PT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=2,
        text="expires at 12 a.m. on the last day of the birth month in the second year of a "
             "two-year term (B&P 2644), so the first term is about 13 to 24 months: enter the "
             "date printed on the license",
        source=BP_2644,
        confidence=UNCONFIRMED,
        note="The rule is confirmed but credtrack's rule shapes cannot yet place a first term "
             "of 13-24 months and then count two years from it, so it asks for the date.",
    ),
    ce=CERequirement(
        hours=30,
        subjects=(
            SubjectMinimum("laws-and-rules", 2, note="ethics, laws and regulations, within the "
                           "30 (16 CCR 1399.93)", source=FAQ),
            SubjectMinimum("bls", 4, note="Basic Life Support for health care professionals with "
                           "hands-on skills, within the 30", source=FAQ),
        ),
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="30 hours of continuing competency per two-year renewal, including 2 of ethics, "
             "laws and regulations and 4 of Basic Life Support",
        source=FAQ,
        confidence=CONFIRMED,
        note="First renewal: 15 hours (4 BLS, 2 ethics/law, 9 other) when renewed on time "
             "(secondary: " + CPTA + "); home and self-study courses have no hour limit "
             "(16 CCR 1399.94, secondary mirror).",
    ),
    liability=LiabilityMandate(required=None, text="no mandate found", confidence=UNCONFIRMED),
    compact_member=False,
    sources=(BP_2644, FAQ, CPTA),
    verified="2026-12-01",
    notes="Not a PT Compact member (SB 1054 of 2020 proposed it; no enactment found: "
          "secondary).",
    confidence=SECONDARY,
)
