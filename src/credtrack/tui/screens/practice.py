"""The Practice view: every provider of a group with counts of overdue items, errors and
deadlines due soon; sortable, filtered as you type, Enter opens the provider.

The names come from the practice index at once; the counts (the engine over every provider)
are computed in a worker thread in batches and filled in as they come, so the view opens at
once even at 2,000 providers. The table holds at most :data:`SHOWN` rows (a DataTable's first
render grows with the rows it holds): the filter and the sort pick which.
"""

from __future__ import annotations

import time
from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

SHOWN = 200
BATCH = 50
START_DELAY = 0.15  # seconds after the first refresh
SOON_DAYS = 30
COLUMNS = (("name", "Provider"), ("overdue", "Overdue"), ("errors", "Errors"),
           ("soon", f"Due in {SOON_DAYS} d"), ("npi", "NPI"))


class PracticeScreen(Screen[str | None]):
    DEFAULT_CSS = """
    PracticeScreen #practice-title { height: 1; padding: 0 1; background: $primary-darken-2; }
    PracticeScreen #practice-filter { margin: 0 0; }
    PracticeScreen #practice-status { height: 1; padding: 0 1; color: $text-muted; }
    PracticeScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back", id="practice.close"),
        Binding("ctrl+o", "sort('overdue')", "Sort: overdue", id="practice.sort_overdue",
                priority=True),
        Binding("ctrl+e", "sort('errors')", "Sort: errors", id="practice.sort_errors",
                priority=True),
        Binding("ctrl+d", "sort('soon')", "Sort: due soon", id="practice.sort_soon",
                priority=True),
        Binding("ctrl+n", "sort('name')", "Sort: name", id="practice.sort_name",
                priority=True),
        Binding("down", "focus_table", "Rows", show=False, id="practice.rows"),
    ]

    def __init__(self, service, as_of: date):
        super().__init__()
        self.service = service
        self.as_of = as_of
        self.entries = {e.id: e.name for e in service.store.entries()}
        self.npis: dict[str, str] = {}
        self.counts: dict[str, tuple[int, int, int]] = {}
        self.sort_key = "name"
        self.reverse = False
        self.query_text = ""
        self.done = False

    def compose(self) -> ComposeResult:
        yield Static(f"Practice · {len(self.entries)} providers · {self.as_of}",
                     id="practice-title")
        yield Input(placeholder="Type to filter by name, id or NPI; Enter/down: the list",
                    id="practice-filter")
        yield Static("", id="practice-status")
        yield DataTable(id="practice-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        self.redraw()
        self.query_one(Input).focus()
        # the names are drawn first: a worker started now would take the interpreter from the
        # first paint (measured: 2 s instead of 0.4 s at 2,000 providers)
        self.call_after_refresh(self.set_timer, START_DELAY, self.count_all)

    # -- data ----------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="practice-counts")
    def count_all(self) -> None:
        ids = list(self.entries)
        for i in range(0, len(ids), BATCH):
            if i:
                time.sleep(0.003)  # let the screen answer keystrokes between batches
            chunk = ids[i:i + BATCH]
            try:
                counts = self.service.provider_counts(self.as_of, chunk, SOON_DAYS)
            except Exception as exc:  # a damaged file: say so, keep the names
                message = getattr(exc, "message", type(exc).__name__)
                self.app.call_from_thread(self.notify, message, severity="error")
                return
            self.app.call_from_thread(self._merge, counts, i + len(chunk) >= len(ids))
        if not ids:
            self.app.call_from_thread(self._merge, {}, True)

    def _merge(self, counts: dict, last: bool) -> None:
        """Keep a batch's counts; the table is redrawn once, with the last batch (a redraw
        per batch would slow the counting down more than it shows)."""
        for pid, c in counts.items():
            self.counts[pid] = (c["overdue"], c["errors"], c["soon"])
            self.npis[pid] = c["npi"]
        self.done = last
        if last:
            self.redraw()
        else:
            self._status(len(self.rows()))

    def rows(self) -> list[str]:
        """Provider ids passing the filter, in the chosen order."""
        q = self.query_text.strip().lower()
        ids = [pid for pid, name in self.entries.items()
               if not q or q in name.lower() or q in pid or q in self.npis.get(pid, "")]
        name = self.entries
        if self.sort_key == "name":
            return sorted(ids, key=lambda p: (name[p].lower(), p), reverse=self.reverse)
        index = {"overdue": 0, "errors": 1, "soon": 2}[self.sort_key]
        sign = 1 if self.reverse else -1  # most first, unless reversed
        known = sorted((p for p in ids if p in self.counts),
                       key=lambda p: (sign * self.counts[p][index], name[p].lower(), p))
        # counts still being computed go last either way
        return known + sorted((p for p in ids if p not in self.counts),
                              key=lambda p: (name[p].lower(), p))

    def redraw(self) -> None:
        table = self.query_one(DataTable)
        ids = self.rows()
        table.clear()
        for pid in ids[:SHOWN]:
            c = self.counts.get(pid)
            cells = [self.entries[pid]]
            if c is None:
                cells += ["…", "…", "…"]
            else:
                cells += [Text(str(c[0]), style="bold red" if c[0] else ""),
                          Text(str(c[1]), style="red" if c[1] else ""),
                          Text(str(c[2]), style="yellow" if c[2] else "")]
            cells.append(self.npis.get(pid, ""))
            table.add_row(*cells, key=pid)
        self._status(len(ids))

    def _status(self, matches: int) -> None:
        shown = min(matches, SHOWN)
        state = "" if self.done else f" · counting {len(self.counts)}/{len(self.entries)}"
        more = f" (the first {shown}: type to narrow)" if matches > shown else ""
        self.query_one("#practice-status", Static).update(
            f"{matches} match{'' if matches == 1 else 'es'}{more} · sorted by "
            f"{dict(COLUMNS)[self.sort_key].lower()}{' (reversed)' if self.reverse else ''}"
            f"{state} · Enter opens a provider · ctrl+o/e/d/n sort")

    # -- events --------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_focus_table()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(str(event.column_key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key is not None and event.row_key.value:
            self.dismiss(event.row_key.value)

    def action_sort(self, key: str) -> None:
        if key not in ("name", "overdue", "errors", "soon"):
            return
        self.reverse = (not self.reverse) if key == self.sort_key else False
        self.sort_key = key
        self.redraw()

    def action_focus_table(self) -> None:
        self.query_one(DataTable).focus()

    def action_close(self) -> None:
        self.dismiss(None)
