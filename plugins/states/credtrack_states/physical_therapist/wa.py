"""Washington: physical therapists (Board of Physical Therapy / DOH, ch. 18.74 RCW, 246-915 WAC)."""

from credtrack.rules import (
    BIRTHDAY, CONFIRMED, UNKNOWN, FIRST_UNKNOWN, LICENSE, UNCONFIRMED, CERequirement, LiabilityMandate,
    RenewalRule, StateRules, SubjectMinimum,
)

NEWSLETTER = "https://content.govdelivery.com/landing_pages/52239/ba51bb86edbdfce3ef458e290b8c1e94"
FAQ = ("https://doh.wa.gov/licenses-permits-and-certificates/professions-new-renew-or-update/"
       "physical-therapist-and-physical-therapist-assistant/frequently-asked-questions")
WAC_085 = "http://app.leg.wa.gov/WAC/default.aspx?cite=246-915-085"
CE_PAGE = ("https://doh.wa.gov/licenses-permits-and-certificates/professions-new-renew-or-update/"
           "physical-therapist-and-physical-therapist-assistant/continuing-education")
EQUITY = ("https://doh.wa.gov/licenses-permits-and-certificates/professions-new-renew-or-update/"
          "physical-therapist-and-physical-therapist-assistant/rules-progress")

RULES = StateRules(
    code="WA",
    name="Washington",
    regulation=LICENSE,
    board="Washington Board of Physical Therapy / Department of Health",
    board_url=FAQ,
    credential="Physical Therapist (PT)",
    renewal=RenewalRule(
        basis=BIRTHDAY, cycle_years=1,
        text="every year on the licensee's birthday (RCW 18.74.070; WAC 246-12 Part 2); the "
             "renewal window opens 90 days before, no grace period",
        source=NEWSLETTER,
        confidence=CONFIRMED,
    ),
    ce=CERequirement(
        hours=32,
        subjects=(
            SubjectMinimum("health-equity", 2, note="2 hours every two years from 2023-11-13, "
                           "within the regular CE (WSR 23-21-075)", source=EQUITY),
            SubjectMinimum("suicide-prevention", 3, every_renewal=False,
                           note="one-time 3-hour training (WAC 246-915-086), counts toward CE; "
                                "its deadline after licensure is not confirmed", source=CE_PAGE),
        ),
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        period=RenewalRule(
            basis=UNKNOWN, cycle_years=2,
            text="CE is counted over two years, separate from the annual (birthday) renewal; "
                 "which birthday closes the first two-year period is not in the sources, so "
                 "credtrack counts the two years before each renewal",
            source=FAQ,
            confidence=UNCONFIRMED,
        ),
        text="32 hours every two years (PT), plus 200 hours of physical therapy practice; books "
             "and articles at most 8 h, media without objectives at most 4 h",
        source=WAC_085,
        confidence=CONFIRMED,
        note="Older rule versions said 40 hours; some vendor pages are stale.",
    ),
    liability=LiabilityMandate(required=None, text="no mandate found", confidence=UNCONFIRMED),
    compact_member=True,
    sources=(NEWSLETTER, FAQ, WAC_085, CE_PAGE, EQUITY),
    verified="2026-12-01",
    notes="PT Compact member, issuing and accepting privileges; a privilege is valid until the "
          "home license expires and follows the home state's CE.",
    confidence=CONFIRMED,
)
