"""Michigan: Board of Massage Therapy (LARA Bureau of Professional Licensing)."""

from credtrack.rules import (
    FIRST_EXEMPT, LICENSE, SECONDARY, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate,
    RenewalRule, StateRules, SubjectMinimum,
)

CE = "https://massagespecialtiesceus.com/pages/michigan"
GUIDE = "https://info.5y1.org/therapeutic-massage-therapy-near-me_1_872df7.html"

RULES = StateRules(
    code="MI",
    name="Michigan",
    regulation=LICENSE,
    board="Michigan Board of Massage Therapy (LARA Bureau of Professional Licensing)",
    board_url="https://www.michigan.gov/lara/bureau-list/bpl/health/hp-lic-health-prof/massage",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=3,
        text="licenses expire October 31: the initial license runs about one year, then "
             "licenses run three years. Enter the expiry printed on your license",
        source=CE,
        confidence=UNCONFIRMED,
        note="Oct 31 comes from secondary sources; a one-year first term followed by three-year "
             "terms cannot be computed by the rule vocabulary.",
    ),
    ce=CERequirement(
        hours=18,
        subjects=(
            SubjectMinimum("ethics", 2, source=CE, confidence=SECONDARY,
                           note="professional ethics/boundaries"),
            SubjectMinimum("pain-management", 1, source=CE, confidence=SECONDARY,
                           note="pain and symptom management"),
            SubjectMinimum("health-equity", 3, counts_toward_total=False, source=CE,
                           confidence=SECONDARY,
                           note="implicit bias: 1 hour per year of the license cycle (3 for a "
                                "3-year license), in addition to the 18 hours; new applicants "
                                "2 hours within 5 years before issuance"),
            SubjectMinimum("human-trafficking", None, counts_toward_total=False,
                           every_renewal=False, source=CE, confidence=SECONDARY,
                           note="one-time training; required for initial licensure from "
                                "2022-03-14"),
        ),
        first_period=FIRST_EXEMPT,
        carry_over_max=0,
        text="18 hours per 3-year cycle (MCL 333.17965): 2 ethics/boundaries, 1 pain and "
             "symptom management; implicit bias 1 hour per year of the cycle on top; one-time "
             "human trafficking training; no CE to renew the initial 1-year license",
        source=CE,
        confidence=SECONDARY,
        note="No carry-over. Reported in CE Broker. At most 12 online hours per calendar day "
             "(secondary).",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        CE,
        "https://lakewoodschool.com/continuing-education-for-massage-therapists-in-michigan/",
        "https://www.elitelearning.com/massage-therapy/michigan/requirements/",
        GUIDE,
        "https://massagecelearningtree.com/michigan-massage-continuing-education/",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://info.5y1.org/therapeutic-massage-therapy-near-me_1_872df7.html',
         'LARA guide rev 2023-10-01'),
    ),
    verified="2026-11-22",
    notes="License number format not confirmed (CE Broker asks for the numeric part only, "
          "which suggests a letter prefix).",
    confidence=SECONDARY,
)
