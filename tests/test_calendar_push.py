"""ical push against a real Radicale (CalDAV server) on 127.0.0.1, with a temp storage folder and
a password: every request the server gets is counted, and what it stores is read back."""

from __future__ import annotations

import collections
import os
import threading
from datetime import date
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import caldav
import icalendar
import pytest

from conftest import assert_clean_error
from credtrack.demo import sample_pdf

USER, PASSWORD = "dana", "correct horse battery staple"
TODAY = "2026-11-22"


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Threading(ThreadingMixIn, WSGIServer):
    daemon_threads = True

    def get_request(self):  # answer at once (no Nagle delay between headers and body)
        import socket

        conn, addr = super().get_request()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn, addr


@pytest.fixture(scope="module")
def radicale_server(tmp_path_factory):
    """A Radicale on a free loopback port for this module: (base URL, counts of methods)."""
    import radicale as R
    from radicale import config

    tmp = tmp_path_factory.mktemp("radicale")
    users = tmp / "users"
    users.write_text(f"{USER}:{PASSWORD}\n")
    conf = tmp / "radicale.conf"
    conf.write_text(f"""[auth]
type = htpasswd
htpasswd_filename = {users}
htpasswd_encryption = plain
delay = 0.01
[storage]
filesystem_folder = {tmp / "collections"}
[rights]
type = owner_only
[logging]
level = error
""")
    app = R.Application(config.load(config.parse_compound_paths(str(conf))))
    counts: collections.Counter = collections.Counter()

    def counting(environ, start_response):
        counts[environ["REQUEST_METHOD"]] += 1
        return app(environ, start_response)

    server = make_server("127.0.0.1", 0, counting, server_class=_Threading,
                         handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", counts
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def radicale(radicale_server, request):
    """A new, empty calendar collection on the server: (its URL, counts of methods)."""
    import hashlib

    base, counts = radicale_server
    cal_id = hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:12]
    client = caldav.DAVClient(url=base + "/", username=USER, password=PASSWORD)
    client.principal().make_calendar(name="credtrack", cal_id=cal_id)
    counts.clear()
    return f"{base}/{USER}/{cal_id}/", counts


def read_back(url: str) -> dict[str, icalendar.Component]:
    """Every component on the server, by UID: a PROPFIND for the collection's members, then a
    GET of each (what a sync client does)."""
    from urllib.parse import urljoin

    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    members = [r.href for r in client.propfind(url, depth=1).parse_propfind()
               if r.href.endswith(".ics")]
    out = {}
    for href in members:
        response = client.request(urljoin(url, href))
        assert response.status == 200
        for comp in icalendar.Calendar.from_ical(response._raw).walk():
            if comp.name in ("VEVENT", "VTODO"):
                out[str(comp["UID"])] = comp
    return out


def configure(home: Path, url: str, password: str | None = PASSWORD) -> None:
    home.mkdir(parents=True, exist_ok=True)
    text = f'[caldav]\nurl = "{url}"\nusername = "{USER}"\n'
    if password is not None:
        text += f'password = "{password}"\n'
    (home / "caldav.toml").write_text(text)
    os.chmod(home / "caldav.toml", 0o600)


@pytest.fixture
def maine(cli, home, tmp_path, monkeypatch):
    """A therapist with one Maine license (no CE, so one deadline per license date) and a CPR
    card."""
    monkeypatch.setenv("CREDTRACK_TODAY", TODAY)
    assert cli("init", "--name", "Sam Lee", "--npi", "1234567893").code == 0
    lic = cli("license", "add", "--state", "ME", "--number", "ME12345", "--issued",
              "2025-10-01", "--expires", "2027-03-01").out.split()[0]
    cpr = tmp_path / "cpr.pdf"
    cpr.write_bytes(sample_pdf("cpr", ["x"]))
    doc = cli("doc", "add", "cpr", cpr, "--expires", "2027-05-01", "--json").json()["id"]
    kinds = sorted(d["kind"] for d in cli("status", "--json").json()["deadlines"])
    assert kinds == ["document-expiry", "license-renewal"], kinds
    return {"license": lic, "doc": doc}


def kinds_on(server: dict) -> list[tuple[str, str, str]]:
    return sorted((comp.name, str(comp.categories[-1] if hasattr(comp, "categories") else ""),
                   str(comp["STATUS"])) for comp in server.values())


def test_push_creates_updates_and_deletes_exactly_what_changed(cli, home, maine, radicale):
    url, counts = radicale
    configure(home, url)
    result = cli("ical", "push")
    assert result.code == 0, result.err
    assert "4 created, 0 updated, 0 deleted" in result.err
    assert counts["PUT"] == 4  # two deadlines: an event and a to-do each
    server = read_back(url)
    assert len(server) == 4
    renewal = next(c for c in server.values() if c.name == "VEVENT"
                   and "license-renewal" in [str(x) for x in c.categories])
    assert renewal.decoded("DTSTART") == date(2027, 3, 1)
    assert "1234567893" not in str(renewal.to_ical()) and "ME12345" not in str(renewal.to_ical())

    counts.clear()
    result = cli("ical", "push")  # nothing changed: nothing sent
    assert result.code == 0 and "0 created, 0 updated, 0 deleted, 4 unchanged" in result.err
    assert counts["PUT"] == 0 and counts["DELETE"] == 0

    # one license date moves: its event and its to-do are updated, nothing else
    assert cli("license", "edit", maine["license"], "--expires", "2027-04-01").code == 0
    counts.clear()
    result = cli("ical", "push")
    assert result.code == 0, result.err
    assert counts["PUT"] == 2 and counts["DELETE"] == 0
    after = read_back(url)
    assert set(after) == set(server)
    moved = after[str(renewal["UID"])]
    assert moved.decoded("DTSTART") == date(2027, 4, 1) and int(moved["SEQUENCE"]) == 1
    todo = next(c for c in after.values() if c.name == "VTODO"
                and "license-renewal" in [str(x) for x in c.categories])
    assert todo.decoded("DUE") == date(2027, 4, 1)

    # the CPR card is removed: its event and its to-do go from the server
    assert cli("doc", "remove", maine["doc"], "--yes").code == 0
    counts.clear()
    result = cli("ical", "push")
    assert result.code == 0, result.err
    assert counts["DELETE"] == 2 and counts["PUT"] == 0
    left = read_back(url)
    assert len(left) == 2
    assert not any("document-expiry" in [str(x) for x in c.categories] for c in left.values())


