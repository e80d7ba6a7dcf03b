"""ical export, serve and push: every deadline on the therapist's phone, as iCalendar.

The calendar is made by the service (``Credtrack.calendar``: planned by ``credtrack.calexport``,
rendered by ``credtrack.calendar``, which loads icalendar; imported here only inside the
commands). This module parses options, writes standard output and runs the feed's HTTP server.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import click

from credtrack.calexport import DEFAULT_FILE
from credtrack.cli.common import DATE, pass_ctx, today, warn
from credtrack.errors import BadInput, CredtrackError
from credtrack.values import record

DEFAULT_PORT = 5232
HOST_ENV = "CREDTRACK_ICAL_HOST"
MAX_CONNECTIONS = 32  # requests served at once; more are answered 503 at once
REQUEST_SECONDS = 10.0  # the longest a client may take to send a request (or idle between two)


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


def listen_address(host: str | None, token: bool = True) -> str:
    """Loopback unless --host names another address (which needs a token in the URL); the
    environment cannot widen it."""
    if host is not None:
        if not host.strip():
            raise BadInput("--host needs an address")
        if not _is_loopback(host):
            if not token:
                raise BadInput(f"--host {host.strip()[:60]} shares the calendar with the "
                               "network: add --token so that only a URL with the secret token "
                               "can read it")
            warn(f"serving on {host.strip()[:60]}: anyone who has the URL with its token can "
                 "read the calendar (no TLS)")
        return host.strip()
    env = os.environ.get(HOST_ENV, "").strip()
    if env and not _is_loopback(env):
        raise BadInput(f"{HOST_ENV}={env[:60]} is not a loopback address; to serve the calendar "
                       f"beyond this machine, pass --host {env[:60]} --token explicitly")
    return env or "127.0.0.1"


def _header_host(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


def printable(text: str, limit: int = 300) -> str:
    """A client's text as it may reach a terminal or a log: control characters escaped."""
    out = "".join(c if c.isprintable() else (f"\\x{ord(c):02x}" if ord(c) < 256
                                             else f"\\u{ord(c):04x}") for c in text[:limit])
    return out + ("..." if len(text) > limit else "")


@record
class Feed:
    data: bytes
    etag: str  # weak: two renders that differ only in DTSTAMP are the same calendar
    modified: datetime


class FeedCache:
    """The rendered feed, kept until the data it is made from changes (``key()``)."""

    def __init__(self, render: Callable[[], object], key: Callable[[], object]):
        self._render, self._key = render, key
        self._lock = threading.Lock()
        self._feed: Feed | None = None
        self._at: object = None
        self.renders = 0

    def get(self) -> Feed:
        import hashlib

        with self._lock:
            key = self._key()
            if self._feed is not None and key == self._at:
                return self._feed
            rendered = self._render()
            self.renders += 1
            digest = hashlib.sha256(
                "".join(f"{uid}:{e['hash']}:{e['sequence']}\n" for uid, e in
                        sorted(rendered.state.items())).encode()).hexdigest()[:32]
            etag = f'W/"{digest}"'
            old = self._feed
            if old is not None and old.etag == etag:
                self._at = key
                return old  # the same calendar: same bytes, same validators
            stamps = [e["modified"] for e in rendered.state.values()]
            modified = datetime.strptime(max(stamps), "%Y%m%dT%H%M%SZ").replace(
                tzinfo=timezone.utc) if stamps else datetime.now(timezone.utc)
            if old is not None and modified <= old.modified:  # something left the feed
                modified = datetime.now(timezone.utc).replace(microsecond=0)
            self._feed, self._at = Feed(rendered.data(), etag, modified), key
            return self._feed


