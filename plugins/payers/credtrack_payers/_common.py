"""Facts and wording shared by several payer modules (not a payer: the loader skips ``_`` names)."""

VERIFIED = "2026-11-22"

# NCQA: recredentialing every 36 months, no grace period (payers.md section 0).
NCQA_36 = ("https://www.ncqa.org/programs/health-plans/utilization-management/faqs/um-cr-pn/"
           "?faq=000014858&print=1")

# payers.md section 7 derives a follow-up cadence from the sourced turnarounds but is itself
# an inference: every module that uses it says so in its notes.
CADENCE_NOTE = (
    "Follow-up cadence is credtrack's suggestion, not the payer's: first check about 10 business "
    "days after submitting (to confirm receipt), then every 2 weeks, and escalate once the "
    "published turnaround has passed."
)
FIRST_FOLLOWUP_DAYS = 14  # 10 business days
FOLLOWUP_DAYS = 14  # "every 2-3 weeks"
