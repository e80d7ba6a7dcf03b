"""iCalendar export: parsed back by icalendar and vobject, imported into khal, served over HTTP."""

from __future__ import annotations

import http.client
import os
import re
import stat
import subprocess
import sys
import threading
import urllib.request
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
import vobject

from conftest import BIN, assert_clean_error
from credtrack import calendar as C
from credtrack.calservice import CalendarRequest
from credtrack.cli import ical as ical_cli
from credtrack.compliance import Deadline
from credtrack.errors import BadInput
from credtrack.demo import sample_pdf

GOLDEN = Path(__file__).parent / "golden"
TODAY = "2026-11-22"
NPI, TIN, CAQH_ID, BIRTH = "1234567893", "47-1826395", "87654321", "1985-03-14"
LICENSE_NO, REF_NO, CONTACT = "MA98765", "REF-55512", "Pat Smith"
NOW = datetime(2026, 11, 22, 15, 0, tzinfo=timezone.utc)


# -- helpers ----------------------------------------------------------------------------------

def unfold(data: bytes) -> str:
    """The text with RFC 5545 line folding undone (a folded value can hide a number)."""
    return re.sub(r"\r\n[ \t]", "", data.decode())


def without_dtstamp(data: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:X", data)


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def todos(data: bytes) -> dict[str, icalendar.Todo]:
    return {str(t["UID"]): t for t in icalendar.Calendar.from_ical(data).walk("VTODO")}


def by_kind(data: bytes, kind: str, component: str = "VEVENT") -> icalendar.Event:
    found = [e for e in icalendar.Calendar.from_ical(data).walk(component)
             if kind in [str(c) for c in e.categories]]
    assert len(found) == 1, (kind, len(found))
    return found[0]


def export(cli, path: Path, *args: str) -> bytes:
    result = cli("ical", "export", "-o", path, *args)
    assert result.code == 0, result.err
    assert result.out == ""
    return path.read_bytes()


def deadlines_of(cli) -> list[dict]:
    return cli("status", "--json").json()["deadlines"]


@pytest.fixture
def practice(cli, tmp_path, monkeypatch):
    """One therapist with every kind of personal identifier and four kinds of deadline."""
    monkeypatch.setenv("CREDTRACK_TODAY", TODAY)
    ids = {}

    def run(*args):
        result = cli(*args)
        assert result.code == 0, (args, result.err)
        return result

    run("init", "--name", "Dana Reyes", "--npi", NPI, "--tin", TIN, "--caqh-id", CAQH_ID,
        "--birth-date", BIRTH)
    ids["license"] = run("license", "add", "--state", "FL", "--number", LICENSE_NO,
                         "--issued", "2025-10-01").out.split()[0]
    coi = tmp_path / "coi.pdf"
    coi.write_bytes(sample_pdf("coi", ["x"]))
    run("doc", "add", "liability-coi", coi, "--expires", "2027-03-01",
        "--limits", "1000000/3000000")
    run("caqh", "attest", "--date", "2026-10-01")
    ids["app"] = run("apply", "uhc",  # UHC states a 36-month recredentialing cycle
                      "--date", "2026-10-20", "--json").json()["id"]
    run("app", "status", ids["app"], "submitted", "--date", "2026-11-01")
    run("followup", "add", ids["app"], "--date", "2026-11-15", "--ref", REF_NO,
        "--contact", CONTACT)
    kinds = sorted(d["kind"] for d in deadlines_of(cli))
    assert kinds == ["caqh-attestation", "ce-due", "document-expiry", "follow-up",
                     "license-renewal"], kinds
    return ids


def dl(when: str, kind: str, subject: str, title: str, overdue: bool = False,
       provider: str = "dana-reyes") -> Deadline:
    return Deadline(date.fromisoformat(when), kind, title, provider, subject,
                    f"the rule for {kind}", f"https://example.org/{kind}", overdue)


SAMPLE = [
    dl("2027-08-31", "license-renewal", "lic-aaaaaa", "Renew Florida license"),
    dl("2027-08-31", "ce-due", "lic-aaaaaa", "Florida CE due: 24 h"),
    dl("2027-03-01", "document-expiry", "doc-bbbbbb", "Liability insurance certificate expires"),
    dl("2027-01-29", "caqh-attestation", "att-cccccc", "Re-attest CAQH ProView"),
    dl("2026-11-29", "follow-up", "app-dddddd", "Call Cigna about the application"),
    dl("2029-11-01", "recredentialing", "app-eeeeee", "Recredential with Aetna"),
    dl("2026-11-01", "document-expiry", "doc-ffffff", "CPR certification expires", overdue=True),
]


# -- 1. parses with two parsers, one event per deadline, reminders per kind -------------------

def test_export_parses_with_icalendar_and_vobject(cli, practice, home, tmp_path):
    out = tmp_path / "dana.ics"
    data = export(cli, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "calendar-state.json").stat().st_mode) == 0o600
    expected = deadlines_of(cli)

    evs = events(data)
    assert len(evs) == len(expected)
    for d in expected:
        ev = by_kind(data, d["kind"])
        assert ev.decoded("DTSTART") == date.fromisoformat(d["date"])
        assert ev.decoded("DTEND") == date.fromisoformat(d["date"]) + timedelta(days=1)
        assert str(ev["SUMMARY"]) == d["title"]
        text = str(ev["DESCRIPTION"])
        assert "What to do: " in text and d["rule"] in text and d["source"] in text
        assert [str(c) for c in ev.categories] == ["credtrack", d["kind"]]
        assert int(ev["SEQUENCE"]) == 0 and str(ev["STATUS"]) == "CONFIRMED"

    def ladder(kind):
        return [a.decoded("TRIGGER") for a in by_kind(data, kind).walk("VALARM")]

    at_nine = timedelta(hours=9)
    assert ladder("license-renewal") == [timedelta(days=-n) + at_nine for n in (90, 30, 7)]
    assert ladder("caqh-attestation") == [timedelta(days=-n) + at_nine for n in (15, 10, 5)]
    assert ladder("follow-up") == [at_nine]  # on the day, 09:00
    assert b"TRIGGER;RELATED=START:-P89DT15H" in data and b"TRIGGER;RELATED=START:PT9H" in data

    # every deadline needs the user to do something: each is also a to-do, due that day
    todos = icalendar.Calendar.from_ical(data).walk("VTODO")
    assert len(todos) == len(expected)
    for d in expected:
        todo = by_kind(data, d["kind"], "VTODO")
        assert todo.decoded("DUE") == date.fromisoformat(d["date"])
        assert str(todo["STATUS"]) == "NEEDS-ACTION" and str(todo["SUMMARY"]) == d["title"]
        assert str(todo["UID"]) != str(by_kind(data, d["kind"])["UID"])
        [alarm] = todo.walk("VALARM")  # on the due day at 09:00, then daily until done
        assert alarm.decoded("TRIGGER") == timedelta(hours=9)
        assert alarm["TRIGGER"].params["RELATED"] == "END"
        assert alarm.decoded("DURATION") == timedelta(days=1) and int(alarm["REPEAT"]) == 365

    # a second, independent parser
    cal = vobject.readOne(data.decode())
    assert sorted((e.dtstart.value.isoformat(), e.summary.value) for e in cal.vevent_list) == \
        sorted((d["date"], d["title"]) for d in expected)
    assert len({e.uid.value for e in cal.vevent_list} | {t.uid.value for t in cal.vtodo_list}) \
        == 2 * len(expected)
    assert sorted(t.due.value.isoformat() for t in cal.vtodo_list) == \
        sorted(d["date"] for d in expected)
    assert all(e.valarm_list for e in cal.vevent_list)


