"""The tabs of the desk. Each shows a snapshot of the service's answers; none holds rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import DataTable, Static

from credtrack.compliance import Context, Deadline, Finding, Report

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
KIND_LABEL = {"license-renewal": "license", "ce-due": "CE", "document-expiry": "document",
              "follow-up": "follow-up", "caqh-attestation": "CAQH",
              "recredentialing": "recredential"}
PIPELINE = ("draft", "gathering", "submitted", "in-review", "approved", "denied", "withdrawn")


@dataclass
class Snapshot:
    """Everything the desk shows for one provider, computed once per refresh."""

    as_of: date
    records: Any
    report: Report
    ctx: Context
    applications: list[dict[str, Any]] = field(default_factory=list)
    states: dict[str, Any] = field(default_factory=dict)


def T(value: Any, style: str = "") -> Text:
    """A cell or line of text shown as it is: user strings are never read as markup."""
    return Text("" if value is None else str(value), style=style)


def fit(value: Any, width: int, style: str = "") -> Text:
    """``value`` cut to ``width`` cells with an ellipsis (the full text is in the detail)."""
    text = T(value, style)
    if width > 0 and text.cell_len > width:
        text.truncate(max(width - 1, 1))
        text.append("…", style=style)
    return text


def flex_width(widget: Widget, fixed: tuple[int, ...], minimum: int = 12) -> int:
    """What is left for the one flexible column of a table in ``widget`` (each column takes
    its width plus 2 cells of padding; 2 more for the scroll bar)."""
    width = widget.size.width or 80
    return max(minimum, width - sum(w + 2 for w in fixed) - 4)


def money(n: int | None) -> str:
    """1000000 -> 1M, 2500000 -> 2.5M, 300000 -> 300k."""
    if not n:
        return ""
    for size, unit in ((1_000_000, "M"), (1_000, "k")):
        if n >= size:
            return f"{n / size:g}{unit}"
    return str(n)


def action_hint(app, action) -> str:
    """An action in words, with the key that starts it where the desk has one."""
    from credtrack.kinds import ACTIONS

    if action is None:
        return ""
    words = ACTIONS.get(action.id, action.id)
    key = app.key_for(action.id) if hasattr(app, "key_for") else ""
    return f"{words} (key {key})" if key else words


def deadline_style(d: Deadline, as_of: date) -> str:
    if d.overdue:
        return "bold red"
    days = (d.date - as_of).days
    return "yellow" if days <= 30 else ("default" if days <= 90 else "dim")


def when(d: date, as_of: date) -> str:
    days = (d - as_of).days
    if days < 0:
        return f"{-days}d ago"
    if days == 0:
        return "today"
    return f"in {days}d"


class Pane(Widget):
    """A tab's content: ``show(snapshot)`` redraws it; a lazily mounted pane shows the current
    snapshot when it arrives."""

    def show(self, snap: Snapshot) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def on_mount(self) -> None:
        self.setup()
        snap = getattr(self.app, "snapshot", None)  # type: ignore[attr-defined]
        if snap is not None:
            self.show(snap)

    def setup(self) -> None:
        """Columns and other one-time layout."""

    def on_resize(self, event) -> None:
        snap = getattr(self.app, "snapshot", None)  # type: ignore[attr-defined]
        if snap is not None and getattr(self, "_width", None) != self.size.width:
            self._width = self.size.width
            self.show(snap)

    def current_record(self) -> tuple[str, Any] | None:
        """The record (kind name, record) the highlighted row is about, if any."""
        return None


class Dashboard(Pane, Vertical):
    """Counts, deadlines soonest first, findings by severity, and the highlighted row's rule."""

    def compose(self) -> ComposeResult:
        yield Static("", id="counts")
        yield Static("Deadlines", classes="section-title")
        yield DataTable(id="dash-deadlines", cursor_type="row", zebra_stripes=True)
        yield Static("Findings", classes="section-title")
        yield DataTable(id="dash-findings", cursor_type="row")
        yield Static("", id="explain")

    def setup(self) -> None:
        t = self.query_one("#dash-deadlines", DataTable)
        t.add_column("Date", key="date", width=10)
        t.add_column("When", key="when", width=8)
        t.add_column("Kind", key="kind", width=12)
        t.add_column("What", key="what")
        f = self.query_one("#dash-findings", DataTable)
        f.add_column("Severity", key="sev", width=8)
        f.add_column("Finding", key="msg")

    def show(self, snap: Snapshot) -> None:
        as_of = snap.as_of
        report = snap.report
        overdue = [d for d in report.deadlines if d.overdue]
        soon = [d for d in report.deadlines if not d.overdue and (d.date - as_of).days <= 90]
        errors = sum(1 for f in report.findings if f.severity == "error")
        recs = snap.records
        open_apps = [a for a in recs.applications if a.status in PIPELINE[:4]]
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        counts = Text()
        for text, style in ((f"{len(overdue)} overdue", "bold red" if overdue else "green"),
                            (plural(errors, "error"), "bold red" if errors else "green"),
                            (f"{len(soon)} due in 90 days", "yellow" if soon else "green"),
                            (plural(len(recs.licenses), "license"), ""),
                            (plural(len(recs.documents), "document"), ""),
                            (plural(len(open_apps), "open application"), "")):
            if counts:
                counts.append("  ·  ", style="dim")
            counts.append(text, style=style)
        self.query_one("#counts", Static).update(counts)
        t = self.query_one("#dash-deadlines", DataTable)
        row = t.cursor_row
        t.clear()
        what = flex_width(self, (10, 8, 12))
        for i, d in enumerate(report.deadlines):
            style = deadline_style(d, as_of)
            t.add_row(T(d.date.isoformat(), style), T(when(d.date, as_of), style),
                      T(KIND_LABEL.get(d.kind, d.kind)), fit(d.title, what, style), key=f"d{i}")
        if 0 < row < t.row_count:
            t.move_cursor(row=row)
        f = self.query_one("#dash-findings", DataTable)
        row = f.cursor_row
        f.clear()
        message = flex_width(self, (8,))
        for i, fd in enumerate(report.findings):
            style = SEVERITY_STYLE.get(fd.severity, "")
            f.add_row(T(fd.severity.upper(), style), fit(fd.message, message, style),
                      key=f"f{i}")
        if 0 < row < f.row_count:
            f.move_cursor(row=row)
        self.snapshot = snap
        self.explain_row(t)

    def selected(self, table: DataTable) -> Deadline | Finding | None:
        snap = getattr(self, "snapshot", None)
        if snap is None or table.row_count == 0:
            return None
        row = table.cursor_row
        items = snap.report.deadlines if table.id == "dash-deadlines" else snap.report.findings
        return items[row] if 0 <= row < len(items) else None

    def explain_row(self, table: DataTable) -> None:
        item = self.selected(table)
        text = Text()
        if isinstance(item, Finding):
            text.append(item.message + "\n", style=SEVERITY_STYLE.get(item.severity, ""))
        hint = action_hint(self.app, item.action) if item is not None else ""
        if hint:
            text.append("to do: ", style="bold")
            text.append(hint + "\n")
        if item is not None:
            text.append("rule: ", style="bold")
            text.append(item.rule or "-")
            text.append("  source: ", style="bold")
            text.append(item.source or "-")
            text.append("   (Enter: details)", style="dim")
        self.query_one("#explain", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.has_focus:
            self.explain_row(event.data_table)

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, DataTable):
            self.explain_row(event.widget)


