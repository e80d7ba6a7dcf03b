"""Issue 22: the change log and `credtrack history`, the same for both stores."""

from __future__ import annotations

import os
import stat

from conftest import assert_clean_error
from credtrack.demo import sample_pdf

PER_STORE = True  # every test here runs against the file store, then PostgreSQL


def _seed(cli) -> str:
    assert cli("init", "--name", "Dana Reyes", "--tin", "123456789").code == 0
    return cli("license", "add", "--state", "FL", "--number", "MA43221", "--issued",
               "2025-10-01", "--json").json()["id"]


def test_every_change_is_logged_with_field_names_only(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("CREDTRACK_USER", "Alex Kim")
    lic = _seed(cli)
    cli("license", "edit", lic, "--number", "MA55555", "--expires", "2027-08-31")
    cli("license", "renew", lic, "--expires", "2029-08-31")
    pdf = tmp_path / "w9.pdf"
    pdf.write_bytes(sample_pdf("w9", [os.urandom(32).hex()]))
    doc = cli("doc", "add", "w9", pdf, "--json").json()["id"]
    cli("doc", "remove", doc, "--yes")
    cli("provider", "edit", "--email", "dana@example.org")
    got = [(c["who"], c["action"], c["kind"], c["record"], c["fields"])
           for c in cli("history", "--json").json()]
    assert got == [
        ("Alex Kim", "add", "provider", "dana-reyes",
         ["id", "name", "provider_type", "taxonomy", "tin"]),
        ("Alex Kim", "add", "license", lic, ["id", "issued", "number", "state"]),
        ("Alex Kim", "edit", "license", lic, ["expires", "number"]),
        ("Alex Kim", "edit", "license", lic, ["expires", "renewals"]),
        ("Alex Kim", "add", "document", doc,
         ["added", "added_at", "id", "kind", "media_type", "original_name", "sha256", "size",
          "vault_path"]),
        ("Alex Kim", "remove", "document", doc, []),
        ("Alex Kim", "edit", "provider", "dana-reyes", ["email"]),
    ]
    text = cli("history").out + cli("history", "--json").out
    for value in ("123456789", "MA43221", "MA55555", "dana@example.org", "2029-08-31"):
        assert value not in text  # field names, never values


def test_history_reads_the_last_changes_and_a_refused_command_logs_nothing(cli):
    lic = _seed(cli)
    before = cli("history", "--json").json()
    assert_clean_error(cli("license", "edit", lic, "--expires", "2020-01-01"), 2)
    assert cli("history", "--json").json() == before
    assert [c["action"] for c in cli("history", "--limit", "1", "--json").json()] == ["add"]
    assert cli("history", "--limit", "1", "--json").json()[0]["kind"] == "license"


def test_removing_a_provider_logs_its_records(cli):
    lic = _seed(cli)
    cli("provider", "add", "--name", "Sam Okafor")
    assert cli("provider", "remove", "dana-reyes", "--yes").code == 0
    gone = [(c["action"], c["kind"], c["record"])
            for c in cli("history", "--provider", "dana-reyes", "--json").json()
            if c["action"] == "remove"]
    assert sorted(gone) == [("remove", "license", lic), ("remove", "provider", "dana-reyes")]


def test_the_file_stores_log_is_private(app, home):
    from credtrack.models import Provider

    app.add_provider(Provider("x", "Dana Reyes"))
    app.add_license(None, "FL", "MA43221")
    log = home / "changes.jsonl"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert len(log.read_bytes().splitlines()) == 2
    assert b"MA43221" not in log.read_bytes()


def _entries(home) -> list[bytes]:
    return (home / "changes.jsonl").read_bytes().splitlines()


def test_the_file_stores_log_grows_by_appending_and_is_trimmed(app, home, monkeypatch):
    """A write adds its own line to the plaintext log, leaving every earlier byte and the file
    where they were; past LOG_KEPT + LOG_SLACK entries the log is rewritten with the newest
    LOG_KEPT."""
    from datetime import date

    from credtrack import history
    from credtrack.models import Provider

    monkeypatch.setattr(history, "LOG_KEPT", 5)
    monkeypatch.setattr(history, "LOG_SLACK", 2)
    app.add_provider(Provider("x", "Dana Reyes"))  # one entry: the provider
    log = home / "changes.jsonl"
    counts, records = [1], []
    for i in range(8):
        before, inode = log.read_bytes(), log.stat().st_ino
        records.append(app.add_ce(None, 1, "general", date(2026, 1, 1), course=f"c{i}").id)
        counts.append(len(_entries(home)))
        if counts[-1] == counts[-2] + 1:  # appended: the earlier bytes and the file stay
            assert log.read_bytes().startswith(before) and log.stat().st_ino == inode
        else:
            assert log.stat().st_ino != inode  # rewritten whole, atomically
    # 1 entry, then 2 ... 7 (= LOG_KEPT 5 + LOG_SLACK 2); the 7th credit would make 8 > 7, so
    # the log is rewritten with the newest 5; the 8th is appended again
    assert counts == [1, 2, 3, 4, 5, 6, 7, 5, 6]
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert [c["record"] for c in app.store.history()] == records[-6:]


def test_a_log_line_cut_short_stays_on_its_own(app, home):
    from datetime import date

    from credtrack.models import Provider

    app.add_provider(Provider("x", "Dana Reyes"))
    log = home / "changes.jsonl"
    with open(log, "ab") as f:
        f.write(b'{"at": "2026-12-01T10:00:00+00:00", "who": "a crash')  # no newline
    app.add_ce(None, 1, "general", date(2026, 1, 1), course="after")
    lines = _entries(home)
    assert lines[-2].endswith(b"a crash") and lines[-1].startswith(b'{"at"')
    kinds = [c["kind"] for c in app.store.history()]
    assert kinds == ["provider", "ce"]  # the torn line is skipped, the new entry kept whole


def test_the_undo_log_keeps_a_change_written_after_a_torn_line(app, home):
    """The undo log grows the same way (fsio.append_private): a change appended after a line a
    crash cut short is whole, so it can still be undone."""
    from datetime import date

    from credtrack.models import Provider

    app.add_provider(Provider("x", "Dana Reyes"))
    app.add_ce(None, 1, "general", date(2026, 1, 1), course="first")
    with open(home / "changes" / "log.jsonl", "ab") as f:
        f.write(b'{"id": "chg-torn", "action": "ce.ad')  # no newline: a killed writer
    credit = app.add_ce(None, 2, "general", date(2026, 1, 2), course="second")
    newest = app.history(limit=1)[0]
    assert [r.id for r in newest.records] == [credit.id]
    app.undo()
    assert [c.course for c in app.records().ce] == ["first"]
