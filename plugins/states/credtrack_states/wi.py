"""Wisconsin: Massage Therapy and Bodywork Therapy Affiliated Credentialing Board (DSPS)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, FIXED_DATE, LICENSE, ODD, CERequirement, LiabilityMandate,
    RenewalRule, StateRules, SubjectMinimum,
)

DSPS = "https://dsps.wi.gov/Pages/Professions/MassageTherapistBodyworkTherapist/CE.aspx"
ABMP = "https://www.abmp.com/practitioners/state-requirements/wisconsin"
# The audit of 2026-12-01 cites Wis. Admin. Code MTBT 4 on docs.legis.wisconsin.gov and
# Wis. Stat. 460.05: their addresses on that site.
MTBT4 = "https://docs.legis.wisconsin.gov/code/admin_code/mtbt/4"
STAT_460 = "https://docs.legis.wisconsin.gov/statutes/statutes/460/05"

RULES = StateRules(
    code="WI",
    name="Wisconsin",
    regulation=LICENSE,
    board="Wisconsin Massage Therapy and Bodywork Therapy Affiliated Credentialing Board "
          "(Department of Safety and Professional Services)",
    board_url=DSPS,
    credential="Licensed Massage Therapist (LMT) or Licensed Bodywork Therapist (LBT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=3, day=1, parity=ODD,
        text="March 1 of each odd-numbered year (MTBT 4.01)",
        source=MTBT4,
        confidence=CONFIRMED,
        read="2026-12-01",
        note="The reference CSV's 'end of February' is wrong (audit of 2026-12-01).",
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
        required=True, per_claim=1_000_000, aggregate=1_000_000,
        text="liability insurance of at least $1,000,000 per occurrence and $1,000,000 aggregate "
             "(Wis. Stat. 460.05(1)(g))",
        source=STAT_460,
        confidence=CONFIRMED,
        read="2026-12-01",
    ),
    other_requirements=("AED proficiency at renewal (MTBT 4.02(4))",
                        "liability insurance of at least $1,000,000 / $1,000,000"),
    document_kinds=("liability-coi",),
    sources=(
        DSPS,
        MTBT4,
        STAT_460,
        ABMP,
        "https://massagetherapylicense.org/state/wisconsin-massage-license",
        "http://www.abmp.com/news/wisconsin-governor-signs-law-requiring-massage-therapists-and-"
        "bodyworkers-to-become-state-licensed/",
    ),
    verified="2026-11-22",
    notes="Mandatory licensure since 2010 (AB 588). Licensure: 600 hours plus 6 hours Wisconsin "
          "law and rules; MBLEx, NCBTMB or NCCAOM.",
)