def _not_modified(headers, feed: Feed) -> bool:
    """RFC 9110: If-None-Match (weak comparison) wins over If-Modified-Since."""
    from email.utils import parsedate_to_datetime

    inm = headers.get("If-None-Match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or feed.etag.removeprefix("W/") in tags
    ims = headers.get("If-Modified-Since")
    if ims:
        try:
            when = parsedate_to_datetime(ims)
        except (TypeError, ValueError, IndexError):
            return False
        if when.tzinfo is None:
            return False
        return feed.modified <= when
    return False


def make_server(host: str, port: int, feed: Callable[[], Feed],
                log: Callable[[str], None] | None = None, token: str = "",
                max_connections: int = MAX_CONNECTIONS,
                request_seconds: float = REQUEST_SECONDS):
    """A read-only HTTP/1.1 server answering GET and HEAD of ``/credtrack.ics`` (and ``/``),
    under ``/<token>/`` when a token is given, with ``feed()``; conditional requests get 304.
    At most ``max_connections`` at once, each given ``request_seconds`` per request."""
    import socket
    from http.server import ThreadingHTTPServer

    log = log or (lambda line: click.echo(f"credtrack: {line}", err=True))
    handler = _handler(feed, log, token, _is_loopback(host), request_seconds)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

        def __init__(self, *args):
            super().__init__(*args)
            self.slots = threading.BoundedSemaphore(max_connections)
            self.active: dict = {}
            self.watch = threading.Thread(target=self._watch, daemon=True)
            self.watch.start()

        def process_request(self, request, client_address):
            if not self.slots.acquire(blocking=False):
                try:  # full: say so at once instead of queueing a thread
                    request.settimeout(1)
                    request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\n"
                                    b"Content-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass
                self.shutdown_request(request)
                return
            try:
                super().process_request(request, client_address)
            except BaseException:
                self.slots.release()
                raise

        def process_request_thread(self, request, client_address):
            try:
                super().process_request_thread(request, client_address)
            finally:
                self.slots.release()

        def handle_error(self, request, client_address):
            exc = sys.exc_info()[1]
            if isinstance(exc, OSError):  # a client that went away or timed out: not news
                return
            log(f"internal error: {type(exc).__name__}")

        def _watch(self):  # end connections that overstay their time (half-sent requests)
            while True:
                time.sleep(min(0.5, request_seconds / 4))
                now = time.monotonic()
                for conn, deadline in list(self.active.items()):
                    if now > deadline:
                        try:
                            conn.shutdown(socket.SHUT_RDWR)
                        except OSError:
                            pass

    try:
        return Server((host.strip("[]"), port), handler)
    except OSError as exc:
        raise CredtrackError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _respond(handler, head: bool, allowed: bool, loopback: bool, feed: Callable[[], Feed],
             log: Callable[[str], None]) -> None:
    """Answer one GET or HEAD: 404 off the feed's paths, 403 to a rebinding web page, else the
    feed (304 when the client's copy is current)."""
    from email.utils import format_datetime

    if not allowed:
        return handler._plain(404, "not found", head)
    if loopback and not _is_loopback(_header_host(handler.headers.get("Host", ""))):
        # a web page that rebinds its DNS name to 127.0.0.1 must not read the calendar
        return handler._plain(403, "forbidden: this calendar is served to this machine only",
                              head)
    try:
        current = feed()
    except CredtrackError as exc:
        log(printable(f"error: {exc.message}"))
        return handler._plain(500, "the calendar could not be built", head)
    except Exception as exc:  # keep serving; the next request may succeed
        log(f"internal error: {type(exc).__name__}")
        return handler._plain(500, "the calendar could not be built", head)
    validators = {"ETag": current.etag,
                  "Last_Modified": format_datetime(current.modified, usegmt=True),
                  "Cache_Control": "no-cache"}
    if _not_modified(handler.headers, current):
        return handler._send(304, b"", head, **validators)
    handler._send(200, current.data, head, Content_Type="text/calendar; charset=utf-8",
                  Content_Disposition=f'inline; filename="{DEFAULT_FILE}"', **validators)


def _handler(feed: Callable[[], Feed], log: Callable[[str], None], token: str, loopback: bool,
             request_seconds: float):
    import hmac
    from http.server import BaseHTTPRequestHandler
    from urllib.parse import urlsplit

    prefix = f"/{token}" if token else ""
    paths = (prefix + "/", prefix + "/" + DEFAULT_FILE)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = request_seconds  # each read; the server's watch bounds the whole request

        def version_string(self) -> str:
            return "credtrack"

        def setup(self):
            super().setup()
            self.server.active[self.connection] = time.monotonic() + request_seconds

        def finish(self):
            self.server.active.pop(self.connection, None)
            try:
                super().finish()
            except OSError:
                pass

        def handle_one_request(self):
            self.server.active[self.connection] = time.monotonic() + request_seconds
            super().handle_one_request()

        def log_message(self, format, *args):  # noqa: A002 (the stdlib's name)
            text = format % args
            if token:
                text = text.replace(token, "<token>")
            log(printable(f"{self.client_address[0]} {text}"))

        def _send(self, code: int, body: bytes, head: bool, **headers: str) -> None:
            self.send_response(code)
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            if code != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head and code != 304:
                self.wfile.write(body)

        def _plain(self, code: int, text: str, head: bool = False, **headers: str) -> None:
            self._send(code, (text + "\n").encode(), head,
                       Content_Type="text/plain; charset=utf-8", **headers)

        def _allowed(self, path: str) -> bool:
            if not token:
                return path in paths
            return any(hmac.compare_digest(path.encode(), p.encode()) for p in paths)

        def _answer(self, head: bool) -> None:
            _respond(self, head, self._allowed(urlsplit(self.path).path), loopback, feed, log)

        def do_GET(self):
            self._answer(False)

        def do_HEAD(self):
            self._answer(True)

        def _refuse(self):
            self._plain(405, "read-only: only GET and HEAD", Allow="GET, HEAD")

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_PROPFIND = _refuse

    return Handler


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
        click.option("--overdue-every", metavar="DAYS", default=None,
                     help="A to-do's alarm rings on its due date and then every DAYS days "
                          "until it is done (default: 1, daily; 'none': no to-do alarm)."),
    )):
        f = option(f)
    return f


