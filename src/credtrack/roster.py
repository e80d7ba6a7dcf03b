"""The practice roster in spreadsheets: export, a template, and an all-or-none import.

A roster is five sheets (XLSX), or five CSV files beside each other (``roster.csv`` holds the
providers; ``roster.licenses.csv``, ``roster.documents.csv``, ``roster.ce.csv`` and
``roster.applications.csv`` the rest): see :data:`SHEETS` for the columns. Every row of the
other sheets names its provider by NPI, or, without one, by name and birth date.

Import is keyed the same way: a provider is the one with that NPI, else the one with that name
(ignoring case and spacing) and birth date, else a new one. Within a provider a license is
matched by state and number, a document by its sha256, a CE credit by date, subject, hours and
course, an application by payer (and states). A blank cell changes nothing, so importing a file
twice, or the export of the same data, changes nothing. Every cell is checked first; a bad one
stops the import naming its sheet, row and column (never its value), and nothing is written.
Then new providers are added in one store call, and each changed provider is written in one
transaction (``Store.add_providers`` / ``Store.write``). Documents' files are not in a roster:
a document row updates the dates and notes of a document already in the vault.

openpyxl is imported only when an XLSX is read or written.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from credtrack import validate as V
from credtrack.errors import BadInput
from credtrack.models import (
    Application, CECredit, Document, License, Provider, Record, new_id,
)
from credtrack.vocab import (
    APP_STATUSES, CE_SUBJECTS, DELIVERIES, DOCUMENT_KINDS, PROVIDER_TYPES,
)

EXAMPLE_NPI = "1234567893"  # the template's example row (CMS's own example NPI)
MAX_ROWS = 200_000
KEY = ("npi", "name", "birth_date")


@dataclass(frozen=True)
class Column:
    name: str  # the record field
    header: str
    type: str = "text"  # text | date | state | states | hours | int | npi | list | choice...
    choices: tuple[str, ...] = ()
    list_name: str = ""  # the template's validation list


def _c(name: str, header: str, type: str = "text", choices: tuple[str, ...] = (),
       list_name: str = "") -> Column:
    return Column(name, header, type, choices, list_name)


PROVIDER_KEY = (_c("npi", "NPI", "npi"), _c("name", "Name"), _c("birth_date", "Birth date", "date"))
SHEETS: dict[str, tuple[Column, ...]] = {
    "Providers": PROVIDER_KEY + (
        _c("credentials", "Credentials"),
        _c("provider_type", "Type", "choice", PROVIDER_TYPES, "types"),
        _c("taxonomy", "Taxonomy", "taxonomy"), _c("caqh_id", "CAQH ID", "caqh"),
        _c("email", "Email"), _c("phone", "Phone"), _c("address", "Address"),
        _c("locations", "Locations", "list"), _c("practicing_since", "Practicing since", "date"),
        _c("former_names", "Former names", "list")),
    "Licenses": PROVIDER_KEY + (
        _c("state", "State", "state", list_name="states"), _c("number", "Number"),
        _c("credential", "Credential"), _c("issued", "Issued", "date"),
        _c("expires", "Expires", "date"), _c("note", "Note")),
    "Documents": PROVIDER_KEY + (
        _c("kind", "Kind", "choice", DOCUMENT_KINDS, "kinds"), _c("original_name", "File"),
        _c("sha256", "SHA-256", "sha256"), _c("state", "State", "state", list_name="states"),
        _c("issued", "Issued", "date"), _c("expires", "Expires", "date"),
        _c("per_claim", "Per claim", "int"), _c("aggregate", "Aggregate", "int"),
        _c("note", "Note")),
    "CE": PROVIDER_KEY + (
        _c("completed", "Completed", "date"), _c("hours", "Hours", "hours"),
        _c("subject", "Subject", "choice", CE_SUBJECTS, "subjects"),
        _c("delivery", "Delivery", "choice", DELIVERIES, "deliveries"),
        _c("course", "Course"), _c("sponsor", "Sponsor")),
    "Applications": PROVIDER_KEY + (
        _c("payer", "Payer", "payer", list_name="payers"), _c("states", "States", "states"),
        _c("status", "Status", "choice", APP_STATUSES, "statuses"),
        _c("created", "Created", "date"), _c("status_date", "Status date", "date"),
        _c("note", "Note")),
}
CSV_SUFFIX = {"Providers": "", "Licenses": ".licenses", "Documents": ".documents",
              "CE": ".ce", "Applications": ".applications"}


class RosterError(BadInput):
    """A bad cell: its sheet, row and column (the value is not echoed)."""


# -- reading ---------------------------------------------------------------------------------

@dataclass
class Row:
    sheet: str  # the canonical sheet name (a key of SHEETS)
    where: str  # how messages name it: "sheet Licenses" or "roster.licenses.csv"
    number: int  # the spreadsheet's row number (the header is row 1)
    values: dict[str, Any]  # field -> raw cell value (only columns present)
    letters: dict[str, str]  # field -> column letter


def _letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _norm_header(text: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def _rows(sheet: str, table: Iterable[tuple], where: str) -> list[Row]:
    """Rows of one sheet as raw values by field, from its header row."""
    columns = {_norm_header(c.header): c for c in SHEETS[sheet]}
    columns.update({_norm_header(c.name): c for c in SHEETS[sheet]})
    it = iter(table)
    header = next(it, None) or ()
    fields: dict[int, Column] = {}
    for i, h in enumerate(header):
        col = columns.get(_norm_header(h))
        if col is not None:
            fields[i] = col
        elif _norm_header(h):
            raise RosterError(f"{where}, row 1, column {_letter(i)}: unknown column (the "
                              f"columns are: {', '.join(c.header for c in SHEETS[sheet])})")
    out = []
    for number, cells in enumerate(it, start=2):
        if number > MAX_ROWS:
            raise RosterError(f"{where}: more than {MAX_ROWS} rows")
        values = {fields[i].name: v for i, v in enumerate(cells)
                  if i in fields and v is not None and str(v).strip() != ""}
        if values:
            out.append(Row(sheet, where, number, values,
                           {c.name: _letter(i) for i, c in fields.items()}))
    return out


def read(path: Path) -> dict[str, list[Row]]:
    """Every sheet's rows, from an XLSX workbook or a set of CSV files (see the module doc)."""
    path = Path(path)
    try:
        found, exists = path.is_file(), path.exists()
    except (OSError, ValueError):  # a name the system refuses (too long...)
        found = exists = False
    if not found:
        raise BadInput(f"{str(path)[:200]}: " + ("not a regular file" if exists
                                                 else "no such file"))
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    raise BadInput(f"{path.name}: a roster is an .xlsx or .csv file")


