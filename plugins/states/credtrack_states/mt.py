"""Montana: Board of Massage Therapy (Department of Labor & Industry)."""

from credtrack.rules import (
    FIRST_UNKNOWN, LICENSE, SECONDARY, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate,
    RenewalRule, StateRules,
)

DEXTERITY = "https://dexteritypd.com/course-approvals-usa/montana/?v=e4b09f3f8402"
INACTIVE = "https://rules.mt.gov/gateway/showrulefile.asp?RN=24.155.616"
MILESTONE = "http://blog.milestonece.com/august-lmt-deadlines-montana--delaware"

RULES = StateRules(
    code="MT",
    name="Montana",
    regulation=LICENSE,
    board="Montana Board of Massage Therapy (Department of Labor & Industry, "
          "Business Standards Division)",
    board_url="https://boards.bsd.dli.mt.gov/massage-therapy/faq",
    credential="Licensed Massage Therapist (LMT)",
    renewal=RenewalRule(
        basis=UNKNOWN,
        text="renewal deadline August 31 (secondary sources); whether renewal is annual or "
             "every two years is not confirmed: enter the expiry printed on your license",
        source=DEXTERITY,
        confidence=UNCONFIRMED,
        note="Conflict: DexterityPD says 'August 31 of each year' and ARM 24.155.616 has an "
             "annual inactive fee; other guides say biennial (odd years). ARM 24.101.413 "
             "sets the dates and was not retrieved.",
    ),
    ce=CERequirement(
        hours=12,
        first_period=FIRST_UNKNOWN,
        carry_over_max=None,
        period=RenewalRule(
            basis=UNKNOWN, cycle_years=2,
            text="12 hours per 2 years (secondary); the reporting period is not confirmed",
            source=DEXTERITY,
            confidence=UNCONFIRMED,
        ),
        text="12 hours per reporting period (secondary: 12 per 2 years), attested by August 31; "
             "the board does not pre-approve CE; keep records 3 years",
        source=DEXTERITY,
        confidence=SECONDARY,
        note="The primary rule ARM 24.155.801 is cut off before the hours. Reactivating from "
             "inactive status needs 6 hours in the preceding 12 months (ARM 24.155.616). "
             "2-5% of licensees are randomly audited (secondary).",
    ),
    liability=LiabilityMandate(required=None, text="not found", confidence=UNCONFIRMED),
    sources=(
        "https://lexace.ai/us/statute/montana/37-33-502",
        "https://rules.mt.gov/gateWay/Print_RV.Asp?RV=49806",
        DEXTERITY,
        "https://careerswiki.com/education/massage-therapy-schools/montana/",
        INACTIVE,
        "https://www.massagespecialtiesceus.com/montana",
        MILESTONE,
    ),
    verified="2026-11-22",
    notes="Renewal frequency (annual vs biennial) conflicts between sources; needs a primary "
          "check of ARM 24.101.413.",
    confidence=SECONDARY,
)
