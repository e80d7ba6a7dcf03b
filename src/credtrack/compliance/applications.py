"""Application checks: each open application's checklist, follow-up calls, escalation and
recredentialing. Pure.

**The checklist's date rule** (one rule, used by the engine, ``app show``, the TUI and packets):
an application's documents are judged on the day the payer received them, its last submission,
while the application is with the payer or decided (submitted, in-review, approved, denied); before
that (draft, gathering) and after a withdrawal, on the day it would be sent: ``as_of`` (a packet's
date when a packet is built). See :func:`checklist_date`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from credtrack import rules as R
from credtrack.compliance.caqh import CAQH_SOURCE, caqh_due
from credtrack.compliance.core import Deadline, Finding, action
from credtrack.kinds import Records
from credtrack.models import APP_OPEN, Document

WITH_PAYER = ("submitted", "in-review", "approved", "denied")

if TYPE_CHECKING:
    from credtrack.compliance.context import Context


@dataclass(slots=True)
class ChecklistItem:
    """One thing an application needs, and the document (if any) that satisfies it."""

    key: str  # stable: kind or kind:STATE or caqh
    label: str
    kind: str
    state: str = ""
    document: Document | None = None
    status: str = "missing"  # ok | missing | expired | below-minimum | optional
    detail: str = ""
    min_per_claim: int | None = None
    min_aggregate: int | None = None
    source: str = ""
    optional: bool = False

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "optional")

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {"key": self.key, "label": self.label, "kind": self.kind, "state": self.state,
                "status": self.status, "detail": self.detail, "optional": self.optional,
                "document": d.id if d else None,
                "document_expires": d.expires.isoformat() if d and d.expires else None,
                "min_per_claim": self.min_per_claim, "min_aggregate": self.min_aggregate,
                "source": self.source}


def checklist_date(app, as_of: date) -> date:
    """The date an application's checklist is judged on (see the module's docstring)."""
    if app.status in WITH_PAYER:
        submitted = app.status_date("submitted")
        if submitted is not None:
            return submitted
    return as_of


def application_states(app, records: Records) -> list[str]:
    if app.states:
        return list(app.states)
    return sorted({lic.state for lic in records.licenses})


def _pick(docs: list[Document], on: date) -> tuple[Document | None, Document | None]:
    """(the best current document, the newest expired one) among candidates, in one pass."""
    best = old = None
    best_key = old_key = None
    for d in docs:
        if d.expires is None or d.expires >= on:
            key = (d.expires or date.max, d.added, d.id)
            if best_key is None or key > best_key:
                best, best_key = d, key
        else:
            key = (d.expires, d.added, d.id)
            if old_key is None or key > old_key:
                old, old_key = d, key
    return best, old


def documents_by_kind(records: Records) -> dict[str, list[Document]]:
    by_kind: dict[str, list[Document]] = {}
    for d in records.documents:
        by_kind.setdefault(d.kind, []).append(d)
    return by_kind


def _requirements(payer) -> list[R.DocumentRequirement]:
    reqs = [r for r in (payer.documents if payer else ()) if not r.per_patient]
    if not any(r.kind == "license" and r.per_state for r in reqs):
        reqs.insert(0, R.DocumentRequirement("license", "State license", per_state=True,
                                             note="every state of practice"))
    return reqs


def _judge(item: ChecklistItem, req: R.DocumentRequirement, best: Document | None,
           old: Document | None) -> None:
    if best is not None:
        item.document = best
        if (req.min_per_claim and (best.per_claim or 0) < req.min_per_claim) or \
                (req.min_aggregate and (best.aggregate or 0) < req.min_aggregate):
            item.status = "below-minimum"
            have = (f"${best.per_claim:,}/${best.aggregate:,}" if best.per_claim
                    else "limits not recorded (add them with --limits)")
            item.detail = (f"needs ${req.min_per_claim or 0:,}/${req.min_aggregate or 0:,}; "
                           f"has {have}")
        else:
            item.status = "ok"
            item.detail = f"expires {best.expires}" if best.expires else ""
    elif old is not None:
        item.document, item.status = old, "expired"
        item.detail = f"expired {old.expires}"
    elif req.optional:
        item.status = "optional"


def _payer_items(reqs, payer, app_states: list[str], by_kind, on: date) -> list[ChecklistItem]:
    items = []
    for req in reqs:
        for state in (app_states if req.per_state else [""]):
            label = (req.label or req.kind) + (f" ({state})" if state else "")
            item = ChecklistItem(f"{req.kind}:{state}" if state else req.kind, label, req.kind,
                                 state, min_per_claim=req.min_per_claim,
                                 min_aggregate=req.min_aggregate,
                                 source=req.source or (payer.primary_source if payer else ""),
                                 optional=req.optional)
            docs = by_kind.get(req.kind, [])
            if state:
                docs = [d for d in docs
                        if d.state == state or (not d.state and len(app_states) == 1)]
            _judge(item, req, *_pick(docs, on))
            items.append(item)
    return items


def _caqh_item(records: Records, on: date) -> ChecklistItem:
    due = caqh_due(records)
    item = ChecklistItem("caqh", "CAQH ProView profile attested, payer authorized", "caqh",
                         source=CAQH_SOURCE)
    if due is None:
        item.detail = "no attestation recorded"
    elif due < on:
        item.status, item.detail = "expired", f"re-attestation was due {due}"
    else:
        item.status, item.detail = "ok", f"re-attest by {due}"
    return item


def checklist(app, records: Records, payer, states: Mapping[str, R.StateRules],
              on: date, by_kind: dict[str, list[Document]] | None = None) -> list[ChecklistItem]:
    """What ``app`` needs on ``on`` (see :func:`checklist_date`): the payer's documents, each
    state's license and state-required documents, CAQH."""
    if by_kind is None:
        by_kind = documents_by_kind(records)
    app_states = application_states(app, records)
    items = _payer_items(_requirements(payer), payer, app_states, by_kind, on)
    for state in app_states:
        rules = states.get(R.state_key(state, records.provider.provider_type))
        for kind in (rules.document_kinds if rules else ()):
            if any(i.kind == kind for i in items):
                continue
            best, old = _pick(by_kind.get(kind, []), on)
            items.append(ChecklistItem(kind, f"{kind} ({state})", kind, state, best or old,
                                       "ok" if best else ("expired" if old else "missing"),
                                       source=rules.primary_source))
    if payer is not None and payer.caqh_required:
        items.append(_caqh_item(records, on))
    return items