def _read_xlsx(path: Path) -> dict[str, list[Row]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise BadInput(f"{path.name}: not a readable XLSX workbook ({type(exc).__name__})") \
            from None
    try:
        names = {_norm_header(n): n for n in wb.sheetnames}
        out = {}
        for sheet in SHEETS:
            real = names.get(_norm_header(sheet))
            if real is not None:
                out[sheet] = _rows(sheet, wb[real].iter_rows(values_only=True),
                                   f"sheet {real}")
        if "Providers" not in out:
            raise BadInput(f"{path.name}: no Providers sheet (see 'credtrack roster template')")
        return out
    finally:
        wb.close()


def csv_paths(path: Path) -> dict[str, Path]:
    stem = path.name[: -len(path.suffix)]
    return {sheet: path.with_name(stem + suffix + path.suffix) for sheet, suffix in CSV_SUFFIX.items()}


def _read_csv(path: Path) -> dict[str, list[Row]]:
    out = {}
    for sheet, p in csv_paths(path).items():
        if not p.is_file():
            continue
        try:
            text = p.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"{p.name}: not a readable UTF-8 CSV file ({type(exc).__name__})") \
                from None
        try:
            out[sheet] = _rows(sheet, csv.reader(io.StringIO(text, newline="")), p.name)
        except csv.Error as exc:
            raise BadInput(f"{p.name}: not a readable CSV file ({exc})") from None
    return out


# -- cells -----------------------------------------------------------------------------------

def _fail(row: Row, column: str, why: str) -> RosterError:
    header = next((c.header for c in SHEETS[row.sheet] if c.name == column), column)
    letter = row.letters.get(column)
    return RosterError(f"{row.where}, row {row.number}, column {header}"
                       + (f" ({letter})" if letter else "") + f": {why}")


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, datetime):
        v = v.date()
    return str(v).strip()


def _date(v: Any) -> date:
    from credtrack.service import check_date

    if isinstance(v, datetime):
        v = v.date()
    if not isinstance(v, date):
        v = V.parse_date(_text(v))
    check_date(v)
    return v