def test_stdout_export_is_pure_ics(cli, practice):
    result = cli("ical", "export", "-o", "-")
    assert result.code == 0 and result.err == ""
    assert result.out.startswith("BEGIN:VCALENDAR\r\n")
    assert result.out.endswith("END:VCALENDAR\r\n")
    assert len(events(result.out.encode())) == 5


def test_default_file_is_in_the_data_dir(cli, practice, home):
    result = cli("ical", "export")
    assert result.code == 0, result.err
    assert str(home / "credtrack.ics") in result.err and "5 deadlines" in result.err
    assert stat.S_IMODE((home / "credtrack.ics").stat().st_mode) == 0o600


# -- khal: a real calendar program ------------------------------------------------------------

KHAL_CONFIG = """\
[calendars]
[[credtrack]]
path = {vdir}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC

[default]
default_calendar = credtrack

[sqlite]
path = {db}
"""


def test_khal_imports_one_event_per_deadline_and_updates(cli, practice, tmp_path):
    base = tmp_path / "khal"
    (base / "vdir").mkdir(parents=True)
    config = base / "config"
    config.write_text(KHAL_CONFIG.format(vdir=base / "vdir", db=base / "khal.db"))
    env = {**os.environ, "XDG_CONFIG_HOME": str(base), "XDG_DATA_HOME": str(base),
           "TZ": "UTC"}

    def khal(*args: str) -> str:
        proc = subprocess.run([str(Path(sys.executable).parent / "khal"), "-c", str(config),
                               "--no-color", *args], capture_output=True, text=True, env=env,
                              timeout=60)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def listed() -> list[tuple[str, str, str]]:
        out = khal("list", "--format", "{start-date}|{uid}|{title}", "--day-format", "",
                   "2026-01-01", "2031-12-31")
        return sorted(tuple(line.split("|")) for line in out.splitlines() if "|" in line)

    ics = tmp_path / "dana.ics"
    data = export(cli, ics)
    khal("import", "--batch", str(ics))
    expected = sorted((d["date"], str(by_kind(data, d["kind"])["UID"]), d["title"])
                      for d in deadlines_of(cli))
    assert listed() == expected  # one event per deadline, on its date (the VTODO is not an event)
    renewal = next(d for d in deadlines_of(cli) if d["kind"] == "license-renewal")
    assert renewal["title"] in khal("at", renewal["date"], "12:00")

    # the license moves: importing again updates the same events instead of adding new ones
    assert cli("license", "edit", practice["license"], "--expires", "2027-09-30").code == 0
    export(cli, ics)
    khal("import", "--batch", str(ics))
    after = listed()
    assert len(after) == len(expected)
    assert {uid for _, uid, _ in after} == {uid for _, uid, _ in expected}
    assert ("2027-09-30", str(by_kind(data, "license-renewal")["UID"]), renewal["title"]) in after
    assert renewal["title"] not in khal("at", renewal["date"], "12:00")


