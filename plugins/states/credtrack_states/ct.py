"""Connecticut: Department of Public Health, Massage Therapist Licensure (no separate board)."""

from credtrack.rules import (
    CONFIRMED, FIRST_EXEMPT, LICENSE, REMOTE, SECONDARY, UNCONFIRMED, UNKNOWN, CECap, CERequirement,
    LiabilityMandate, RenewalRule, StateRules,
)

DPH_CE = ("https://portal.ct.gov/dph/practitioner-licensing--investigations/massagetherapist/"
          "massage-therapist-continuing-education-requirements")
STATUTE = ("https://law.justia.com/codes/connecticut/2015/title-20/chapter-384a/"
           "section-20-206b/index.html")
INSURANCE = ("https://www.abmp.com/updates/legislative-updates/connecticut/starting-10119-750-"
             "hours-massage-education-plus-internship-required-new-licensees-and-liability")

RULES = StateRules(
    code="CT",
    name="Connecticut",
    regulation=LICENSE,
    board="Connecticut Department of Public Health - Massage Therapist Licensure",
    board_url=DPH_CE,
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=2,
        text="renewed every two years under CGS 19a-88; the month is not confirmed (birth month "
             "likely): enter the expiry date printed on your license",
        source=STATUTE,
        confidence=UNCONFIRMED,
    ),
    ce=CERequirement(
        hours=24,
        caps=(CECap(delivery=REMOTE, max_hours=18, source=DPH_CE,
                    note="internet/distance learning; older text said 6 (raised by HB 6733)"),),
        first_period=FIRST_EXEMPT,
        carry_over_max=None,
        period=RenewalRule(
            basis=UNKNOWN, cycle_years=4,
            text="24 hours per four years (every second license renewal); the period's dates "
                 "follow the license, whose month is unconfirmed",
            source=DPH_CE,
            confidence=UNCONFIRMED,
        ),
        text="24 hours per four years, at most 18 by internet/distance learning and at most 12 "
             "from programs not NCBTMB-approved; first license renewal exempt",
        source=DPH_CE,
        confidence=CONFIRMED,
        note="Keep certificates 6 years. The DPH page's 'Mandatory...' section was not retrieved, "
             "so mandatory subjects are unconfirmed.",
    ),
    liability=LiabilityMandate(
        required=True, per_claim=500_000, aggregate=1_000_000,
        text="at least $500,000 per person per occurrence and $1,000,000 aggregate for all "
             "licensees from 2019-10-01 (may be provided by the employer)",
        source=INSURANCE,
        confidence=SECONDARY,
        read="2026-12-01",
        note="Only an association page (ABMP) says so: secondary until the statute is read.",
    ),
    other_requirements=("professional liability insurance ($500k/$1M), possibly through the "
                        "employer",),
    document_kinds=("liability-coi",),
    sources=(
        DPH_CE,
        INSURANCE,
        "https://www.abmp.com/practitioners/state-requirements/connecticut",
        "http://statutes.laws-info.com/connecticut/title20/chap384a/Sec20-206b",
        "https://app.legiplex.com/ct/legislature/2018/2018-r/bills/sb00301/drafts-latest",
        "https://amtactchapter.org/update-on-massage-therapy-legislation-passed/",
    ),
    verified="2026-11-22",
    notes="Advertisements must include the license number (CGS 20-206g(c)). Applicants from "
          "2019-10-01 need 750 classroom hours plus a 60-hour internship.",
)
