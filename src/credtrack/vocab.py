"""The words credtrack's records and rules use: plain constants, cheap to import (the CLI's
option choices and validators need them before any record or rule is loaded)."""

CONFIRMED, SECONDARY, UNCONFIRMED = "confirmed", "secondary", "unconfirmed"
CONFIDENCES = (CONFIRMED, SECONDARY, UNCONFIRMED)

IN_PERSON, ONLINE, SELF_STUDY = "in-person", "online", "self-study"
LIVE_INTERACTIVE = "live-interactive"  # online, live and real-time interactive (IA 481 IAC 823.3(2))
DELIVERIES = (IN_PERSON, ONLINE, SELF_STUDY, LIVE_INTERACTIVE)

CE_SUBJECTS = (
    "general", "ethics", "laws-and-rules", "medical-errors", "human-trafficking", "hands-on",
    "cpr", "first-aid", "child-abuse", "domestic-violence", "health-equity", "boundaries",
    "pain-management", "jurisprudence", "hiv-aids", "cultural-diversity", "suicide-prevention",
    "teletherapy", "supervision", "bls",
)

DOCUMENT_KINDS = (
    "license", "w9", "liability-coi", "general-coi", "ce-certificate", "cpr", "first-aid",
    "resume", "reference", "diploma", "transcript", "photo-id", "npi-letter", "irs-ein-letter",
    "caqh-attestation", "referral", "other",
)

PROVIDER_TYPES = ("massage-therapist", "physical-therapist", "physical-therapist-assistant",
                  "occupational-therapist", "counselor")
MASSAGE = "massage-therapist"
# Short names a user may type for a profession (`states show TX --profession pt`).
PROFESSION_ALIASES = {"lmt": MASSAGE, "massage": MASSAGE, "pt": "physical-therapist",
                      "pta": "physical-therapist-assistant", "ot": "occupational-therapist",
                      "lpc": "counselor", "lmhc": "counselor", "lpcc": "counselor",
                      "counsellor": "counselor"}
# NUCC taxonomy codes (shared/reference/professions.md section 5; secondary: nucc.org's CSV
# was not read). A counselor's code depends on the state's title: LPC vs LMHC.
TAXONOMIES = {"225700000X": MASSAGE, "225100000X": "physical-therapist",
              "225200000X": "physical-therapist-assistant", "225X00000X": "occupational-therapist",
              "101YP2500X": "counselor", "101YM0800X": "counselor", "101Y00000X": "counselor"}
DEFAULT_TAXONOMY = {MASSAGE: "225700000X", "physical-therapist": "225100000X",
                    "physical-therapist-assistant": "225200000X",
                    "occupational-therapist": "225X00000X", "counselor": "101YP2500X"}

# Application statuses, in lifecycle order.
APP_STATUSES = ("draft", "gathering", "submitted", "in-review", "approved", "denied", "withdrawn")
APP_OPEN = ("draft", "gathering", "submitted", "in-review")

# Finding severities, and what ``--fail-on`` can test (credtrack.filters).
SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "overdue")

# Changes an enrolled Medicare practitioner reports (credtrack.compliance.enrollments).
ENROLLMENT_CHANGES = ("ownership", "adverse-action", "location", "name", "tin", "banking",
                      "reassignment", "other")
