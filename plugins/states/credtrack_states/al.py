"""Alabama: Alabama Massage Therapy Licensing Board (Act 2024-361)."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, ISSUE_ANNIVERSARY, LICENSE, SECONDARY, UNCONFIRMED,
    CERequirement, LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

STATUTE = ("https://casetext.com/statute/code-of-alabama/title-34-professions-and-businesses/"
           "chapter-43a/section-34-43a-11-license-renewal-reinstatement")
CE_RULE = ("https://d1tvxue8o4w0fl.cloudfront.net/regulation/alabama-administrative-code/"
           "title-532-alabama-board-of-massage-therapy/chapter-532-x-6-continuing-education/"
           "section-532-x-6-01-effective-182025-effective-until-11142024-continuing-education-"
           "requirements")
ABMP = ("https://www.abmp.com/updates/legislative-updates/alabama/"
        "what-s-changing-massage-therapists-alabama")
HB453 = "https://app.legiplex.com/al/legislature/2022/2022-r/bills/hb453/draft-719465"

MANDATORY_2026 = ("from June 2026: 8 mandatory contact hours within the 16, on legal aspects of "
                  "practice, disciplinary procedures and human trafficking awareness/illegal "
                  "practice, in courses developed, approved or provided by the Board")

RULES = StateRules(
    code="AL",
    name="Alabama",
    regulation=LICENSE,
    board="Alabama Massage Therapy Licensing Board (temporarily administered by the Board of "
          "Nursing)",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=ISSUE_ANNIVERSARY, cycle_years=2,
        text="valid two years from the date of issuance; renew on or before the anniversary date",
        source=STATUTE,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=16,
        subjects=(
            SubjectMinimum("laws-and-rules", 8, includes=("human-trafficking",),
                           note="8 board-approved hours on legal aspects of practice, "
                                "disciplinary procedures and human trafficking awareness/illegal "
                                "practice, in any mix (from June 2026)",
                           source=ABMP, confidence=SECONDARY, source_date="2025-11-03"),
        ),
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="16 hours within the 24 months before renewal; " + MANDATORY_2026,
        source=ABMP,
        confidence=SECONDARY,
        read="2026-12-01",
        source_date="2025-11-03",
        note="The old board's rule 532-X-6-.01 (effective until 2024-11-14) no longer applies; the "
             "new board's rules (fees effective 2025-11-16) are known only through ABMP's "
             "summary, so the hours are secondary. The old rule barred repeating a course within "
             "4 years and exempted the biennium of first licensure; whether the new rules keep "
             "that is unconfirmed.",
    ),
    liability=LiabilityMandate(
        required=None,
        text="required of establishments and schools (Act 2022-408); for individual therapists "
             "unconfirmed",
        source=HB453,
        confidence=UNCONFIRMED,
    ),
    other_requirements=("new criminal background check at every renewal",),
    sources=(
        STATUTE,
        CE_RULE,
        ABMP,
        "https://fastdemocracy.com/bill-summary/?billsummary_id=ALB00016640&billsummary_session="
        "2024rs&billsummary_state=al",
        HB453,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://casetext.com/statute/code-of-alabama/title-34-professions-and-businesses/chapter-43a/section-34-43a-11-license-renewal-reinstatement',
         'current through 2024 RS'),
        ('https://d1tvxue8o4w0fl.cloudfront.net/regulation/alabama-administrative-code/title-532-alabama-board-of-massage-therapy/chapter-532-x-6-continuing-education/section-532-x-6-01-effective-182025-effective-until-11142024-continuing-education-requirements',
         'current through Reg Vol 43 No 1, 2024-10-31'),
        ('https://www.abmp.com/updates/legislative-updates/alabama/what-s-changing-massage-therapists-alabama',
         '2025-11-03'),
    ),
    verified="2026-11-22",
    notes="Board created by Act 2024-361 (eff. 2024-06-01), replacing the terminated Alabama "
          "Board of Massage Therapy; ABMP reports oversight moving from the Board of Nursing to "
          "the Department of Health in 2026. New rules and fees effective 2025-11-16 (renewal "
          "$125). Board website unconfirmed.",
)