def cell(row: Row, col: Column, payers: dict[str, Any]) -> Any:
    """A cell's value parsed as its column says; RosterError naming the cell if it is bad."""
    v = row.values[col.name]
    try:
        if col.type == "date":
            return _date(v)
        t = _text(v)
        V.parse_text(t, col.header, 2000)
        parse: Callable[[str], Any] | None = {
            "npi": V.parse_npi, "state": V.parse_state, "hours": V.parse_hours,
            "taxonomy": V.parse_taxonomy, "caqh": V.parse_caqh}.get(col.type)
        if parse is not None:
            return parse(t)
        if col.type == "choice":
            return V.parse_choice(t, col.choices, col.header.lower())
        if col.type == "states":
            return sorted({V.parse_state(s) for s in re.split(r"[\s,;/]+", t) if s})
        if col.type == "list":
            return [s.strip() for s in t.split(";") if s.strip()]
        if col.type == "int":
            if not re.fullmatch(r"\d{1,12}", t.replace(",", "")):
                raise BadInput("must be a whole number")
            return int(t.replace(",", ""))
        if col.type == "sha256":
            if not re.fullmatch(r"[0-9a-f]{64}", t.lower()):
                raise BadInput("must be the 64 hex digits of a SHA-256")
            return t.lower()
        if col.type == "payer":
            if t not in payers:
                raise BadInput("not a payer credtrack knows (see 'credtrack payers')")
            return t
        return t
    except BadInput as exc:
        why = exc.message
        if col.type == "date":
            why = "not a date (YYYY-MM-DD, 1900-2199)"
        raise _fail(row, col.name, why) from None


def parsed(row: Row, payers: dict[str, Any]) -> dict[str, Any]:
    return {c.name: cell(row, c, payers) for c in SHEETS[row.sheet] if c.name in row.values}


# -- planning --------------------------------------------------------------------------------

def name_key(name: str) -> str:
    return " ".join(str(name).lower().split())


@dataclass
class Target:
    """A provider the import touches: a new one (``pid`` empty) or one in the store."""

    provider: Provider
    pid: str = ""
    records: dict[type, list[Record]] = field(default_factory=dict)
    new_records: list[Record] = field(default_factory=list)
    changed: dict[tuple[type, str], dict[str, Any]] = field(default_factory=dict)
    provider_changes: dict[str, Any] = field(default_factory=dict)
    claimed: set[int] = field(default_factory=set)  # records a row of this import is about

    def all(self, cls: type) -> list:
        return self.records.get(cls, []) + [r for r in self.new_records if isinstance(r, cls)]


@dataclass
class Plan:
    targets: list[Target]
    changes: list[str]

    @property
    def empty(self) -> bool:
        return not self.changes

    def summary(self) -> dict[str, int]:
        return {"providers_added": sum(1 for t in self.targets if not t.pid),
                "providers_changed": sum(1 for t in self.targets if t.pid and (
                    t.new_records or t.changed or t.provider_changes)),
                "changes": len(self.changes)}