# -- 2. repeatable: byte-identical apart from DTSTAMP, stable UIDs -----------------------------

def test_two_exports_differ_only_in_dtstamp(cli, practice, tmp_path):
    first = export(cli, tmp_path / "a.ics")
    second = export(cli, tmp_path / "b.ics")
    assert without_dtstamp(first) == without_dtstamp(second)
    assert list(events(first)) == list(events(second))
    assert b"DTSTAMP:" in first and first.count(b"BEGIN:VEVENT") == 5


def test_unrelated_change_keeps_every_other_event(cli, practice, tmp_path):
    before = export(cli, tmp_path / "a.ics")
    cpr = tmp_path / "cpr.pdf"
    cpr.write_bytes(sample_pdf("cpr", ["x"]))
    assert cli("doc", "add", "cpr", cpr, "--expires", "2027-05-01").code == 0
    assert cli("ce", "add", "--hours", "2", "--subject", "ethics", "--completed",
               "2026-11-01").code == 0
    after = export(cli, tmp_path / "b.ics")
    old, new = events(before), events(after)
    assert set(old) < set(new) and len(new) == len(old) + 1
    for uid, ev in old.items():
        if "ce-due" not in [str(c) for c in ev.categories]:  # CE progress is related
            assert without_dtstamp(new[uid].to_ical()) == without_dtstamp(ev.to_ical()), uid
    added = next(ev for uid, ev in new.items() if uid not in old)
    assert int(added["SEQUENCE"]) == 0 and added.decoded("DTSTART") == date(2027, 5, 1)


# -- 3. a moved date moves its event and raises its SEQUENCE ----------------------------------

def test_moving_a_license_expiry_moves_its_event(cli, practice, tmp_path):
    before = events(export(cli, tmp_path / "a.ics"))
    assert cli("license", "edit", practice["license"], "--expires", "2027-09-30").code == 0
    after_data = export(cli, tmp_path / "b.ics")
    after = events(after_data)
    assert set(after) == set(before)
    renewal = by_kind(after_data, "license-renewal")
    uid = str(renewal["UID"])
    assert before[uid].decoded("DTSTART") == date(2027, 8, 31)
    assert renewal.decoded("DTSTART") == date(2027, 9, 30)
    assert int(renewal["SEQUENCE"]) == 1
    for other in ("document-expiry", "caqh-attestation", "follow-up"):
        ev = by_kind(after_data, other)
        assert int(ev["SEQUENCE"]) == 0
        assert ev.decoded("DTSTART") == before[str(ev["UID"])].decoded("DTSTART")
        assert ev["LAST-MODIFIED"].to_ical() == before[str(ev["UID"])]["LAST-MODIFIED"].to_ical()


