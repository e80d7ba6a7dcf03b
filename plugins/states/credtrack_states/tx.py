"""Texas: Department of Licensing and Regulation (TDLR), Massage Therapy program."""

from credtrack.rules import (
    CONFIRMED, ISSUE_ANNIVERSARY, LICENSE, SECONDARY, CECap, CERequirement, LiabilityMandate,
    RenewalRule, StateRules, SubjectMinimum,
)

RENEW = "https://www.tdlr.texas.gov/mas/renew-therapist.htm"
R117_24 = "https://regulations.justia.com/states/texas/title-16/part-4/chapter-117/subchapter-c/section-117-24"
R117_30 = ("https://texreg.sos.state.tx.us/public/readtac$ext.TacPage?sl=R&app=9&p_dir=&p_rloc=&"
           "p_tloc=&p_ploc=&pg=1&p_tac=&ti=16&pt=4&ch=117&rl=31")

RULES = StateRules(
    code="TX",
    name="Texas",
    regulation=LICENSE,
    board="Texas Department of Licensing and Regulation (TDLR), Massage Therapy program",
    board_url="https://www.tdlr.texas.gov/mas/masjust.htm",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=ISSUE_ANNIVERSARY, cycle_years=2,
        text="two years from the date of issuance",
        source=RENEW,
        confidence=CONFIRMED,
        note="Late renewal: 1.5x fee up to 90 days, 2x fee from 90 days to 18 months.",
    ),
    ce=CERequirement(
        hours=12,
        subjects=(
            SubjectMinimum(
                "human-trafficking", None, counts_toward_total=False, in_first_period=True,
                note="HHSC-approved human trafficking prevention training before each renewal; "
                     "a separate renewal requirement, not part of the 12 hours",
                source=R117_24,
            ),
        ),
        caps=(CECap(subjects=("cpr", "first-aid"), max_hours=6, source=R117_30,
                    confidence=SECONDARY),),
        text="at least 12 hours per license term, plus the human trafficking prevention course "
             "before each renewal",
        source=R117_30,
        confidence=CONFIRMED,
    ),
    liability=LiabilityMandate(required=False, text="no state mandate found", confidence=SECONDARY),
    license_number_pattern=r"MT\d{6}",
    license_number_example="MT029757",
    license_number_confidence=CONFIRMED,
    other_requirements=("criminal background check at renewal",),
    sources=(RENEW, R117_24, R117_30, "https://www.tdlr.texas.gov/mas/masjust.htm"),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/texas/title-16/part-4/chapter-117/subchapter-c/section-117-24',
         'current through 2025-03-28'),
        ('https://texreg.sos.state.tx.us/public/readtac$ext.TacPage?sl=R&app=9&p_dir=&p_rloc=&p_tloc=&p_ploc=&pg=1&p_tac=&ti=16&pt=4&ch=117&rl=31',
         'current through 2024-12-13'),
        ('https://www.tdlr.texas.gov/mas/masjust.htm',
         '2021 adoption, eff. 2021-04-01'),
    ),
    verified="2026-11-22",
    notes="Human trafficking rule: 16 TAC 117.24(b)(4), amended eff. 2021-04-01.",
)
