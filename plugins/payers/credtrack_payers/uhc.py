"""UnitedHealthcare: its own credentialing process for licensed independent practitioners.

No source says UHC credentials massage therapists: its practitioner criteria are written for
MD/DO/DPM degrees and residency, and the documents below are its general rules for every
licensed independent practitioner, not confirmed for LMTs. The answer for LMTs is therefore
unknown (not yes). Optum Physical Health is the separate ``optum`` payer.
"""

from credtrack.rules import CONFIRMED, SECONDARY, DocumentRequirement, PayerRules

from ._common import (
    CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, UNCONFIRMED, UNKNOWN,
    VERIFIED, cred, fact,
)

GET_CREDENTIALED = ("https://www.uhcprovider.com/en/resource-library/Join-Our-Network/"
                    "Credentialing-for-Care-Providers.html")
GET_STARTED = "https://www.uhcprovider.com/en/resource-library/Join-Our-Network/join-get-started.html"
ADMIN_2018 = ("https://www.uhcprovider.com/en/admin-guides/2018-uhc-admin-guide/"
              "ch14-cred-recred/initial-cred-proc-ch14-guide.html")
ADMIN_2021 = ("https://www.uhcprovider.com/en/admin-guides/administrative-guides-manuals-2021/"
              "ch15-cred-recred-2021/cred-prof-report-req-ch15-guide.html")
COVID = ("https://www.uhcprovider.com/en/resource-library/news/Novel-Coronavirus-COVID-19/"
         "covid19-credentialing-updates.html")
WA_CLINIC = "https://www.bellinghammassageclinic.com/using-your-insurance/united-healthcare/"
MEDTRUST = "https://medtrustadvocates.com/2025/09/03"
PORTLAND = "https://www.portlandmassagearts.com/insurance"
BEARHEART = "https://bearheartbodywork.com/insurance"
GENERAL = "UHC's general rule for licensed independent practitioners, not confirmed for LMTs"


def _doc(kind: str, label: str, note: str = "", source: str = GET_CREDENTIALED,
         **kw) -> DocumentRequirement:
    return DocumentRequirement(kind, label, note=(note + "; " if note else "") + GENERAL,
                               source=source, confidence=UNCONFIRMED, read=READ_NOV, **kw)


RULES = PayerRules(
    id="uhc",
    name="UnitedHealthcare",
    kind="commercial",
    provider_types=(),
    credentialing=(
        cred(UNKNOWN, "No source says UnitedHealthcare credentials massage therapists: its "
             "practitioner criteria list MD/DO/DPM degrees and residency, and clinics report "
             "only out-of-network billing or ask patients to check.",
             GET_CREDENTIALED, confidence=CONFIRMED),
    ),
    documents=(
        _doc("other", "Request for Participation",
             "submitted first, by the portal or by phone (877-842-3210), as 'Other "
             "Professional Services'", source=GET_STARTED),
        _doc("license", "Current license in each state of practice",
             "temporary licenses are not accepted", per_state=True),
        _doc("npi-letter", "NPI"),
        _doc("resume", "Five-year work history",
             "explain in writing any gap longer than six months"),
        _doc("w9", "W-9"),
        _doc("liability-coi", "Active malpractice (E&O) insurance",
             "limits are whatever the contract sets (no published minimum); five years of "
             "malpractice history are reviewed", source=ADMIN_2018),
        _doc("caqh-attestation", "CAQH ProView profile, attested, with UHC authorized",
             "CAQH unless a state requires its own form", source=ADMIN_2021),
    ),
    caqh_required=True,
    route="caqh",
    route_address=GET_STARTED,
    turnaround_days=None,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=None,
    recredential_months=36,
    phone="877-842-3210",
    facts=(
        fact("route", "Request for Participation by the portal or by phone ('Other "
             "Professional Services'); UHC confirms it within 5 business days.", GET_STARTED),
        fact("route", "Then CAQH ProView, except where a state requires its own form; "
             "Minnesota and western Wisconsin may use the Minnesota Credentialing Collaborative "
             "(ApplySmart); Washington required OneHealthPort ProviderSource as of 2021 "
             "(ProviderSource access ended 2023-12-31).", ADMIN_2021, read=READ_NOV,
             date="2021"),
        fact("turnaround", "An older version of the credentialing page said review 'takes 25 "
             "or more calendar days' (a minimum, so no escalation date is set); the current "
             "pages give no review time.", GET_CREDENTIALED, read=READ_DEC,
             confidence=SECONDARY),
        fact("recredentialing", "Recredentialing at least every 36 months.", ADMIN_2021,
             read=READ_NOV, date="2021"),
        fact("history", "COVID-era provisional credentialing ran 2020-03-19 to 2021-06-30; "
             "the standard process and 36-month recredentialing resumed 2021-07-01.", COVID,
             read=READ_NOV, date="2021-06-29"),
        fact("credentialing", "A Texas credentialing firm lists CAQH with UHC authorized, "
             "license, liability insurance, five-year work history, NPI, TIN and W-9 for "
             "'UHC/Optum' (not LMT-specific).", MEDTRUST, read=READ_NOV, date="2025-09-03",
             confidence=SECONDARY),
        fact("network", "Portland Massage Arts lists United Health Care among insurances and "
             "asks patients to check whether an LMT is authorized for 97140/97124; Bear Heart "
             "Integrated Bodywork is not in network with United and bills out of network.",
             PORTLAND, read=READ_NOV, confidence=SECONDARY, states=("OR",),
             note=f"also {BEARHEART}"),
        fact("referral", "A Washington clinic reports UHC massage needs a referral and medical "
             "necessity, probably also preauthorization.", WA_CLINIC, read=READ_NOV,
             confidence=SECONDARY, states=("WA",)),
    ),
    sources=(GET_CREDENTIALED, GET_STARTED, ADMIN_2018, ADMIN_2021, COVID, MEDTRUST, WA_CLINIC,
             PORTLAND, BEARHEART),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes="Ask UHC whether it contracts massage therapists in your state before preparing a "
          "packet. " + CADENCE_NOTE,
)
