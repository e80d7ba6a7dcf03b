"""Optum Physical Health / OptumHealth Care Solutions (UnitedHealth Group).

Optum's physical-health networks are documented for physical and occupational therapy (and
acupuncture in California); whether they take massage therapists is unknown.
UnitedHealthcare's own credentialing process is the separate ``uhc`` payer.
"""

from credtrack.rules import DocumentRequirement, PayerRules

from ._common import (
    CADENCE_NOTE, CONFIRMED, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, READ_DEC, READ_NOV, SECONDARY,
    UNCONFIRMED, UNKNOWN, VERIFIED, YES, cred, fact,
)

RUSH = "https://www.rushcredentialing.com/what-is-optum-physical-health/"
MEDTRUST = "https://medtrustadvocates.com/2025/09/03"
OPS_MANUAL = "https://dokumen.tips/documents/optumhealth-care-solutions-inc-provider-operations-manual.html"
CA_PTOT = "https://stage-ca-ph.uhc.com/PTOT.html"
CA_ACU = "https://www.myoptumhealthphysicalhealthofca.com/Acupuncture.html"
OWCA = ("https://workcompauto.optum.com/content/owca/owca/en/insights/blog/"
        "clinical-connection-blog/2021/Physical-Therapy-Program.html")


def _doc(kind: str, label: str, note: str = "", source: str = RUSH, **kw) -> DocumentRequirement:
    return DocumentRequirement(kind, label, note=note, source=source, confidence=SECONDARY,
                               read=READ_NOV, **kw)


RULES = PayerRules(
    id="optum",
    name="Optum Physical Health (OptumHealth Care Solutions)",
    kind="network",
    provider_types=("physical-therapist", "occupational-therapist"),
    credentialing=(
        cred(UNKNOWN, "Optum's physical-health networks are documented for PT/OT (plus "
             "acupuncture in California); no source names massage therapists.", RUSH,
             confidence=CONFIRMED),
        cred(YES, "OptumHealth Physical Health of California credentials PT/OT through a "
             "URAC-accredited process.", CA_PTOT, provider_type="physical-therapist",
             read=READ_NOV, states=("CA",)),
        cred(YES, "OptumHealth Physical Health of California credentials PT/OT through a "
             "URAC-accredited process.", CA_PTOT, provider_type="occupational-therapist",
             read=READ_NOV, states=("CA",)),
    ),
    documents=(
        _doc("other", "Letter of Interest", "sent first, to start the process"),
        _doc("other", "Signed Participating Provider Agreement"),
        _doc("liability-coi", "Malpractice policy",
             "uploaded in the Provider Credentialing System; limits not published"),
        _doc("npi-letter", "NPI", "with Medicare/Medicaid IDs if you have any"),
        _doc("license", "State license", "listed for 'UHC/Optum' by a Texas firm",
             source=MEDTRUST, per_state=True, source_date="2025-09-03"),
        _doc("resume", "Five-year work history", "explain gaps over 6 months (Texas firm, "
             "'UHC/Optum')", source=MEDTRUST, source_date="2025-09-03"),
        _doc("w9", "W-9", "with the TIN (Texas firm, 'UHC/Optum')", source=MEDTRUST,
             source_date="2025-09-03"),
    ),
    caqh_required=False,
    route="portal",
    route_address="Optum Provider Credentialing System (PCS), signed in with a One Healthcare ID",
    turnaround_days=60,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=60,
    recredential_months=36,
    facts=(
        fact("route", "Letter of interest, then the Participating Provider Agreement, then "
             "the application in PCS (One Healthcare ID), primary-source verification by "
             "Aperture, then a credentialing-committee vote.", RUSH, read=READ_DEC,
             confidence=SECONDARY),
        fact("turnaround", "About 60 days if complete; 90-180 days is common.", RUSH,
             read=READ_NOV, confidence=SECONDARY),
        fact("recredentialing", "Every 36 months or per state rules; after a denial, appeal "
             "or reapply after 24 months.", RUSH, read=READ_NOV, confidence=SECONDARY),
        fact("network", "Optum Workers' Comp & Auto No-Fault resells a national network of "
             "physical medicine providers; the program described is physical therapy.", OWCA,
             read=READ_NOV, date="2021-05-03"),
        fact("network", "OptumHealth Physical Health of California credentials acupuncturists "
             "(NCQA-accredited; members need no referral); no massage product page was "
             "found.", CA_ACU, read=READ_NOV, states=("CA",)),
        fact("contract", "Network tiering (tier letters), the Clinical Support Program and "
             "claims are in the Provider Operations Manual, Physical Health Edition.",
             OPS_MANUAL, read=READ_NOV, date="2017-05"),
    ),
    sources=(RUSH, MEDTRUST, OPS_MANUAL, CA_PTOT, CA_ACU, OWCA),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes="Ask Optum whether a massage-therapist network exists in your state before applying. "
          + CADENCE_NOTE,
)
