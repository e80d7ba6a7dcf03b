"""Colorado: Office of Massage Therapy Licensure (DORA Division of Professions and Occupations)."""

from credtrack.rules import (
    CONFIRMED, EVEN, FIXED_DATE, LICENSE, SECONDARY, UNCONFIRMED, CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

GRACE = ("https://www.abmp.com/updates/legislative-updates/colorado/"
         "grace-period-co-massage-license-renewals")
INSURANCE = ("https://d1tvxue8o4w0fl.cloudfront.net/statute/colorado-revised-statutes/title-12-"
             "professions-and-occupations/health-care-professions-and-occupations/article-235-"
             "massage-therapists/section-12-235-116-professional-liability-insurance-required")
NO_CE = "https://www.massageschoolnotes.com/massage-therapy-ce-requirements-by-state-c-d/"

RULES = StateRules(
    code="CO",
    name="Colorado",
    regulation=LICENSE,
    board="Colorado Office of Massage Therapy Licensure (DORA Division of Professions and "
          "Occupations; Director-regulated, no board)",
    board_url="https://dpo.colorado.gov/MassageTherapy",
    credential="Licensed Massage Therapist (LMT); registrations became licenses 2014-07-01",
    renewal=RenewalRule(
        basis=FIXED_DATE, cycle_years=2, month=12, day=31, parity=EVEN,
        text="probably December 31 of even-numbered years (inferred): check the expiry date "
             "printed on your license",
        source=GRACE,
        confidence=UNCONFIRMED,
        note="Inferred from the 2016 cycle ending 2016-12-31 (earlier cycle ended 2015-01-31); "
             "no post-2016 source confirms it. A 60-day grace period with late fee applied "
             "historically (2016: extended to 2017-03-31).",
    ),
    ce=CERequirement(hours=0, text="no CE requirement", source=NO_CE, confidence=SECONDARY),
    liability=LiabilityMandate(
        required=True, per_claim=50_000, aggregate=300_000,
        text="at least $50,000 per claim and $300,000 aggregate per year (CRS 12-235-116)",
        source=INSURANCE,
        confidence=CONFIRMED,
    ),
    other_requirements=("professional liability insurance is a legal condition of practice",),
    document_kinds=("liability-coi",),
    sources=(
        "https://e.casetext.com/statute/colorado-revised-statutes/title-12-professions-and-"
        "occupations/health-care-professions-and-occupations/article-235-massage-therapists/"
        "section-12-235-108-license-requirements-denial-of-license-application",
        INSURANCE,
        "https://dpo.colorado.gov/MassageTherapy",
        "http://abmp.com/practitioners/state-requirements/colorado?page=1",
        GRACE,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://e.casetext.com/statute/colorado-revised-statutes/title-12-professions-and-occupations/health-care-professions-and-occupations/article-235-massage-therapists/section-12-235-108-license-requirements-denial-of-license-application',
         'current through 2024-11-05'),
        ('https://www.abmp.com/updates/legislative-updates/colorado/grace-period-co-massage-license-renewals',
         'late 2016'),
    ),
    verified="2026-11-22",
    notes="Education 650 hours for applicants after 2024-07-01 (SB24-201; 500 before, with "
          "grandfathering). DORA's renewal schedule by license prefix was cut off in the stored "
          "copy.",
)
