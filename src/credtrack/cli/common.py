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

    def __init__(self, name: str, parse: Callable[[str], Any],
                 complete: Callable[..., list] | None = None):
        self.name = name
        self.parse = parse
        self.complete = complete

    def shell_complete(self, ctx, param, incomplete):
        return self.complete(ctx, param, incomplete) if self.complete else []

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


class Span:
    """A span like 90d, 12w, 6m, 1y: days and weeks count days, months and years count
    calendar months (dateutil's relativedelta: 6m from 2026-08-31 ends 2027-02-28)."""

    def __init__(self, n: int, unit: str):
        self.n, self.unit = n, unit

    def end(self, start: date) -> date:
        from credtrack.service import LATEST

        if self.unit in ("d", "w"):
            from datetime import timedelta

            try:
                return start + timedelta(days=self.n * (7 if self.unit == "w" else 1))
            except OverflowError:
                return LATEST
        from dateutil.relativedelta import relativedelta

        months = self.n * (12 if self.unit == "y" else 1)
        try:
            return start + relativedelta(months=months)
        except (OverflowError, ValueError):
            return LATEST

    def __repr__(self) -> str:
        return f"{self.n}{self.unit}"


def _span(value: str) -> Span:
    import re

    m = re.fullmatch(r"\s*(\d{1,5})\s*([dwmy]?)\s*", value.lower())
    if not m:
        raise BadInput("span must look like 90d, 12w, 6m or 1y")
    n, unit = int(m.group(1)), m.group(2) or "d"
    if n * {"d": 1, "w": 7, "m": 30.4, "y": 365.25}[unit] > 36525:
        raise BadInput("span must be at most 100 years")
    return Span(n, unit)


class PathType(click.Path):
    """click.Path that answers a file name with a NUL byte (which os calls refuse with a
    ValueError, not an OSError) as bad input."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and "\x00" in value:
            self.fail(f"{value!r} is not a valid file name", param, ctx)
        return super().convert(value, param, ctx)


DATE, BIRTH_DATE, WITHIN = Parsed("DATE", _date), Parsed("DATE", _birth_date), Parsed("SPAN", _span)
NPI, TIN = Parsed("NPI", V.parse_npi), Parsed("TIN", V.parse_tin)
STATE = Parsed("XX", V.parse_state, lambda *a: complete_states(*a))
HOURS, LIMITS = Parsed("HOURS", V.parse_hours), Parsed("PER/AGG", V.parse_limits)
TAXONOMY, CAQH = Parsed("CODE", V.parse_taxonomy), Parsed("ID", V.parse_caqh)


# -- option factories -------------------------------------------------------------------------

def provider_option(f):
    return click.option("--provider", "provider_id", metavar="ID",
                        shell_complete=complete_providers,
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


def interactive() -> bool:
    """Both standard input and output are a terminal (the desk can run)."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal() -> bool:
    stream = sys.stdout
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def table(rows: Iterable[Iterable[Any]], headers: Iterable[str]) -> None:
    """Rows as a table: on a terminal, a Rich table sized to its width (long cells wrap);
    piped or redirected, tab-separated lines (a header line first) for cut, awk, sort."""
    rows = [["" if c is None else str(c) for c in r] for r in rows]
    headers = list(headers)
    if not rows:
        return
    if not _terminal():
        clean = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
        click.echo("\t".join(h.translate(clean) for h in headers))
        for r in rows:
            click.echo("\t".join(c.translate(clean) for c in r))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    for i, h in enumerate(headers):
        longest = max(len(h), *(len(r[i]) for r in rows))
        if longest <= 14:  # ids, codes, dates: whole, never wrapped
            t.add_column(h, no_wrap=True, min_width=longest)
        else:  # names and notes take what is left, wrapped at words
            t.add_column(h, overflow="fold", min_width=min(len(h), 12))
    for r in rows:
        t.add_row(*r, style=None)
    Console(highlight=False, markup=False, emoji=False, soft_wrap=False).print(t)


class Progress:
    """A progress bar on stderr for work that turns out to take more than a second (only on a
    terminal; nothing otherwise). Call it with (done, total, label)."""

    def __init__(self, description: str, after: float = 1.0):
        import time

        self.description, self.after, self.started = description, after, time.monotonic()
        self.bar = self.task = None

    def __call__(self, done: int, total: int, label: str = "") -> None:
        import time

        if self.bar is None:
            if time.monotonic() - self.started < self.after or not _stderr_terminal():
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn

            self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TextColumn("{task.fields[label]}", markup=False),
                           console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=total, label="")
        self.bar.update(self.task, completed=done, total=total, label=label[:40])

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _stderr_terminal() -> bool:
    try:
        return bool(sys.stderr.isatty())
    except (AttributeError, ValueError):
        return False


# -- shell completion (click's: eval "$(_CREDTRACK_COMPLETE=bash_source credtrack)") ----------

def _items(values: Iterable[tuple[str, str]], incomplete: str) -> list:
    from click.shell_completion import CompletionItem

    low = incomplete.lower()
    return [CompletionItem(v, help=h) for v, h in values if v.lower().startswith(low)]


def complete_states(ctx, param, incomplete: str) -> list:
    from credtrack.jurisdictions import NAMES

    return _items(sorted(NAMES.items()), incomplete)


def _service(ctx):
    """The service of the command line being completed (its --data-dir), quietly."""
    root = ctx.find_root()
    obj = root.obj if isinstance(root.obj, Ctx) else Ctx(root.params.get("data_dir"),
                                                        root.params.get("plugins_dir"))
    return obj.app


def complete_payers(ctx, param, incomplete: str) -> list:
    try:
        payers = _service(ctx).payers()
    except Exception:  # completion never prints an error
        return []
    return _items(sorted((k, r.name) for k, r in payers.items()), incomplete)


def complete_providers(ctx, param, incomplete: str) -> list:
    try:
        entries = _service(ctx).store.entries()
    except Exception:
        return []
    return _items([(e.id, e.name) for e in entries], incomplete)


def complete_records(*kinds: str):
    """Completion of the ids of the current (or --provider) provider's records of ``kinds``."""
    def complete(ctx, param, incomplete: str) -> list:
        try:
            from credtrack.kinds import get

            app = _service(ctx)
            pid = ctx.params.get("provider_id")
            out = []
            for kind in kinds:
                k = get(kind)
                for r in app.list_records(pid, kind):
                    out.append((r.id, f"{k.label} {getattr(r, k.title_field, '')}".strip()))
            return _items(out, incomplete)
        except Exception:
            return []
    return complete


def require_change(*values: Any) -> None:
    """An edit command given none of its options: a usage error (exit 2), nothing written."""
    if all(v is None for v in values):
        raise click.UsageError("nothing to change: give at least one option")


def confirm(yes: bool, question: str, what: str = "removing") -> None:
    """Ask ``question`` on a terminal; without one, ``--yes`` is needed (bad input, exit 2)."""
    if yes:
        return
    if not (sys.stdin and sys.stdin.isatty()):
        raise BadInput(f"{what} needs confirmation: run it in a terminal, or add --yes")
    click.confirm(question, abort=True)


def yes_option(f):
    return click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")(f)


def warn(message: str) -> None:
    click.echo(f"credtrack: warning: {message}", err=True)


def fmt_date(d: date | None) -> str:
    return d.isoformat() if d else ""
