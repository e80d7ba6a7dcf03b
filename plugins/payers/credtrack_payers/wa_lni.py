"""Washington Department of Labor & Industries (L&I): workers' compensation.

L&I pays licensed massage therapists who hold an L&I provider account (ProviderOne). Unlike
doctors, LMTs are not required to join the L&I medical provider network. Treatment needs the
attending doctor's written orders (WAC 296-23-250).
"""

from credtrack.rules import AuthRule, DocumentRequirement, Limit, PayerRules, ReferralRule

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV,
    UNCONFIRMED, VERIFIED, YES, cred, fact,
)

BECOME = "https://lni.wa.gov/patient-care/provider-accounts/become-a-provider"
NETWORK = "https://lni.wa.gov/ClaimsIns/Providers/Becoming/Network/"
THERAPY = ("https://lni.wa.gov/patient-care/treating-patients/helping-workers-get-back-to-work/"
           "physical-occupational-massage-therapy")
WAC_296_23_250 = ("https://lawfilesext.leg.wa.gov/Law/WAC/WAC%20296%20%20TITLE/"
                  "WAC%20296%20-%2023%20%20CHAPTER/WAC%20296%20-%2023%20-250.htm")
WSR_08_09_120 = "http://lawfilesext.leg.wa.gov/law/wsr/2008/09/08-09-120.htm"
WAC = dict(source=WAC_296_23_250, read=READ_DEC, source_date="2008-07-01", confidence=CONFIRMED)

RULES = PayerRules(
    id="wa-lni",
    name="Washington Labor & Industries (workers' compensation)",
    kind="workers-comp",
    provider_types=("massage-therapist",),
    states=("WA",),
    credentialing=(
        cred(YES, "L&I pays licensed massage therapists who hold a provider account; network "
             "membership is not required of them.", THERAPY, read=READ_NOV),
    ),
    documents=(
        DocumentRequirement(
            "other", "Provider Account Application (F248-011-000), through ProviderOne",
            source=BECOME, confidence=CONFIRMED, read=READ_NOV),
        DocumentRequirement(
            "license", "Washington massage therapist license", per_state=True,
            note="only a Licensed Massage Therapist may treat", source=THERAPY,
            confidence=CONFIRMED, read=READ_NOV),
        DocumentRequirement("npi-letter", "NPI", note="an NPI is required", source=BECOME,
                            confidence=CONFIRMED, read=READ_NOV),
        DocumentRequirement("w9", "W-9", note="listed in payers.md's summary table without its "
                            "own source: confirm with L&I", source=BECOME,
                            confidence=UNCONFIRMED, read=READ_NOV),
    ),
    referrals=(
        ReferralRule(required=True, kind="order", prescribers=("attending doctor", "PA"),
                     text="Massage only on written orders from the worker's attending doctor; "
                          "physician assistants may order it for the attending doctor.", **WAC),
    ),
    authorizations=(
        AuthRule(required=True, after_visits=6,
                 text="Treatment beyond the initial six visits is authorized only on "
                      "substantiated functional improvement, with a treatment outline, goals "
                      "and expected length; a progress report is due after 6 visits or one "
                      "month, whichever comes first. Home or off-site treatment needs prior "
                      "authorization.", **WAC),
        AuthRule(required=True, after_visits=6,
                 text="L&I's steps: visits 1-6 need nothing; visits 6-12 use the "
                      "Physical/Occupational/Massage Therapy Provider Hotline form "
                      "F245-417-000; beyond 12, contact the claim manager.",
                 source=THERAPY, read=READ_NOV, confidence=CONFIRMED),
    ),
    limits=(
        Limit(max=1, unit="visits", per="date-of-service",
              text="More than one treatment a day must be justified by the attending doctor.",
              **WAC),
    ),
    caqh_required=False,
    route="portal",
    route_address=BECOME,
    turnaround_days=120,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=120,
    recredential_months=None,
    facts=(
        fact("route", "Apply for a provider account through ProviderOne; an NPI is required.",
             BECOME, read=READ_NOV),
        fact("turnaround", "Applications and changes take 90-120 days (Nov 2024; 'up to four "
             "months' in May 2024).", BECOME, read=READ_NOV, date="2024-11"),
        fact("network", "Network membership is mandatory only for MD/DO, DC, ND, DPM, ARNP, "
             "PA, dentists and optometrists; LMTs use the provider account application.",
             NETWORK, read=READ_NOV),
        fact("recredentialing", "L&I publishes no recredentialing cycle for provider "
             "accounts.", BECOME, read=READ_NOV),
        fact("payment", "The maximum daily payment for massage is 75% of the PT/OT daily "
             "maximum (since 2008-07-01).", WSR_08_09_120, read=READ_DEC, date="2008-04-22"),
        fact("billing", "Billing codes, reimbursement levels and supporting policies for "
             "massage are in L&I's fee schedules.", WAC_296_23_250, read=READ_DEC,
             date="2008-07-01"),
    ),
    sources=(BECOME, THERAPY, WAC_296_23_250, NETWORK, WSR_08_09_120),
    verified=VERIFIED,
    confidence=CONFIRMED,
    notes=CADENCE_NOTE,
)