class LicensesPane(Pane, Horizontal):
    def compose(self) -> ComposeResult:
        yield DataTable(id="licenses-table", cursor_type="row")
        yield Static("", classes="detail", id="license-detail")

    def setup(self) -> None:
        t = self.query_one(DataTable)
        for label, key in (("State", "state"), ("Number", "number"), ("Issued", "issued"),
                           ("Expires", "expires"), ("Date from", "basis")):
            t.add_column(label, key=key)

    def show(self, snap: Snapshot) -> None:
        self.snapshot = snap
        t = self.query_one(DataTable)
        row = t.cursor_row
        t.clear()
        for v in snap.ctx.licenses:
            lic = v.license
            style = "bold red" if v.expires and v.expires < snap.as_of else ""
            t.add_row(T(lic.state), T(lic.number), T(lic.issued or ""),
                      T(v.expires.isoformat() if v.expires else "enter date", style),
                      T({"license": "license", "rule": "state rule", "plugin": "plugin"}.get(
                          v.expiry_basis, "unknown")), key=lic.id)
        if 0 < row < t.row_count:
            t.move_cursor(row=row)
        self._detail()

    def current_record(self) -> tuple[str, Any] | None:
        snap = getattr(self, "snapshot", None)
        t = self.query_one(DataTable)
        if snap and snap.ctx.licenses and 0 <= t.cursor_row < len(snap.ctx.licenses):
            return "license", snap.ctx.licenses[t.cursor_row].license
        return None

    def _detail(self) -> None:
        snap = getattr(self, "snapshot", None)
        t = self.query_one(DataTable)
        text = Text()
        if snap and snap.ctx.licenses and 0 <= t.cursor_row < len(snap.ctx.licenses):
            v = snap.ctx.licenses[t.cursor_row]
            r = v.rules
            text.append(f"{r.name if r else v.license.state}\n", style="bold")
            text.append("Enter: renew, edit, remove\n", style="dim")
            if r is not None:
                text.append("Renewal: ", style="bold")
                text.append(f"{r.renewal.describe()} ({r.renewal.confidence})\n")
                text.append("CE: ", style="bold")
                text.append((r.ce.text or ("unknown" if r.ce.hours is None else f"{r.ce.hours:g} h"))
                            + "\n")
                if v.period_start and v.period_end:
                    text.append("CE cycle: ", style="bold")
                    text.append(f"{v.period_start + timedelta(days=1)} .. {v.period_end}\n")
                text.append("Verified: ", style="bold")
                text.append(f"{r.verified}\n")
                text.append("Source: ", style="bold")
                text.append(f"{v.source or r.primary_source}\n")
            if v.problem:
                text.append(f"\n{v.problem}\n", style="yellow")
        else:
            text.append("No licenses yet. Press l to add one.", style="dim")
        self.query_one("#license-detail", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()


class DocumentsPane(Pane, Vertical):
    def compose(self) -> ComposeResult:
        yield DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)

    def setup(self) -> None:
        t = self.query_one(DataTable)
        for label in ("Kind", "File", "Issued", "Expires", "Limits", "Status"):
            t.add_column(label, key=label.lower())

    def documents(self, snap: Snapshot) -> list:
        return sorted(snap.records.documents, key=lambda d: (d.kind, d.expires or date.max, d.id))

    def show(self, snap: Snapshot) -> None:
        self.snapshot = snap
        t = self.query_one(DataTable)
        row = t.cursor_row
        t.clear()
        docs = self.documents(snap)
        kinds = [d.kind + (f" ({d.state})" if d.state else "") for d in docs]
        kind_w = max((len(k) for k in kinds), default=4)
        limits = [f"{money(d.per_claim)}/{money(d.aggregate)}" if d.per_claim else ""
                  for d in docs]
        limit_w = max((len(x) for x in limits), default=6)
        name_w = flex_width(self, (kind_w, 10, 10, max(limit_w, 6), 9), 8)
        for d, kind, lim in zip(docs, kinds, limits):
            if d.expires is None:
                status = T("no expiry", "dim")
            elif d.expires < snap.as_of:
                status = T("expired", "bold red")
            elif (d.expires - snap.as_of).days <= 30:
                status = T(when(d.expires, snap.as_of), "yellow")
            else:
                status = T("current", "green")
            t.add_row(T(kind), fit(d.original_name, name_w), T(d.issued or ""),
                      T(d.expires or ""), T(lim), status, key=d.id)
        if 0 < row < t.row_count:
            t.move_cursor(row=row)

    def current_record(self) -> tuple[str, Any] | None:
        snap = getattr(self, "snapshot", None)
        t = self.query_one(DataTable)
        docs = self.documents(snap) if snap else []
        if docs and 0 <= t.cursor_row < len(docs):
            return "document", docs[t.cursor_row]
        return None


