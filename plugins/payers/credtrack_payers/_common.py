"""Facts and wording shared by several payer modules (not a payer: the loader skips ``_`` names).

Read dates: ``READ_NOV`` is when payers.md and its first gap-fill were read (2026-11-22);
``READ_DEC`` the audit of 2026-12-01 and this release's own reading of payers' pages and
statutes. ``VERIFIED`` is when every module was last reviewed as a whole.
"""

from credtrack.rules import (
    CONFIRMED, NO, SECONDARY, UNCONFIRMED, UNKNOWN, YES, AuthRule, Credentialing, Fact,
)

READ_NOV = "2026-11-22"
READ_DEC = "2026-12-01"
VERIFIED = READ_DEC
LMT = "massage-therapist"

# NCQA: recredentialing every 36 months, no grace period (payers.md section 0). A standard for
# accredited plans, not a payer's own statement: modules cite it only as context.
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

# Washington: RCW 48.43.016 as enacted by Laws of 2020, ch. 193, s. 2 (SB 6157 as introduced
# said eight visits; the enacted text says six).
RCW_48_43_016 = "https://app.leg.wa.gov/rcw/default.aspx?cite=48.43.016"
RCW_48_43_016_TEXT = "https://wamassagenetwork.com/prior-authorizations"
RCW_48_43_016_LAW = "RCW 48.43.016 (Laws of 2020, ch. 193, s. 2)"
RCW_48_43_045 = "https://app.leg.wa.gov/rcw/default.aspx?cite=48.43.045"
RCW_48_43_750 = ("https://managedcarelegaldatabase.org/state-law/"
                 "title-48-insurance-chapter-48-43-insurance-reform-8/")


def fact(topic: str, text: str, source: str, *, read: str = READ_DEC, date: str = "",
         confidence: str = CONFIRMED, states: tuple[str, ...] = (), plan: str = "",
         note: str = "") -> Fact:
    return Fact(topic=topic, text=text, source=source, read=read, source_date=date,
                confidence=confidence, states=states, plan=plan, note=note)


def cred(answer: str, text: str, source: str, *, provider_type: str = LMT,
         read: str = READ_DEC, date: str = "", confidence: str = CONFIRMED,
         states: tuple[str, ...] = ()) -> Credentialing:
    return Credentialing(provider_type=provider_type, answer=answer, text=text, source=source,
                         read=read, source_date=date, confidence=confidence, states=states)


def wa_first_six(plan: str = "") -> AuthRule:
    """RCW 48.43.016: no utilization review for the evaluation and up to six visits."""
    return AuthRule(
        required=None, after_visits=6, plus_evaluation=True, new_episode_days=90,
        law=RCW_48_43_016_LAW, states=("WA",), plan=plan,
        text="Washington law: a health carrier may not subject the initial evaluation and up "
             "to six treatment visits with a contracting provider in a new episode of care (no "
             "treatment by the same profession in the prior 90 days) to utilization review; a "
             "referral or prescription may still be required. Whether the carrier requires "
             "authorization after the sixth visit is the plan's rule.",
        source=RCW_48_43_016, read=READ_DEC, source_date="2020", confidence=CONFIRMED,
        note="the enacted text (2020 c 193 s 2) says six; SB 6157 as introduced said eight. "
             f"Text as quoted by the Washington Massage Network: {RCW_48_43_016_TEXT}",
    )


def wa_any_category(read: str = READ_NOV) -> Fact:
    return fact("law", "Washington health plans must let every category of licensed provider "
                "deliver covered services within its scope of practice (RCW 48.43.045), which "
                "is why Washington carriers contract licensed massage therapists.",
                RCW_48_43_045, read=read, confidence=CONFIRMED,
                note="'which is why' is credtrack's reading (payers.md section 2)")


def wa_credentialing_deadline() -> Fact:
    return fact("turnaround", "Washington carriers must decide a complete credentialing "
                "application within 90 days, and average no more than 60 (RCW 48.43.750, from "
                "June 1, 2020); that it covers massage therapists is an inference.",
                RCW_48_43_750, read=READ_NOV, date="2020-06-01", confidence=SECONDARY,
                states=("WA",))


__all__ = ["CONFIRMED", "NO", "SECONDARY", "UNCONFIRMED", "UNKNOWN", "YES"]
