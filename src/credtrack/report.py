"""The practice report: four views of the whole practice for a coordinator's meeting, as an
XLSX workbook (one sheet per view) or a PDF (each view starts a page).

Views: providers x states license status; providers x payers application status with its
dates (one row per provider and application); everything due in the next 90 days (overdue
included); findings by severity. ``--provider``/``--state``/``--payer`` narrow all four (the
filter is credtrack.filters.Filter, applied by the service). openpyxl and WeasyPrint are
imported only when a file of theirs is written.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from credtrack.errors import BadInput
from credtrack.filters import Filter

DUE_DAYS = 90


@dataclass
class View:
    title: str
    sheet: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def license_cell(view, as_of: date) -> str:
    if view.expires is None:
        return "no expiry date"
    days = (view.expires - as_of).days
    if days < 0:
        return f"EXPIRED {view.expires}"
    if days <= 90:
        return f"expires {view.expires} ({days} d)"
    return f"active to {view.expires}" + (" (rule)" if view.expiry_basis == "rule" else "")


def _date(d: date | None) -> date | None:
    return d or None


def views(service, as_of: date, f: Filter | None = None) -> list[View]:
    """The four views for the providers and items ``f`` passes."""
    from credtrack import filters

    f = f or Filter()
    ids = service.report_ids(None, True, f)
    per_state: dict[str, dict[str, str]] = {}
    apps = View("Applications: providers x payers", "Applications",
                ["Provider", "NPI", "Payer", "Status", "States", "Created", "Submitted",
                 "In review", "Approved", "Denied", "Last call", "Next call"])
    due = View(f"Due by {as_of + timedelta(days=DUE_DAYS)} (next {DUE_DAYS} days, overdue "
               "included)", "Due", ["Date", "Overdue", "Provider", "Kind", "What", "Rule",
                                    "Source"])
    findings = View("Findings by severity", "Findings",
                    ["Severity", "Provider", "Code", "Message", "Source"])
    names: dict[str, tuple[str, str]] = {}
    found: list = []
    for pid in ids:
        records = service.records(pid)
        p = records.provider
        names[pid] = (p.name, p.npi)
        cells = per_state.setdefault(pid, {})
        for v in service.license_views(records):
            if not f.states or v.license.state in f.states:
                cells[v.license.state] = license_cell(v, as_of)
        _application_rows(service, apps, records, f, as_of)
        report, _ = service.evaluate(records, as_of)
        filters.apply(report, records, f)
        horizon = as_of + timedelta(days=DUE_DAYS)
        for d in report.deadlines:
            if d.date <= horizon:
                due.rows.append([d.date, "OVERDUE" if d.overdue else "", p.name,
                                 d.kind, d.title, d.rule, d.source])
        found.extend((x, p.name) for x in report.findings)
    states = sorted({s for cells in per_state.values() for s in cells})
    licenses = View("Licenses: providers x states", "Licenses", ["Provider", "NPI", *states])
    for pid in sorted(ids, key=lambda i: (names[i][0].lower(), i)):
        if per_state[pid] or not (f.states or f.payers):
            licenses.rows.append([*names[pid], *(per_state[pid].get(s, "") for s in states)])
    due.rows.sort(key=lambda r: (r[0], r[2], r[3]))
    order = {"error": 0, "warning": 1, "info": 2}
    for x, name in sorted(found, key=lambda t: (order.get(t[0].severity, 9), t[1].lower(),
                                                 t[0].code)):
        findings.rows.append([x.severity, name, x.code, x.message, x.source])
    return [licenses, apps, due, findings]


def _application_rows(service, view: View, records, f: Filter, as_of: date) -> None:
    from credtrack.compliance import application_states

    p = records.provider
    for app in sorted(records.applications, key=lambda a: (a.payer, a.created or date.min, a.id)):
        states = application_states(app, records)
        if f.payers and app.payer not in f.payers:
            continue
        if f.states and not set(states) & set(f.states):
            continue
        payer = service.registry.payer(app.payer)
        calls = sorted((fu for fu in records.followups if fu.application_id == app.id),
                       key=lambda fu: (fu.date, fu.id))
        info = service.application(p.id, app.id, as_of, records)
        view.rows.append([
            p.name, p.npi, payer.name if payer else app.payer, app.status, " ".join(states),
            _date(app.created), _date(app.status_date("submitted")),
            _date(app.status_date("in-review")), _date(app.status_date("approved")),
            _date(app.status_date("denied")), _date(calls[-1].date) if calls else None,
            _date(info["next_follow_up"])])


# -- files ----------------------------------------------------------------------------------

def xlsx_bytes(vs: list[View], as_of: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for v in vs:
        ws = wb.create_sheet(v.sheet)
        ws.append(v.headers)
        for c in ws[1]:
            c.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in v.rows:
            ws.append(row)
        for i, h in enumerate(v.headers):
            width = max([len(str(h))] + [len(str(r[i])) for r in v.rows[:200]]) + 2
            ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = \
                min(max(width, 10), 60)
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, date):
                    c.number_format = "yyyy-mm-dd"
    wb.properties.title = f"credtrack practice report as of {as_of}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


CSS = """
@page { size: letter landscape; margin: 12mm; }
body { font-family: sans-serif; font-size: 8pt; }
h1 { font-size: 13pt; margin: 0 0 2mm; } p.meta { color: #555; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 0.4pt solid #999; padding: 1pt 3pt; text-align: left; white-space: nowrap;
         overflow: hidden; text-overflow: ellipsis; }
