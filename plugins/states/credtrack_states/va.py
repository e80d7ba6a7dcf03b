"""Virginia: Board of Nursing (Department of Health Professions), massage therapy."""

from credtrack.rules import (
    BIRTH_MONTH_END, BIRTH_YEAR, CONFIRMED, FIRST_EXEMPT, LICENSE, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

PART_III = "https://law.lis.virginia.gov/admincodefull/title18/agency90/chapter50/partIII"
CE_RULE = "http://varules.elaws.us/code/18vac90-50-75"

RULES = StateRules(
    code="VA",
    name="Virginia",
    regulation=LICENSE,
    board="Virginia Board of Nursing (Department of Health Professions)",
    credential="Licensed Massage Therapist (LMT) (certification converted to licensure 2016)",
    renewal=RenewalRule(
        basis=BIRTH_MONTH_END, cycle_years=2, parity=BIRTH_YEAR,
        text="last day of the birth month, every two years; born in an even year: renew in even "
             "years, odd: odd years",
        source=PART_III,
        confidence=CONFIRMED,
        note="18VAC90-50-70.",
    ),
    ce=CERequirement(
        hours=24,
        subjects=(SubjectMinimum("ethics", 1, source=CE_RULE),),
        first_period=FIRST_EXEMPT,
        carry_over_max=None,
        text="24 hours per biennium, at least 1 in professional ethics, OR current NCBTMB "
             "certification instead; at least 12 from approved providers, at most 12 in other "
             "activities; none at the first biennial renewal",
        source=CE_RULE,
        confidence=CONFIRMED,
        note="18VAC90-50-75. Approved providers: NCBTMB, FSMTB, AMTA, ABMP, COMTA, accredited "
             "schools. Other activities include reading and CPR. Keep records 4 years; extension "
             "up to 1 year for good cause.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        PART_III,
        CE_RULE,
        "https://instalawyer.io/laws/code-of-virginia/541-3029-qualifications-for-a",
        "http://register.dls.virginia.gov/details.aspx?id=5880",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://law.lis.virginia.gov/admincodefull/title18/agency90/chapter50/partIII',
         'VAC 2024-12-22'),
        ('http://register.dls.virginia.gov/details.aspx?id=5880',
         'eff 2016-09-21'),
    ),
    verified="2026-11-22",
    notes="Alternative compliance: holding current NCBTMB certification satisfies the CE "
          "requirement instead of the 24 hours. Certification converted to licensure eff. "
          "2016-09-21. Licensure: 500 hours and MBLEx (or an exam acceptable to the Board).",
)
