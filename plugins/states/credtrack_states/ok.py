"""Oklahoma: State Board of Cosmetology and Barbering (Advisory Board on Massage Therapy)."""

from credtrack.rules import (
    BIRTH_MONTH_END, CONFIRMED, FIRST_UNKNOWN, LICENSE, SECONDARY, UNCONFIRMED, YEARS_UNKNOWN,
    CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

OAC = ("https://d1tvxue8o4w0fl.cloudfront.net/regulation/oklahoma-administrative-code/title-175-"
       "state-board-of-cosmetology-and-barbering/chapter-20-massage-therapy/subchapter-5-licensure-"
       "of-massage-therapists/section-17520-5-3-license-renewal")
ABMP = "https://www.abmp.com/practitioners/state-requirements/oklahoma?page=1"
STATUTE = "https://self-law.org/code/ok/title-59-professions-and-occupations/59-4200-5"
MSN = "https://massageschoolnotes.com/massage-ce-requirements-by-state-o-p"

RULES = StateRules(
    code="OK",
    name="Oklahoma",
    regulation=LICENSE,
    board="Oklahoma State Board of Cosmetology and Barbering (with Advisory Board on Massage "
          "Therapy)",
    board_url="https://www.ok.gov/cosmo/Massage_Therapy/index.html",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=BIRTH_MONTH_END, cycle_years=2, parity=YEARS_UNKNOWN, grace_days=30,
        text="biennially on the last day of the birth month (OAC 175:20-5-3(a)); whether odd or "
             "even years is not in the sources: enter the expiry printed on your license "
             "(credtrack checks that it is the last day of your birth month)",
        source=OAC,
        confidence=CONFIRMED,
        read="2026-12-01",
        source_date="current through 2024-11-01",
        note="Day and two-year cycle: OAC 175:20-5-3(a). 30-day grace period with a late fee; "
             "then inactive for up to 1 year, then expired.",
    ),
    ce=CERequirement(
        hours=10,
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="5 hours per year of license term: 10 per two-year license; no mandated subjects; "
             "distance learning accepted; a full CPR/First Aid certification course may count",
        source=MSN,
        confidence=SECONDARY,
    ),
    liability=LiabilityMandate(
        required=True,
        text="proof of liability insurance at licensure (59 O.S. 4200.5); documentation of "
             "current liability insurance at renewal (OAC 175:20-5-3); amount not stated",
        source=STATUTE,
        confidence=CONFIRMED,
    ),
    other_requirements=("documentation of current liability insurance at renewal",),
    document_kinds=("liability-coi",),
    sources=(ABMP, STATUTE, MSN, OAC),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://d1tvxue8o4w0fl.cloudfront.net/regulation/oklahoma-administrative-code/title-175-state-board-of-cosmetology-and-barbering/chapter-20-massage-therapy/subchapter-5-licensure-of-massage-therapists/section-17520-5-3-license-renewal',
         'current through 2024-11-01'),
    ),
    confidence=SECONDARY,  # as a whole: the weakest of its parts (re-verified 2026-12-01)
    verified="2026-11-22",
    notes="Licensure mandatory from 2017-05-01. The CSV said a license may be issued for 1 or 2 "
          "years; OAC 175:20-5-3 says renewal is biennial (whether 1-year terms remain is "
          "unconfirmed). CE is set per year and scaled by the license term.",
)
