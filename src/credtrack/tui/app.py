"""The credentialing desk: ``make_app(service)`` builds it for the CLI and for the tests."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from functools import partial
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from rich.text import Text
from textual.widgets import ContentSwitcher, DataTable, Footer, Static

from credtrack import rules as R
from credtrack import validate as V
from credtrack.errors import BadInput, CredtrackError
from credtrack.models import APP_OPEN, APP_STATUSES, Provider as ProviderRecord, new_id
from credtrack.tui.records import VERBS, RecordActions
from credtrack.tui.widgets.cases import CasesPane
from credtrack.tui.widgets.panes import (
    ApplicationsPane, CalendarPane, CEPane, Dashboard, DocumentsPane, LicensesPane, Pane, Snapshot,
)

# (palette title, action, help) - category-prefixed like posting's command palette; the
# actions of the highlighted record come first (DeskCommands)
COMMANDS = (
    ("license: add", "add_license", "Record a state license"),
    ("document: add", "add_document", "Copy a file into the vault"),
    ("ce: add", "add_ce", "Record a CE credit"),
    ("application: start", "new_application", "Start an application to a payer"),
    ("application: log a call", "log_call", "Log a follow-up call with its reference number"),
    ("application: change status", "change_status", "Move an application along the pipeline"),
    ("application: attach a document", "attach_document",
     "Choose the document that fills a checklist item of the selected application"),
    ("caqh: attest", "caqh_attest", "Record a CAQH ProView re-attestation today"),
    ("records: search", "search", "Find any record by its words or id"),
    ("change: undo", "undo", "Revert the last change"),
    ("change: history", "history", "The last changes: who, when, what"),
    ("work history: add a job", "add_job", "Record a job: employer, role, months"),
    ("reference: add", "add_reference", "Record a professional reference"),
    ("export: iCalendar", "export_ical", "Write deadlines to an .ics file (asks where, what)"),
    ("packet: build", "build_packet", "Build the PDF packet of the highlighted application"),
    ("packet: build a draft", "build_draft_packet", "Build it with what is there, stamped DRAFT"),
    ("provider: switch", "switch_provider", "Show another provider of the practice"),
    ("view: refresh", "refresh", "Recompute deadlines and findings"),
    ("help: keys", "help", "Show the keys"),
)


TABS = (("dashboard", "Dashboard"), ("licenses", "Licenses"), ("documents", "Documents"),
        ("ce", "CE"), ("applications", "Applications"), ("calendar", "Calendar"),
        ("cases", "Cases"))
LAZY_PANES = {"licenses": LicensesPane, "documents": DocumentsPane, "ce": CEPane,
              "applications": ApplicationsPane, "calendar": CalendarPane, "cases": CasesPane}


class DeskCommands(Provider):
    """The palette (ctrl+p): the actions of the highlighted record or row (by their action
    ids), then the desk's commands."""

    def commands(self) -> list[tuple[str, Any, str]]:
        app = self.app
        out = list(app.context_commands()) if hasattr(app, "context_commands") else []
        out += [(title, partial(app.run_action, action), help_text)
                for title, action, help_text in COMMANDS]
        return out

    async def discover(self) -> Hits:
        for title, callback, help_text in self.commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class CredtrackApp(RecordActions, App[None]):
    CSS_PATH = str(Path(__file__).with_name("credtrack.tcss"))
    TITLE = "credtrack"
    COMMANDS = App.COMMANDS | {DeskCommands}
    BINDINGS = [
        Binding("l", "add_license", "License", id="license.add"),
        Binding("d", "add_document", "Doc", id="document.add"),
        Binding("c", "add_ce", "CE", id="ce.add"),
        Binding("a", "new_application", "Apply", id="application.add"),
        Binding("f", "log_call", "Call", id="followup.add"),
        Binding("s", "change_status", "Status", id="application.status"),
        Binding("t", "attach_document", "Attach", show=False, id="application.attach"),
        Binding("slash", "search", "Search", id="search"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("h", "history", "History", show=False, id="history"),
        Binding("e", "export_ical", "iCal", show=False, id="export.ical"),
        Binding("b", "build_packet", "Packet", show=False, id="packet.build"),
        Binding("B", "build_draft_packet", "Draft packet", show=False, id="packet.build_draft"),
        Binding("p", "switch_provider", "Provider", show=False, id="provider.switch"),
        Binding("g", "practice", "Practice", show=False, id="view.practice"),
        Binding("r", "refresh", "Refresh", show=False, id="view.refresh"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("1", "tab('dashboard')", "Dashboard", show=False, id="tab.dashboard",
                priority=True),
        Binding("2", "tab('licenses')", "Licenses", show=False, id="tab.licenses",
                priority=True),
        Binding("3", "tab('documents')", "Documents", show=False, id="tab.documents",
                priority=True),
        Binding("4", "tab('ce')", "CE", show=False, id="tab.ce",
                priority=True),
        Binding("5", "tab('applications')", "Applications", show=False, id="tab.applications",
                priority=True),
        Binding("7", "tab('cases')", "Cases", show=False, id="tab.cases"),
        Binding("6", "tab('calendar')", "Calendar", show=False, id="tab.calendar",
                priority=True),
    ]

    def __init__(self, service, as_of: date | None = None, keymap: dict[str, str] | None = None,
                 config=None):
        super().__init__()
        self.service = service
        self.fixed_as_of = as_of
        self.provider_id: str | None = None
        self.snapshot: Snapshot | None = None
        self.started = time.perf_counter()
        self.first_frame: float | None = None
        if config is None:
            from credtrack.config import load

            config = load()
        self.config = config
        keymap = {**config.keymap, **(keymap or {})}
        known = {b.id for b in self.BINDINGS if isinstance(b, Binding) and b.id}
        self.unknown_bindings = sorted(set(keymap) - known)
        if keymap:
            self.set_keymap({k: v for k, v in keymap.items() if k in known})
        if config.theme:
            self.wanted_theme = config.theme

    def key_for(self, binding_id: str) -> str:
        """The key (as shown, e.g. "?") bound to a binding id, after the keymap."""
        for b in self.BINDINGS:
            if isinstance(b, Binding) and b.id == binding_id:
                mapped = self._keymap.get(binding_id, "")
                key = (mapped or b.key).split(",")[0].strip()
                return self.get_key_display(Binding(key, b.action, b.description,
                                                    key_display=None if mapped
                                                    else b.key_display))
        return ""

    @property
    def as_of(self) -> date:
        if self.fixed_as_of:
            return self.fixed_as_of
        return self.service.today()

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("", id="topbar")
        yield Static(self._tab_bar("dashboard"), id="tabbar")
        with ContentSwitcher(initial="dashboard", id="tabs"):
            yield Dashboard(id="dashboard")
            # other tabs are mounted when first shown (they draw the current snapshot)
        yield Footer(compact=True, show_command_palette=False)

    def _tab_bar(self, active: str) -> str:
        """A light tab bar: each title is clickable and has a number key (tighter below 90
        columns, so that every tab shows at 80)."""
        pad = " " if (self.size.width or 80) >= 90 else ""
        parts = []
        for number, (tab_id, title) in enumerate(TABS, 1):
            label = f"{pad}{number} {title}{pad}"
            if tab_id == active:
                label = f"[reverse bold]{label}[/]"
            parts.append(f"[@click=app.tab('{tab_id}')]{label}[/]")
        return (" " if pad else "  ").join(parts)

    @property
    def active_tab(self) -> str:
        return self.query_one("#tabs", ContentSwitcher).current or "dashboard"

    def on_load(self) -> None:
        """Before the first compose: who, and their snapshot, so the first frame has data."""
        try:
            self.provider_id = self.service.provider_id(None)
        except BadInput:
            entries = self.service.store.entries()
            self.provider_id = entries[0].id if entries else None
        except CredtrackError as exc:
            self.provider_id = None
            self.load_error = exc.message
        self.snapshot = self.compute_snapshot()

    def on_mount(self) -> None:
        theme = getattr(self, "wanted_theme", "")
        if theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                self.notify(f"config: unknown theme {theme[:40]!r} (themes: "
                            f"{', '.join(sorted(self.available_themes))})", severity="warning",
                            markup=False)
        if self.unknown_bindings:
            self.notify("config: no binding with id " + ", ".join(self.unknown_bindings)[:200]
                        + " (the help, ?, lists the ids)", severity="warning", markup=False)
        self._narrow()
        if getattr(self, "load_error", ""):
            self.notify(self.load_error, severity="error", timeout=15, markup=False)
        if self.provider_id is None:
            from credtrack.tui.screens.misc import WelcomeScreen

            self.push_screen(WelcomeScreen(self.profile_fields(), self._create_profile),
                             self._welcomed)
        elif self.snapshot is not None:
            self._topbar()  # the panes drew the snapshot as they mounted
            self.query_one("#dash-deadlines").focus()
        self.call_after_refresh(self._painted)

    def on_resize(self, event) -> None:
        self._narrow()
        try:
            self.query_one("#tabbar", Static).update(self._tab_bar(self.active_tab))
        except Exception:  # not composed yet
            pass

    def _narrow(self) -> None:
        """Below 110 columns, split panes stack (a table above its detail)."""
        self.screen_stack[0].set_class(self.size.width < 110, "-narrow")

    def _painted(self) -> None:
        if self.first_frame is None:
            self.first_frame = time.perf_counter() - self.started
            self.log(f"first frame after {self.first_frame:.3f}s")

    # -- data --------------------------------------------------------------------------------
    def compute_snapshot(self) -> Snapshot | None:
        if self.provider_id is None:
            return None
        svc = self.service
        try:
            records = svc.records(self.provider_id)
            report, ctx = svc.evaluate(records, self.as_of)
            apps = [svc.application(self.provider_id, a.id, self.as_of, records)
                    for a in sorted(records.applications,
                                    key=lambda a: (APP_STATUSES.index(a.status),
                                                   a.created or date.min, a.id))]
        except CredtrackError as exc:
            self.load_error = exc.message
            return None
        return Snapshot(self.as_of, records, report, ctx, apps, svc.states())

    def refresh_data(self) -> None:
        snapshot = self.compute_snapshot()
        if snapshot is None:
            if getattr(self, "load_error", ""):
                self.notify(self.load_error, severity="error", timeout=10, markup=False)
            return
        self.snapshot = snapshot
        self._topbar()
        for pane in self.query(Pane):
            pane.show(self.snapshot)

    def _topbar(self) -> None:
        snap = self.snapshot
        assert snap is not None
        p = snap.records.provider
        upcoming = [d for d in snap.report.deadlines if not d.overdue]
        nxt = (f"next: {upcoming[0].date} {upcoming[0].title}" if upcoming else "nothing due")
        others = len(self.service.store.entries()) - 1
        group = f" (+{others})" if others > 0 else ""
        creds = f", {p.credentials}" if p.credentials else ""
        self.query_one("#topbar", Static).update(
            Text(f"{p.name}{creds}{group} · {snap.as_of} · {nxt}"))

    # -- helpers -----------------------------------------------------------------------------
    def _form(self, title: str, fields: list, submit, done_message: str) -> None:
        from credtrack.tui.screens.forms import FormScreen

        def finished(result: Any) -> None:
            if result is not None:
                self.refresh_data()
                self.notify(done_message if isinstance(done_message, str) else str(result),
                            markup=False)

        self.push_screen(FormScreen(title, fields, submit), finished)

    def _need_provider(self) -> bool:
        if self.provider_id is None:
            self.notify("Create your profile first", severity="warning")
            return False
        return True

    def profile_fields(self) -> list:
        from credtrack.tui.screens.forms import Field, date_field, optional

        return [
            Field("name", "Legal name", required=True, placeholder="Dana Reyes"),
            Field("credentials", "Credentials", placeholder="LMT"),
            Field("npi", "NPI", optional(V.parse_npi), placeholder="10 digits"),
            date_field("birth_date", "Birth date"),
            Field("tin", "TIN", optional(V.parse_tin), placeholder="EIN or SSN (kept masked)"),
            Field("caqh_id", "CAQH ID", optional(V.parse_caqh)),
            Field("email", "Email"),
            Field("phone", "Phone"),
        ]

    def _create_profile(self, values: dict[str, Any]) -> str:
        values = {k: v for k, v in values.items() if v is not None}
        name = values.pop("name")
        provider = self.service.add_provider(ProviderRecord(new_id("prv"), name, **values), use=True)
        return provider.id

    def _welcomed(self, provider_id: str | None) -> None:
        if provider_id:
            self.provider_id = provider_id
            self.refresh_data()
            self.query_one("#dash-deadlines").focus()
            self.notify("Profile created. Add a license with l.")

    # -- actions -----------------------------------------------------------------------------
    async def action_tab(self, tab: str) -> None:
        if tab not in dict(TABS):
            return
        switcher = self.query_one("#tabs", ContentSwitcher)
        if not switcher.query_children(f"#{tab}") and tab in LAZY_PANES:
            await switcher.mount(LAZY_PANES[tab](id=tab))
        switcher.current = tab
        self.query_one("#tabbar", Static).update(self._tab_bar(tab))
        tables = switcher.query_one(f"#{tab}").query(DataTable)
        if tables:
            tables.first().focus()
        else:
            self.screen.set_focus(None)

    def action_refresh(self) -> None:
        self.refresh_data()

    HELP_WORDS = {"license.add": "Add a state license", "document.add": "Add a document",
                  "ce.add": "Add a CE credit", "application.add": "Apply to a payer",
                  "followup.add": "Log a call", "application.status": "Change a status",
                  "search": "Search every record", "undo": "Undo the last change",
                  "history": "The last changes", "export.ical": "Export iCalendar (asks)",
                  "packet.build": "Packet of the highlighted application"}

    def action_help(self) -> None:
        from credtrack.tui.screens.misc import HelpScreen

        keys = [(self.key_for(b.id) or b.key, self.HELP_WORDS.get(b.id, b.description)
                 + f"  [{b.id}]") for b in self.BINDINGS if isinstance(b, Binding) and b.id
                and not b.id.startswith("tab.")]
        keys += [("enter", "Open the highlighted row: its fields, rule, source, actions"),
                 ("ctrl+p", "Command palette"), ("1-7", "Switch tabs"), ("esc", "Close")]
        self.push_screen(HelpScreen(keys, [c[0] for c in COMMANDS]))

    # -- context: the record or row the user is on -------------------------------------------
    def _desk(self):
        return self.screen_stack[0]

    def context_item(self):
        """(kind name, record) of the highlighted row of the shown tab, else a dashboard
        deadline or finding's subject; plus the dashboard item itself (or None)."""
        desk = self._desk()
        try:
            tab = desk.query_one("#tabs", ContentSwitcher).current or "dashboard"
            pane = desk.query_one(f"#{tab}")
        except Exception:
            return None, None
        if isinstance(pane, (Dashboard, CalendarPane)):
            if isinstance(pane, CalendarPane):
                item = pane.selected()
            else:
                table = pane.query_one("#dash-findings", DataTable)
                if desk.focused is not table:  # the desk's own focus, under any modal
                    table = pane.query_one("#dash-deadlines", DataTable)
                item = pane.selected(table)
            subject = item.action.record if item is not None and item.action else ""
            return self.find_record(subject or (item.subject if item else "")), item
        if isinstance(pane, Pane):
            return pane.current_record(), None
        return None, None

    def context_commands(self) -> list[tuple[str, Any, str]]:
        from credtrack.kinds import ACTIONS

        found, item = self.context_item()
        out = []
        if item is not None and item.action is not None and item.action.id in ACTIONS:
            out.append((f"to do: {ACTIONS[item.action.id]}",
                        partial(self.run_finding_action, item), "what the highlighted row asks"))
        if found is not None:
            kind, record = found
            title = self.title_of(kind, record)
            for aid in self.actions_of(kind):
                out.append((f"{kind}: {VERBS.get(aid, aid)} {title}",
                            partial(self.run_record_action, aid, kind, record.id),
                            ACTIONS.get(aid, "")))
            out.append((f"{kind}: open {title}", partial(self.open_record, kind, record),
                        "every field and action"))
        return out

    def run_finding_action(self, item) -> None:
        """Carry out what a deadline or finding asks (its action id), on its record."""
        action = item.action
        record = self.find_record(action.record)
        if action.id == "document.add":  # the kind (and state) the finding asks for
            self.action_add_document(action.arg("kind"), action.arg("state"))
        elif action.id in {"license.add", "ce.add", "application.add", "caqh.attest"}:
            self.run_action({"license.add": "add_license", "ce.add": "add_ce",
                             "application.add": "new_application",
                             "caqh.attest": "caqh_attest"}[action.id])
        elif action.id == "application.recredential" and record:
            self.open_record(*record)
        elif record is not None:
            self.run_record_action(action.id, record[0], record[1].id)
        else:
            self.notify("Nothing to do here for that row", severity="warning")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        table = event.data_table.id
        if table in ("dash-deadlines", "dash-findings"):
            self._open_item(self.query_one(Dashboard).selected(event.data_table))
            return
        if table == "calendar-table":
            self._open_item(self.query_one(CalendarPane).selected())
            return
        found, _ = self.context_item()
        if found is not None:
            self.open_record(*found)

    def _open_item(self, item) -> None:
        """A deadline or finding: its rule, source and confidence, and its actions."""
        from credtrack.kinds import ACTIONS
        from credtrack.tui.screens.misc import DetailScreen

        if item is None:
            return
        if hasattr(item, "title"):
            lines = [("Date", str(item.date)), ("Kind", item.kind), ("Rule", item.rule),
                     ("Source", item.source), ("Confidence", item.confidence),
                     ("Record", item.subject)]
            title = item.title
        else:
            lines = [("Severity", item.severity), ("Code", item.code), ("Rule", item.rule),
                     ("Source", item.source), ("Confidence", item.confidence),
                     ("Record", item.subject)]
            title = item.message
        actions = []
        if item.action is not None and item.action.id in ACTIONS:
            actions.append(("todo", "to do: " + ACTIONS[item.action.id],
                            self.key_for(item.action.id)))
        found = self.find_record(item.action.record if item.action else item.subject) \
            or self.find_record(item.subject)
        if found is not None:
            actions.append(("open", f"open the {found[0]} record", ""))

        def chosen(what: str | None) -> None:
            if what == "todo":
                self.run_finding_action(item)
            elif what == "open" and found is not None:
                self.open_record(*found)

        self.push_screen(DetailScreen(title, lines, actions), chosen)

    def action_history(self) -> None:
        from credtrack.tui.screens.misc import DetailScreen

        try:
            changes = self.service.history(30)
        except CredtrackError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return
        lines = []
        for c in changes:
            what = "; ".join(f"{r.id} {r.op}" + (f" ({', '.join(r.fields)})" if r.op == "edit"
                                                else "") for r in c.records)
            lines.append((c.at.replace("T", " ").rstrip("Z"),
                          f"{c.who} · {c.action}" + (f" of {c.undoes}" if c.undoes else "")
                          + f" · {what}"))
        self.push_screen(DetailScreen("The last changes (UTC; u undoes the newest)",
                                      lines or [("", "no changes recorded yet")]))

    def action_add_license(self) -> None:
        from credtrack.tui.screens.forms import Field, date_field

        if not self._need_provider():
            return
        fields = [
            Field("state", "State", V.parse_state, required=True, placeholder="FL"),
            Field("number", "License number"),
            date_field("issued", "Issued"),
            date_field("expires", "Expires"),
        ]

        def submit(v):
            lic, warnings = self.service.add_license(self.provider_id, v["state"],
                                                     v["number"] or "", v["issued"], v["expires"])
            for w in warnings:
                self.notify(w, severity="warning", markup=False)
            return lic

        self._form("Add a state license", fields, submit, "License added")

    def action_add_document(self, kind: str = "", state: str = "") -> None:
        from credtrack.tui.screens.forms import Field, PathSuggester, date_field, optional, parse_file

        if not self._need_provider():
            return
        kinds = [(k, k) for k in R.DOCUMENT_KINDS + self.service.document_kinds()]
        kind = kind if kind in {k for k, _ in kinds} else ""
        fields = [
            Field("kind", "Kind", required=True, choices=kinds, value=kind),
            Field("file", "File", parse_file, required=True, placeholder="~/Documents/w9.pdf",
                  suggester=PathSuggester()),
            date_field("issued", "Issued"),
            date_field("expires", "Expires"),
            Field("limits", "Limits", optional(V.parse_limits), placeholder="1000000/3000000"),
            Field("state", "State", optional(V.parse_state), placeholder="for license copies",
                  value=state),
        ]

        def submit(v):
            return self.service.add_document(self.provider_id, v["kind"], v["file"], v["issued"],
                                             v["expires"], v["limits"], v["state"] or "",
                                             today=self.as_of)

        self._form("Add a document to the vault", fields, submit, "Document stored in the vault")

    def action_add_ce(self) -> None:
        from credtrack.tui.screens.forms import Field, date_field

        if not self._need_provider():
            return
        fields = [
            Field("hours", "Hours", V.parse_hours, required=True),
            Field("subject", "Subject", required=True, value="general",
                  choices=[(s, s) for s in R.CE_SUBJECTS]),
            date_field("completed", "Completed", required=True, value=self.as_of.isoformat()),
            Field("delivery", "Delivery", required=True, value=R.IN_PERSON,
                  choices=[(d, d) for d in R.DELIVERIES]),
            Field("course", "Course"),
            Field("sponsor", "Sponsor"),
        ]

        def submit(v):
            return self.service.add_ce(self.provider_id, v["hours"], v["subject"], v["completed"],
                                       v["course"] or "", v["sponsor"] or "", v["delivery"],
                                       today=self.as_of)

        self._form("Add a CE credit", fields, submit, "CE credit added")

    def action_new_application(self) -> None:
        from credtrack.tui.screens.forms import Field, optional

        if not self._need_provider():
            return
        payers = sorted(self.service.payers().values(), key=lambda p: p.name)
        fields = [
            Field("payer", "Payer", required=True, choices=[(p.name, p.id) for p in payers]),
            Field("state", "State", optional(V.parse_state), placeholder="blank: all your states"),
            Field("force", "Apply anyway", checkbox=True,
                  extra={"text": "even if the payer may not credential you"}),
        ]

        def submit(v):
            app, reasons = self.service.apply(self.provider_id, v["payer"],
                                              [v["state"]] if v["state"] else [], v["force"],
                                              self.as_of)
            for r in reasons:
                self.notify(r, severity="warning", timeout=10, markup=False)
            return app

        self._form("Start an application", fields, submit, "Application started (draft)")

    def _app_choices(self, open_only: bool = True) -> list[tuple[str, str]]:
        snap = self.snapshot
        if snap is None:
            return []
        return [(f"{(i['payer'].name if i['payer'] else i['application'].payer)} "
                 f"({i['application'].status})", i["application"].id)
                for i in snap.applications
                if not open_only or i["application"].status in APP_OPEN]

    def _selected_app(self) -> str:
        """The application of the current context only: the highlighted row of the
        Applications tab, or the application a highlighted dashboard row is about."""
        found, _ = self.context_item()
        return found[1].id if found is not None and found[0] == "application" else ""

    def action_log_call(self, app_id: str = "") -> None:
        from credtrack.tui.screens.forms import Field, date_field

        choices = self._app_choices()
        if not choices:
            self.notify("No open application: start one with a", severity="warning")
            return
        selected = app_id or self._selected_app()
        fields = [
            Field("app", "Application", required=True, choices=choices,
                  value=selected if selected in {c[1] for c in choices} else choices[0][1]),
            date_field("date", "Date", required=True, value=self.as_of.isoformat()),
            Field("contact", "Spoke with"),
            Field("ref", "Reference #"),
            Field("note", "Note"),
            date_field("next", "Next call"),
        ]

        def submit(v):
            return self.service.add_followup(self.provider_id, v["app"], v["date"],
                                             v["contact"] or "", v["ref"] or "", v["note"] or "",
                                             v["next"])

        self._form("Log a call", fields, submit, "Call logged")

    def action_change_status(self, app_id: str = "") -> None:
        from credtrack.tui.screens.forms import Field, date_field

        choices = self._app_choices(open_only=False)
        if not choices:
            self.notify("No application yet: start one with a", severity="warning")
            return
        selected = app_id or self._selected_app()
        fields = [
            Field("app", "Application", required=True, choices=choices,
                  value=selected or choices[0][1]),
            Field("status", "New status", required=True,
                  choices=[(s, s) for s in APP_STATUSES]),
            date_field("date", "Date", required=True, value=self.as_of.isoformat()),
            Field("note", "Note"),
        ]

        def submit(v):
            return self.service.set_status(self.provider_id, v["app"], v["status"], v["date"],
                                           v["note"] or "")

        self._form("Change an application's status", fields, submit, "Status changed")

    def action_attach_document(self) -> None:
        """The document that fills one checklist item of the selected application (the same as
        'credtrack app attach'); "newest current" forgets an assignment."""
        from credtrack.tui.screens.forms import Field

        app_id = self._selected_app()
        info = next((i for i in (self.snapshot.applications if self.snapshot else [])
                     if i["application"].id == app_id), None)
        if info is None:
            self.notify("Select an application on the Applications tab (5) first",
                        severity="warning")
            return
        items = [i for i in info["checklist"] if i.kind != "caqh"]
        docs = sorted(self.snapshot.records.documents, key=lambda d: (d.kind, d.original_name))
        if not items or not docs:
            self.notify("Nothing to attach: add documents with d", severity="warning")
            return
        fields = [
            Field("item", "Checklist item", required=True,
                  choices=[(f"{i.label} ({i.status})"[:60], i.key) for i in items],
                  value=items[0].key),
            Field("doc", "Document", required=True,
                  choices=[("newest current of its kind", "-")]
                  + [(f"{d.original_name} ({d.kind}{', ' + d.state if d.state else ''})"[:60],
                      d.id) for d in docs], value="-"),
        ]

        def submit(v):
            return self.service.attach(self.provider_id, app_id, v["item"],
                                       None if v["doc"] == "-" else v["doc"], self.as_of)

        self._form("Attach a document to a checklist item", fields, submit, "Document attached")

    def action_add_job(self) -> None:
        from credtrack.tui.screens.forms import Field

        if not self._need_provider():
            return
        fields = [Field("employer", "Employer", required=True),
                  Field("role", "Position", placeholder="Massage therapist"),
                  Field("start", "From", required=True, placeholder="YYYY-MM"),
                  Field("end", "To", placeholder="YYYY-MM (empty: present)"),
                  Field("address", "Address"), Field("contact", "Contact")]

        def submit(v):
            return self.service.add_work(self.provider_id, **{k: x or "" for k, x in v.items()})

        self._form("Add a job to the work history", fields, submit, "Job recorded")

    def action_add_reference(self) -> None:
        from credtrack.tui.screens.forms import Field

        if not self._need_provider():
            return
        fields = [Field("name", "Name", required=True), Field("role", "Role"),
                  Field("organization", "Organization"), Field("relationship", "Relationship"),
                  Field("contact", "Phone or e-mail"), Field("address", "Address")]

        def submit(v):
            name = v.pop("name")
            return self.service.add_reference(self.provider_id, name,
                                              **{k: x or "" for k, x in v.items()})

        self._form("Add a professional reference", fields, submit, "Reference recorded")

    def action_caqh_attest(self) -> None:
        if not self._need_provider():
            return
        self.service.attest(self.provider_id, self.as_of)
        self.refresh_data()
        self.notify(f"CAQH attestation recorded for {self.as_of} (u undoes)")

    def action_switch_provider(self) -> None:
        from credtrack.tui.screens.misc import PickScreen

        entries = self.service.store.entries()
        if len(entries) < 2:
            self.notify("Only one provider in this practice", severity="information")
            return

        def chosen(pid: str | None) -> None:
            if pid:
                self.provider_id = pid
                self.refresh_data()

        self.push_screen(PickScreen(f"Switch provider ({len(entries)}; type to filter)",
                                    [(f"{e.name} ({e.id})", e.id) for e in entries]), chosen)

    def action_practice(self) -> None:
        """The group's providers with their counts (screens/practice.py); Enter opens one."""
        from credtrack.tui.screens.practice import PracticeScreen

        def chosen(pid: str | None) -> None:
            if pid:
                self.provider_id = pid
                self.refresh_data()

        self.push_screen(PracticeScreen(self.service, self.as_of), chosen)

    def action_export_ical(self) -> None:
        """Ask where and what, then write the calendar (reminders from the config file)."""
        from credtrack.tui.screens.forms import Field

        if not self._need_provider():
            return
        default = str(self.service.root / "credtrack.ics")
        fields = [Field("path", "File", _ics_path, required=True, value=default),
                  Field("scope", "Deadlines of", required=True, value="one",
                        choices=[("this provider", "one"), ("every provider", "all")]),
                  Field("identifiers", "Identifiers", checkbox=True,
                        extra={"text": "add NPI, license and reference numbers"})]

        def submit(v):
            self._export_ical(v["path"], v["scope"] == "all", v["identifiers"])
            return v["path"]

        self._form("Export deadlines to iCalendar", fields, submit, "Writing the calendar…")

    @work(thread=True, exclusive=True, group="export")
    def _export_ical(self, path: Path, everyone: bool = False,
                     identifiers: bool = False) -> None:
        from credtrack import calendar
        from credtrack.calservice import CalendarRequest

        try:
            reminders = calendar.parse_reminders(self.config.reminder_specs())
            written, _ = self.service.export_calendar(CalendarRequest(
                self.as_of, None if everyone else self.provider_id, everyone, reminders,
                identifiers), path)
        except (CredtrackError, OSError) as exc:
            message = getattr(exc, "message", None) or f"cannot export: {exc}"
            self.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.call_from_thread(self.notify, f"Calendar written to {written}", markup=False)

    def action_build_packet(self, draft: bool = False) -> None:
        app_id = self._selected_app()
        if not app_id:
            self.notify("Highlight an application first (tab 5, or a dashboard row about "
                        "one)", severity="warning")
            return
        self.build_packet_for(app_id, draft)

    def build_packet_for(self, app_id: str, draft: bool = False) -> None:
        from credtrack.tui.screens.misc import ProgressScreen

        screen = ProgressScreen(f"Building the {'draft ' if draft else ''}packet for {app_id}")
        self.push_screen(screen)
        self._build_packet(app_id, draft, screen)

    def action_build_draft_packet(self) -> None:
        self.action_build_packet(draft=True)

    @work(thread=True, exclusive=True, group="packet")
    def _build_packet(self, app_id: str, draft: bool, screen) -> None:
        def progress(done: int, total: int, label: str) -> None:
            self.call_from_thread(screen.step, done, total, label)

        def finish(message: str, severity: str = "information") -> None:
            if screen.is_attached:
                screen.dismiss(None)
            self.notify(message, severity=severity, timeout=12, markup=False)
            self.refresh_data()

        try:
            defaults = self.config.packet
            written = self.service.build_packet(
                app_id, provider_id=self.provider_id, on=self.as_of, draft=draft,
                progress=progress, show_tin=defaults.show_tin, with_zip=defaults.zip,
                template_dir=Path(defaults.template_dir).expanduser()
                if defaults.template_dir else None)
        except CredtrackError as exc:
            hint = "" if draft else " (B builds a draft anyway)"
            self.call_from_thread(finish, exc.message + hint, "error")
            return
        self.call_from_thread(finish, f"Packet written to {written.pdf}")


def _ics_path(text: str) -> Path:
    path = Path(text.strip()).expanduser()
    if path.is_dir():
        raise BadInput(f"{path} is a folder: give a file name")
    if not path.parent.is_dir():
        raise BadInput(f"the folder {path.parent} does not exist")
    return path


def make_app(service, as_of: date | None = None, keymap: dict[str, str] | None = None,
             config=None) -> CredtrackApp:
    """The desk; ``config`` (credtrack.config.Config) defaults to the user's config file."""
    return CredtrackApp(service, as_of, keymap, config)


def run(service) -> None:
    make_app(service).run()


__all__ = ["CredtrackApp", "make_app", "run"]
