"""Application checks: each open application's checklist, follow-up calls, escalation and
recredentialing. Pure.

**The checklist's date rule** (one rule, used by the engine, ``app show``, the TUI and packets):
an application's documents are judged on the day the payer received them, its last submission,
while the application is with the payer or decided (submitted, in-review, approved, denied); before
that (draft, gathering) and after a withdrawal, on the day it would be sent: ``as_of`` (a packet's
date when a packet is built). See :func:`checklist_date`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping

from credtrack import rules as R
from credtrack.compliance.caqh import CAQH_SOURCE, caqh_due
from credtrack.compliance.core import Deadline, Finding, action
from credtrack.kinds import Records
from credtrack.models import APP_OPEN, Document
from credtrack.values import record

WITH_PAYER = ("submitted", "in-review", "approved", "denied")

if TYPE_CHECKING:
    from credtrack.compliance.context import Context


@record(slots=True)
class ChecklistItem:
    """One thing an application needs, and the document (if any) that satisfies it."""

    key: str  # stable: kind, kind/label-slug (a kind the payer lists twice), +:STATE; caqh
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
    assigned: bool = False  # the user chose the document ('app attach')
    expires: date | None = None  # the document's expiry, or its license's for a license copy
    expiry_basis: str = ""  # "document" | "license" | ""

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "optional")

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {"key": self.key, "label": self.label, "kind": self.kind, "state": self.state,
                "status": self.status, "detail": self.detail, "optional": self.optional,
                "document": d.id if d else None,
                "document_file": d.original_name if d else None,
                "document_expires": self.expires.isoformat() if d and self.expires else None,
                "expiry_basis": self.expiry_basis or None, "assigned": self.assigned,
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


def license_expiries(records: Records, views: list | None = None) -> dict[str, date]:
    """The expiry of each state's license (the latest, if two), to date a license copy that
    carries none of its own. ``views`` (LicenseViews) give the dates with the state rule and
    the plugin override; without them the dates entered on the licenses are used."""
    out: dict[str, date] = {}
    pairs = [(v.license.state, v.expires) for v in views] if views is not None else \
        [(lic.state, lic.expires) for lic in records.licenses]
    for state, expires in pairs:
        if expires is not None and (state not in out or expires > out[state]):
            out[state] = expires
    return out


Expiry = Callable[[Document], "tuple[date | None, str]"]


def document_expiry(licenses: Mapping[str, date]) -> Expiry:
    """(expiry, basis) of a document: its own date; a license copy without one carries its
    license's (the copy of a license is current as long as the license is)."""
    only = next(iter(licenses.values())) if len(licenses) == 1 else None

    def expiry(d: Document) -> tuple[date | None, str]:
        if d.expires is not None:
            return d.expires, "document"
        if d.kind == "license":
            when = licenses.get(d.state) if d.state else only
            if when is not None:
                return when, "license"
        return None, ""

    return expiry


def _newest(d: Document) -> tuple:
    """Which of two current documents is the newer: the later issue date (the day added when
    none is recorded), then the later addition (day, then time). Never the id: a replacement
    added after its original the same day wins. Records added before ``added_at`` existed tie
    on it and keep their order in the records."""
    return (d.issued or d.added, d.added, getattr(d, "added_at", "") or "")


def _pick(docs: list[Document], on: date, expiry: Expiry) -> tuple[Document | None,
                                                                   Document | None]:
    """(the newest current document, the latest-expiring expired one) among candidates."""
    best = old = None
    best_key = old_key = None
    for d in docs:
        when = expiry(d)[0]
        if when is None or when >= on:
            key = _newest(d)
            if best_key is None or key > best_key:
                best, best_key = d, key
        else:
            key = (when, *_newest(d))
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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "item"


def _judge(item: ChecklistItem, req: R.DocumentRequirement, best: Document | None,
           old: Document | None, expiry: Expiry) -> None:
    if best is not None:
        item.document = best
        item.expires, item.expiry_basis = expiry(best)
        if (req.min_per_claim and (best.per_claim or 0) < req.min_per_claim) or \
                (req.min_aggregate and (best.aggregate or 0) < req.min_aggregate):
            item.status = "below-minimum"
            have = (f"${best.per_claim:,}/${best.aggregate:,}" if best.per_claim
                    else "limits not recorded (add them with --limits)")
            item.detail = (f"needs ${req.min_per_claim or 0:,}/${req.min_aggregate or 0:,}; "
                           f"has {have}")
        else:
            item.status = "ok"
            item.detail = (f"expires {item.expires}" + (
                " (the license's expiry)" if item.expiry_basis == "license" else "")
                if item.expires else "")
    elif old is not None:
        item.document, item.status = old, "expired"
        item.expires, item.expiry_basis = expiry(old)
        item.detail = f"expired {item.expires}"
    elif req.optional:
        item.status = "optional"


