"""Wisconsin: Massage Therapy and Bodywork Therapy Affiliated Credentialing Board (DSPS)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, FIXED_DATE, LICENSE, ODD, SECONDARY, CERequirement, LiabilityMandate,
    RenewalRule, StateRules, SubjectMinimum,
)

DSPS = "https://dsps.wi.gov/Pages/Professions/MassageTherapistBodyworkTherapist/CE.aspx"
ABMP = "https://www.abmp.com/practitioners/state-requirements/wisconsin"

RULES = StateRules(
    code="WI",
    name="Wisconsin",
    regulation=LICENSE,
    board="Wisconsin Massage Therapy and Bodywork Therapy Affiliated Credentialing Board "
          "(Department of Safety and Professional Services)",
    board_url=DSPS,
    credential="Licensed Massage Therapist (LMT) or Licensed Bodywork Therapist (LBT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=2, parity=ODD,
        text="end of February of odd-numbered years (biennium March 1 odd year - Feb 28 next odd "
             "year)",
        source=DSPS,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=24,
        subjects=(SubjectMinimum("ethics", 2, source=DSPS),),
        first_period=FIRST_EXEMPT,
        carry_over_max=None,
        text="24 hours per biennium, at least 2 in ethics; not required in the biennium first "
             "licensed (first renewal)",
        source=DSPS,
        confidence=CONFIRMED,
    ),
    liability=LiabilityMandate(
        required=True,
        text="liability insurance required prior to licensure (ABMP); amount unconfirmed",
        source=ABMP,
        confidence=SECONDARY,
    ),
    document_kinds=("liability-coi",),
    sources=(
        DSPS,
        ABMP,
        "https://massagetherapylicense.org/state/wisconsin-massage-license",
        "http://www.abmp.com/news/wisconsin-governor-signs-law-requiring-massage-therapists-and-"
        "bodyworkers-to-become-state-licensed/",
    ),
    verified="2026-11-22",
    notes="Mandatory licensure since 2010 (AB 588). Licensure: 600 hours plus 6 hours Wisconsin "
          "law and rules; MBLEx, NCBTMB or NCCAOM.",
)