th { background: #e8e8e8; } th:first-child { width: 34%; } td.bad { color: #a00; font-weight: bold; }
"""
PDF_ROWS = 36  # rows a landscape letter page holds at this size (fewer if a page overflows)


def summary(v: View, as_of: date) -> View:
    """A view as one meeting page: licenses and applications as counts (per state, per
    payer), findings as counts per code, what is due as its most urgent rows."""
    if v.sheet == "Licenses":
        out = View(v.title + ": licenses per state", v.sheet,
                   ["State", "Active", "Expiring within 90 days", "Expired", "No date"])
        for i, state in enumerate(v.headers[2:], start=2):
            cells = [r[i] for r in v.rows if r[i]]
            out.rows.append([state, sum(c.startswith("active") for c in cells),
                             sum(c.startswith("expires") for c in cells),
                             sum(c.startswith("EXPIRED") for c in cells),
                             sum(c.startswith("no ") for c in cells)])
        return out
    if v.sheet == "Applications":
        from credtrack.vocab import APP_STATUSES

        out = View(v.title + ": applications per payer", v.sheet, ["Payer", *APP_STATUSES])
        by_payer: dict[str, list[str]] = {}
        for r in v.rows:
            by_payer.setdefault(r[2], []).append(r[3])
        for payer, statuses in sorted(by_payer.items()):
            out.rows.append([payer, *(statuses.count(s) for s in APP_STATUSES)])
        return out
    if v.sheet == "Findings":
        out = View(v.title + ": count per code", v.sheet, ["Severity", "Code", "Findings",
                                                          "Providers"])
        counts: dict[tuple[str, str], list[str]] = {}
        for r in v.rows:
            counts.setdefault((r[0], r[2]), []).append(r[1])
        order = {"error": 0, "warning": 1, "info": 2}
        for (sev, code), who in sorted(counts.items(), key=lambda kv: (order.get(kv[0][0], 9),
                                                                       -len(kv[1]), kv[0][1])):
            out.rows.append([sev, code, len(who), len(set(who))])
        return out
    return View(v.title, v.sheet, v.headers[:5], [r[:5] for r in v.rows])


def html_text(v: View, as_of: date, limit: int) -> str:
    esc = html.escape
    shown = v.rows[:limit]
    more = len(v.rows) - len(shown)
    parts = [f"<html><head><meta charset='utf-8'><title>credtrack practice report {as_of}"
             f"</title><style>{CSS}</style></head><body><h1>{esc(v.title)}</h1>"
             f"<p class='meta'>credtrack practice report as of {as_of} &middot; "
             f"{len(v.rows)} row(s)" + (f"; the first {len(shown)} shown, every row is in the "
                                       "XLSX report" if more else "") + "</p><table><tr>"]
    parts += [f"<th>{esc(h)}</th>" for h in v.headers]
    parts.append("</tr>")
    for row in shown:
        cells = []
        for value in row:
            text = "" if value is None else str(value)
            bad = text.startswith(("EXPIRED", "OVERDUE", "error"))
            cells.append(f"<td{' class=bad' if bad else ''}>{esc(text)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    if not v.rows:
        parts.append(f"<tr><td colspan='{len(v.headers)}'>nothing</td></tr>")
    parts.append("</table></body></html>")
    return "".join(parts)


def pdf_bytes(vs: list[View], as_of: date) -> bytes:
    """One page per view (a page that overflows is laid out again with fewer rows)."""
    from weasyprint import HTML

    def refuse(url: str, *args: Any, **kw: Any):  # the report loads nothing from anywhere
        raise ValueError("the practice report loads no files or URLs")

    docs = []
    for v in vs:
        page = summary(v, as_of)
        limit = PDF_ROWS
        while True:
            doc = HTML(string=html_text(page, as_of, limit), url_fetcher=refuse).render()
            if len(doc.pages) == 1 or limit <= 5:
                break
            limit = max(5, limit * 3 // 4)
        docs.append(doc)
    return docs[0].copy([p for d in docs for p in d.pages[:1]]).write_pdf()


def write(service, path: Path, as_of: date, f: Filter | None = None,
          force: bool = False) -> list[View]:
    """Write the report to ``path`` (.xlsx or .pdf; 0600, atomically; an existing file only
    with ``force``). Returns the views written."""
    from credtrack.fsio import atomic_write_bytes

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise BadInput(f"{path.name}: the report is written as .xlsx or .pdf")
    try:
        if not path.parent.is_dir():
            raise BadInput(f"{str(path.parent)[:200]}: no such directory")
        if path.exists() and not force:
            raise BadInput(f"{path.name[:200]} exists; use --force to replace it")
    except (OSError, ValueError):
        raise BadInput(f"{path.name[:200]}: not a file name this system accepts") from None
    vs = views(service, as_of, f)
    data = xlsx_bytes(vs, as_of) if suffix == ".xlsx" else pdf_bytes(vs, as_of)
    atomic_write_bytes(path, data)
    return vs
