"""CAQH ProView check: re-attestation every 120 days (180 with an Illinois license). Pure."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterator

from credtrack.compliance.core import Deadline, Finding, action
from credtrack.kinds import Records

CAQH_SOURCE = "https://www.caqh.org/solutions/caqh-proview-resources"
CAQH_DAYS, CAQH_DAYS_IL = 120, 180
CAQH_REMINDERS = (15, 10, 5)

if TYPE_CHECKING:
    from credtrack.compliance.context import Context


def caqh_period(records: Records) -> int:
    return CAQH_DAYS_IL if any(lic.state == "IL" for lic in records.licenses) else CAQH_DAYS


def caqh_due(records: Records) -> date | None:
    if not records.attestations:
        return None
    last = max(a.date for a in records.attestations)
    return last + timedelta(days=caqh_period(records))


def check_caqh(ctx: Context) -> Iterator[Deadline | Finding]:
    records, as_of = ctx.records, ctx.as_of
    due = caqh_due(records)
    if due is None:
        return
    p = records.provider
    days = caqh_period(records)
    last = due - timedelta(days=days)
    rule = (f"CAQH ProView re-attestation every {days} days (last {last}); CAQH e-mails "
            f"reminders {', '.join(map(str, CAQH_REMINDERS))} days before")
    attest = action("caqh.attest")
    yield Deadline(due, "caqh-attestation", "Re-attest CAQH ProView", p.id,
                   max(records.attestations, key=lambda a: (a.date, a.id)).id, rule, CAQH_SOURCE,
                   due < as_of, key="caqh", action=attest)
    if due < as_of:
        yield Finding("error", "caqh-expired", f"CAQH ProView attestation expired {due}: "
                      "payers cannot pull the profile; re-attest and record it", p.id, "", rule,
                      CAQH_SOURCE, attest)
