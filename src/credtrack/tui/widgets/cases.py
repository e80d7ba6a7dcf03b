"""The Cases tab: each open plan of care, visits used against the prescription and each
authorization as bars, and the days left. Shows the client's label only."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from credtrack.compliance.cases import auth_use, case_visits
from credtrack.tui.widgets.panes import Pane, Snapshot, bar


def _days_left(end, as_of) -> Text:
    if end is None:
        return Text("no end date", style="dim")
    days = (end - as_of).days
    if days < 0:
        return Text(f"ended {-days} days ago", style="bold red")
    return Text(f"{days} days left", style="yellow" if days <= 14 else "green")


class CasesPane(Pane, VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static("", id="cases-body")

    def show(self, snap: Snapshot) -> None:
        recs, as_of = snap.records, snap.as_of
        text = Text()
        cases = [c for c in recs.cases if c.status == "open"]
        if not cases:
            text.append("No open cases. Add one with 'credtrack case add'.", style="dim")
        for case in sorted(cases, key=lambda c: (c.end or as_of, c.id)):
            visits = case_visits(case, recs.visits)
            text.append(case.client, style="bold")
            text.append(f"  {case.payer}  {case.start or '?'} .. {case.end or '?'}  ", style="dim")
            text.append(_days_left(case.end, as_of))
            text.append("\n  prescribed  ")
            if case.visits_prescribed:
                text.append(bar(len(visits), case.visits_prescribed))
                text.append(f"  {len(visits)}/{case.visits_prescribed} visits\n")
            else:
                text.append(f"{len(visits)} visits (no count on the prescription)\n")
            for auth in (a for a in recs.authorizations if a.case_id == case.id):
                use = auth_use(auth, visits)
                text.append(f"  auth {auth.number or auth.id:<6} ")
                if auth.visits:
                    style = "bold red" if use.used >= auth.visits else ""
                    text.append(bar(use.used, auth.visits))
                    text.append(f"  {use.used}/{auth.visits} visits", style=style)
                text.append("  ")
                text.append(_days_left(auth.end, as_of))
                text.append("\n")
            text.append("\n")
        self.query_one("#cases-body", Static).update(text)
