"""Rhode Island: Department of Health (RI State Board of Licensed Massage Therapists)."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, LICENSE, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate,
    RenewalRule, StateRules,
)

CE_RULE = ("https://casetext.com/regulation/rhode-island-administrative-code/title-216-department-"
           "of-health/chapter-40-professional-licensing-and-facility-regulation/subchapter-05-"
           "professional-licensing/part-10-massage-therapists/section-216-ricr-40-05-108-"
           "continuing-education")
ABMP = ("https://abmp.com/updates/legislative-updates/rhode-island/six-hours-continuing-education-"
        "now-required-annual-massage-license-renewal-rhode-island")

RULES = StateRules(
    code="RI",
    name="Rhode Island",
    regulation=LICENSE,
    board="Rhode Island Department of Health (massage therapy licensing; 2024 law creates the RI "
          "State Board of Licensed Massage Therapists, RIGL ch. 5-95)",
    board_url="https://health.ri.gov/licenses/detail.php?id=229",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=1,
        text="annual; the renewal date is not in the sources: enter the expiry printed on your "
             "license",
        source=CE_RULE,
        confidence=UNCONFIRMED,
    ),
    ce=CERequirement(
        hours=6,
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="6 hours every year at renewal (since 2018-08-05) in scope-of-practice topics "
             "including ethics (no fixed ethics hours); online and self-study allowed",
        source=CE_RULE,
        confidence=CONFIRMED,
        note="216-RICR-40-05-10.8 (amended eff. 2024-03-20). Keep records 4 years; hardship "
             "waiver available.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        CE_RULE,
        ABMP,
        "http://webserver.rilegislature.gov/PublicLaws/law24/law24346.htm",
        "http://webserver.rilegislature.gov/Statutes/TITLE5/5-95/5-95-9.htm",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://casetext.com/regulation/rhode-island-administrative-code/title-216-department-of-health/chapter-40-professional-licensing-and-facility-regulation/subchapter-05-professional-licensing/part-10-massage-therapists/section-216-ricr-40-05-108-continuing-education',
         'current through 2024-06-20'),
        ('https://abmp.com/updates/legislative-updates/rhode-island/six-hours-continuing-education-now-required-annual-massage-license-renewal-rhode-island',
         '2018'),
        ('http://webserver.rilegislature.gov/PublicLaws/law24/law24346.htm',
         'enacted 2024-06-26'),
    ),
    confidence=UNCONFIRMED,  # as a whole: the weakest of its parts (re-verified 2026-12-01)
    verified="2026-11-22",
    notes="The statute moved from ch. 23-20.8 to ch. 5-95 in 2024 (enacted 2024-06-26); rule "
          "citations may change. First licenses from 2025-01-01: 800 hours (500 before), board-"
          "approved exam (MBLEx), national criminal background check. Advertisements must include "
          "the license number (former RIGL 23-20.8-3(c)).",
)
