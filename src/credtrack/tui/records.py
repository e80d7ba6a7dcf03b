"""Records on the desk: their details, the actions on each (by the action ids of
:data:`credtrack.kinds.ACTIONS`, the same ids the findings carry and the bindings use), search
across them, removal with confirmation, and undo. A mixin of the app: every change goes through
the service, like the CLI's."""

from __future__ import annotations

from datetime import date
from typing import Any

from credtrack import validate as V
from credtrack.errors import Conflict, CredtrackError
from credtrack.kinds import (
    ACTIONS, PATIENT_DOCUMENT_KINDS, PATIENT_KINDS, RECORD_ACTIONS, get, kinds,
)

# palette and detail wording: "license: renew FL", "application: log a call"
VERBS = {
    "license.renew": "renew", "license.edit": "edit", "license.remove": "remove",
    "document.replace": "replace", "document.edit": "edit", "document.remove": "remove",
    "ce.edit": "edit", "ce.remove": "remove",
    "application.status": "change status", "followup.add": "log a call",
    "application.edit": "edit", "application.remove": "remove",
    "packet.build": "build the packet", "packet.build_draft": "build a draft packet",
    "followup.edit": "edit", "followup.remove": "remove", "attestation.remove": "remove",
}
EXTRA_ACTIONS = {"application": ("packet.build", "packet.build_draft")}
HIDDEN_FIELDS = {"vault_path", "history", "packets", "renewals"}


def record_title(kind_name: str, record: Any, payer_name: str = "") -> str:
    kind = get(kind_name)
    if kind_name == "application":
        return payer_name or record.payer
    if kind_name == "document":
        return record.kind + (f" {record.state}" if record.state else "")
    value = getattr(record, kind.title_field, "") if kind.title_field else ""
    return str(value or record.id)


def record_lines(kind_name: str, record: Any) -> list[tuple[str, str]]:
    """Every field of a record, as label and text (lists in short)."""
    lines = []
    for key, value in record.to_dict().items():
        if key in HIDDEN_FIELDS or value in (None, "", []):
            continue
        if key == "sha256":
            value = value[:16] + "…"
        lines.append((key.replace("_", " "), ", ".join(map(str, value))
                      if isinstance(value, list) else str(value)))
    if kind_name == "license" and record.renewals:
        lines.append(("renewals", "; ".join(
            f"{r.get('date')}: {r.get('previous_expires') or '?'} → {r.get('expires')}"
            for r in record.renewals)))
    if kind_name == "application" and record.history:
        lines.append(("history", "; ".join(f"{h.get('date')} {h.get('status')}"
                                           for h in record.history)))
    return lines