def bar(done: float, total: float, width: int = 24) -> Text:
    frac = 1.0 if total <= 0 else max(0.0, min(done / total, 1.0))
    filled = int(round(frac * width))
    style = "green" if frac >= 1 else ("yellow" if frac >= 0.5 else "red")
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


class CEPane(Pane, Vertical):
    def compose(self) -> ComposeResult:
        yield Static("", id="ce-progress")
        yield Static("Credits (Enter: edit or remove)", classes="section-title")
        yield DataTable(id="ce-table", cursor_type="row", zebra_stripes=True)

    def setup(self) -> None:
        t = self.query_one(DataTable)
        for label in ("Completed", "Hours", "Subject", "Delivery", "Course"):
            t.add_column(label, key=label.lower())

    def credits(self, snap: Snapshot) -> list:
        return sorted(snap.records.ce, key=lambda c: (c.completed, c.id), reverse=True)

    def current_record(self) -> tuple[str, Any] | None:
        snap = getattr(self, "snapshot", None)
        t = self.query_one(DataTable)
        credits = self.credits(snap) if snap else []
        if credits and 0 <= t.cursor_row < len(credits):
            return "ce", credits[t.cursor_row]
        return None

    def _credits(self, snap: Snapshot) -> None:
        t = self.query_one(DataTable)
        row = t.cursor_row
        t.clear()
        credits = self.credits(snap)
        subject_w = max((len(c.subject) for c in credits), default=7)
        course_w = flex_width(self, (10, 5, subject_w, 10), 10)
        for c in credits:
            t.add_row(T(c.completed), T(f"{c.hours:g}"), T(c.subject), T(c.delivery),
                      fit(c.course, course_w), key=c.id)
        if 0 < row < t.row_count:
            t.move_cursor(row=row)

    def show(self, snap: Snapshot) -> None:
        self.snapshot = snap
        self._credits(snap)
        text = Text()
        if not snap.ctx.ce:
            text.append("No license with a known CE cycle yet.", style="dim")
        for p in snap.ctx.ce:
            v = p.view
            name = v.rules.name if v.rules else v.license.state
            text.append(f"{name}", style="bold")
            start = (v.period_start + timedelta(days=1)) if v.period_start else None
            text.append(f"  cycle {start} .. {v.period_end}\n", style="dim")
            if p.required is None:
                text.append("  required hours unknown: check with the board\n\n")
                continue
            text.append("  total             ")
            text.append(bar(p.counted, p.required))
            text.append(f"  {p.counted:g}/{p.required:g} h")
            text.append("  complete\n" if p.complete else f"  {p.owed:g} h owed\n",
                        style="green" if p.complete else "yellow")
            if p.exempt_reason:
                text.append(f"  {p.exempt_reason}\n", style="dim")
            for s in (v.rules.ce.subjects if v.rules else ()):
                have = p.by_subject.get(s.subject, 0)
                need = s.hours if s.hours is not None else 1
                text.append(f"  {s.subject:<17} ")
                text.append(bar(have, need))
                text.append(f"  {have:g}/{'course' if s.hours is None else f'{s.hours:g} h'}\n")
            if v.rules and v.rules.ce.min_in_person_hours:
                text.append("  in person         ")
                text.append(bar(p.in_person, v.rules.ce.min_in_person_hours))
                text.append(f"  {p.in_person:g}/{v.rules.ce.min_in_person_hours:g} h\n")
            for c in p.capped:
                text.append(f"  cap: {c}\n", style="yellow")
            text.append("\n")
        self.query_one("#ce-progress", Static).update(text)


