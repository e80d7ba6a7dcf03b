"""ical serve: HTTP/1.1 with ETag / Last-Modified and 304, a feed rendered only when the data
changes, a token for the LAN, and a server that idle or vanishing clients cannot wear down."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from email.utils import format_datetime

import pytest

from conftest import BIN, assert_clean_error
from credtrack import calendar as C
from credtrack.cli import ical as ical_cli
from credtrack.errors import BadInput
from credtrack.demo import sample_pdf
from test_calendar import NOW, SAMPLE, events, practice  # noqa: F401 (a fixture)


class Source:
    """A feed whose data the test changes: renders are counted."""

    def __init__(self):
        self.version = 0
        self.deadlines = list(SAMPLE)
        self.state: dict = {}

    def render(self):
        rendered = C.render(self.deadlines, self.state, NOW)
        self.state = rendered.state
        return rendered


@pytest.fixture
def served():
    servers = []

    def start(token: str = "", **limits):
        source = Source()
        cache = ical_cli.FeedCache(source.render, lambda: source.version)
        log: list[str] = []
        server = ical_cli.make_server("127.0.0.1", 0, cache.get, log.append, token=token,
                                      **limits)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return server, source, cache, log

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(5)


def get(server, path="/credtrack.ics", method="GET", headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp, data


def test_serve_answers_get_with_text_calendar(served):
    server, _, cache, _ = served()
    host, port = server.server_address[:2]
    assert host == "127.0.0.1"
    for path in ("/credtrack.ics", "/", "/credtrack.ics?x=1"):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as resp:
            assert resp.status == 200 and resp.version == 11  # HTTP/1.1
            assert resp.headers["Content-Type"].startswith("text/calendar")
            assert len(events(resp.read())) == len(SAMPLE)
    assert cache.renders == 1  # the data did not change: rendered once


def test_etag_and_last_modified_give_304_until_the_data_changes(served):
    server, source, cache, _ = served()
    first, body = get(server)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('W/"') and modified == format_datetime(NOW, usegmt=True)
    again, empty = get(server, headers={"If-None-Match": etag})
    assert again.status == 304 and empty == b"" and again.headers["ETag"] == etag
    since, _ = get(server, headers={"If-Modified-Since": modified})
    assert since.status == 304
    head, nothing = get(server, method="HEAD")
    assert head.status == 200 and nothing == b"" and int(head.headers["Content-Length"]) == \
        len(body)
    assert cache.renders == 1

    source.deadlines = source.deadlines[1:]  # a deadline goes: a new calendar
    source.version += 1
    changed, new_body = get(server, headers={"If-None-Match": etag})
    assert changed.status == 200 and changed.headers["ETag"] != etag
    assert new_body != body and cache.renders == 2
    old_since, _ = get(server, headers={"If-Modified-Since": modified})
    assert old_since.status == 200  # Last-Modified moved on too


@pytest.mark.parametrize("method,path,host,code", [
    ("POST", "/credtrack.ics", None, 405),
    ("PUT", "/credtrack.ics", None, 405),
    ("DELETE", "/", None, 405),
    ("GET", "/other", None, 404),
    ("GET", "/credtrack.ics", "attacker.example", 403),  # DNS rebinding
    ("GET", "/credtrack.ics", "localhost:5232", 200),
])
def test_serve_is_read_only(served, method, path, host, code):
    server, _, _, _ = served()
    resp, _ = get(server, path, method, {"Host": host} if host else {},
                  b"x" if method in ("POST", "PUT") else None)
    assert resp.status == code
    if code == 405:
        assert resp.headers["Allow"] == "GET, HEAD"


def test_a_token_guards_the_feed(served):
    token = "s3cret-token-0123456789"
    server, _, _, log = served(token=token)
    for path in ("/credtrack.ics", "/", f"/{token}x/credtrack.ics", "/wrong/credtrack.ics"):
        assert get(server, path)[0].status == 404, path
    resp, body = get(server, f"/{token}/credtrack.ics")
    assert resp.status == 200 and len(events(body)) == len(SAMPLE)
    assert log and not any(token in line for line in log)  # the secret stays out of the log


def test_request_lines_are_escaped_in_the_log(served):
    server, _, _, log = served()
    with socket.create_connection(server.server_address[:2], timeout=5) as s:
        s.sendall(b"GET /\x1b]0;PWNED\x07 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        s.recv(4096)
    deadline = time.monotonic() + 5
    while not log and time.monotonic() < deadline:
        time.sleep(0.05)
    assert log
    assert not any("\x1b" in line or "\x07" in line for line in log)
    assert any("\\x1b]0;PWNED\\x07" in line for line in log)


def test_idle_half_sent_requests_do_not_hold_threads(served):
    server, _, _, _ = served(max_connections=8, request_seconds=1.0)
    before = threading.active_count()
    idle = []
    for _ in range(400):
        s = socket.create_connection(server.server_address[:2], timeout=5)
        s.sendall(b"GET /credtrack.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        idle.append(s)
    time.sleep(0.3)
    try:
        assert threading.active_count() - before <= 8  # bounded, not one thread per client
        time.sleep(1.6)  # past the time a request may take: the idle ones are cut off
        resp, body = get(server)
        assert resp.status == 200 and len(events(body)) == len(SAMPLE)
    finally:
        for s in idle:
            s.close()


def test_dropped_connections_print_no_tracebacks(served, capfd):
    server, _, _, log = served()
    for _ in range(50):  # ask, then hang up before the answer is read (reset, not a FIN)
        s = socket.create_connection(server.server_address[:2], timeout=5)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.sendall(b"GET /credtrack.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        s.close()
    time.sleep(0.5)
    resp, _ = get(server)
    assert resp.status == 200
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenPipe" not in err and "ConnectionReset" not in err
    assert not any("internal error" in line for line in log)


def test_keep_alive_serves_two_requests_on_one_connection(served):
    server, _, _, _ = served()
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    conn.request("GET", "/credtrack.ics")
    first = conn.getresponse()
    etag = first.headers["ETag"]
    first.read()
    conn.request("GET", "/credtrack.ics", headers={"If-None-Match": etag})
    second = conn.getresponse()
    assert second.status == 304 and second.read() == b""
    conn.close()


# -- the command ------------------------------------------------------------------------------

def _start(home, *args):
    proc = subprocess.Popen([str(BIN / "credtrack"), "ical", "serve", "--port", "0", *args],
                            stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "CREDTRACK_HOME": str(home)})
    line = proc.stderr.readline()
    return proc, line


def _stop(proc):
    proc.terminate()
    proc.wait(10)
    proc.stderr.close()
    proc.stdout.close()


def test_serve_command_end_to_end(practice, home, cli):
    proc, line = _start(home)
    try:
        match = re.search(r"http://127\.0\.0\.1:(\d+)/credtrack\.ics", line)
        assert match, line
        with urllib.request.urlopen(match.group(0), timeout=10) as resp:
            assert resp.headers["Content-Type"] == "text/calendar; charset=utf-8"
            etag = resp.headers["ETag"]
            assert len(events(resp.read())) == 5
        request = urllib.request.Request(match.group(0), headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(request, timeout=10)
        assert info.value.code == 304
        # the data changes (a new CPR card): the next poll gets the new calendar
        cpr = home.parent / "cpr.pdf"
        cpr.write_bytes(sample_pdf("cpr", ["x"]))
        assert cli("doc", "add", "cpr", cpr, "--expires", "2027-05-01").code == 0
        with urllib.request.urlopen(request, timeout=10) as resp:
            assert resp.status == 200 and resp.headers["ETag"] != etag
            assert len(events(resp.read())) == 6
    finally:
        _stop(proc)


def test_serve_with_a_token_keeps_its_url(practice, home):
    proc, line = _start(home, "--token")
    _stop(proc)
    match = re.search(r"http://127\.0\.0\.1:\d+/([A-Za-z0-9_-]{20,})/credtrack\.ics", line)
    assert match, line
    assert (home / "serve-token").read_text().strip() == match.group(1)
    proc, again = _start(home, "--token")
    _stop(proc)
    assert match.group(1) in again  # the subscription survives a restart
    proc, renewed = _start(home, "--new-token")
    _stop(proc)
    assert match.group(1) not in renewed


def test_a_served_feed_survives_a_state_that_cannot_be_saved(practice, app, monkeypatch):
    """What a read-only data dir does to the state file: the feed is still served."""
    from credtrack import fsio as store
    from credtrack.calservice import CalendarRequest

    real = store.atomic_write_bytes

    def refuse(path, data, *args, **kw):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(store, "atomic_write_bytes", refuse)
    rendered = app.calendar(CalendarRequest(datetime(2026, 11, 22).date()), strict=False)
    assert len(events(rendered.data())) == 5
    monkeypatch.setattr(store, "atomic_write_bytes", real)
    assert not (app.root / "calendar-state.json").exists()


def test_serve_refuses_a_non_loopback_address_without_a_token(cli, practice, monkeypatch):
    result = cli("ical", "serve", "--host", "0.0.0.0", "--port", "0")
    assert_clean_error(result, 2)
    assert "--token" in result.err
    monkeypatch.setenv("CREDTRACK_ICAL_HOST", "0.0.0.0")
    result = cli("ical", "serve", "--port", "0")
    assert_clean_error(result, 2)
    assert "--host 0.0.0.0" in result.err
    monkeypatch.setenv("CREDTRACK_ICAL_HOST", "192.168.1.20")
    assert_clean_error(cli("ical", "serve"), 2)


def test_listen_address_rules(monkeypatch, capsys):
    monkeypatch.delenv("CREDTRACK_ICAL_HOST", raising=False)
    assert ical_cli.listen_address(None) == "127.0.0.1"
    monkeypatch.setenv("CREDTRACK_ICAL_HOST", "::1")
    assert ical_cli.listen_address(None) == "::1"
    monkeypatch.setenv("CREDTRACK_ICAL_HOST", "example.org")
    with pytest.raises(BadInput):
        ical_cli.listen_address(None)
    with pytest.raises(BadInput):
        ical_cli.listen_address("0.0.0.0", token=False)
    assert ical_cli.listen_address("0.0.0.0", token=True) == "0.0.0.0"
    assert "with its token" in capsys.readouterr().err


def test_a_request_sent_one_byte_at_a_time_is_cut_off(served):
    """Each byte comes before the per-read timeout; the whole request still gets its time."""
    server, _, _, _ = served(request_seconds=1.0)
    s = socket.create_connection(server.server_address[:2], timeout=5)
    started = time.monotonic()
    cut = False
    try:
        for byte in b"GET /credtrack.ics HTTP/1.1\r\nX-Slow: " + b"a" * 40:
            s.sendall(bytes([byte]))
            time.sleep(0.1)
            if time.monotonic() - started > 3:
                break
    except OSError:
        cut = True
    if not cut:
        s.settimeout(2)
        try:
            cut = s.recv(1) == b""
        except OSError:
            cut = True
    s.close()
    assert cut and time.monotonic() - started < 3.5
