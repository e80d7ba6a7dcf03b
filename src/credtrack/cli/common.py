"""What every command shares: the context, option factories, parameter types, output."""

from __future__ import annotations

import os
import sys
from datetime import date
from functools import cached_property
from typing import Any, Callable, Iterable

import click

from credtrack import validate as V
from credtrack.errors import BadInput


class Ctx:
    """Built once per invocation; the service is created on first use."""

    def __init__(self, data_dir: str | None, plugins_dir: str | None,
                 store: str | None = None):
        self.data_dir = data_dir
        self.plugins_dir = plugins_dir
        self.store = store

    @cached_property
    def app(self):
        from credtrack.service import Credtrack

        return Credtrack(self.data_dir, self.plugins_dir, store=self.store)


pass_ctx = click.make_pass_decorator(Ctx)


def today() -> date:
    """The date 'now' for commands (credtrack.clock: CREDTRACK_TODAY pins it)."""
    from credtrack.clock import system_today

    return system_today()


# -- parameter types --------------------------------------------------------------------------

class Parsed(click.ParamType):
    """An option value parsed by one of credtrack's validators; their BadInput becomes click's
    usage error (one line, exit 2)."""

    def __init__(self, name: str, parse: Callable[[str], Any]):
        self.name = name
        self.parse = parse

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        try:
            return self.parse(value)
        except BadInput as exc:
            self.fail(exc.message, param, ctx)


def _date(value: str) -> date:
    from credtrack.service import check_date

    return check_date(V.parse_date(value))


def _birth_date(value: str) -> date:
    """A date of birth: a wrong one is not echoed back (it is close to the real one)."""
    try:
        return _date(value)
    except BadInput:
        raise BadInput("the birth date must be a real date, YYYY-MM-DD") from None


def _span(value: str) -> int:
    """A span like 90d, 12w, 6m, 1y, in days."""
    import re

    m = re.fullmatch(r"\s*(\d{1,5})\s*([dwmy]?)\s*", value.lower())
    if not m:
        raise BadInput("span must look like 90d, 12w, 6m or 1y")
    n, unit = int(m.group(1)), m.group(2) or "d"
    days = n * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]
    if days > 36525:
        raise BadInput("span must be at most 100 years")
    return days


class PathType(click.Path):
    """click.Path that answers a file name with a NUL byte (which os calls refuse with a
    ValueError, not an OSError) as bad input."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and "\x00" in value:
            self.fail(f"{value!r} is not a valid file name", param, ctx)
        return super().convert(value, param, ctx)


DATE, BIRTH_DATE, WITHIN = Parsed("DATE", _date), Parsed("DATE", _birth_date), Parsed("SPAN", _span)
NPI, TIN, STATE = Parsed("NPI", V.parse_npi), Parsed("TIN", V.parse_tin), Parsed("XX", V.parse_state)
HOURS, LIMITS = Parsed("HOURS", V.parse_hours), Parsed("PER/AGG", V.parse_limits)
TAXONOMY, CAQH = Parsed("CODE", V.parse_taxonomy), Parsed("ID", V.parse_caqh)


# -- option factories -------------------------------------------------------------------------

def provider_option(f):
    return click.option("--provider", "provider_id", metavar="ID",
                        help="Act on this provider (default: the current one).")(f)


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(f)


def as_of_option(f):
    return click.option("--as-of", type=DATE, default=None,
                        help="Evaluate as of this date (default: today).")(f)


# -- output -----------------------------------------------------------------------------------

def emit_json(data: Any) -> None:
    """Sorted keys, two-space indent, UTF-8 (orjson: a practice-wide report is megabytes)."""
    import orjson

    out = orjson.dumps(data, default=str,
                       option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stdout (tests, embedding)
        click.echo(out.decode())
        return
    sys.stdout.flush()
    buffer.write(out + b"\n")
    buffer.flush()


def table(rows: Iterable[Iterable[Any]], headers: Iterable[str]) -> None:
    rows = [["" if c is None else str(c) for c in r] for r in rows]
    headers = list(headers)
    if not rows:
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for r in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def warn(message: str) -> None:
    click.echo(f"credtrack: warning: {message}", err=True)


def fmt_date(d: date | None) -> str:
    return d.isoformat() if d else ""