def test_sequence_and_last_modified_follow_the_state():
    data1, state1 = C.build(SAMPLE, {}, NOW)
    later = NOW + timedelta(days=3)
    data2, state2 = C.build(SAMPLE, state1, later)
    assert state2 == state1  # nothing changed: nothing to write
    assert without_dtstamp(data1) == without_dtstamp(data2)
    moved = [dl("2027-09-30", "license-renewal", "lic-aaaaaa", "Renew Florida license"),
             *SAMPLE[1:]]
    data3, state3 = C.build(moved, state2, later)
    uid = C.uid_for(SAMPLE[0].identity)
    ev = events(data3)[uid]
    assert int(ev["SEQUENCE"]) == 1 and ev.decoded("LAST-MODIFIED") == later
    assert state3[uid]["date"] == "2027-09-30"
    for other in SAMPLE[1:]:
        o = events(data3)[C.uid_for(other.identity)]
        assert int(o["SEQUENCE"]) == 0 and o.decoded("LAST-MODIFIED") == NOW


def test_uid_comes_from_identity_not_date_or_title():
    a = dl("2027-08-31", "license-renewal", "lic-aaaaaa", "Renew Florida license")
    b = dl("2029-08-31", "license-renewal", "lic-aaaaaa", "Renew the FL license")
    assert C.uid_for(a.identity) == C.uid_for(b.identity)
    assert C.uid_for(a.identity) != C.uid_for(a.identity, "todo")
    assert re.fullmatch(r"[0-9a-f]{24}@credtrack", C.uid_for(a.identity))


def test_two_deadlines_with_one_identity_get_two_uids():
    twin = dl("2027-02-01", "caqh-attestation", "att-cccccc", "Re-attest CAQH ProView")
    data, state = C.build([SAMPLE[3], twin], {}, NOW)
    assert len(events(data)) == 2 and len(todos(data)) == 2 and len(state) == 4
    assert without_dtstamp(C.build([twin, SAMPLE[3]], {}, NOW)[0]) == without_dtstamp(data)


# -- a deadline that disappears is cancelled for one cycle ------------------------------------

def test_decided_application_is_cancelled_then_dropped(cli, practice, app, tmp_path):
    first = export(cli, tmp_path / "a.ics")
    follow_uid = str(by_kind(first, "follow-up")["UID"])
    todo_uid = str(by_kind(first, "follow-up", "VTODO")["UID"])
    assert cli("app", "status", practice["app"], "approved", "--date", "2026-11-20").code == 0
    second = export(cli, tmp_path / "b.ics")
    cancelled = events(second)[follow_uid]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    assert not cancelled.walk("VALARM")
    todo = todos(second)[todo_uid]  # the application is still there: the call is no longer owed
    assert str(todo["STATUS"]) == "COMPLETED" and int(todo["SEQUENCE"]) == 1
    assert int(todo["PERCENT-COMPLETE"]) == 100 and not todo.walk("VALARM")
    assert by_kind(second, "recredentialing").decoded("DTSTART") > date(2029, 1, 1)
    # the tombstone stays for the cycle (every subscribed device sees it), unchanged
    assert export(cli, tmp_path / "c.ics") == second
    # ...and is gone after it
    later = datetime.now(timezone.utc) + C.CANCELLED_KEPT + timedelta(days=1)
    data = app.calendar(CalendarRequest(date.fromisoformat(TODAY)), now=later).data()
    assert follow_uid not in events(data) and todo_uid not in todos(data)


def test_a_deadline_that_comes_back_is_confirmed_again():
    _, state = C.build(SAMPLE, {}, NOW)
    _, state = C.build(SAMPLE[1:], state, NOW + timedelta(days=1))
    uid = C.uid_for(SAMPLE[0].identity)
    assert state[uid]["status"] == "CANCELLED" and state[uid]["sequence"] == 1
    data, state = C.build(SAMPLE, state, NOW + timedelta(days=2))
    assert str(events(data)[uid]["STATUS"]) == "CONFIRMED" and state[uid]["sequence"] == 2


def test_export_targets_keep_separate_state(cli, practice, tmp_path):
    assert cli("init", "--name", "Sam Lee").code == 0  # becomes the current provider
    mine = export(cli, tmp_path / "a.ics", "--provider", "dana-reyes")
    everyone = export(cli, tmp_path / "b.ics", "--all")
    again = export(cli, tmp_path / "c.ics", "--provider", "dana-reyes")
    assert without_dtstamp(mine) == without_dtstamp(again)  # --all did not touch its state
    assert b"CANCELLED" not in again + everyone
    assert all(str(e["SUMMARY"]).startswith("Dana Reyes: ") for e in events(everyone).values())
    assert not any(str(e["SUMMARY"]).startswith("Dana") for e in events(mine).values())
    sam = export(cli, tmp_path / "d.ics")  # the current provider: no deadlines yet
    assert b"BEGIN:VEVENT" not in sam and b"BEGIN:VCALENDAR" in sam


