"""Louisiana: Board of Massage Therapy."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, FIXED_DATE, LICENSE, NO_CAP, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

LAC = ("https://d1tvxue8o4w0fl.cloudfront.net/regulation/louisiana-administrative-code/title-46-"
       "professional-and-occupational-standards/part-xliv-massage-therapists/chapter-17-"
       "professional-and-establishment-license/section-xliv-1701-applications-availability-"
       "requirements-and-expiration")
FAQ = "https://www.labmt.org/site419.php"

RULES = StateRules(
    code="LA",
    name="Louisiana",
    regulation=LICENSE,
    board="Louisiana Board of Massage Therapy",
    board_url="https://www.labmt.org",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=1, month=3, day=31,
        text="March 31 every year (all licenses)",
        source=LAC,
        confidence=CONFIRMED,
        note="Late renewal carries a late fee. Renewal fee $125 a year (board FAQ).",
    ),
    ce=CERequirement(
        hours=12,
        first_period=FIRST_EXEMPT,
        carry_over_max=NO_CAP,
        read="2026-12-01",
        text="12 hours per annual renewal, except licensees in their first year; a CE hour is "
             "50 uninterrupted minutes; courses from an approved program or board-registered "
             "provider; online or home study may count if verified",
        source=LAC,
        confidence=CONFIRMED,
        note="Excess credits 'may be applied to the following year' (RS 37:3561(A)(2)(a), per "
             "the audit of 2026-12-01; no cap stated, one year forward).",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        LAC,
        "https://www.legis.la.gov/legis/Law.aspx?d=94211",
        FAQ,
        "https://www.massageschoolnotes.com/massage-ce-requirements-by-state-kl/",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://d1tvxue8o4w0fl.cloudfront.net/regulation/louisiana-administrative-code/title-46-professional-and-occupational-standards/part-xliv-massage-therapists/chapter-17-professional-and-establishment-license/section-xliv-1701-applications-availability-requirements-and-expiration',
         'current through 2024-11-20'),
    ),
    verified="2026-11-22",
    notes="Establishment licenses also expire March 31.",
)
