"""Kentucky: Board of Licensure for Massage Therapy."""

from credtrack.rules import (
    CONFIRMED, FIRST_UNKNOWN, ISSUE_ANNIVERSARY, LICENSE, SECONDARY, UNCONFIRMED,
    CERequirement, LiabilityMandate, RenewalRule, StateRules, SubjectMinimum,
)

KAR = "https://regulations.justia.com/states/kentucky/title-201/chapter-42/040"
CE = "https://www.massageschoolnotes.com/massage-ce-requirements-by-state-kl/"
EXPIRED = "https://lawserver.com/law/state/kentucky/ks-statutes/kentucky_statutes_309-357"

RULES = StateRules(
    code="KY",
    name="Kentucky",
    regulation=LICENSE,
    board="Kentucky Board of Licensure for Massage Therapy",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=ISSUE_ANNIVERSARY, cycle_years=2,
        text="every two years, on or before the anniversary date of license issue",
        source=KAR,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=12,
        subjects=(SubjectMinimum("ethics", 3, source=CE, confidence=SECONDARY),),
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        text="12 hours per two-year license period (since 2021-06-29; 24 before), including "
             "3 ethics; a CE hour is 50 minutes",
        source=CE,
        confidence=SECONDARY,
        note="KRS 309.361 as quoted by a CE guide. Practising on an expired license may require "
             "1 CE hour per month expired (KRS 309.357).",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    other_requirements=("conviction attestation at renewal",),
    sources=(
        KAR,
        CE,
        "https://abmp.com/updates/legislative-updates/kentucky/background-checks-and-photos-now-"
        "required-licensure-ky-and-other-modifications-massage-therapy",
        "https://self-law.org/code/ky/309-358",
        EXPIRED,
    ),
    # the dates these sources show, as noted in the reference (states.csv, states-gaps.md)
    source_dates=(
        ('https://regulations.justia.com/states/kentucky/title-201/chapter-42/040',
         'current through 2024-09-01'),
    ),
    verified="2026-11-22",
    notes="Background checks and a photo on the license are required for licensure (ABMP). "
          "Board website not confirmed.",
)