# -- 4. no personal data unless asked ---------------------------------------------------------

SECRETS = (NPI, TIN, TIN.replace("-", ""), CAQH_ID, BIRTH, LICENSE_NO, REF_NO, CONTACT)


def test_no_identifiers_in_the_default_export(cli, practice, home, tmp_path):
    data = export(cli, tmp_path / "a.ics")
    text = unfold(data)
    for secret in SECRETS:
        assert secret.encode() not in data and secret not in text, secret
    state = (home / "calendar-state.json").read_text()
    for secret in SECRETS:
        assert secret not in state, secret
    assert "Dana Reyes" in text  # a display name is not an identifier


def test_include_identifiers_opts_in(cli, practice, tmp_path):
    text = unfold(export(cli, tmp_path / "a.ics", "--include-identifiers"))
    for wanted in (f"NPI: {NPI}", f"FL license number: {LICENSE_NO}", REF_NO,
                   f"CAQH ProView ID: {CAQH_ID}"):
        assert wanted in text, wanted
    for never in (TIN, TIN.replace("-", ""), BIRTH, CONTACT):
        assert never not in text, never


def test_identifiers_in_plugin_text_are_redacted():
    leaky = Deadline(date(2027, 1, 1), "license-renewal", f"Renew license {LICENSE_NO}",
                     "dana-reyes", "lic-aaaaaa", f"NPI {NPI} on file", "")
    data, state = C.build([leaky], {}, NOW, redact=[LICENSE_NO, NPI, ""])
    text = unfold(data)
    assert LICENSE_NO not in text and NPI not in text and "[redacted]" in text
    assert LICENSE_NO not in str(state)


# -- overdue, reminders, golden file ----------------------------------------------------------

def test_overdue_deadlines_are_exported_without_alarms():
    data, _ = C.build(SAMPLE, {}, NOW)
    ev = events(data)[C.uid_for(SAMPLE[-1].identity)]
    assert str(ev["SUMMARY"]) == "Overdue: CPR certification expires"
    assert ev.decoded("DTSTART") == date(2026, 11, 1) and not ev.walk("VALARM")
    assert "Overdue: this was due on 2026-11-01." in str(ev["DESCRIPTION"])


def test_reminders_are_configurable(cli, practice, tmp_path):
    data = export(cli, tmp_path / "a.ics", "--reminders", "license-renewal=14,60",
                  "--reminders", "ce-due=none", "--reminders", "follow-up=1,0")

    def triggers(kind):
        return [a.decoded("TRIGGER") for a in by_kind(data, kind).walk("VALARM")]

    assert triggers("license-renewal") == [timedelta(days=-60, hours=9),
                                           timedelta(days=-14, hours=9)]
    assert triggers("ce-due") == []
    assert triggers("follow-up") == [timedelta(days=-1, hours=9), timedelta(hours=9)]
    assert len(triggers("caqh-attestation")) == 3  # untouched kinds keep their defaults


@pytest.mark.parametrize("spec,needle", [
    ("license-renewal", "KIND=DAYS"),
    ("renewal=30", "unknown deadline kind"),
    ("ce-due=30,soon", "whole numbers"),
    ("ce-due=-5", "whole numbers"),
    ("ce-due=9999", "from 0 to 730"),
])
def test_bad_reminders_are_clean_errors(cli, practice, spec, needle):
    result = cli("ical", "export", "-o", "-", "--reminders", spec)
    assert_clean_error(result, 2)
    assert needle in result.err and result.out == ""


def test_parse_reminders_defaults():
    ladders = C.parse_reminders([])
    assert ladders["license-renewal"] == (90, 30, 7)
    assert ladders["caqh-attestation"] == (15, 10, 5)
    assert ladders["follow-up"] == (0,)
    assert ladders["recredentialing"] == (120, 90, 30)
    with pytest.raises(BadInput):
        C.parse_reminders(["=3"])


def test_bad_export_arguments_are_clean_errors(cli, practice, tmp_path):
    assert_clean_error(cli("ical", "export", "--all", "--provider", "dana-reyes"), 2)
    assert_clean_error(cli("ical", "export", "-o", tmp_path / "missing" / "x.ics"), 2)
    assert_clean_error(cli("ical", "export", "-o", tmp_path), 2)
    assert_clean_error(cli("ical", "export", "--provider", "nobody"), 2)


