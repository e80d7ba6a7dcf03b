"""Washington Department of Labor & Industries (L&I): workers' compensation.

L&I pays licensed massage therapists who hold an L&I provider account (ProviderOne). Unlike
doctors, LMTs are not required to join the L&I medical provider network. Treatment needs the
attending doctor's written orders.
"""

from credtrack.rules import CONFIRMED, UNCONFIRMED, DocumentRequirement, PayerRules

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, VERIFIED

BECOME = "https://lni.wa.gov/patient-care/provider-accounts/become-a-provider"
NETWORK = "https://lni.wa.gov/ClaimsIns/Providers/Becoming/Network/"
THERAPY = ("https://lni.wa.gov/patient-care/treating-patients/helping-workers-get-back-to-work/"
           "physical-occupational-massage-therapy")
WAC_296_23_250 = ("https://lawfilesext.leg.wa.gov/Law/WAC/WAC%20296%20%20TITLE/"
                  "WAC%20296%20-%2023%20%20CHAPTER/WAC%20296%20-%2023%20-250.htm")
WSR_08_09_120 = "http://lawfilesext.leg.wa.gov/law/wsr/2008/09/08-09-120.htm"

RULES = PayerRules(
    id="wa-lni",
    name="Washington Labor & Industries (workers' compensation)",
    kind="workers-comp",
    provider_types=("massage-therapist",),
    states=("WA",),
    documents=(
        DocumentRequirement(
            "other", "Provider Account Application (F248-011-000), through ProviderOne",
            source=BECOME, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "license", "Washington massage therapist license", per_state=True,
            note="only a Licensed Massage Therapist may treat",
            source=THERAPY, confidence=CONFIRMED,
        ),
        DocumentRequirement("npi-letter", "NPI", note="an NPI is required", source=BECOME,
                            confidence=CONFIRMED),
        DocumentRequirement("w9", "W-9", note="listed by the reference without a source",
                            confidence=UNCONFIRMED),
        DocumentRequirement(
            "referral", "Attending doctor's written orders", per_patient=True,
            note="treatment only on written orders from the attending doctor; physician "
                 "assistants may also order",
            source=WAC_296_23_250, confidence=CONFIRMED,
        ),
    ),
    caqh_required=False,
    route="portal",
    route_address=BECOME,
    turnaround_days=120,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=120,
    recredential_months=None,
    sources=(BECOME, THERAPY, WAC_296_23_250, NETWORK, WSR_08_09_120),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes=(
        "Provider account applications and changes take 90-120 days (Nov 2024; 'up to four "
        "months' in May 2024). Network membership is mandatory only for MD/DO, DC, ND, DPM, "
        "ARNP, PA, dentists and optometrists; LMTs use the provider account application "
        "instead. No recredentialing cycle is published. "
        "Treatment rules (WAC 296-23-250): progress report to the attending doctor after 6 "
        "visits or one month, whichever comes first; visits beyond 6 need documented "
        "functional improvement, a treatment outline, goals and expected length; home or "
        "off-site treatment needs prior authorization; more than one treatment a day must be "
        "justified; the daily maximum is 75% of the PT/OT daily maximum (since 7/1/2008). "
        "Authorization: visits 1-6 need none; visits 6-12 use the Physical/Occupational/Massage "
        "Therapy Provider Hotline form F245-417-000; beyond 12, contact the claim manager. "
        + CADENCE_NOTE
    ),
)