def _request(as_of, provider_id, everyone, include_identifiers, reminder_specs, overdue_every):
    """The service's CalendarRequest (``as_of`` None: today, read again per request when
    serving)."""
    from credtrack import calendar
    from credtrack.calservice import CalendarRequest

    from credtrack.config import load as load_config

    specs = [*load_config().reminder_specs(), *reminder_specs]  # the config's, then the options
    return CalendarRequest(as_of or today(), provider_id, everyone,
                           calendar.parse_reminders(specs), include_identifiers,
                           calendar.parse_overdue_every(overdue_every))


@click.group()
def ical():
    """Deadlines as an iCalendar file, feed or CalDAV calendar for a phone or calendar app.

    One all-day event per deadline, with reminders, and a to-do per deadline that stays open
    (with a daily alarm once it is due) until the thing is done. No NPI, TIN, birth date,
    license or reference number is included unless --include-identifiers is given.
    """


@ical.command("export")
@click.option("-o", "--output", metavar="FILE",
              help=f"Write here; '-' for standard output (default: <data dir>/{DEFAULT_FILE}).")
@click.option("--force", is_flag=True, help="Replace FILE even if it is not a credtrack calendar.")
@calendar_options
@pass_ctx
def export(ctx, output, as_of, provider_id, everyone, include_identifiers, reminder_specs,
           overdue_every, force):
    """Write the calendar to a file (atomically, readable only by you). An existing file is
    replaced only if it is an earlier credtrack calendar (or with --force)."""
    from credtrack.fsio import refuse_foreign

    req = _request(as_of, provider_id, everyone, include_identifiers, reminder_specs,
                   overdue_every)
    if output == "-":
        rendered = ctx.app.calendar(req, strict=False)
        stream = getattr(sys.stdout, "buffer", None)
        data = rendered.data()
        if stream is None:
            sys.stdout.write(data.decode())
        else:
            stream.write(data)
            stream.flush()
        return
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
    path, count = ctx.app.export_calendar(req, path)
    click.echo(f"wrote {count} deadline{'' if count == 1 else 's'} to {path}", err=True)


@ical.command("serve")
@click.option("--host", default=None, metavar="ADDRESS",
              help="Listen on this address (default: 127.0.0.1). Anything but loopback needs "
                   "--token.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="TCP port (0: any free port).")
@click.option("--token", "use_token", is_flag=True,
              help="Serve under a secret token in the URL (/TOKEN/credtrack.ics), kept in the "
                   "data dir so the subscription URL stays the same; --new-token replaces it.")
@click.option("--new-token", is_flag=True, help="Make a new token (the old URL stops working).")
@calendar_options
@pass_ctx
def serve(ctx, host, port, use_token, new_token, as_of, provider_id, everyone,
          include_identifiers, reminder_specs, overdue_every):
    """Serve the calendar for a calendar app to subscribe to (read-only; Ctrl+C stops).

    The feed is rendered again only when the data changes (or the day does); apps that send
    If-None-Match or If-Modified-Since get 304 Not Modified when nothing changed.
    """
    use_token = use_token or new_token
    host = listen_address(host, use_token)
    _request(as_of, provider_id, everyone, include_identifiers, reminder_specs, overdue_every)
    ctx.app.calendar_selection(provider_id, everyone)  # a wrong --provider fails now
    token = ctx.app.serve_token(new=new_token) if use_token else ""

    def render():
        return ctx.app.calendar(_request(as_of, provider_id, everyone, include_identifiers,
                                         reminder_specs, overdue_every), strict=False)

    cache = FeedCache(render, lambda: (as_of or today(), ctx.app.calendar_fingerprint()))
    server = make_server(host, port, cache.get, token=token)
    where = f"[{host}]" if ":" in host else host
    url = f"{where}:{server.server_address[1]}{'/' + token if token else ''}/{DEFAULT_FILE}"
    click.echo(f"serving http://{url} (subscribe to webcal://{url}); Ctrl+C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("credtrack: stopped", err=True)
    finally:
        server.server_close()


@ical.command("push")
@click.argument("url", required=False)
@click.option("--force", is_flag=True,
              help="Overwrite objects changed on the server since the last push.")
@calendar_options
@pass_ctx
def push(ctx, url, force, as_of, provider_id, everyone, include_identifiers, reminder_specs,
         overdue_every):
    """Send the calendar to a CalDAV calendar (Radicale, Nextcloud, Fastmail, iCloud...).

    Creates, updates and deletes exactly what changed since the last push, one object per
    event and to-do. URL is the calendar collection (default: 'url' in the [caldav] section of
    <data dir>/caldav.toml). The user name is 'username' there; the password is 'password'
    there (the file must then be private) or, better, in the system keyring:
    keyring set credtrack-caldav USERNAME. Never on the command line.
    """
    req = _request(as_of, provider_id, everyone, include_identifiers, reminder_specs,
                   overdue_every)
    result = ctx.app.push_calendar(req, url, force=force)
    if result.error:
        sent = result.created + result.updated + result.deleted
        raise CredtrackError(result.error + (f" ({sent} changes sent before it are recorded: "
                                             "push again)" if sent else ""))
    click.echo(f"pushed to {result.url}: {result.summary()}", err=True)
    if result.conflicts:
        sys.exit(1)


COMMANDS = (ical,)
