"""ical export and ical serve: every deadline on the therapist's phone, as iCalendar.

The calendar itself is built by ``credtrack.calendar`` (imported here only inside the commands:
it loads icalendar). This module gathers the deadlines, keeps the calendar state file and writes
or serves the result.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

import click

from credtrack.calexport import DEFAULT_FILE, render, selection
from credtrack.cli.common import DATE, pass_ctx, today, warn
from credtrack.errors import BadInput, CredtrackError

DEFAULT_PORT = 5232
HOST_ENV = "CREDTRACK_ICAL_HOST"
PATHS = ("/", "/" + DEFAULT_FILE)


# -- serving ----------------------------------------------------------------------------------

def _is_loopback(host: str) -> bool:
    import ipaddress

    host = host.strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listen_address(host: str | None) -> str:
    """Loopback unless --host names another address; the environment cannot widen it."""
    if host is not None:
        if not host.strip():
            raise BadInput("--host needs an address")
        if not _is_loopback(host):
            warn(f"serving on {host}: anyone who can reach it can read the calendar "
                 "(no password, no TLS)")
        return host.strip()
    env = os.environ.get(HOST_ENV, "").strip()
    if env and not _is_loopback(env):
        raise BadInput(f"{HOST_ENV}={env[:60]} is not a loopback address; to serve the calendar "
                       f"beyond this machine, pass --host {env[:60]} explicitly")
    return env or "127.0.0.1"


def _header_host(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


def make_server(host: str, port: int, body: Callable[[], bytes],
                log: Callable[[str], None] | None = None):
    """A read-only HTTP server answering GET / and /credtrack.ics with ``body()``."""
    import socket
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import urlsplit

    log = log or (lambda line: click.echo(f"credtrack: {line}", err=True))
    loopback = _is_loopback(host)

    class Handler(BaseHTTPRequestHandler):
        def version_string(self) -> str:
            return "credtrack"

        def log_message(self, format, *args):  # noqa: A002 (the stdlib's name)
            log(format % args)

        def _plain(self, code: int, text: str, head: bool = False, **headers: str) -> None:
            data = (text + "\n").encode()
            self.send_response(code)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(data)

        def _answer(self, head: bool) -> None:
            if urlsplit(self.path).path not in PATHS:
                return self._plain(404, "not found: subscribe to /credtrack.ics", head)
            if loopback and not _is_loopback(_header_host(self.headers.get("Host", ""))):
                # a web page that rebinds its DNS name to 127.0.0.1 must not read the calendar
                return self._plain(403, "forbidden: this calendar is served to this machine only",
                                   head)
            try:
                data = body()
            except CredtrackError as exc:
                log(f"error: {exc.message}")
                return self._plain(500, "the calendar could not be built", head)
            except Exception as exc:  # keep serving; the next request may succeed
                log(f"internal error: {type(exc).__name__}")
                return self._plain(500, "the calendar could not be built", head)
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Disposition", f'inline; filename="{DEFAULT_FILE}"')
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if not head:
                self.wfile.write(data)

        def do_GET(self):
            self._answer(False)

        def do_HEAD(self):
            self._answer(True)

        def _refuse(self):
            self._plain(405, "read-only: only GET and HEAD", Allow="GET, HEAD")

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_PROPFIND = _refuse

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

    try:
        return Server((host.strip("[]"), port), Handler)
    except OSError as exc:
        raise CredtrackError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


# -- commands ---------------------------------------------------------------------------------

def calendar_options(f):
    for option in reversed((
        click.option("--as-of", type=DATE, default=None,
                     help="Evaluate as of this date (default: today)."),
        click.option("--provider", "provider_id", metavar="ID", help="Only this provider."),
        click.option("--all", "everyone", is_flag=True,
                     help="Every provider in the practice (summaries start with the name)."),
        click.option("--include-identifiers", is_flag=True,
                     help="Add the NPI, license numbers, CAQH ID and call reference numbers to "
                          "the descriptions (left out by default)."),
        click.option("--reminders", "reminder_specs", metavar="KIND=DAYS", multiple=True,
                     help="Days before a kind of deadline to remind, e.g. "
                          "license-renewal=90,30,7 or follow-up=0 (on the day) or "
                          "ce-due=none; repeatable."),
    )):
        f = option(f)
    return f


@click.group()
def ical():
    """Deadlines as an iCalendar file or feed for a phone or calendar app.

    One all-day event per deadline, with reminders; a to-do per open follow-up. No NPI, TIN,
    birth date, license or reference number is included unless --include-identifiers is given.
    """


@ical.command("export")
@click.option("-o", "--output", metavar="FILE",
              help=f"Write here; '-' for standard output (default: <data dir>/{DEFAULT_FILE}).")
@click.option("--force", is_flag=True, help="Replace FILE even if it is not a credtrack calendar.")
@calendar_options
@pass_ctx
def export(ctx, output, as_of, provider_id, everyone, include_identifiers, reminder_specs,
           force):
    """Write the calendar to a file (atomically, readable only by you). An existing file is
    replaced only if it is an earlier credtrack calendar (or with --force)."""
    from credtrack import calendar
    from credtrack.fsio import atomic_write_bytes, refuse_foreign

    from credtrack.config import load as load_config

    reminders = calendar.parse_reminders([*load_config().reminder_specs(), *reminder_specs])
    path = None
    if output != "-":
        path = Path(output).expanduser() if output else ctx.app.root / DEFAULT_FILE
        try:
            if path.is_dir():
                raise BadInput(f"{path} is a folder: give a file name, e.g. "
                               f"{path / DEFAULT_FILE}")
            if output and not path.parent.is_dir():
                raise BadInput(f"the folder {path.parent} does not exist")
            refuse_foreign(path, lambda head: head.startswith(b"BEGIN:VCALENDAR")
                           and b"credtrack" in head, force, "calendar")
        except (OSError, ValueError) as exc:  # a name too long, a NUL byte
            raise BadInput(f"{str(path)[:80]!r} is not a usable file name "
                           f"({getattr(exc, 'strerror', None) or 'invalid'})") from None
    try:
        from credtrack.cli.common import Progress

        with Progress("Deadlines of each provider") as bar:
            data, count = render(ctx.app, as_of or today(), provider_id, everyone, reminders,
                                 include_identifiers, progress=bar)
    except OSError as exc:  # the calendar state file (or its lock) could not be written
        from credtrack.fsio import StorageError, storage_error

        if isinstance(exc, StorageError):
            raise
        raise storage_error(exc, ctx.app.root / "calendar-state.json") from None
    if path is None:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(data.decode())
        else:
            stream.write(data)
            stream.flush()
        return
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise CredtrackError(f"cannot write {path}: {exc.strerror or exc}") from None
    click.echo(f"wrote {count} deadline{'' if count == 1 else 's'} to {path}", err=True)


@ical.command("serve")
@click.option("--host", default=None, metavar="ADDRESS",
              help="Listen on this address (default: 127.0.0.1). Anything but loopback shares "
                   "the calendar with the network, without a password.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="TCP port (0: any free port).")
@calendar_options
@pass_ctx
def serve(ctx, host, port, as_of, provider_id, everyone, include_identifiers, reminder_specs):
    """Serve the calendar for a calendar app to subscribe to (read-only; Ctrl+C stops).

    The calendar is rebuilt on every request, so the app sees changes when it refreshes.
    """
    import threading

    from credtrack import calendar

    host = listen_address(host)
    from credtrack.config import load as load_config

    reminders = calendar.parse_reminders([*load_config().reminder_specs(), *reminder_specs])
    selection(ctx.app, provider_id, everyone)  # a wrong --provider fails now, not per request
    lock = threading.Lock()

    def body() -> bytes:
        with lock:
            return render(ctx.app, as_of or today(), provider_id, everyone, reminders,
                          include_identifiers)[0]

    server = make_server(host, port, body)
    where = f"[{host}]" if ":" in host else host
    url = f"{where}:{server.server_address[1]}/{DEFAULT_FILE}"
    click.echo(f"serving http://{url} (subscribe to webcal://{url}); Ctrl+C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("credtrack: stopped", err=True)
    finally:
        server.server_close()


COMMANDS = (ical,)
