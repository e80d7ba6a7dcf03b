"""The shape and the limits of every stored record, checked with msgspec.

One check serves three places: ``import`` (every record of an export file, before anything is
written), the store (a file edited by hand is refused before a command rewrites it) and
``credtrack doctor``. Structure comes from the record dataclasses themselves (msgspec converts
a row to the dataclass, so a field's annotation is its schema: ``history: [5]`` is not a list
of objects); the limits the CLI enforces on what users type come on top, per field kind:

- text: valid Unicode (no lone surrogates), no control characters but tab and newlines (no
  terminal escape sequences), at most ``MAX_TEXT`` characters;
- numbers: finite, integers within +-2**53 (what JSON readers agree on), hours in (0, 1000];
- dates: 1900-01-01 to 2199-12-31 (every deadline computed from them stays representable);
- codes: states are one of the 50 states and DC, statuses are known ones; history and renewal
  entries carry real dates; a document's vault path is the one its sha256 gives;
- free-form values (a packet's manifest entry) nest at most ``MAX_DEPTH`` levels.

Problems are reported as a path (``providers[3].licenses[0].expires``) and what is wrong, never
with the value, which could be an identifier typed in the wrong place.
"""

from __future__ import annotations

import math
import re
from dataclasses import fields
from datetime import date
from typing import Any

import msgspec

from credtrack.jurisdictions import CODES
from credtrack.models import Application, Provider, Record
from credtrack.vocab import APP_STATUSES

EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
MAX_TEXT = 10_000
MAX_INT = 2**53
MAX_DEPTH = 20
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
SHA = re.compile(r"[0-9a-f]{64}")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
STATES = frozenset(CODES)


class Invalid(ValueError):
    """A record that does not fit: ``where`` (a path below the record) and ``why``."""

    def __init__(self, where: str, why: str):
        super().__init__(f"{where}: {why}" if where else why)
        self.where, self.why = where, why


def _text_problem(value: str) -> str:
    if len(value) > MAX_TEXT:
        return f"is longer than {MAX_TEXT} characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text"
    if _BAD_CHARS.search(value):
        return "contains control characters"
    return ""


def _scalar(value: Any, where: str) -> None:
    if isinstance(value, str):
        why = _text_problem(value)
    elif isinstance(value, bool) or value is None:
        why = ""
    elif isinstance(value, int):
        why = "is an integer out of range" if abs(value) > MAX_INT else ""
    elif isinstance(value, float):
        why = "is not a finite number" if not math.isfinite(value) or abs(value) > 1e15 else ""
    elif isinstance(value, date):
        why = f"is outside {EARLIEST}..{LATEST}" if not EARLIEST <= value <= LATEST else ""
    else:
        why = "is not a JSON value"
    if why:
        raise Invalid(where, why)


def check_value(value: Any, where: str = "") -> None:
    """Every scalar inside ``value`` within the limits; nesting at most ``MAX_DEPTH``."""
    stack = [(value, where, 0)]
    while stack:
        v, at, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise Invalid(at, f"nests deeper than {MAX_DEPTH} levels")
        if isinstance(v, dict):
            for k, x in v.items():
                if not isinstance(k, str):
                    raise Invalid(at, "has a key that is not text")
                _scalar(k, at)
                stack.append((x, f"{at}.{k}" if ID.fullmatch(k) else f"{at}.(key)", depth + 1))
        elif isinstance(v, list):
            stack.extend((x, f"{at}[{i}]", depth + 1) for i, x in enumerate(v))
        else:
            _scalar(v, at)


def _iso(value: Any) -> bool:
    try:
        return isinstance(value, str) and EARLIEST <= date.fromisoformat(value) <= LATEST
    except ValueError:
        return False


def _state(value: str, where: str, blank: bool = True) -> None:
    if not (value == "" and blank) and value not in STATES:
        raise Invalid(where, "is not a state code")


