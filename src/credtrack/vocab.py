"""The words credtrack's records and rules use: plain constants, cheap to import (the CLI's
option choices and validators need them before any record or rule is loaded)."""

CONFIRMED, SECONDARY, UNCONFIRMED = "confirmed", "secondary", "unconfirmed"
CONFIDENCES = (CONFIRMED, SECONDARY, UNCONFIRMED)

IN_PERSON, ONLINE, SELF_STUDY = "in-person", "online", "self-study"
DELIVERIES = (IN_PERSON, ONLINE, SELF_STUDY)

CE_SUBJECTS = (
    "general", "ethics", "laws-and-rules", "medical-errors", "human-trafficking", "hands-on",
    "cpr", "first-aid", "child-abuse", "domestic-violence", "health-equity", "boundaries",
    "pain-management",
)

DOCUMENT_KINDS = (
    "license", "w9", "liability-coi", "general-coi", "ce-certificate", "cpr", "first-aid",
    "resume", "reference", "diploma", "transcript", "photo-id", "npi-letter", "irs-ein-letter",
    "caqh-attestation", "referral", "other",
)

PROVIDER_TYPES = ("massage-therapist", "physical-therapist", "occupational-therapist",
                  "counselor")

# Application statuses, in lifecycle order.
APP_STATUSES = ("draft", "gathering", "submitted", "in-review", "approved", "denied", "withdrawn")
APP_OPEN = ("draft", "gathering", "submitted", "in-review")

# Finding severities, and what ``--fail-on`` can test (credtrack.filters).
SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "overdue")
