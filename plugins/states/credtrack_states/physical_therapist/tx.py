"""Texas: physical therapists (Texas Board of Physical Therapy Examiners / ECPTOTE)."""

from credtrack.rules import (
    BIRTH_MONTH_END, CONFIRMED, FIRST_FULL, LICENSE, SECONDARY, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

TAC_341_1 = "https://regulations.justia.com/states/texas/title-22/part-16/chapter-341/section-341-1"
TAC_341_2 = "https://www.law.cornell.edu/regulations/texas/22-Tex-Admin-Code-SS-341-2"
BOARD_CE = "https://ptot.texas.gov/?p=5418"
RENEWAL_PAGE = "https://ptot.texas.gov/pt-active-renewal/"

RULES = StateRules(
    code="TX",
    name="Texas",
    regulation=LICENSE,
    board="Texas Board of Physical Therapy Examiners (ECPTOTE)",
    board_url="https://ptot.texas.gov/",
    credential="Physical Therapist (PT)",
    renewal=RenewalRule(
        basis=BIRTH_MONTH_END, cycle_years=2, min_first_term_days=730, years_from_first=True,
        text="every two years, by the end of the birth month (22 TAC 341.1(a)); the license "
             "expires on the later of its second anniversary or the date the board sets (Tex. "
             "Occ. Code 453.251): the first birth-month end on or after the second anniversary",
        source=TAC_341_1,
        confidence=CONFIRMED,
        note="How the board aligns a first term is read from 453.251 and 341.6(b) (re-aligned "
             "to every 2 years at the end of the birth month); a user's date from the license "
             "wins. Early renewal up to 3 months before, no change of date.",
    ),
    ce=CERequirement(
        hours=30,
        subjects=(
            SubjectMinimum("jurisprudence", 2, note="the board's Jurisprudence Assessment Module "
                           "(TX JAM), 2 CCUs, within the 30; a passing score is required each "
                           "renewal (22 TAC 341.1(c)(3), 341.2(f))", source=BOARD_CE),
            SubjectMinimum("human-trafficking", 1, note="an HHSC-approved human-trafficking "
                           "prevention course each renewal since 2020-09-01 (22 TAC "
                           "341.1(c)(4))", source=RENEWAL_PAGE),
        ),
        first_period=FIRST_FULL,
        carry_over_max=0,
        text="30 CCUs per two-year renewal, completed in the 24 months before expiry, including "
             "the Jurisprudence Assessment Module and a human-trafficking prevention course",
        source=TAC_341_2,
        confidence=CONFIRMED,
        note="All activities must be board-approved (22 TAC 341.2(b)); keep records 4 years. No "
             "first-renewal exemption was found in 341.1-341.2 (unconfirmed: none found).",
    ),
    liability=LiabilityMandate(required=None, text="no state mandate found",
                               confidence=UNCONFIRMED),
    compact_member=True,
    sources=(TAC_341_1, TAC_341_2, BOARD_CE, RENEWAL_PAGE,
             "https://ptot.texas.gov/pt-license-search/"),
    verified="2026-12-01",
    notes="PT Compact member, issuing privileges since 2019-01-02 (ptot.texas.gov). Fingerprint "
          "check at renewal unless already submitted (341.1(c)(5)).",
    confidence=CONFIRMED,
)
