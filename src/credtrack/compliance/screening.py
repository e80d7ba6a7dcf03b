"""Exclusion screening check: the ``screening-due`` deadline 30 days after the provider's last
screening receipt, and a finding for each match that receipt holds (``excluded``: an NPI on
the list; ``possible-match``: a name on the list with the same birth date, or none to compare).
Cleared name matches (another birth date) are in the receipt only. Pure.

The receipts are the practice's (credtrack.models.Screening); the service hands each provider
the latest receipt that screened them as ``records.screenings``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Iterator

from credtrack import rules as R
from credtrack.compliance.core import Deadline, Finding, action

if TYPE_CHECKING:
    from credtrack.compliance.context import Context

SCREENING_DAYS = 30
LEIE_SOURCE = "https://oig.hhs.gov/exclusions/downloadables/"
LEIE_TIPS = "https://www.oig.hhs.gov/exclusions/tips.asp"
SAM_SOURCE = "https://sam.gov/data-services/"
RULE = (f"re-screen every {SCREENING_DAYS} days: OIG updates the LEIE by the 10th of each "
        "month and SAM.gov is re-screened monthly")
LIST_NAMES = {"leie": "the OIG LEIE", "sam": "the SAM.gov exclusions"}


def latest(ctx: Context):
    receipts = [r for r in ctx.records.screenings if ctx.records.provider.id in r.providers]
    return max(receipts, key=lambda r: (r.date, r.id)) if receipts else None


def check_screening(ctx: Context) -> Iterator[Deadline | Finding]:
    receipt = latest(ctx)
    if receipt is None:
        return
    p = ctx.records.provider
    due = receipt.date + timedelta(days=SCREENING_DAYS)
    rule = f"{RULE} (last screened {receipt.date}, receipt {receipt.id})"
    yield Deadline(due, "screening-due", "Screen against the exclusion lists", p.id, receipt.id,
                   rule, LEIE_TIPS, due < ctx.as_of, key="screening",
                   action=action("screening.run"))
    if due < ctx.as_of:
        yield Finding("warning", "screening-overdue",
                      f"exclusion screening last run {receipt.date}: screen again", p.id,
                      receipt.id, rule, LEIE_TIPS, action("screening.run"))
    for m in receipt.matches:
        if m.get("provider") != p.id:
            continue
        where = LIST_NAMES.get(m.get("list", ""), m.get("list", "a list"))
        source = SAM_SOURCE if m.get("list") == "sam" else LEIE_SOURCE
        verify = action("screening.verify", receipt.id, list=m.get("list", ""))
        since = f" since {m['since']}" if m.get("since") else ""
        if m.get("outcome") == "excluded":
            yield Finding("error", "excluded",
                          f"the NPI is on {where}{since} (screened {receipt.date}): do not bill "
                          "federal programs for this provider's services; verify on OIG's "
                          "search page", p.id, receipt.id, rule, source, verify)
        elif m.get("outcome") == "possible-match":
            yield Finding("warning", "possible-match",
                          f"a name on {where} matches ({m.get('reason', '')}; screened "
                          f"{receipt.date}): verify on the list's search page", p.id,
                          receipt.id, rule, source, verify, R.UNCONFIRMED)
