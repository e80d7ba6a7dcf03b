"""Parsing and validation of what users type. Pure; messages never echo personal data."""

from __future__ import annotations

import re
from datetime import date

from credtrack import vocab as R
from credtrack.errors import BadInput
from credtrack.jurisdictions import CODES, NAMES, suggest


def npi_valid(npi: str) -> bool:
    """10 digits whose Luhn check over '80840' + NPI holds (CMS check-digit rule)."""
    if not re.fullmatch(r"\d{10}", npi):
        return False
    total = 0
    for i, ch in enumerate(reversed("80840" + npi)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def parse_npi(text: str) -> str:
    t = text.strip().replace(" ", "").replace("-", "")
    if not re.fullmatch(r"\d{10}", t):
        raise BadInput("NPI must be exactly 10 digits")
    if not npi_valid(t):
        raise BadInput("NPI check digit is wrong (the last digit must be the Luhn check of "
                       "80840 + the first nine digits): check for a typo")
    return t


def parse_tin(text: str) -> str:
    t = re.sub(r"[\s-]", "", text)
    if not re.fullmatch(r"\d{9}", t):
        raise BadInput("TIN must be 9 digits (EIN XX-XXXXXXX or SSN XXX-XX-XXXX)")
    if len(set(t)) == 1:
        raise BadInput("TIN cannot be one digit repeated")
    return t


def parse_date(text: str, what: str = "date") -> date:
    t = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        raise BadInput(f"{what} must be an ISO date YYYY-MM-DD")
    try:
        return date.fromisoformat(t)
    except ValueError:
        raise BadInput(f"{what} {t} does not exist on the calendar") from None


def parse_state(text: str) -> str:
    t = text.strip().upper()
    if t in CODES:
        return t
    near = suggest(text)
    hint = f"; did you mean {near} ({NAMES[near]})?" if near else ""
    shown = f" {text.strip()!r}" if re.fullmatch(r"[A-Za-z]{1,3}", text.strip()) else ""
    raise BadInput(f"unknown state code{shown}: use one of the 50 states or DC{hint}")


def parse_hours(text: str | float) -> float:
    try:
        h = float(text)
    except (TypeError, ValueError):
        raise BadInput("hours must be a number, e.g. 1.5") from None  # (never echoed: it
        # could be an identifier typed into the wrong field)
    if not h > 0 or h != h or h > 1000:
        raise BadInput("hours must be more than 0 and at most 1000")
    return round(h, 2)


def parse_limits(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*\$?([\d,_]+)\s*/\s*\$?([\d,_]+)\s*", text)
    if not m:
        raise BadInput("limits must be PER_CLAIM/AGGREGATE in dollars, e.g. 1000000/3000000")
    per, agg = (int(g.replace(",", "").replace("_", "")) for g in m.groups())
    if per <= 0 or agg <= 0 or per > 10**10 or agg > 10**10:
        raise BadInput("limits must be positive dollar amounts")
    if agg < per:
        raise BadInput("the aggregate limit cannot be below the per-claim limit")
    return per, agg


def parse_choice(text: str, choices: tuple[str, ...], what: str) -> str:
    t = text.strip().lower()
    if t in choices:
        return t
    import difflib

    near = difflib.get_close_matches(t, choices, n=1)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    shown = f" {t!r}" if re.fullmatch(r"[a-z][a-z -]{0,39}", t) else ""
    raise BadInput(f"unknown {what}{shown}{hint} (one of: {', '.join(choices)})")


def parse_subject(text: str, extra: tuple[str, ...] = ()) -> str:
    return parse_choice(text, R.CE_SUBJECTS + tuple(extra), "CE subject")


def parse_kind(text: str, extra: tuple[str, ...] = ()) -> str:
    return parse_choice(text, R.DOCUMENT_KINDS + tuple(extra), "document kind")


def parse_taxonomy(text: str) -> str:
    t = text.strip().upper()
    if not re.fullmatch(r"[0-9A-Z]{9}X", t):
        raise BadInput("taxonomy code must be 10 characters ending in X, e.g. 225700000X")
    return t


def parse_caqh(text: str) -> str:
    t = text.strip()
    if not re.fullmatch(r"\d{5,10}", t):
        raise BadInput("CAQH provider ID must be digits only")
    return t


def parse_text(text: str, what: str, limit: int = 500) -> str:
    if any((ord(c) < 32 and c not in "\t") or 0x7f <= ord(c) <= 0x9f for c in text):
        raise BadInput(f"{what} cannot contain control characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, passed through as surrogates
        raise BadInput(f"{what} is not valid text (not UTF-8)") from None
    if len(text) > limit:
        raise BadInput(f"{what} is longer than {limit} characters")
    return text.strip()


EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)


def check_date(d: date | None, what: str = "date") -> date | None:
    """A date credtrack can compute with: 1900-2199 (a year 9999 would overflow every
    deadline computed from it)."""
    if d is not None and not EARLIEST <= d <= LATEST:
        raise BadInput(f"{what} must be between {EARLIEST} and {LATEST}")
    return d


def check_dates(**named: date | None) -> None:
    for what, d in named.items():
        check_date(d, what.replace("_", " "))


def user_text(value: str, what: str, limit: int = 500) -> str:
    """Free text a user typed: no control characters (they would reach terminals, calendars and
    PDFs as they are), at most ``limit`` characters."""
    return parse_text(value or "", what, limit)


def parse_profession(text: str) -> str:
    """A profession: one of vocab.PROVIDER_TYPES, or a short name (pt, pta, lpc, lmhc, lmt)."""
    t = (text or "").strip().lower().replace("_", "-").replace(" ", "-")
    t = R.PROFESSION_ALIASES.get(t, t)
    if t not in R.PROVIDER_TYPES:
        raise BadInput("profession must be one of: " + ", ".join(R.PROVIDER_TYPES)
                       + " (or pt, pta, lpc, lmhc, lmt)")
    return t