class ApplicationsPane(Pane, Vertical):
    def compose(self) -> ComposeResult:
        yield Static("", id="pipeline")
        with Horizontal(classes="split"):
            yield DataTable(id="applications-table", cursor_type="row")
            yield Static("", classes="detail", id="app-detail")

    def setup(self) -> None:
        t = self.query_one(DataTable)
        for label, width in (("Payer", None), ("Status", 10), ("Since", 10), ("Next call", 10)):
            t.add_column(label, key=label.lower(), width=width)

    def show(self, snap: Snapshot) -> None:
        self.snapshot = snap
        counts = {s: 0 for s in PIPELINE}
        for info in snap.applications:
            counts[info["application"].status] += 1
        line = Text()
        for i, s in enumerate(PIPELINE[:5]):
            if i:
                line.append(" → ", style="dim")
            line.append(f"{s} {counts[s]}", style="bold" if counts[s] else "dim")
        line.append(f"   denied {counts['denied']} · withdrawn {counts['withdrawn']}", style="dim")
        self.query_one("#pipeline", Static).update(line)
        t = self.query_one(DataTable)
        row = t.cursor_row
        t.clear()
        payer_w = flex_width(t, (10, 10, 10), 12)
        for info in snap.applications:
            app, payer = info["application"], info["payer"]
            nxt = info["next_follow_up"]
            t.add_row(fit(payer.name if payer else app.payer, payer_w), T(app.status),
                      T(app.history[-1]["date"] if app.history else ""),
                      T(nxt or "", "bold red" if nxt and nxt < snap.as_of else ""),
                      key=app.id)
        if 0 < row < t.row_count:
            t.move_cursor(row=row)
        self._detail()

    def current_record(self) -> tuple[str, Any] | None:
        info = self.current()
        return ("application", info["application"]) if info else None

    def current(self) -> dict[str, Any] | None:
        snap = getattr(self, "snapshot", None)
        t = self.query_one(DataTable)
        if snap and snap.applications and 0 <= t.cursor_row < len(snap.applications):
            return snap.applications[t.cursor_row]
        return None

    def _detail(self) -> None:
        info = self.current()
        text = Text()
        if info is None:
            text.append("No applications yet. Press a to start one.", style="dim")
        else:
            app, payer = info["application"], info["payer"]
            text.append(f"{payer.name if payer else app.payer}\n", style="bold")
            text.append(f"{app.id} · {app.status} · Enter: status, call, packet, edit, "
                        "remove\n\n", style="dim")
            text.append("Checklist\n", style="bold")
            for item in info["checklist"]:
                mark, style = {"ok": ("✔", "green"), "optional": ("·", "dim")}.get(
                    item.status, ("✘", "bold red"))
                text.append(f" {mark} ", style=style)
                text.append(item.label)
                if item.status not in ("ok", "optional"):
                    text.append(f" {item.status}", style=style)
                if item.detail:
                    text.append(f" ({item.detail})", style="dim")
                if item.document is not None:  # the file, as the packet and 'app show' name it
                    text.append(f" ← {item.document.original_name}"
                                + (" (attached)" if item.assigned else ""), style="dim")
                text.append("\n")
            if info["followups"]:
                text.append("\nCalls\n", style="bold")
                for f in info["followups"]:
                    text.append(f" {f.date} ")
                    text.append(" ".join(x for x in (f.contact, f.ref and f"ref {f.ref}", f.note) if x))
                    text.append("\n")
            if info["next_follow_up"]:
                text.append("\nNext call: ", style="bold")
                text.append(f"{info['next_follow_up']} ({info['next_follow_up_rule']})\n")
        self.query_one("#app-detail", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()


class CalendarPane(Pane, Vertical):
    """The next 12 months of deadlines, month by month."""

    def compose(self) -> ComposeResult:
        yield DataTable(id="calendar-table", cursor_type="row")

    def setup(self) -> None:
        t = self.query_one(DataTable)
        for label, width in (("Month", 14), ("Date", 10), ("Deadline", None), ("Kind", 12)):
            t.add_column(label, key=label.lower(), width=width)

    def deadlines(self, snap: Snapshot) -> list[Deadline]:
        horizon = snap.as_of + timedelta(days=366)
        return [x for x in snap.report.deadlines if x.date <= horizon]

    def selected(self) -> Deadline | None:
        snap = getattr(self, "snapshot", None)
        t = self.query_one(DataTable)
        items = self.deadlines(snap) if snap else []
        return items[t.cursor_row] if 0 <= t.cursor_row < len(items) else None

    def show(self, snap: Snapshot) -> None:
        self.snapshot = snap
        t = self.query_one(DataTable)
        row = t.cursor_row
        t.clear()
        last_month = ""
        title_w = flex_width(self, (14, 10, 12))
        for i, d in enumerate(self.deadlines(snap)):
            month = d.date.strftime("%B %Y")
            t.add_row(T(month if month != last_month else "", "bold"),
                      T(d.date.isoformat(), deadline_style(d, snap.as_of)),
                      fit(d.title, title_w), T(KIND_LABEL.get(d.kind, d.kind)), key=f"c{i}")
            last_month = month
        if 0 < row < t.row_count:
            t.move_cursor(row=row)
