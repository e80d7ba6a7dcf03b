"""Pennsylvania: State Board of Massage Therapy (Bureau of Professional and Occupational Affairs)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, FIXED_DATE, LICENSE, ODD, ONLINE, SECONDARY, UNCONFIRMED, CECap,
    CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

RENEWAL_RULE = "https://info.5y1.org/pennsylvania-board-of-nursing-license-lookup_1_1a0e36.html"
CE_RULE = "http://www.lancasterschoolofmassage.com/pa-licensing-info/"
ANNOUNCEMENTS = ("https://pa.gov/agencies/dos/department-and-offices/bpoa/boards-commissions/"
                 "massage-therapy/announcements.html")

RULES = StateRules(
    code="PA",
    name="Pennsylvania",
    regulation=LICENSE,
    board="Pennsylvania State Board of Massage Therapy (Bureau of Professional and Occupational "
          "Affairs)",
    board_url="https://www.pa.gov/agencies/dos/department-and-offices/bpoa/boards-commissions/"
              "massage-therapy.html",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=1, day=31, parity=ODD,
        text="January 31 of odd-numbered years, regardless of issue date",
        source=RENEWAL_RULE,
        confidence=CONFIRMED,
        note="49 Pa. Code 20.31. Renewal opens 60 days before expiry.",
    ),
    ce=CERequirement(
        hours=24,
        subjects=(
            SubjectMinimum("ethics", 4, source=CE_RULE, confidence=SECONDARY),
            SubjectMinimum("child-abuse", 2, counts_toward_total=False, in_first_period=True,
                           note="Act 31 child abuse recognition and reporting, every renewal; "
                                "not waived for new licensees",
                           source=ANNOUNCEMENTS),
        ),
        caps=(CECap(delivery=ONLINE, max_hours=8, source=CE_RULE, confidence=SECONDARY),),
        first_period=FIRST_EXEMPT,
        carry_over_max=None,
        text="24 hours per biennium (at least 16 contact hours, at most 8 online), at least 4 in "
             "professional ethics, plus 2 hours of Act 31 child abuse training; initial licensees "
             "get the 24-hour waiver for the current biennium but not the Act 31 waiver",
        source=CE_RULE,
        confidence=SECONDARY,
        read="2026-12-01",
        note="49 Pa. Code 20.32. Keep certificates 5 years. Request a waiver or extension at least "
             "60 days before expiry.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    other_requirements=("current CPR certification (in-person; not counted toward the 24 hours)",),
    document_kinds=("cpr",),
    sources=(
        RENEWAL_RULE,
        CE_RULE,
        ANNOUNCEMENTS,
        "http://www.continuingeducation.com/massage-therapy/state-ce-requirements/pennsylvania",
        "https://govt.westlaw.com/pac/Document/N03354D10DC1D11DD9D6ED1556D309943?viewType=FullText"
        "&originationContext=documenttoc&transitionType=CategoryPageItem&contextData=(sc.Default)",
    ),
    verified="2026-11-22",
    notes="Licensure: 600 in-class hours including HIV and CPR training, MBLEx (legacy NCETM/"
          "NCETMB/NESL accepted), and 3 hours of child abuse recognition at initial licensure.",
)
