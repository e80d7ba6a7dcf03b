"""Florida: physical therapists (Board of Physical Therapy Practice, ch. 486 F.S., 64B17 F.A.C.)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT_IF_WITHIN, FIXED_DATE, LICENSE, ODD, SELF_STUDY, UNCONFIRMED,
    CECap, CERequirement, LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

RENEWALS = "https://floridasphysicaltherapy.gov/renewals"
RULE_9_001 = "https://www.law.cornell.edu/regulations/florida/Fla-Admin-Code-Ann-R-64B17-9-001"
FAQ = "https://floridasphysicaltherapy.gov/frequently-asked-questions/?pg=3"
OLD_CE_PAGE = "http://www.doh.state.fl.us/mqa/physical/pt_ceu.html"

RULES = StateRules(
    code="FL",
    name="Florida",
    regulation=LICENSE,
    board="Florida Board of Physical Therapy Practice",
    board_url="https://floridasphysicaltherapy.gov/",
    credential="Physical Therapist (PT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=11, day=30, parity=ODD,
        text="every two years on November 30 of odd-numbered years (midnight ET)",
        source=RENEWALS,
        confidence=CONFIRMED,
        note="A delinquent license not renewed by the end of the cycle becomes null and void.",
    ),
    ce=CERequirement(
        hours=24,
        subjects=(
            SubjectMinimum("medical-errors", 2, in_first_period=True,
                           note="prevention of medical errors, every biennium, within the 24",
                           source=FAQ),
            SubjectMinimum("hiv-aids", 1, only_first_period=True, in_first_period=True,
                           note="an approved HIV/AIDS course at the first renewal only",
                           source=FAQ),
        ),
        caps=(CECap(delivery=SELF_STUDY, max_hours=12,
                    note="at most 12 hours self-paced (home study, recorded video, apps) per "
                         "biennium; at least 12 live or live interactive webinar",
                    source=RULE_9_001),),
        first_period=FIRST_EXEMPT_IF_WITHIN,
        first_exempt_months=12,
        first_source=OLD_CE_PAGE,
        carry_over_max=0,
        text="24 contact hours of board-approved courses in the 24 months before each biennial "
             "renewal, including 2 on the prevention of medical errors; at most 12 self-paced",
        source=RULE_9_001,
        confidence=CONFIRMED,
        note="Licensed in the second half of the biennium (on or after December 1 of an even "
             "year: within 12 months of the renewal date): exempt at the first renewal except "
             "the 2 h medical errors and 1 h HIV/AIDS (64B17-9.001(1)). Reported through CE "
             "Broker. "
             "An older board page caps risk-management courses at 5 hours (secondary, possibly "
             "outdated: " + OLD_CE_PAGE + ").",
    ),
    liability=LiabilityMandate(required=None, text="no mandate found in ch. 486",
                               confidence=UNCONFIRMED),
    compact_member=None,
    sources=(RENEWALS, RULE_9_001, FAQ, "https://m.flsenate.gov/Statutes/486.112"),
    verified="2026-12-01",
    notes="Florida enacted the PT Licensure Compact (s. 486.112 F.S., 2024); whether it issues "
          "or accepts privileges yet is not confirmed. Human trafficking: a one-time 1-hour "
          "course under s. 456.0341 (secondary; timing for new licensees unconfirmed).",
    confidence=CONFIRMED,
)