class _Slots:
    """Which document fills which item: the user's assignments first, then, item by item in
    the payer's order, the newest current document of the kind not already used (each
    document fills one item, unless the requirement says it may be reused)."""

    def __init__(self, app, records: Records, by_kind, on: date, expiry: Expiry):
        self.by_kind, self.on, self.expiry = by_kind, on, expiry
        docs = {d.id: d for d in records.documents}
        self.assigned = {key: docs[doc_id] for key, doc_id in
                         (getattr(app, "assignments", None) or {}).items() if doc_id in docs}
        self.used = {d.id for d in self.assigned.values()}

    def fill(self, item: ChecklistItem, req: R.DocumentRequirement, candidates) -> None:
        chosen = self.assigned.get(item.key)
        if chosen is not None:
            item.assigned = True
            current = self.expiry(chosen)[0]
            if current is None or current >= self.on:
                _judge(item, req, chosen, None, self.expiry)
            else:
                _judge(item, req, None, chosen, self.expiry)
            return
        free = [d for d in candidates if req.reuse or d.id not in self.used]
        _judge(item, req, *_pick(free, self.on, self.expiry), self.expiry)
        if item.document is not None and item.status != "expired":
            self.used.add(item.document.id)


def _payer_items(reqs, payer, app_states: list[str], slots: _Slots) -> list[ChecklistItem]:
    items = []
    repeated = {r.kind for r in reqs if sum(1 for x in reqs if x.kind == r.kind) > 1}
    for req in reqs:
        base = f"{req.kind}/{_slug(req.label or req.kind)}" if req.kind in repeated else req.kind
        for state in (app_states if req.per_state else [""]):
            label = (req.label or req.kind) + (f" ({state})" if state else "")
            item = ChecklistItem(f"{base}:{state}" if state else base, label, req.kind,
                                 state, min_per_claim=req.min_per_claim,
                                 min_aggregate=req.min_aggregate,
                                 source=req.source or (payer.primary_source if payer else ""),
                                 optional=req.optional)
            docs = slots.by_kind.get(req.kind, [])
            if state:
                docs = [d for d in docs
                        if d.state == state or (not d.state and len(app_states) == 1)]
            slots.fill(item, req, docs)
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
              on: date, by_kind: dict[str, list[Document]] | None = None,
              licenses: Mapping[str, date] | None = None) -> list[ChecklistItem]:
    """What ``app`` needs on ``on`` (see :func:`checklist_date`): the payer's documents, each
    state's license and state-required documents, CAQH. ``licenses``: each state's license
    expiry (:func:`license_expiries`), which dates a license copy that has none."""
    if by_kind is None:
        by_kind = documents_by_kind(records)
    expiry = document_expiry(licenses if licenses is not None else license_expiries(records))
    slots = _Slots(app, records, by_kind, on, expiry)
    app_states = application_states(app, records)
    items = _payer_items(_requirements(payer), payer, app_states, slots)
    for state in app_states:
        rules = states.get(R.state_key(state, records.provider.provider_type))
        for kind in (rules.document_kinds if rules else ()):
            if any(i.kind == kind for i in items):
                continue
            item = ChecklistItem(kind, f"{kind} ({state})", kind, state,
                                 source=rules.primary_source)
            slots.fill(item, R.DocumentRequirement(kind), by_kind.get(kind, []))
            items.append(item)
    if payer is not None and payer.caqh_required:
        items.append(_caqh_item(records, on))
    return items


def find_item(items: list[ChecklistItem], name: str) -> ChecklistItem | None:
    """The item ``name`` means: its key, its label (any case), or its number (1-based)."""
    wanted = name.strip()
    for item in items:
        if item.key == wanted:
            return item
    for item in items:
        if item.label.casefold() == wanted.casefold() or _slug(item.label) == _slug(wanted):
            return item
    if wanted.isdigit() and 1 <= int(wanted) <= len(items):
        return items[int(wanted) - 1]
    return None


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
                          checklist_date(app, ctx.as_of), ctx.documents_by_kind,
                          ctx.license_expiries)
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