class Planner:
    """Works out what an import changes, against the store as it is (nothing is written)."""

    def __init__(self, service):
        self.service = service
        self.store = service.store
        self.payers = service.payers()
        self.today = service.today()
        self.by_npi: dict[str, Target] = {}
        self.by_name: dict[tuple[str, date | None], Target] = {}
        self.targets: list[Target] = []
        self.by_pid: dict[str, Target] = {}
        self.changes: list[str] = []
        self.seen: dict[Any, int] = {}
        self.stored: dict[str, Provider] = {}
        for e in self.store.entries():
            self.stored[e.id] = self.store.read(e.id).provider
        self.stored_npi = {p.npi: pid for pid, p in self.stored.items() if p.npi}
        self.stored_name = {(name_key(p.name), p.birth_date): pid
                            for pid, p in self.stored.items()}
        self._vault_docs: dict[str, Document] | None = None

    # -- providers
    def _existing(self, pid: str) -> Target:
        if pid in self.by_pid:
            return self.by_pid[pid]
        pf = self.store.read(pid)
        records = pf.records()
        t = Target(pf.provider, pid, {cls: list(records.of(cls.TABLE))
                                      for cls in (License, Document, CECredit, Application)})
        self.by_pid[pid] = t
        self._index(t)
        return t

    def _index(self, t: Target) -> None:
        if not getattr(t, "_listed", False):
            t._listed = True  # type: ignore[attr-defined]
            self.targets.append(t)
        if t.provider.npi:
            self.by_npi[t.provider.npi] = t
        self.by_name[(name_key(t.provider.name), t.provider.birth_date)] = t

    def _find(self, vals: dict[str, Any]) -> Target | None:
        npi, key = vals.get("npi"), (name_key(vals.get("name", "")), vals.get("birth_date"))
        if npi:
            if npi in self.by_npi:
                return self.by_npi[npi]
            if npi in self.stored_npi:
                return self._existing(self.stored_npi[npi])
        if not vals.get("name"):
            return None
        t = self.by_name.get(key)
        if t is None and key in self.stored_name:
            t = self._existing(self.stored_name[key])
        if t is not None and npi and t.provider.npi and t.provider.npi != npi:
            return None  # same name and birth date, another NPI: another provider
        return t

    def _key_ok(self, row: Row, vals: dict[str, Any]) -> None:
        if vals.get("npi") == EXAMPLE_NPI:
            raise _fail(row, "npi", "this is the template's example row: delete it")
        if not vals.get("npi") and not (vals.get("name") and vals.get("birth_date")):
            raise _fail(row, "npi", "a row needs the provider's NPI, or a name and a birth date")

    def provider_row(self, row: Row) -> None:
        vals = parsed(row, self.payers)
        self._key_ok(row, vals)
        key = vals.get("npi") or (name_key(vals["name"]), vals["birth_date"])
        if key in self.seen:
            raise _fail(row, "npi", f"the same provider as row {self.seen[key]}")
        self.seen[key] = row.number
        t = self._find(vals)
        if t is None:
            if not vals.get("name"):
                raise _fail(row, "name", "a new provider needs a name")
            fields = {k: v for k, v in vals.items() if k != "name"}
            t = Target(Provider(new_id(Provider.PREFIX), vals["name"], **fields))
            self._index(t)
            self.changes.append(f"add provider {t.provider.name}")
            return
        changed = [k for k, v in vals.items() if getattr(t.provider, k) != v]
        if changed:
            t.provider = replace(t.provider, **{k: vals[k] for k in changed})
            if t.pid:
                t.provider_changes.update({k: vals[k] for k in changed})
                self.changes.append(f"update provider {t.provider.name}: {', '.join(changed)}")
            self._index(t)

    def owner(self, row: Row, vals: dict[str, Any]) -> Target:
        self._key_ok(row, vals)
        t = self._find(vals)
        if t is None:
            raise _fail(row, "npi" if vals.get("npi") else "name",
                        "no such provider in the Providers sheet or in credtrack")
        return t

    # -- records
    def _merge(self, t: Target, rec: Record, vals: dict[str, Any], what: str) -> None:
        fields = {k: v for k, v in vals.items()
                  if k not in KEY and (hasattr(rec, k) or k == "_history")}
        changed = {k: v for k, v in fields.items() if getattr(rec, k) != v}
        if not changed:
            return
        for k, v in changed.items():
            setattr(rec, k, v)
        if rec in t.new_records:
            return
        t.changed.setdefault((type(rec), rec.id), {}).update(changed)
        self.changes.append(f"update {what} of {t.provider.name}: {', '.join(changed)}")

    def _pick(self, t: Target, candidates: list, vals: dict[str, Any]) -> list:
        """The record a row is about, out of ``candidates`` (those with its key), as a list
        of one (or none: a new record). Each record answers one row of an import: a
        candidate equal to the row in every cell given comes first, then the others in
        order; two rows with the same key are two records."""
        free = [c for c in candidates if id(c) not in t.claimed]
        given = {k: v for k, v in vals.items() if k not in KEY and not k.startswith("_")}
        exact = [c for c in free if all(getattr(c, k, None) == v for k, v in given.items())]
        chosen = (exact or free)[:1]
        for c in chosen:
            t.claimed.add(id(c))
        return chosen

    def _add(self, t: Target, rec: Record, what: str) -> None:
        t.claimed.add(id(rec))
        t.new_records.append(rec)
        self.changes.append(f"add {what} for {t.provider.name}")

    def license_row(self, row: Row) -> None:
        vals = parsed(row, self.payers)
        t = self.owner(row, vals)
        if "state" not in vals:
            raise _fail(row, "state", "a license needs its state")
        issued, expires = vals.get("issued"), vals.get("expires")
        state, number = vals["state"], _plain(vals.get("number", ""))
        same = [x for x in t.all(License) if x.state == state]
        match = self._pick(t, [x for x in same if _plain(x.number) == number] if number
                           else same, vals)
        if match:
            lic = match[0]
            issued, expires = issued or lic.issued, expires or lic.expires
        if issued and expires and expires <= issued:
            raise _fail(row, "expires", "the expiry date must be after the issue date")
        if match:
            self._merge(t, match[0], vals, f"{state} license")
        else:
            self._add(t, License(new_id(License.PREFIX), state, vals.get("number", ""),
                                 vals.get("issued"), vals.get("expires"),
                                 vals.get("credential", ""), note=vals.get("note", "")),
                      f"{state} license")

    def document_row(self, row: Row) -> None:
        vals = parsed(row, self.payers)
        t = self.owner(row, vals)
        docs = t.all(Document)
        if "sha256" in vals:
            match = [d for d in docs if d.sha256 == vals["sha256"]
                     and d.kind == vals.get("kind", d.kind)]
        else:
            match = [d for d in docs if d.kind == vals.get("kind") and
                     d.original_name == vals.get("original_name") and
                     d.state == vals.get("state", "")]
        match = self._pick(t, match, vals)
        if match:
            self._merge(t, match[0], vals, f"{match[0].kind} document")
            return
        source = self.vault_docs().get(vals.get("sha256", ""))
        if source is None:
            raise _fail(row, "sha256", "no document with this SHA-256 in the vault (a roster "
                        "carries no files): add it with 'credtrack doc add', or delete the "
                        "row to import the rest")
        if "kind" not in vals:
            raise _fail(row, "kind", "a document needs its kind")
        doc = Document(new_id(Document.PREFIX), vals["kind"], source.sha256, source.vault_path,
                       vals.get("original_name", source.original_name), source.size,
                       source.media_type, self.today, vals.get("issued"), vals.get("expires"),
                       vals.get("per_claim"), vals.get("aggregate"), vals.get("state", ""),
                       vals.get("note", ""))
        self._add(t, doc, f"{doc.kind} document")

    def vault_docs(self) -> dict[str, Document]:
        if self._vault_docs is None:
            self._vault_docs = {}
            for pid in self.stored:
                for d in self.store.read(pid).all(Document):
                    self._vault_docs.setdefault(d.sha256, d)
        return self._vault_docs

    def ce_row(self, row: Row) -> None:
        vals = parsed(row, self.payers)
        t = self.owner(row, vals)
        for need in ("completed", "hours", "subject"):
            if need not in vals:
                raise _fail(row, need, "a CE credit needs its completion date, hours and "
                            "subject")
        if vals["completed"] > self.today:
            raise _fail(row, "completed", "a CE credit cannot be completed in the future")
        key = (vals["completed"], vals["subject"], vals["hours"], vals.get("course", ""))
        match = self._pick(t, [c for c in t.all(CECredit)
                               if (c.completed, c.subject, c.hours, c.course) == key], vals)
        if match:
            self._merge(t, match[0], vals, f"CE credit of {vals['completed']}")
        else:
            self._add(t, CECredit(new_id(CECredit.PREFIX), vals["hours"], vals["subject"],
                                  vals["completed"], vals.get("course", ""),
                                  vals.get("sponsor", ""), vals.get("delivery", "in-person")),
                      f"CE credit of {vals['completed']}")

    def application_row(self, row: Row) -> None:
        vals = parsed(row, self.payers)
        t = self.owner(row, vals)
        if "payer" not in vals:
            raise _fail(row, "payer", "an application needs its payer")
        apps = [a for a in t.all(Application) if a.payer == vals["payer"]]
        if "states" in vals:
            apps = [a for a in apps if sorted(a.states) == vals["states"]]
        elif any(not a.states for a in apps):
            apps = [a for a in apps if not a.states]
        status, on = vals.get("status"), vals.get("status_date")
        what = f"{vals['payer']} application"
        apps = self._pick(t, sorted(apps, key=lambda a: (a.created or date.min, a.id),
                                    reverse=True), vals)
        if apps:
            app = apps[0]
            if status and status != app.status:
                vals["_history"] = (status, on or self.today)
            self._merge(t, app, {k: v for k, v in vals.items() if k != "status_date"}, what)
            return
        created = vals.get("created") or on or self.today
        history = [{"status": "draft", "date": created.isoformat(), "note": "roster import"}]
        if status and status != "draft":
            history.append({"status": status, "date": (on or created).isoformat(),
                            "note": "roster import"})
        reasons = self.service.eligibility(t.provider, self.payers[vals["payer"]],
                                           vals.get("states") or sorted(
                                               {x.state for x in t.all(License)}))
        self._add(t, Application(new_id(Application.PREFIX), vals["payer"], status or "draft",
                                 vals.get("states", []), created, history, forced=bool(reasons),
                                 note=vals.get("note", "")), what)


