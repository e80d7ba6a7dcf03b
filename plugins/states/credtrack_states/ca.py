"""California: California Massage Therapy Council (CAMTC), voluntary certification."""

from credtrack.rules import (
    CONFIRMED, ISSUE_ANNIVERSARY, SECONDARY, VOLUNTARY, CERequirement, LiabilityMandate,
    RenewalRule, StateRules,
)

RECERT = "https://www.camtc.org/Recertification.aspx"
NO_CE = "https://www.massageschoolnotes.com/massage-therapy-ce-requirements-by-state-c-d/"

RULES = StateRules(
    code="CA",
    name="California",
    regulation=VOLUNTARY,
    board="California Massage Therapy Council (CAMTC), a private nonprofit created by SB 731 "
          "(B&P Code 4600 et seq.)",
    board_url="https://www.camtc.org",
    credential="Certified Massage Therapist (CMT); legacy Certified Massage Practitioner (CMP) "
               "no longer issued to new applicants",
    renewal=RenewalRule(
        basis=ISSUE_ANNIVERSARY, cycle_years=2,
        text="certificate expires two years from issuance (the date printed on it); the "
             "recertification application may be submitted up to 90 days before",
        source=RECERT,
        confidence=CONFIRMED,
        note="Late fee $25-$90 if received within 6 months after expiry; recertification fee "
             "$150.",
    ),
    ce=CERequirement(
        hours=0,
        text="no continuing education requirement for CAMTC certificate holders",
        source=NO_CE,
        confidence=SECONDARY,
    ),
    liability=LiabilityMandate(required=False, text="no requirement found", confidence=SECONDARY),
    sources=(
        "https://www.camtc.org/FAQ.aspx",
        RECERT,
        "https://larkspur.municipal.codes/CA/BPC/D2-C10.5",
        "https://www.mpc.edu/academics/academic-divisions/kinesiology/massage-therapy/"
        "certification-in-california",
        NO_CE,
        "https://www.massagetherapylicense.org/state/california-massage-certification.html",
    ),
    verified="2026-11-22",
    notes="No state license: CAMTC certification is voluntary (law eff. 2009-01-01); without it "
          "therapists fall under city/county permits. The Massage Therapy Act text seen is "
          "repealed as of 2027-01-01 (sunset) - check for an extension.",
)
