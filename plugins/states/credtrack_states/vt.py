"""Vermont: Office of Professional Regulation (Secretary of State), registration only."""

from credtrack.rules import (
    CONFIRMED, REGISTRATION, SECONDARY, UNCONFIRMED, UNKNOWN, CERequirement, LiabilityMandate,
    RenewalRule, StateRules,
)

ABMP_REQ = "https://abmp.com/practitioners/state-requirements/vermont"
STATUTE = "https://courtgpt.ai/laws/vermont/title-26/chapter-105/section-5402"
MSN = "https://www.massageschoolnotes.com/massage-ce-requirements-by-state-uvw/"

RULES = StateRules(
    code="VT",
    name="Vermont",
    regulation=REGISTRATION,
    board="Vermont Office of Professional Regulation (Secretary of State) - registration only",
    board_url="https://sos.vermont.gov/opr/",
    credential="Registered Massage Therapist / Bodyworker / Touch Professional (mandatory "
               "registration since 2021-04-01; not a license)",
    renewal=RenewalRule(
        basis=UNKNOWN, cycle_years=2,
        text="registration renews every two years (secondary); the date is not in the sources: "
             "enter the expiry printed on your registration",
        source=ABMP_REQ,
        confidence=UNCONFIRMED,
    ),
    ce=CERequirement(
        hours=0,
        carry_over_max=None,
        text="no CE requirement for registration",
        source=MSN,
        confidence=SECONDARY,
    ),
    liability=LiabilityMandate(required=False, text="no state mandate found", confidence=SECONDARY),
    sources=(
        "https://www.abmp.com/updates/legislative-updates/vermont/vermont-registration-required-"
        "april-1-2021-0",
        STATUTE,
        "https://abmp.com/updates/legislative-updates/vermont/vermont-opr-sunrise-assessment",
        "https://d10-web-app.abmp.com/updates/legislative-updates/vermont/vermont-enters-race-"
        "statewide-licensure-h623",
        ABMP_REQ,
        MSN,
    ),
    verified="2026-11-22",
    confidence=CONFIRMED,
    notes="No license: registration is mandatory (26 V.S.A. 5402, eff. 2021-04-01; penalty up to "
          "$5,000 for practising unregistered). No education or exam. One-time client disclosure "
          "of qualifications, unprofessional conduct and the complaint process. OPR's 2016 "
          "sunrise review declined licensure; H623 would create licensure (pending).",
)