def test_a_renewal_completes_the_todo_on_the_server(cli, home, maine, radicale):
    url, counts = radicale
    configure(home, url)
    assert cli("ical", "push").code == 0
    todo_uid = next(u for u, c in read_back(url).items() if c.name == "VTODO"
                    and "license-renewal" in [str(x) for x in c.categories])
    assert cli("license", "renew", maine["license"], "--expires", "2028-03-01").code == 0
    counts.clear()
    assert cli("ical", "push").code == 0
    server = read_back(url)
    assert str(server[todo_uid]["STATUS"]) == "COMPLETED"
    # the event moved, the old to-do is done, a new one is open: three PUTs
    assert counts["PUT"] == 3
    open_ = [c for c in server.values() if c.name == "VTODO" and str(c["STATUS"]) ==
             "NEEDS-ACTION" and "license-renewal" in [str(x) for x in c.categories]]
    assert [c.decoded("DUE") for c in open_] == [date(2028, 3, 1)]


def test_an_object_changed_on_the_server_is_left_alone(cli, home, maine, radicale):
    url, counts = radicale
    configure(home, url)
    assert cli("ical", "push").code == 0
    from urllib.parse import urljoin

    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    uid = next(u for u, c in read_back(url).items() if c.name == "VTODO"
               and "license-renewal" in [str(x) for x in c.categories])
    href = urljoin(url, uid + ".ics")
    body = client.request(href)._raw.replace(b"STATUS:NEEDS-ACTION", b"STATUS:IN-PROCESS")
    assert client.put(href, body, {"Content-Type": "text/calendar"}).status in (201, 204)
    assert cli("license", "edit", maine["license"], "--expires", "2027-04-01").code == 0
    result = cli("ical", "push")
    assert result.code == 1 and "1 changed on the server" in result.err
    assert str(read_back(url)[uid]["STATUS"]) == "IN-PROCESS"  # its ETag moved: not overwritten
    result = cli("ical", "push", "--force")
    assert result.code == 0, result.err
    assert read_back(url)[uid].decoded("DUE") == date(2027, 4, 1)


def test_the_password_can_come_from_the_keyring(cli, home, maine, radicale, monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1
        asked: list = []

        def get_password(self, service, username):
            self.asked.append((service, username))
            return PASSWORD if (service, username) == ("credtrack-caldav", USER) else None

        def set_password(self, service, username, password):
            raise NotImplementedError

        def delete_password(self, service, username):
            raise NotImplementedError

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        url, counts = radicale
        configure(home, url, password=None)
        result = cli("ical", "push", url)
        assert result.code == 0, result.err
        assert counts["PUT"] == 4 and Memory.asked == [("credtrack-caldav", USER)]
    finally:
        keyring.set_keyring(previous)


def test_wrong_credentials_and_bad_urls_are_one_line(cli, home, maine, radicale):
    url, counts = radicale
    configure(home, url, password="wrong")
    result = cli("ical", "push")
    assert_clean_error(result, 1)
    assert "refused the user name or password" in result.err and "wrong" not in result.err
    assert counts["PUT"] == 0
    assert not (home / "calendar-state.json").exists() or "pushed" not in \
        (home / "calendar-state.json").read_text() or counts["PUT"] == 0
    for bad in ("ftp://example.org/cal", f"http://{USER}:pw@127.0.0.1/cal", "not a url"):
        result = cli("ical", "push", bad)
        assert_clean_error(result, 2)
        assert "pw" not in result.err.replace("password", "")
    # credentials configured for one server are not sent to another
    other = url.replace("127.0.0.1", "localhost")
    result = cli("ical", "push", other)
    assert result.code == 1 and "refused the user name or password" in result.err


def test_a_readable_config_with_a_password_is_refused(cli, home, maine, radicale):
    url, counts = radicale
    configure(home, url)
    os.chmod(home / "caldav.toml", 0o644)
    result = cli("ical", "push")
    assert_clean_error(result, 2)
    assert "chmod 600" in result.err and counts["PUT"] == 0


def test_push_needs_a_url(cli, home, maine):
    result = cli("ical", "push")
    assert_clean_error(result, 2)
    assert "caldav.toml" in result.err


def test_an_unreachable_server_is_one_line(cli, home, maine):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = cli("ical", "push", f"http://127.0.0.1:{port}/dana/credtrack/")
    assert_clean_error(result, 1)
    assert "cannot reach the CalDAV server" in result.err