def test_golden_calendar():
    previous = {C.uid_for("dana-reyes|follow-up|app-gone"): {
        "type": "event", "date": "2026-12-01", "summary": "Call Aetna about the application",
        "kind": "follow-up", "status": "CONFIRMED", "hash": "0", "sequence": 2,
        "modified": "20261101T120000Z"}}
    data, _ = C.build(SAMPLE, previous, NOW, names={"dana-reyes": "Dana Reyes"})
    golden = GOLDEN / "calendar.ics"
    if os.environ.get("CREDTRACK_UPDATE_GOLDEN"):
        golden.write_bytes(data)
    assert without_dtstamp(data) == without_dtstamp(golden.read_bytes())
    assert len(vobject.readOne(data.decode()).vevent_list) == len(SAMPLE) + 1


def test_ical_help_does_not_import_icalendar(home):
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "credtrack", "ical",
                           "export", "--help"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CREDTRACK_HOME": str(home)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| icalendar" not in proc.stderr and "| vobject" not in proc.stderr


def test_recurring_deadlines_keep_their_uid_across_new_records(cli, tmp_path):
    """A new COI or a new CAQH attestation moves the same event instead of making another."""
    cli("init", "--name", "Dana Reyes")
    coi = tmp_path / "coi.pdf"
    coi.write_bytes(sample_pdf("coi", ["x"]))
    cli("doc", "add", "liability-coi", coi, "--expires", "2027-01-31")
    cli("caqh", "attest", "--date", "2026-09-01")

    def uids():
        data = cli("ical", "export", "-o", "-", "--as-of", "2026-11-22").out
        cal = icalendar.Calendar.from_ical(data)
        return {str(e["CATEGORIES"].cats[-1]): (str(e["UID"]), e["DTSTART"].dt.isoformat())
                for e in cal.walk("VEVENT")}

    before = uids()
    coi2 = tmp_path / "coi2.pdf"
    coi2.write_bytes(sample_pdf("coi renewed", ["x"]))
    cli("doc", "add", "liability-coi", coi2, "--expires", "2028-01-31")
    cli("caqh", "attest", "--date", "2026-11-20")
    after = uids()
    for kind in ("document-expiry", "caqh-attestation"):
        assert after[kind][0] == before[kind][0]
        assert after[kind][1] != before[kind][1]


# -- to-dos: open until the thing is done, loud once overdue ----------------------------------

def only(items: dict, kind: str):
    found = [c for c in items.values() if kind in [str(x) for x in c.categories]]
    assert len(found) == 1, (kind, len(found))
    return found[0]


