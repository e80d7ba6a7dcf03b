"""Delaware: Board of Massage and Bodywork (Division of Professional Regulation)."""

from credtrack.rules import (
    CONFIRMED, EVEN, FIRST_UNKNOWN, FIXED_DATE, LICENSE, SECONDARY, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

BLOG = "http://blog.milestonece.com/august-lmt-deadlines-montana--delaware"
CE_REG = ("http://regulations.delaware.gov/register/september2013/final/"
          "17%20DE%20Reg%20342%2009-01-13.htm")

RULES = StateRules(
    code="DE",
    name="Delaware",
    regulation=LICENSE,
    board="Delaware Board of Massage and Bodywork (Division of Professional Regulation)",
    board_url="https://dpr.delaware.gov/boards/massagebodyworks/",
    credential="Licensed Massage Therapist (massage and bodywork therapist); Certified Massage "
               "Technician (CMT), no new CMT certifications after 2024-12-31",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=8, day=31, parity=EVEN,
        text="biennial, ending August 31 of even-numbered years (secondary)",
        source=BLOG,
        confidence=SECONDARY,
        note="The primary renewal-date rule (24 DE Admin Code 5300) was not retrieved.",
    ),
    ce=CERequirement(
        hours=24,
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="24 hours per biennium (since the 2014-2016 renewal period); a CE provider says 18 "
             "core (massage-practice) hours and 6 electives",
        source=CE_REG,
        confidence=CONFIRMED,
        note="The 18 core / 6 elective split is secondary; other subject rules and limits are "
             "unconfirmed.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        "http://print.casetext.com/statute/delaware-code/title-24-professions-and-occupations/"
        "chapter-53-massage-and-bodywork/subchapter-ii-license/section-5308-qualifications-of-"
        "applicant-report-to-attorney-general-judicial-review",
        "https://abmp.com/updates/legislative-updates/delaware/"
        "delaware-increases-education-hours-phases-out-certification-program",
        CE_REG,
        "https://regulations.justia.com/states/delaware/title-24/department-of-state/"
        "division-of-professional-regulation/5300/section-5300-6-0",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('http://print.casetext.com/statute/delaware-code/title-24-professions-and-occupations/chapter-53-massage-and-bodywork/subchapter-ii-license/section-5308-qualifications-of-applicant-report-to-attorney-general-judicial-review',
         'current through 2024 session'),
        ('https://abmp.com/updates/legislative-updates/delaware/delaware-increases-education-hours-phases-out-certification-program',
         '2024-09-12'),
        ('http://regulations.delaware.gov/register/september2013/final/17%20DE%20Reg%20342%2009-01-13.htm',
         '2013-09-01'),
        ('https://regulations.justia.com/states/delaware/title-24/department-of-state/division-of-professional-regulation/5300/section-5300-6-0',
         'current through 2024-09-01'),
    ),
    confidence=SECONDARY,  # as a whole: the weakest of its parts (re-verified 2026-12-01)
    verified="2026-11-22",
    notes="Two-tier credential being phased out: existing CMTs may keep renewing. Education 625 "
          "hours for programs begun on/after 2024-07-01 (500 before; CMT 300). Current CPR "
          "required for application/reciprocity.",
)