def _semantics(record: Record) -> None:
    """The rules that go beyond the types (the CLI's, for what was not typed through it)."""
    table = record.TABLE
    if not ID.fullmatch(record.id):  # type: ignore[attr-defined]
        raise Invalid("id", "is not a credtrack id")
    if table == Provider.TABLE and not record.name.strip():  # type: ignore[attr-defined]
        raise Invalid("name", "is empty")
    if table == "licenses":
        _state(record.state, "state", blank=False)  # type: ignore[attr-defined]
        for i, r in enumerate(record.renewals):  # type: ignore[attr-defined]
            if not _iso(r.get("date")) or not _iso(r.get("expires")):
                raise Invalid(f"renewals[{i}]", "has no valid date")
    elif table == "documents":  # (a vault path the sha256 does not give is doctor's
        # bad-vault-path: the record is never followed, and can be removed)
        if record.size < 0:  # type: ignore[attr-defined]
            raise Invalid("size", "is negative")
        _state(record.state, "state")  # type: ignore[attr-defined]
    elif table == "ce":
        if not 0 < record.hours <= 1000:  # type: ignore[attr-defined]
            raise Invalid("hours", "must be more than 0 and at most 1000")
    elif table == Application.TABLE:
        if record.status not in APP_STATUSES:  # type: ignore[attr-defined]
            raise Invalid("status", "is not a known status")
        for i, s in enumerate(record.states):  # type: ignore[attr-defined]
            _state(s, f"states[{i}]", blank=False)
        for i, h in enumerate(record.history):  # type: ignore[attr-defined]
            if h.get("status") not in APP_STATUSES or not _iso(h.get("date")):
                raise Invalid(f"history[{i}]", "needs a known status and a valid date")
    elif table == "attestations":
        _state(record.state, "state")  # type: ignore[attr-defined]


def convert(cls: type[Record], row: Any, extra_ok: bool = True,
            strict_paths: bool = False) -> Record:
    """The record ``row`` holds, checked; :class:`Invalid` naming the field otherwise.
    ``extra_ok=False``: a field the record does not have is a problem too; ``strict_paths``:
    a document's vault path must be the one its sha256 gives (for imports)."""
    if not isinstance(row, dict):
        raise Invalid("", "is not an object")
    if not extra_ok:
        unknown = set(row) - {f.name for f in fields(cls)}
        if unknown:
            name = min(unknown)
            raise Invalid(name if ID.fullmatch(str(name)) else "(field)", "is not a field of "
                          f"a {cls.__name__} record")
    try:
        record = msgspec.convert(row, cls)
    except msgspec.ValidationError as exc:
        text = str(exc)
        where = text.rsplit(" - at `$", 1)[1].rstrip("`").lstrip(".") if " - at `$" in text \
            else ""
        raise Invalid(where, _why(text.split(" - at ")[0])) from None
    except (TypeError, ValueError, OverflowError, RecursionError) as exc:
        raise Invalid("", f"cannot be read ({type(exc).__name__})") from None
    for f in fields(cls):
        check_value(getattr(record, f.name), f.name)
    _semantics(record)
    if strict_paths and record.TABLE == "documents":
        sha = record.sha256  # type: ignore[attr-defined]
        if not SHA.fullmatch(sha) or record.vault_path != f"vault/{sha[:2]}/{sha}":  # type: ignore
            raise Invalid("vault_path", "points outside the vault")
    return record


def _why(text: str) -> str:
    """msgspec's reason, without any value it may quote."""
    if text.startswith(("Expected", "Object missing", "Invalid RFC3339", "Integer value")):
        return text.replace("`", "").lower()
    return "has a value of the wrong kind"


def row_problems(cls: type[Record], rows: Any) -> list[tuple[str, str]]:
    """(record id or '', what is wrong) for every bad row of a table (a dict of rows), plus
    ids used twice."""
    if not isinstance(rows, dict):
        return [("", "table is not an object")]
    out, seen = [], set()
    for row in rows.values():
        rid = row.get("id") if isinstance(row, dict) and isinstance(row.get("id"), str) \
            and ID.fullmatch(row["id"]) else ""
        try:
            convert(cls, row)
        except Invalid as exc:
            out.append((rid, f"has a malformed {exc.where!r}: {exc.why}" if exc.where
                        else exc.why))
            continue
        if rid in seen:
            out.append((rid, "shares its id with another record"))
        seen.add(rid)
    return out