def _plain(number: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", str(number or "").upper())


ROW_HANDLERS = {"Providers": "provider_row", "Licenses": "license_row",
                "Documents": "document_row", "CE": "ce_row", "Applications": "application_row"}


def plan(service, sheets: dict[str, list[Row]]) -> Plan:
    """What importing ``sheets`` would change (RosterError at the first bad cell)."""
    planner = Planner(service)
    for sheet, handler in ROW_HANDLERS.items():
        for row in sheets.get(sheet, []):
            getattr(planner, handler)(row)
    return Plan(planner.targets, planner.changes)


def apply(service, p: Plan) -> None:
    """Write a plan: the new providers in one store call, then each changed provider in one
    transaction."""
    store = service.store
    new = [(t.provider, list(t.new_records)) for t in p.targets if not t.pid]
    if new:
        store.add_providers(new)
    for t in p.targets:
        if not t.pid or not (t.new_records or t.changed or t.provider_changes):
            continue
        with store.write(t.pid) as pf:
            if t.provider_changes:
                pf.save_provider(replace(pf.provider, **t.provider_changes))
            for (cls, rid), changes in t.changed.items():
                rec = pf.get(cls, rid)
                changes = dict(changes)
                moved = changes.pop("_history", None)
                for k, v in changes.items():
                    setattr(rec, k, v)
                if moved is not None and isinstance(rec, Application):
                    rec.history.append({"status": moved[0], "date": moved[1].isoformat(),
                                        "note": "roster import"})
                pf.update(rec)
            for rec in t.new_records:
                pf.insert(rec)


def import_roster(service, path: Path, dry_run: bool = False) -> Plan:
    p = plan(service, read(path))
    if not dry_run and not p.empty:
        apply(service, p)
    return p


# -- writing ---------------------------------------------------------------------------------

def _out(v: Any, c: Column, xlsx: bool) -> Any:
    if v is None or v == "" or v == []:
        return None
    if isinstance(v, list):
        return (" " if c.type == "states" else "; ").join(map(str, v))
    if isinstance(v, date):
        return v if xlsx else v.isoformat()
    return v


def _key_cells(p: Provider) -> list[Any]:
    return [p.npi or None, p.name, p.birth_date]


def rows_of(service) -> dict[str, list[list[Any]]]:
    """Every sheet's data rows for the whole practice (providers by name)."""
    out: dict[str, list[list[Any]]] = {sheet: [] for sheet in SHEETS}
    store = service.store
    for e in sorted(store.entries(), key=lambda e: (name_key(e.name), e.id)):
        records = store.read(e.id).records()
        p = records.provider
        out["Providers"].append([getattr(p, c.name) for c in SHEETS["Providers"]])
        for sheet, items in (
                ("Licenses", sorted(records.licenses, key=lambda x: (x.state, x.number, x.id))),
                ("Documents", sorted(records.documents, key=lambda x: (x.kind, x.added, x.id))),
                ("CE", sorted(records.ce, key=lambda x: (x.completed, x.id))),
                ("Applications", sorted(records.applications,
                                        key=lambda x: (x.payer, x.created or date.min, x.id)))):
            for rec in items:
                cells = _key_cells(p)
                for c in SHEETS[sheet][3:]:
                    if c.name == "status_date":
                        cells.append(rec.status_date(rec.status))  # type: ignore[attr-defined]
                    else:
                        cells.append(getattr(rec, c.name))
                out[sheet].append(cells)
    return out


def example_rows(payers: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """The template's one example row per sheet (the importer refuses it: delete it)."""
    key = [EXAMPLE_NPI, "Example Provider (delete this row)", date(1985, 4, 12)]
    payer = sorted(payers)[0] if payers else ""
    return {
        "Providers": [key + ["LMT", "massage-therapist", "225700000X", "", "", "", "", [],
                             date(2015, 6, 1), []]],
        "Licenses": [key + ["FL", "MA12345", "LMT", date(2024, 9, 1), date(2027, 8, 31), ""]],
        "Documents": [],
        "CE": [key + [date(2026, 3, 14), 3.0, "ethics", "online", "Ethics for LMTs", ""]],
        "Applications": [key + [payer, ["FL"], "submitted", date(2026, 10, 1),
                                date(2026, 10, 20), ""]],
    }


def _lists(payers: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    from credtrack.jurisdictions import CODES

    return {"states": tuple(sorted(CODES)), "kinds": DOCUMENT_KINDS, "subjects": CE_SUBJECTS,
            "deliveries": DELIVERIES, "statuses": APP_STATUSES, "types": PROVIDER_TYPES,
            "payers": tuple(sorted(payers))}


def xlsx_bytes(data: dict[str, list[list[Any]]], payers: dict[str, Any]) -> bytes:
    """A workbook: one sheet per roster sheet (bold frozen header, ISO dates), a Lists sheet,
    and data-validation lists on the columns that take one. Written in openpyxl's write-only
    mode (a practice of thousands is hundreds of thousands of cells)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook(write_only=True)
    lists = _lists(payers)
    names = list(lists)
    bold = Font(bold=True)
    for sheet, columns in SHEETS.items():
        ws = wb.create_sheet(sheet)
        ws.freeze_panes = "A2"
        rows = data.get(sheet, [])
        last = max(len(rows) + 1001, 2000)
        for i, c in enumerate(columns):
            letter = _letter(i)
            ws.column_dimensions[letter].width = max(12, len(c.header) + 4)
            if c.list_name and lists.get(c.list_name):
                col = _letter(names.index(c.list_name))
                dv = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                                    formula1=f"=Lists!${col}$2:${col}"
                                             f"${len(lists[c.list_name]) + 1}")
                dv.error = f"Pick a value from the list ({c.header})"
                dv.add(f"{letter}2:{letter}{last}")
                ws.data_validations.append(dv)
        header = []
        for c in columns:
            cell_ = WriteOnlyCell(ws, value=c.header)
            cell_.font = bold
            header.append(cell_)
        ws.append(header)
        dates = [i for i, c in enumerate(columns) if c.type == "date"]
        for values in rows:
            out = [_out(v, c, True) for v, c in zip(values, columns)]
            for i in dates:
                if i < len(out) and out[i] is not None:
                    cell_ = WriteOnlyCell(ws, value=out[i])
                    cell_.number_format = "yyyy-mm-dd"
                    out[i] = cell_
            ws.append(out)
    ws = wb.create_sheet("Lists")
    ws.append(names)
    for i in range(max(len(v) for v in lists.values())):
        ws.append([lists[n][i] if i < len(lists[n]) else None for n in names])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_files(path: Path, data: dict[str, list[list[Any]]]) -> dict[Path, bytes]:
    out = {}
    for sheet, p in csv_paths(path).items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow([c.header for c in SHEETS[sheet]])
        for values in data.get(sheet, []):
            w.writerow(["" if (v := _out(x, c, False)) is None else v
                        for x, c in zip(values, SHEETS[sheet])])
        out[p] = buf.getvalue().encode("utf-8")
    return out


def write(service, path: Path, template: bool = False, force: bool = False) -> list[Path]:
    """Write the roster (or the template) to ``path`` (.xlsx, or .csv and its siblings);
    0600, atomically; an existing file is replaced only with ``force``."""
    from credtrack.fsio import atomic_write_bytes

    path = Path(path)
    payers = service.payers()
    data = example_rows(payers) if template else rows_of(service)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        files = {path: xlsx_bytes(data, payers)}
    elif suffix == ".csv":
        files = csv_files(path, data)
    else:
        raise BadInput(f"{path.name}: a roster is written as .xlsx or .csv")
    if not path.parent.is_dir():
        raise BadInput(f"{path.parent}: no such directory")
    try:
        existing = [p for p in files if p.exists()]
    except (OSError, ValueError):
        raise BadInput(f"{path.name[:200]}: not a file name this system accepts") from None
    if existing and not force:
        raise BadInput(f"{existing[0].name} exists; use --force to replace it")
    for p, data_ in files.items():
        atomic_write_bytes(p, data_)
    return list(files)
