"""UnitedHealthcare: its own credentialing process for licensed independent practitioners.

UHC publishes general rules for every licensed independent practitioner, but nothing in the
reference names massage therapists as a type UHC credentials, nor says UHC sends them to Optum
or ASH instead. The record is therefore unconfirmed for LMTs; Optum Physical Health is the
separate ``optum`` payer.
"""

from credtrack.rules import CONFIRMED, UNCONFIRMED, DocumentRequirement, PayerRules

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, VERIFIED

GET_CREDENTIALED = ("https://www.uhcprovider.com/en/resource-library/Join-Our-Network/"
                    "Credentialing-for-Care-Providers.html")
ADMIN_2018 = ("https://www.uhcprovider.com/en/admin-guides/2018-uhc-admin-guide/"
              "ch14-cred-recred/initial-cred-proc-ch14-guide.html")
ADMIN_2021 = ("https://www.uhcprovider.com/en/admin-guides/administrative-guides-manuals-2021/"
              "ch15-cred-recred-2021/cred-prof-report-req-ch15-guide.html")
COVID = ("https://www.uhcprovider.com/en/resource-library/news/Novel-Coronavirus-COVID-19/"
         "covid19-credentialing-updates.html")
WA_CLINIC = "https://www.bellinghammassageclinic.com/using-your-insurance/united-healthcare/"

RULES = PayerRules(
    id="uhc",
    name="UnitedHealthcare",
    kind="commercial",
    provider_types=("massage-therapist",),
    documents=(
        DocumentRequirement(
            "other", "Request for Participation",
            note="submitted first, by phone (877-842-3210: enter the TIN, then Credentialing > "
                 "Medical > Join the Network)",
            source=GET_CREDENTIALED, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "license", "Current license in each state of practice", per_state=True,
            note="temporary licenses are not accepted",
            source=GET_CREDENTIALED, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "npi-letter", "NPI", note="UHC asks for the NPI number",
            source=GET_CREDENTIALED, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "resume", "Five-year work history",
            note="5 years of work history; explain in writing any gap longer than six months",
            source=GET_CREDENTIALED, confidence=CONFIRMED,
        ),
        DocumentRequirement("w9", "W-9", source=GET_CREDENTIALED, confidence=CONFIRMED),
        DocumentRequirement(
            "liability-coi", "Active malpractice (E&O) insurance",
            note="limits are whatever your UHC contract sets (no published minimum); UHC also "
                 "reviews five years of malpractice history",
            source=ADMIN_2018, confidence=CONFIRMED,
        ),
        DocumentRequirement(
            "caqh-attestation", "CAQH ProView profile, attested, with UHC authorized",
            note="the credentialing team issues or confirms the CAQH ProView ID on the "
                 "Request for Participation call",
            source=GET_CREDENTIALED, confidence=CONFIRMED,
        ),
    ),
    caqh_required=True,
    route="caqh",
    route_address=GET_CREDENTIALED,
    turnaround_days=25,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=36,
    phone="877-842-3210",
    sources=(GET_CREDENTIALED, ADMIN_2018, ADMIN_2021, COVID,
             "https://medtrustadvocates.com/2025/09/03", WA_CLINIC),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes=(
        "Whether UHC credentials massage therapists at all, and where, is unconfirmed: the "
        "requirements here are UHC's general rules for licensed independent practitioners "
        "(2023-2025 Credentialing Plan); a secondary Texas source lists the same set for "
        "'UHC/Optum'. Some Oregon clinics bill UHC for massage, one only out of network. "
        "Review 'takes 25 or more calendar days' (a minimum, so no escalation date is set). "
        "Recredentialing at least every 36 months (resumed July 1, 2021 after the COVID "
        "exceptions). Medicare/Medicaid eligibility is checked where applicable. "
        "Application channel: CAQH ProView unless state law requires another form, which CAQH "
        "converts to; Minnesota and western Wisconsin may use the Minnesota Credentialing "
        "Collaborative (ApplySmart); Washington required OneHealthPort ProviderSource as of "
        "2021 (ProviderSource access ended 12/31/2023; whether UHC WA now takes CAQH is not "
        "confirmed). A Washington clinic reports UHC massage needs a referral and medical "
        "necessity, probably also preauthorization (secondary). "
        + CADENCE_NOTE
    ),
)