def next_follow_up(app, payer, followups: list) -> tuple[date | None, str]:
    """When to call next, and why (the rule)."""
    submitted = app.status_date("submitted")
    mine = sorted((f for f in followups if f.application_id == app.id),
                  key=lambda f: (f.date, f.id))
    if mine:
        last = mine[-1]
        if last.next is not None:
            return last.next, f"next call date set at the follow-up of {last.date}"
        days = payer.followup_days if payer else 14
        return last.date + timedelta(days=days), f"last contact {last.date} + {days} days " \
                                                  "(payer follow-up cadence)"
    if submitted is None:
        return None, ""
    days = (payer.first_followup_days or payer.followup_days) if payer else 14
    return submitted + timedelta(days=days), f"submitted {submitted} + {days} days " \
                                             "(payer follow-up cadence)"


_CODES = {"missing": "missing-document", "expired": "expired-document",
          "below-minimum": "coverage-below-minimum"}


def checklist_findings(ctx: Context, app, payer, items: list[ChecklistItem]) -> Iterator[Finding]:
    """A finding per checklist item that is not satisfied (shared by the engine and the
    Applications pane, so both say the same)."""
    p = ctx.records.provider
    name = payer.short_name if payer else app.payer
    sev = "error" if app.status in ("submitted", "in-review") else "warning"
    for item in items:
        if item.ok:
            continue
        if item.status == "missing":
            msg = f"{name}: {item.label}: {item.detail}" if item.kind == "caqh" \
                else f"{name}: {item.label} is missing"
        else:
            msg = f"{name}: {item.label} {item.detail}"
        todo = action("caqh.attest") if item.kind == "caqh" else \
            action("document.add", app.id, kind=item.kind, **({"state": item.state}
                                                               if item.state else {}))
        yield Finding(sev, _CODES[item.status], msg, p.id, app.id,
                      f"{name} requires {item.label}", item.source, todo)


def check_checklists(ctx: Context) -> Iterator[Finding]:
    for app in ctx.records.applications:
        if app.status not in APP_OPEN:
            continue
        payer = ctx.payers.get(app.payer)
        items = checklist(app, ctx.records, payer, ctx.states,
                          checklist_date(app, ctx.as_of), ctx.documents_by_kind)
        yield from checklist_findings(ctx, app, payer, items)


def check_follow_ups(ctx: Context) -> Iterator[Deadline | Finding]:
    p, as_of = ctx.records.provider, ctx.as_of
    for app in ctx.records.applications:
        if app.status not in ("submitted", "in-review"):
            continue
        payer = ctx.payers.get(app.payer)
        name = payer.short_name if payer else app.payer
        source = payer.primary_source if payer else ""
        nxt, why = next_follow_up(app, payer, ctx.records.followups)
        call = action("followup.add", app.id)
        if nxt is not None:
            yield Deadline(nxt, "follow-up", f"Call {name} about the application", p.id, app.id,
                           why, source, nxt < as_of, action=call)
            if nxt < as_of:
                yield Finding("warning", "follow-up-overdue",
                              f"{name}: follow-up was due {nxt}; call and log it", p.id, app.id,
                              why, source, call)
        submitted = app.status_date("submitted")
        if payer and payer.escalate_after_days and submitted:
            waited = (as_of - submitted).days
            if waited > payer.escalate_after_days:
                yield Finding("warning", "application-stalled",
                              f"{name}: no decision {waited} days after submission (published "
                              f"turnaround about {payer.escalate_after_days} days): escalate",
                              p.id, app.id, f"escalate after {payer.escalate_after_days} days",
                              source, call)


def check_recredentialing(ctx: Context) -> Iterator[Deadline | Finding]:
    """A recredentialing date from the payer's stated cycle; none is invented: when the cycle
    is unknown (or the payer's rules are gone), an info finding says to ask for the date."""
    p = ctx.records.provider
    for app in ctx.records.applications:
        if app.status != "approved":
            continue
        payer = ctx.payers.get(app.payer)
        name = payer.short_name if payer else app.payer
        approved = app.status_date("approved")
        months = payer.recredential_months if payer else None
        if not approved:
            continue
        if not months:
            said = payer.fact("recredentialing") if payer else None
            yield Finding("info", "recredentialing-unknown",
                          f"{name} states no recredentialing cycle: ask it for your "
                          "recredentialing date and keep it with the application", p.id, app.id,
                          said.text if said else "recredentialing cycle unknown",
                          (said.source if said else "") or (payer.primary_source if payer else ""),
                          action("application.recredential", app.id), confidence=R.UNCONFIRMED)
            continue
        due = R.add_months(approved, months)
        said = payer.fact("recredentialing")
        yield Deadline(due, "recredentialing", f"Recredential with {name}", p.id, app.id,
                       f"approved {approved} + {months} months (recredentialing cycle)",
                       said.source if said else payer.primary_source, due < ctx.as_of,
                       action=action("application.recredential", app.id),
                       confidence=said.confidence if said else payer.confidence)