class RecordActions:
    """Mixin for :class:`credtrack.tui.app.CredtrackApp`."""

    # -- finding records -----------------------------------------------------------------
    def reload_after_conflict(self, exc) -> None:
        """Another coordinator changed the record first (a server store's conflict): nothing
        was saved; read everything again so the desk shows their version, and say so."""
        self.refresh_data()
        self.notify(f"{exc.message}. The desk has reloaded: open the record again to see the "
                    "current version and make your change.", severity="warning", timeout=15,
                    markup=False)

    def find_record(self, record_id: str) -> tuple[str, Any] | None:
        snap = self.snapshot
        if snap is None or not record_id:
            return None
        for kind in kinds():
            if kind.name in PATIENT_KINDS:
                continue
            if kind.name == "license" or record_id.startswith(kind.prefix + "-"):
                for rec in snap.records.of(kind.table):
                    if rec.id == record_id:
                        return kind.name, rec
        return None

    def payer_name(self, record: Any) -> str:
        payer = self.service.payers().get(getattr(record, "payer", ""))
        return payer.name if payer else ""

    def title_of(self, kind_name: str, record: Any) -> str:
        return record_title(kind_name, record, self.payer_name(record)
                            if kind_name == "application" else "")

    def actions_of(self, kind_name: str) -> tuple[str, ...]:
        return RECORD_ACTIONS.get(kind_name, ()) + EXTRA_ACTIONS.get(kind_name, ())

    def action_label(self, action_id: str, kind_name: str = "") -> str:
        verb = VERBS.get(action_id, ACTIONS.get(action_id, action_id))
        words = ACTIONS.get(action_id, "")
        return f"{verb}: {words}" if words and words != verb else verb

    # -- the detail of a record ----------------------------------------------------------
    def open_record(self, kind_name: str, record: Any, extra: list | None = None) -> None:
        from credtrack.tui.screens.misc import DetailScreen

        kind = get(kind_name)
        actions = [(aid, self.action_label(aid, kind_name), self.key_for(aid))
                   for aid in self.actions_of(kind_name)]

        def chosen(action_id: str | None) -> None:
            if action_id:
                self.run_record_action(action_id, kind_name, record.id)

        lines = [*(extra or []), *record_lines(kind_name, record)]
        if kind_name == "application" and self.snapshot is not None:
            calls = sorted((f for f in self.snapshot.records.followups
                            if f.application_id == record.id), key=lambda f: (f.date, f.id))
            lines += [(f"call {f.date}", " · ".join(x for x in (
                f.contact, f.ref and f"ref {f.ref}", f.note, f.id) if x)) for f in calls]
        self.push_screen(DetailScreen(f"{kind.label}: {self.title_of(kind_name, record)}",
                                      lines, actions), chosen)

    def run_record_action(self, action_id: str, kind_name: str, record_id: str) -> None:
        found = self.find_record(record_id)
        if found is None:
            self.notify("That record is gone (refresh with r)", severity="warning")
            return
        _, record = found
        if action_id.endswith(".remove"):
            self.confirm_remove(kind_name, record)
            return
        handler = getattr(self, "act_" + action_id.replace(".", "_"), None)
        if handler is None:
            self.notify(f"To {ACTIONS.get(action_id, action_id)}, use the credtrack command "
                        "('credtrack status' shows it)", severity="warning", markup=False)
            return
        handler(record)

    # -- removing and undoing ------------------------------------------------------------
    def confirm_remove(self, kind_name: str, record: Any) -> None:
        from credtrack.tui.screens.misc import ConfirmScreen

        kind = get(kind_name)
        title = self.title_of(kind_name, record)
        detail = "u (undo) brings it back."
        if kind_name == "application":
            detail = "Its logged calls go with it. " + detail

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.service.remove_record(self.provider_id, kind_name, record.id)
            except Conflict as exc:
                self.reload_after_conflict(exc)
                return
            except CredtrackError as exc:
                self.notify(exc.message, severity="error", markup=False)
                return
            self.refresh_data()
            self.notify(f"{kind.label} {title} removed (u undoes)", markup=False)

        label = kind.label if kind.label[:2].isupper() else kind.label.lower()
        self.push_screen(ConfirmScreen(f"Remove the {label} {title}?", detail), answered)

    def action_undo(self) -> None:
        try:
            change, _ = self.service.undo()
        except CredtrackError as exc:
            self.notify(exc.message, severity="warning", markup=False)
            return
        if change.provider != self.provider_id and change.provider in {
                e.id for e in self.service.store.entries()}:
            self.provider_id = change.provider
        self.refresh_data()
        self.notify(f"Undone: {self.action_label(change.action).split(':')[0]} "
                    f"({change.action}, {change.at})", markup=False)

    # -- search ----------------------------------------------------------------------------
    def search_options(self) -> list[tuple[str, tuple[str, str]]]:
        snap = self.snapshot
        if snap is None:
            return []
        out = []
        for kind in kinds():
            if kind.name in PATIENT_KINDS:  # the Cases tab shows the client's label only
                continue
            for rec in snap.records.of(kind.table):
                if getattr(rec, "kind", "") in PATIENT_DOCUMENT_KINDS and kind.name == "document":
                    continue
                words = [str(v) for k, v in rec.to_dict().items()
                         if k not in HIDDEN_FIELDS and k != "sha256" and v not in (None, "", [])
                         and not isinstance(v, (list, dict))]
                if kind.name == "application":
                    words.insert(0, self.payer_name(rec))
                out.append((f"{kind.label} · {self.title_of(kind.name, rec)} · "
                            + " · ".join(w for w in words if w != rec.id)[:120]
                            + f" · {rec.id}", (kind.name, rec.id)))
        return out

    def action_search(self) -> None:
        from credtrack.tui.screens.misc import PickScreen

        if not self._need_provider():
            return

        def chosen(value: tuple[str, str] | None) -> None:
            if value:
                found = self.find_record(value[1])
                if found:
                    self.open_record(*found)

        self.push_screen(PickScreen("Search records (type any words: FL, COI, ethics, a "
                                    "payer, an id)", self.search_options(),
                                    "search every record"), chosen)

    # -- the forms behind each action ------------------------------------------------------
    def _done(self, message: str):
        return message

    def act_license_renew(self, lic) -> None:
        from credtrack.tui.screens.forms import date_field

        view = next((v for v in self.snapshot.ctx.licenses if v.license.id == lic.id), None)
        current = view.expires if view else lic.expires
        fields = [date_field("expires", "New expiry", placeholder="blank: the next one by "
                             "the state's rule")]

        def submit(v):
            return self.service.renew_license(self.provider_id, lic.id, v["expires"], self.as_of)

        self._form(f"Renew the {lic.state} license (expires {current or 'unknown'})", fields,
                   submit, f"{lic.state} license renewed")

    def act_license_edit(self, lic) -> None:
        from credtrack.tui.screens.forms import Field, date_field

        fields = [Field("number", "License number", value=lic.number),
                  date_field("issued", "Issued", value=_iso(lic.issued)),
                  date_field("expires", "Expires", value=_iso(lic.expires)),
                  Field("credential", "Credential", value=lic.credential)]

        def submit(v):
            return self.service.edit_license(self.provider_id, lic.id, number=v["number"] or "",
                                             issued=v["issued"], expires=v["expires"],
                                             credential=v["credential"] or "")

        self._form(f"Edit the {lic.state} license", fields, submit, "License updated")

    def act_document_edit(self, doc) -> None:
        from credtrack.tui.screens.forms import Field, date_field, optional

        limits = f"{doc.per_claim}/{doc.aggregate}" if doc.per_claim else ""
        fields = [date_field("issued", "Issued", value=_iso(doc.issued)),
                  date_field("expires", "Expires", value=_iso(doc.expires)),
                  Field("limits", "Limits", optional(V.parse_limits), value=limits,
                        placeholder="1000000/3000000"),
                  Field("state", "State", optional(V.parse_state), value=doc.state),
                  Field("note", "Note", value=doc.note)]

        def submit(v):
            return self.service.edit_document(
                self.provider_id, doc.id, issued=v["issued"], expires=v["expires"],
                limits=v["limits"] if v["limits"] else (() if doc.per_claim else None),
                state=v["state"] or "", note=v["note"] or "")

        self._form(f"Edit document {doc.kind}", fields, submit, "Document updated")

    def act_document_replace(self, doc) -> None:
        from credtrack.tui.screens.forms import Field, PathSuggester, date_field, parse_file

        fields = [Field("file", "New file", parse_file, required=True,
                        placeholder="~/Documents/coi-2027.pdf", suggester=PathSuggester()),
                  date_field("issued", "Issued"), date_field("expires", "Expires")]

        def submit(v):
            return self.service.replace_document(self.provider_id, doc.id, v["file"],
                                                 v["issued"], v["expires"], today=self.as_of)

        self._form(f"Replace {doc.kind} ({doc.original_name[:30]}) with a new file", fields,
                   submit, "Document replaced (u undoes)")

    def act_ce_edit(self, credit) -> None:
        from credtrack import rules as R
        from credtrack.tui.screens.forms import Field, date_field

        fields = [Field("hours", "Hours", V.parse_hours, required=True, value=f"{credit.hours:g}"),
                  Field("subject", "Subject", required=True, value=credit.subject,
                        choices=[(s, s) for s in dict.fromkeys((*R.CE_SUBJECTS, credit.subject))]),
                  date_field("completed", "Completed", required=True,
                             value=credit.completed.isoformat()),
                  Field("delivery", "Delivery", required=True, value=credit.delivery,
                        choices=[(d, d) for d in R.DELIVERIES]),
                  Field("course", "Course", value=credit.course),
                  Field("sponsor", "Sponsor", value=credit.sponsor)]

        def submit(v):
            return self.service.edit_ce(self.provider_id, credit.id, hours=v["hours"],
                                        subject=v["subject"], completed=v["completed"],
                                        delivery=v["delivery"], course=v["course"] or "",
                                        sponsor=v["sponsor"] or "")

        self._form("Edit a CE credit", fields, submit, "CE credit updated")

    def act_application_status(self, app) -> None:
        self.action_change_status(app.id)

    def act_followup_add(self, app) -> None:
        self.action_log_call(app.id)

    def act_packet_build(self, app) -> None:
        self.build_packet_for(app.id, draft=False)

    def act_packet_build_draft(self, app) -> None:
        self.build_packet_for(app.id, draft=True)

    def act_application_edit(self, app) -> None:
        from credtrack.tui.screens.forms import Field

        fields = [Field("note", "Note", value=app.note),
                  Field("states", "States", _states, value=",".join(app.states),
                        placeholder="FL,GA (blank: every state you hold a license in)")]

        def submit(v):
            return self.service.edit_application(self.provider_id, app.id, v["note"] or "",
                                                 v["states"] or [])

        self._form("Edit the application", fields, submit, "Application updated")

    def act_followup_edit(self, fu) -> None:
        from credtrack.tui.screens.forms import Field, date_field

        fields = [date_field("date", "Date", required=True, value=fu.date.isoformat()),
                  Field("contact", "Spoke with", value=fu.contact),
                  Field("ref", "Reference #", value=fu.ref),
                  Field("note", "Note", value=fu.note),
                  date_field("next", "Next call", value=_iso(fu.next))]

        def submit(v):
            return self.service.edit_followup(self.provider_id, fu.id, date=v["date"],
                                              contact=v["contact"] or "", ref=v["ref"] or "",
                                              note=v["note"] or "", next=v["next"])

        self._form("Edit a logged call", fields, submit, "Call updated")


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _states(text: str) -> list[str]:
    return [V.parse_state(s) for s in text.replace(" ", ",").split(",") if s.strip()]
