"""Optum Physical Health / OptumHealth Care Solutions (UnitedHealth Group).

Optum's physical-health networks are documented for physical and occupational therapy (and
chiropractic, acupuncture in California); whether they credential massage therapists is
unconfirmed. UnitedHealthcare's own credentialing process is the separate ``uhc`` payer.
"""

from credtrack.rules import SECONDARY, UNCONFIRMED, DocumentRequirement, PayerRules

from ._common import CADENCE_NOTE, FIRST_FOLLOWUP_DAYS, FOLLOWUP_DAYS, VERIFIED

RUSH = "https://www.rushcredentialing.com/what-is-optum-physical-health/"
MEDTRUST = "https://medtrustadvocates.com/2025/09/03"
OPS_MANUAL = "https://dokumen.tips/documents/optumhealth-care-solutions-inc-provider-operations-manual.html"
CA_PTOT = "https://stage-ca-ph.uhc.com/PTOT.html"
OWCA = ("https://workcompauto.optum.com/content/owca/owca/en/insights/blog/"
        "clinical-connection-blog/2021/Physical-Therapy-Program.html")

RULES = PayerRules(
    id="optum",
    name="Optum Physical Health (OptumHealth Care Solutions)",
    kind="network",
    provider_types=("massage-therapist", "physical-therapist", "occupational-therapist"),
    documents=(
        DocumentRequirement(
            "other", "Letter of Interest", note="sent first, to start the process",
            source=RUSH, confidence=SECONDARY,
        ),
        DocumentRequirement(
            "other", "Signed Participating Provider Agreement", source=RUSH, confidence=SECONDARY,
        ),
        DocumentRequirement(
            "liability-coi", "Malpractice policy",
            note="uploaded in the Provider Credentialing System; limits not published",
            source=RUSH, confidence=SECONDARY,
        ),
        DocumentRequirement(
            "npi-letter", "NPI", note="with Medicare/Medicaid IDs if you have any",
            source=RUSH, confidence=SECONDARY,
        ),
        DocumentRequirement(
            "license", "State license", per_state=True,
            note="listed for 'UHC/Optum' by a Texas secondary source",
            source=MEDTRUST, confidence=SECONDARY,
        ),
        DocumentRequirement(
            "resume", "Five-year work history",
            note="5 years of work history; explain gaps over 6 months (Texas secondary source "
                 "for 'UHC/Optum')",
            source=MEDTRUST, confidence=SECONDARY,
        ),
        DocumentRequirement(
            "w9", "W-9", note="with the TIN (Texas secondary source for 'UHC/Optum')",
            source=MEDTRUST, confidence=SECONDARY,
        ),
    ),
    caqh_required=False,
    route="portal",
    route_address="Optum Provider Credentialing System (PCS), signed in with a One Healthcare ID",
    turnaround_days=60,
    followup_days=FOLLOWUP_DAYS,
    first_followup_days=FIRST_FOLLOWUP_DAYS,
    escalate_after_days=60,
    recredential_months=36,
    sources=(RUSH, MEDTRUST, OPS_MANUAL, CA_PTOT, OWCA),
    verified=VERIFIED,
    confidence=UNCONFIRMED,
    notes=(
        "Whether Optum Physical Health credentials massage therapists is unconfirmed: the "
        "sources show PT/OT/chiropractic networks only (in Washington, RCW 48.43.045 pushes "
        "carriers to include licensed massage therapists). Process (secondary): Letter of "
        "Interest and Participating Provider Agreement, create a One Healthcare ID, apply in "
        "PCS, primary-source verification by Aperture, then a credentialing-committee vote. "
        "About 60 days if complete; 90-180 days is common. Recredentialing every 36 months or "
        "per state rules. After a denial you may appeal, or reapply after 24 months. A Texas "
        "secondary source says UHC/Optum want a CAQH profile with UHC authorized and "
        "liability insurance meeting UHC minimums. Network tiering and the Clinical Support "
        "Program are in the Provider Operations Manual, Physical Health Edition (rev. May 2017). "
        + CADENCE_NOTE
    ),
)
