"""Maryland: State Board of Massage Therapy Examiners."""

from credtrack.rules import (
    CONFIRMED, EVEN, FIRST_EXEMPT_IF_WITHIN, FIXED_DATE, LICENSE, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

BOARD_CE = "https://health.maryland.gov/massage/Pages/education.aspx"
COMAR = "http://mdrules.elaws.us/comar/10.65.01.06"

RULES = StateRules(
    code="MD",
    name="Maryland",
    regulation=LICENSE,
    board="Maryland State Board of Massage Therapy Examiners "
          "(formerly Board of Chiropractic and Massage Therapy Examiners)",
    board_url="https://health.maryland.gov/massage",
    credential="Licensed Massage Therapist (LMT) or Registered Massage Practitioner (RMP, "
               "non-health-care settings only)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=10, day=31, parity=EVEN,
        text="October 31 of even-numbered years (biennial)",
        source=BOARD_CE,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=24,
        subjects=(
            SubjectMinimum("ethics", 3, source=COMAR, note="ethics/jurisprudence"),
            SubjectMinimum("health-equity", 2, source=COMAR,
                           note="diversity/cultural competency/implicit bias"),
            SubjectMinimum("health-equity", 1, in_first_period=True, only_first_period=True,
                           source=COMAR,
                           note="the 1-hour implicit-bias course is mandatory at the first "
                                "renewal, even when the rest of CE is waived"),
        ),
        first_period=FIRST_EXEMPT_IF_WITHIN,
        first_exempt_months=12,
        first_source=BOARD_CE,
        carry_over_max=None,
        text="24 hours per biennium: 3 ethics/jurisprudence, 3 communicable disease including "
             "HIV/AIDS, 2 diversity/cultural competency/implicit bias, 16 massage-related. "
             "A license or registration issued less than 12 months before the renewal date "
             "owes no CE at that renewal except the 1-hour implicit-bias course",
        source=COMAR,
        confidence=CONFIRMED,
        note="First period: a license issued within 12 months of the renewal date is exempt "
             "(COMAR 10.65.05.03A, audit of 2026-12-01); issued earlier: full hours. The 3-hour "
             "communicable-disease requirement is not modelled as a subject. Older rule: 17 "
             "massage + 1 diversity.",
        read="2026-12-01",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    other_requirements=("current CPR certificate at renewal",),
    document_kinds=("cpr",),
    sources=(
        BOARD_CE,
        COMAR,
        "https://massagetherapylicense.org/?p=1557",
        "https://md.wp.amtamassage.org/education/",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('http://mdrules.elaws.us/comar/10.65.01.06',
         'updated 2021-04-06'),
    ),
    verified="2026-11-22",
    notes="LMT and RMP follow the same renewal rules. 3 hours of communicable disease "
          "(including HIV/AIDS) each renewal: no CE subject for it.",
)
