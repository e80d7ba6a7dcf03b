"""Nebraska: DHHS Licensure Unit with the Board of Massage Therapy."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, FIXED_DATE, LICENSE, ODD, ONLINE, UNCONFIRMED, CECap,
    CERequirement, LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

NAC = ("https://regulations.justia.com/states/nebraska/health-and-human-services-system/"
       "title-172/chapter-81/section-172-81-008")
RENEWAL = "http://dhhs.ne.gov/publichealth/Pages/crl_mhcs_mass_renewal.aspx"
OLD_CE = "http://dhhs.ne.gov/publichealth/Pages/crl_mhcs_mass_ce.aspx"

RULES = StateRules(
    code="NE",
    name="Nebraska",
    regulation=LICENSE,
    board="Nebraska DHHS Licensure Unit with the Board of Massage Therapy",
    board_url="https://dhhs.ne.gov/licensure/Pages/Massage-Therapy.aspx",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=11, day=1, parity=ODD,
        text="November 1 of odd-numbered years (older DHHS page; not re-confirmed since 2020)",
        source=RENEWAL,
        confidence=UNCONFIRMED,
        note="Renewals not postmarked or received by Nov 1 expire; $10/day administrative "
             "penalty for practising on an expired license (older DHHS page).",
    ),
    ce=CERequirement(
        hours=16,
        subjects=(SubjectMinimum("ethics", 3, source=NAC, note="home study allowed"),),
        caps=(CECap(delivery=ONLINE, max_fraction=0.5, source=NAC),),
        min_in_person_hours=8,
        first_period=FIRST_UNKNOWN,
        carry_over_max=0,
        text="16 hours in the 24 months before the renewal date: at least 8 hands-on workshop "
             "hours (at least 75% hands-on technique), at least 3 ethics, at most 50% online, "
             "at most 8 non-hands-on",
        source=NAC,
        confidence=CONFIRMED,
        note="Credit for passing the licensure exam (5), jurisprudence exam (3), publication "
             "(3). No carry-over per the older DHHS CE page. The older rule required 24 hours.",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        NAC,
        "https://www.amtane.org/nebraska-state-regulartory-board",
        OLD_CE,
        "https://www.massageschoolnotes.com/massage-ce-requirements-by-state-n/",
        RENEWAL,
        "https://nebraskalegislature.gov/laws/statutes.php?statute=38-142",
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/nebraska/health-and-human-services-system/title-172/chapter-81/section-172-81-008',
         'current through 2024-09-17'),
        ('http://dhhs.ne.gov/publichealth/Pages/crl_mhcs_mass_renewal.aspx',
         'undated; from the old 24-hour-CE era, so pre-2020'),
    ),
    verified="2026-11-22",
    notes="Statute 38-142: credentials renew biennially on a date the department sets. "
          "Education floor 1000 hours.",
)