def test_an_overdue_renewal_is_a_todo_with_an_alarm_until_renewed(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CREDTRACK_TODAY", TODAY)
    assert cli("init", "--name", "Dana Reyes").code == 0
    lic = cli("license", "add", "--state", "FL", "--number", LICENSE_NO, "--issued", "2023-09-01",
              "--expires", "2025-08-31").out.split()[0]
    first = export(cli, tmp_path / "a.ics")
    todo = only(todos(first), "license-renewal")
    uid = str(todo["UID"])
    assert todo.decoded("DUE") == date(2025, 8, 31) and str(todo["STATUS"]) == "NEEDS-ACTION"
    [alarm] = todo.walk("VALARM")
    # daily from the due date, at 09:00: 2025-08-31 is 448 days before 2026-11-22, so the
    # repeats reach a year past the first block (365 * (1 + (448 + 30) // 365) = 730 days)
    assert alarm.decoded("TRIGGER") == timedelta(hours=9)
    assert alarm.decoded("DURATION") == timedelta(days=1) and int(alarm["REPEAT"]) == 730
    event = only(events(first), "license-renewal")
    assert str(event["SUMMARY"]).startswith("Overdue: ") and not event.walk("VALARM")

    assert cli("license", "renew", lic, "--expires", "2027-08-31").code == 0
    second = export(cli, tmp_path / "b.ics")
    done = todos(second)[uid]  # the same to-do, now done
    assert str(done["STATUS"]) == "COMPLETED" and int(done["PERCENT-COMPLETE"]) == 100
    assert int(done["SEQUENCE"]) == 1 and not done.walk("VALARM")
    assert done.decoded("COMPLETED") == done.decoded("LAST-MODIFIED")
    fresh = [t for u, t in todos(second).items() if u != uid
             and "license-renewal" in [str(c) for c in t.categories]]
    assert [t.decoded("DUE") for t in fresh] == [date(2027, 8, 31)]
    assert str(fresh[0]["STATUS"]) == "NEEDS-ACTION"
    # the event is the same deadline, moved
    assert only(events(second), "license-renewal").decoded("DTSTART") == date(2027, 8, 31)
    assert str(only(events(second), "license-renewal")["UID"]) == str(event["UID"])


def test_a_corrected_date_moves_the_same_todo(cli, practice, tmp_path):
    before = only(todos(export(cli, tmp_path / "a.ics")), "license-renewal")
    assert cli("license", "edit", practice["license"], "--expires", "2027-09-30").code == 0
    after = todos(export(cli, tmp_path / "b.ics"))[str(before["UID"])]
    assert after.decoded("DUE") == date(2027, 9, 30) and str(after["STATUS"]) == "NEEDS-ACTION"
    assert int(after["SEQUENCE"]) == 1


def test_a_logged_call_completes_the_follow_up_todo(cli, practice, tmp_path):
    before = only(todos(export(cli, tmp_path / "a.ics")), "follow-up")
    assert cli("followup", "add", practice["app"], "--date", "2026-11-22").code == 0
    after = export(cli, tmp_path / "b.ics")
    assert str(todos(after)[str(before["UID"])]["STATUS"]) == "COMPLETED"
    open_ = [t for t in todos(after).values() if str(t["STATUS"]) == "NEEDS-ACTION"
             and "follow-up" in [str(c) for c in t.categories]]
    assert len(open_) == 1 and open_[0].decoded("DUE") > before.decoded("DUE")


def test_a_replaced_document_completes_and_a_removed_one_cancels(cli, practice, tmp_path):
    coi = only(todos(export(cli, tmp_path / "a.ics")), "document-expiry")
    new = tmp_path / "coi2.pdf"
    new.write_bytes(sample_pdf("coi renewed again", ["x"]))
    doc = cli("doc", "add", "liability-coi", new, "--expires", "2028-03-01", "--json").json()
    second = export(cli, tmp_path / "b.ics")
    assert str(todos(second)[str(coi["UID"])]["STATUS"]) == "COMPLETED"
    replacement = next(t for t in todos(second).values() if str(t["STATUS"]) == "NEEDS-ACTION"
                       and "document-expiry" in [str(c) for c in t.categories])
    assert cli("doc", "remove", doc["id"], "--yes").code == 0
    third = todos(export(cli, tmp_path / "c.ics"))
    assert str(third[str(replacement["UID"])]["STATUS"]) == "CANCELLED"  # removed, not done
    assert str(third[str(coi["UID"])]["STATUS"]) == "NEEDS-ACTION"  # the old one is due again


def test_overdue_alarms_are_configurable(cli, practice, tmp_path):
    weekly = only(todos(export(cli, tmp_path / "a.ics", "--overdue-every", "7")), "ce-due")
    [alarm] = weekly.walk("VALARM")
    assert alarm.decoded("DURATION") == timedelta(days=7) and int(alarm["REPEAT"]) == 365 // 7
    quiet = only(todos(export(cli, tmp_path / "b.ics", "--overdue-every", "none")), "ce-due")
    assert not quiet.walk("VALARM")
    result = cli("ical", "export", "-o", "-", "--overdue-every", "often")
    assert_clean_error(result, 2)
    assert "--overdue-every" in result.err and result.out == ""


# -- only changed components are serialised; the cached bytes are the same bytes -------------

def test_an_export_serialises_only_what_changed(cli, practice, home, tmp_path, monkeypatch):
    calls = []
    real = C._component
    monkeypatch.setattr(C, "_component", lambda *a: calls.append(a[0]["uid"]) or real(*a))
    first = export(cli, tmp_path / "a.ics")
    assert len(calls) == 10  # five deadlines, an event and a to-do each
    calls.clear()
    assert export(cli, tmp_path / "b.ics") == first  # nothing changed: not one serialised
    assert calls == []
    assert cli("license", "edit", practice["license"], "--expires", "2027-09-30").code == 0
    moved = export(cli, tmp_path / "c.ics")
    # the license's renewal and its CE deadline moved (FL CE is due with the license): their
    # events and to-dos, four components, and nothing else
    assert len(calls) == 4 and len(set(calls)) == 4
    for cache in (home / "cache" / "calendar").iterdir():
        cache.unlink()  # without the cache every component is serialised: the same bytes
    calls.clear()
    assert export(cli, tmp_path / "d.ics") == moved and len(calls) == 10


def test_a_damaged_cache_is_not_used(cli, practice, home, tmp_path):
    first = export(cli, tmp_path / "a.ics")
    [cache] = (home / "cache" / "calendar").iterdir()
    raw = cache.read_bytes()
    cache.write_bytes(raw.replace(b"Renew Florida license", b"Renew Florida lic3nse"))
    assert export(cli, tmp_path / "b.ics") == first


def test_identifiers_are_never_cached(cli, practice, home, tmp_path):
    export(cli, tmp_path / "a.ics", "--include-identifiers")
    folder = home / "cache" / "calendar"
    for path in folder.iterdir() if folder.exists() else ():
        raw = path.read_bytes()
        assert LICENSE_NO.encode() not in raw and NPI.encode() not in raw
    assert LICENSE_NO not in (home / "calendar-state.json").read_text()


def test_a_practice_export_reads_only_providers_that_changed(cli, practice, home, tmp_path,
                                                             monkeypatch):
    from credtrack.service import Credtrack

    assert cli("init", "--name", "Sam Lee").code == 0
    lic = cli("license", "add", "--state", "ME", "--number", "ME12345", "--issued",
              "2025-10-01", "--expires", "2027-03-01").out.split()[0]
    evaluated = []
    real = Credtrack._evaluate
    monkeypatch.setattr(Credtrack, "_evaluate", lambda self, records, as_of: (
        evaluated.append(records.provider.id), real(self, records, as_of))[1])
    first = export(cli, tmp_path / "a.ics", "--all")
    assert sorted(evaluated) == ["dana-reyes", "sam-lee"]
    evaluated.clear()
    assert export(cli, tmp_path / "b.ics", "--all") == first and evaluated == []
    assert cli("license", "edit", lic, "--provider", "sam-lee", "--expires",
               "2027-04-01").code == 0
    evaluated.clear()
    moved = export(cli, tmp_path / "c.ics", "--all")
    assert evaluated == ["sam-lee"]
    assert only(events(moved), "document-expiry").decoded(
        "DTSTART") == date(2027, 3, 1)  # Dana's, untouched
    sam = [e for e in events(moved).values() if str(e["SUMMARY"]).startswith("Sam Lee: ")]
    assert [e.decoded("DTSTART") for e in sam] == [date(2027, 4, 1)]
    for cache in (home / "cache" / "calendar").iterdir():
        cache.unlink()
    evaluated.clear()
    assert export(cli, tmp_path / "d.ics", "--all") == moved  # from scratch: the same bytes
    assert sorted(evaluated) == ["dana-reyes", "sam-lee"]
    assert cli("provider", "remove", "sam-lee", "--yes").code == 0
    gone = events(export(cli, tmp_path / "e.ics", "--all"))
    assert all(str(gone[str(e["UID"])]["STATUS"]) == "CANCELLED" for e in sam)


def test_no_patient_data_in_a_calendar(cli, tmp_path, monkeypatch):
    """A case's deadlines carry the client's label (the user's own pseudonym, 'shown in
    calendars'), never the name, member id, diagnosis or referring provider, even where a
    deadline's text would contain them."""
    monkeypatch.setenv("CREDTRACK_TODAY", TODAY)
    assert cli("init", "--name", "Dana Reyes").code == 0
    result = cli("case", "add", "--client", "JD-7", "--payer", "aetna", "--dx", "M54.50",
                 "--referring-name", "Dr Alan Grant", "--referring-npi", "1245319599",
                 "--visits", "12", "--start", "2026-11-01", "--end", "2026-12-15",
                 "--client-name", "Jane Doe", "--member-id", "W123456789",
                 "--no-phi-protection")
    assert result.code == 0, result.err
    text = unfold(export(cli, tmp_path / "a.ics"))
    assert "JD-7: prescription expires" in text
    for secret in ("Jane Doe", "W123456789", "M54.50", "Alan Grant", "1245319599"):
        assert secret not in text, secret
    leaky = Deadline(date(2027, 1, 1), "re-referral", "Jane Doe (W123456789): call Dr Alan Grant",
                     "dana-reyes", "case-x", "rule", "")
    from credtrack.calexport import private_values
    from credtrack.service import Credtrack

    values = private_values(Credtrack().records())
    data, _ = C.build([leaky], {}, NOW, redact=values)
    assert "Jane Doe" not in unfold(data) and "Alan Grant" not in unfold(data)
