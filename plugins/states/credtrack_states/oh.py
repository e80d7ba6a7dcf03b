"""Ohio: State Medical Board of Ohio (massage therapy is a limited branch of medicine)."""

from credtrack.rules import (
    LICENSE, SECONDARY, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate, RenewalRule,
    StateRules,
)

BOARD = "http://www.med.ohio.gov/RenewalCME/MassageTherapist(MT).aspx"
ABMP = "https://abmp.com/updates/legislative-updates/Ohio"
MSN = "https://massageschoolnotes.com/massage-ce-requirements-by-state-o-p"
BIA = "http://documentde.com/business-impact-analysis-amended-877338.html"

RULES = StateRules(
    code="OH",
    name="Ohio",
    regulation=LICENSE,
    board="State Medical Board of Ohio (massage therapy is a 'limited branch of medicine')",
    board_url=BOARD,
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=2,
        text="every two years, staggered by the first letter of the last name; the letter-to-date "
             "schedule is not in the sources: enter the expiry printed on your license",
        source=BOARD,
        confidence=UNCONFIRMED,
    ),
    ce=CERequirement(
        hours=0,
        carry_over_max=None,
        text="no CE requirement according to current secondary sources",
        source=MSN,
        confidence=SECONDARY,
        note="The board has had authority to require CE since HB 483 (2014) and proposed rule "
             "4731-1-24 (Massage Therapy Continuing Education) in 2017; adoption unconfirmed.",
    ),
    liability=LiabilityMandate(required=False, text="not mandated", confidence=SECONDARY),
    sources=(
        BOARD,
        ABMP,
        "https://regulations.justia.com/states/ohio/title-4731/chapter-4731-1/section-4731-1-15",
        MSN,
        BIA,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/ohio/title-4731/chapter-4731-1/section-4731-1-15',
         'current through 2024-09-16'),
        ('http://documentde.com/business-impact-analysis-amended-877338.html',
         '2017-03-09'),
    ),
    verified="2026-11-22",
    notes="Education 600 hours since 2021-04-12 (HB 442; 750 before), at most half by distance "
          "education; MBLEx. Renewal fee $100.",
)
