"""Exclusion screening: every provider of the practice against the OIG LEIE file and, if given,
a SAM.gov exclusions extract; each run files a receipt (credtrack.models.Screening).

Outcomes, per provider and listed row (see ../shared/reference/payers.md, 4.1 and 4.2):

- ``excluded``: the provider's NPI is on the list (an error finding until the next run).
- ``possible-match``: the provider's name (or a former name) is on the list with the same birth
  date, or with no birth date to compare (SAM extracts carry none): a warning; confirm on the
  list's own search page (the LEIE download has no SSNs).
- ``cleared``: the name is on the list with another birth date; kept in the receipt with that
  reason, no finding.

Reinstated LEIE rows (a REINDATE) and SAM records whose termination date has passed do not
count. The LEIE format: 18 double-quoted columns, dates YYYYMMDD ("00000000" when empty), NPI
"0000000000" when unknown. The SAM extract is read by its header names (First, Middle, Last,
Classification, NPI, Active Date, Termination Date); that layout is from third-party material,
not SAM.gov's own documentation (secondary).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from credtrack.errors import BadInput
from credtrack.models import Provider

LEIE_COLUMNS = ("LASTNAME", "FIRSTNAME", "MIDNAME", "BUSNAME", "GENERAL", "SPECIALTY", "UPIN",
                "NPI", "DOB", "ADDRESS", "CITY", "STATE", "ZIP", "EXCLTYPE", "EXCLDATE",
                "REINDATE", "WAIVERDATE", "WVRSTATE")
UNKNOWN_NPI = "0000000000"
SUFFIXES = {"JR", "SR", "II", "III", "IV", "V"}
MAX_FILE = 1 << 30


@dataclass(frozen=True, slots=True)
class Listed:
    """One active row of an exclusion list."""

    list: str  # "leie" | "sam"
    line: int  # the row's line in the file (the header is line 1)
    last: str  # normalised
    first: str
    npi: str
    dob_text: str  # as the file has it (YYYYMMDD); parsed only for a name match
    since_text: str  # the exclusion's date as the file has it
    type: str  # EXCLTYPE / the SAM exclusion type

    @property
    def dob(self) -> date | None:
        return _yyyymmdd(self.dob_text) if self.list == "leie" else None

    @property
    def since(self) -> str:
        d = _yyyymmdd(self.since_text) if self.list == "leie" else _sam_date(self.since_text)
        return d.isoformat() if d else ""


@dataclass
class ListFile:
    list: str
    file: str  # the file's name (not its folder)
    sha256: str
    rows: int  # data rows read
    skipped: int  # reinstated / terminated rows
    entries: list[Listed]

    def source(self) -> dict:
        return {"list": self.list, "file": self.file, "sha256": self.sha256, "rows": self.rows,
                "not_counted": self.skipped}


_NOT_LETTER = re.compile(r"[^A-Z]")


def norm(text: str) -> str:
    """A name part as lists write it: ASCII capitals, no spaces or punctuation."""
    t = text or ""
    if not t.isascii():
        t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return _NOT_LETTER.sub("", t.upper())


def name_keys(name: str) -> set[tuple[str, str]]:
    """(last, first) keys of a full name as credtrack keeps it ("Dana M. Reyes, LMT"): first
    word and last word, and for three words or more the last two as one surname."""
    words = [norm(w) for w in name.split(",")[0].split()]
    words = [w for w in words if w and w not in SUFFIXES]
    if len(words) < 2:
        return set()
    keys = {(words[-1], words[0])}
    if len(words) >= 3:
        keys.add((words[-2] + words[-1], words[0]))
    return keys


def _read(path: Path, what: str) -> tuple[str, str]:
    try:
        if not path.is_file() and path.exists():  # a FIFO would block, a device never end
            raise BadInput(f"{path.name[:200]}: not a regular file, not {what}")
        if path.stat().st_size > MAX_FILE:
            raise BadInput(f"{path.name}: larger than 1 GB; not {what}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{path}: a directory, not {what}") from None
    except (OSError, ValueError) as exc:
        raise BadInput(f"{str(path)[:200]}: cannot be read "
                       f"({getattr(exc, 'strerror', None) or type(exc).__name__})") from None
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text, digest


def _yyyymmdd(text: str) -> date | None:
    t = (text or "").strip()
    if len(t) != 8 or not t.isdigit() or t == "00000000":
        return None
    try:
        return date(int(t[:4]), int(t[4:6]), int(t[6:]))
    except ValueError:
        return None


def read_leie(path: Path) -> ListFile:
    try:
        return _read_leie(path)
    except csv.Error as exc:
        raise BadInput(f"{path.name}: not an LEIE file (malformed CSV: {exc})") from None


def read_sam(path: Path, on: date) -> ListFile:
    try:
        return _read_sam(path, on)
    except csv.Error as exc:
        raise BadInput(f"{path.name}: not a SAM exclusions extract (malformed CSV: {exc})") \
            from None


def _read_leie(path: Path) -> ListFile:
    text, digest = _read(path, "an LEIE file")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().upper() for h in next(reader, [])]
    header = ["WVRSTATE" if h == "WAIVERSTATE" else h for h in header]
    if tuple(header) != LEIE_COLUMNS:
        raise BadInput(f"{path.name} is not an LEIE file: its header must be the 18 columns "
                       f"{','.join(LEIE_COLUMNS)}")
    entries, rows, skipped = [], 0, 0
    for line, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) != 18:
            raise BadInput(f"{path.name}, line {line}: {len(row)} columns, not 18")
        rows += 1
        last, first, _mid, _bus, *_, npi, dob = row[:9]
        if row[15].strip("0 ") and _yyyymmdd(row[15]):  # reinstated: no longer excluded
            skipped += 1
            continue
        last = norm(last)
        if not last:  # a business
            continue
        npi = npi.strip()
        entries.append(Listed("leie", line, last, norm(first),
                              "" if npi in ("", UNKNOWN_NPI) else npi, dob, row[14],
                              row[13].strip()))
    return ListFile("leie", path.name, digest, rows, skipped, entries)


def _sam_date(text: str) -> date | None:
    t = (text or "").strip()
    for fmt in ("%m/%d/%Y", "%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    return None


def _read_sam(path: Path, on: date) -> ListFile:
    text, digest = _read(path, "a SAM exclusions extract")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = {(f or "").strip().lower(): f for f in reader.fieldnames or []}
    if "first" not in fields or "last" not in fields:
        raise BadInput(f"{path.name} is not a SAM exclusions extract: no First and Last "
                       "columns in its header")

    def col(row: dict, name: str) -> str:
        key = fields.get(name)
        return (row.get(key) or "") if key else ""

    entries, rows, skipped = [], 0, 0
    for line, row in enumerate(reader, start=2):
        rows += 1
        cls = col(row, "classification").strip().lower()
        if cls and cls != "individual":
            continue
        ends = _sam_date(col(row, "termination date"))
        if ends is not None and ends < on:
            skipped += 1
            continue
        if not norm(col(row, "last")):
            continue
        npi = col(row, "npi").strip()
        entries.append(Listed("sam", line, norm(col(row, "last")), norm(col(row, "first")),
                              "" if npi in ("", UNKNOWN_NPI) else npi, "",
                              col(row, "active date"), col(row, "exclusion type").strip()))
    return ListFile("sam", path.name, digest, rows, skipped, entries)


def _names(p: Provider) -> set[tuple[str, str]]:
    keys = name_keys(p.name)
    for former in p.former_names:
        keys |= name_keys(former)
    return keys


def match(providers: Iterable[Provider], lists: Iterable[ListFile]) -> list[dict[str, str]]:
    """Every match of every provider (see the module docstring), in provider order."""
    by_npi: dict[str, list[Listed]] = {}
    by_name: dict[tuple[str, str], list[Listed]] = {}
    for lf in lists:
        for e in lf.entries:
            if e.npi:
                by_npi.setdefault(e.npi, []).append(e)
            by_name.setdefault((e.last, e.first), []).append(e)
    out: list[dict[str, str]] = []
    for p in providers:
        seen: set[tuple[str, int]] = set()

        def add(e: Listed, outcome: str, reason: str) -> None:
            seen.add((e.list, e.line))
            out.append({"provider": p.id, "name": p.name, "outcome": outcome, "list": e.list,
                        "line": str(e.line), "reason": reason, "since": e.since,
                        "type": e.type})

        for e in by_npi.get(p.npi, []) if p.npi else []:
            add(e, "excluded", "the NPI is listed")
        for key in sorted(_names(p)):
            for e in by_name.get(key, []):
                if (e.list, e.line) in seen:
                    continue
                if e.dob is None or p.birth_date is None:
                    add(e, "possible-match", "the name matches; no birth date to compare")
                elif e.dob == p.birth_date:
                    add(e, "possible-match", "the name and the birth date match")
                else:
                    add(e, "cleared", "the name matches but the birth date differs")
    return out
