"""Issue 22: the PostgreSQL store against a real server (tests/pgserver.py, one per session)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from dataclasses import dataclass
from typing import ClassVar

from credtrack.models import Record
from conftest import assert_clean_error
from credtrack.demo import sample_pdf

pytestmark = pytest.mark.usefixtures("pg_url")


def _store(url: str, home: Path, user: str | None = None):
    from credtrack.pgstore import PgStore

    return PgStore(url, home, user)


def _dana(cli) -> str:
    assert cli("init", "--name", "Dana Reyes", "--tin", "123456789").code == 0
    lic = cli("license", "add", "--state", "FL", "--number", "MA43221", "--issued",
              "2025-10-01", "--json").json()
    return lic["id"]


def test_the_pg_store_implements_the_store_protocol(pg_url, home):
    from credtrack.service import Credtrack
    from credtrack.storage import RecordSet, Store

    app = Credtrack(home)
    assert type(app.store).__name__ == "PgStore"
    assert isinstance(app.store, Store)
    app.add_provider(__import__("credtrack.models").models.Provider("x", "Dana Reyes"))
    assert isinstance(app.store.read("dana-reyes"), RecordSet)


EDITOR = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from credtrack.models import License
    from credtrack.pgstore import PgStore, Conflict
    url, home, lic_id, number, ready, go = sys.argv[1:7]
    store = PgStore(url, Path(home), os.environ["CREDTRACK_USER"])
    try:
        with store.write("dana-reyes") as rs:
            lic = rs.get(License, lic_id)          # both read the same version
            Path(ready).touch()
            while not Path(go).exists():
                time.sleep(0.01)
            lic.number = number
            rs.update(lic)
    except Conflict as exc:
        print("CONFLICT " + exc.message)
        sys.exit(1)
    print("SAVED")
""")


def _editor(tmp_path, url, home, lic_id, number, user, name):
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    ready, go = tmp_path / f"{name}.ready", tmp_path / f"{name}.go"
    proc = subprocess.Popen([sys.executable, str(script), url, str(home), lic_id, number,
                             str(ready), str(go)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "CREDTRACK_USER": user})
    return proc, ready, go


def _wait(path: Path) -> None:
    deadline = time.time() + 30
    while not path.exists():
        assert time.time() < deadline, f"{path.name} never appeared"
        time.sleep(0.01)


def test_two_processes_editing_one_license_the_second_is_refused(cli, pg_url, home, tmp_path):
    lic_id = _dana(cli)
    a, a_ready, a_go = _editor(tmp_path, pg_url, home, lic_id, "MA11111", "alice", "a")
    b, b_ready, b_go = _editor(tmp_path, pg_url, home, lic_id, "MA22222", "bob", "b")
    _wait(a_ready)
    _wait(b_ready)  # both hold the license as it was before either change
    a_go.touch()
    out_a, err_a = a.communicate(timeout=60)
    assert a.returncode == 0 and out_a.strip() == "SAVED", err_a
    b_go.touch()
    out_b, err_b = b.communicate(timeout=60)
    assert b.returncode == 1, (out_b, err_b)
    message = out_b.strip()
    assert message.startswith("CONFLICT conflict: license " + lic_id)
    assert "of provider dana-reyes was changed by alice at 2026" in message or \
        "of provider dana-reyes was changed by alice at " in message
    assert "nothing was saved" in message and "\n" not in message
    assert "MA11111" not in message and "MA22222" not in message  # no identifier values
    # the first change is kept, the second was not written over it
    assert cli("license", "list", "--json").json()[0]["number"] == "MA11111"
    changes = cli("history", "--json").json()
    edits = [c for c in changes if c["action"] == "edit"]
    assert [(c["who"], c["kind"], c["record"], c["fields"]) for c in edits] == \
        [("alice", "license", lic_id, ["number"])]
    text = cli("history").out
    assert "alice  edit license " + lic_id + " (dana-reyes): number" in text
    assert "MA11111" not in text and "MA43221" not in text


def test_a_removed_record_is_a_conflict_naming_who_removed_it(cli, pg_url, home, monkeypatch):
    from credtrack.models import License
    from credtrack.pgstore import Conflict

    lic_id = _dana(cli)
    store = _store(pg_url, home, "carol")
    with pytest.raises(Conflict) as caught:
        with store.write("dana-reyes") as rs:
            lic = rs.get(License, lic_id)
            monkeypatch.setenv("CREDTRACK_USER", "dave")
            assert cli("license", "remove", lic_id, "--yes").code == 0  # another coordinator, meanwhile
            lic.note = "renewal mailed"
            rs.update(lic)
    assert f"license {lic_id} of provider dana-reyes was removed by dave at " in \
        caught.value.message
    assert cli("license", "list", "--json").json() == []


def test_a_store_call_is_all_or_none(cli, pg_url, home):
    from credtrack.errors import BadInput
    from credtrack.models import CECredit, License

    lic_id = _dana(cli)
    before = cli("export", "-").json()
    store = _store(pg_url, home)
    with pytest.raises(BadInput):
        with store.write("dana-reyes") as rs:
            rs.insert(CECredit("ce-aaaaaa", 2.0, "ethics", date(2026, 1, 10)))
            lic = rs.get(License, lic_id)
            lic.number = "MA99999"
            rs.update(lic)
            raise BadInput("refused half-way")
    assert cli("export", "-").json() == before
    assert all(c["action"] == "add" for c in cli("history", "--json").json())


def test_additions_from_two_coordinators_never_conflict(cli, pg_url, home):
    _dana(cli)
    procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        from pathlib import Path
        from credtrack.service import Credtrack
        from datetime import date
        app = Credtrack({str(home)!r}, store={pg_url!r})
        for i in range(40):
            app.add_ce("dana-reyes", 1, "general", date(2026, 1, 1 + i % 28))
        """)], env={**os.environ, "CREDTRACK_USER": who}) for who in ("ann", "ben")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert len(cli("ce", "list", "--json").json()) == 80
    who = [c["who"] for c in cli("history", "--json").json() if c["kind"] == "ce"]
    assert who.count("ann") == 40 and who.count("ben") == 40


def test_a_read_only_role_reads_and_gets_one_line_on_a_change(cli, pg_server, pg_url,
                                                              monkeypatch, tmp_path):
    _dana(cli)
    assert cli("ce", "add", "--hours", "2", "--subject", "ethics", "--completed",
               "2026-01-10").code == 0
    db = pg_url.rsplit("/", 1)[1]
    reader, writer = f"reader_{db}", f"writer_{db}"
    pg_server.sql(f"CREATE ROLE {reader} LOGIN; CREATE ROLE {writer} LOGIN", db)
    # the README's two statements
    pg_server.sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}", db)
    pg_server.sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public "
                  f"TO {writer}", db)
    owner_status = cli("status", "--json").json()
    monkeypatch.setenv("CREDTRACK_STORE", pg_server.url(db, reader))
    assert cli("status", "--json").json() == owner_status
    assert cli("due", "--within", "2y").code == 0
    assert cli("ical", "export", "-o", tmp_path / "r.ics").code == 0
    before = cli("export", "-").json()
    refused = cli("ce", "add", "--hours", "2", "--subject", "ethics", "--completed", "2026-01-11")
    assert_clean_error(refused, 1)
    assert f"the database role '{reader}' may only read this practice" in refused.err
    assert cli("export", "-").json() == before
    monkeypatch.setenv("CREDTRACK_STORE", pg_server.url(db, writer))
    assert cli("ce", "add", "--hours", "2", "--subject", "ethics", "--completed",
               "2026-01-11").code == 0
    assert [c["who"] for c in cli("history", "--json").json()][-1] == writer


def test_migrations_run_in_order_once_and_a_newer_schema_is_refused(pg_url, home, monkeypatch):
    from credtrack.pgstore import PgStore, StoreUnavailable, schema

    steps = [(2, "CREATE TABLE ct_probe (step integer)"),
             (3, "INSERT INTO ct_probe VALUES (3)"),
             (4, "INSERT INTO ct_probe SELECT max(step) + 1 FROM ct_probe")]
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + steps)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 4)
    store = PgStore(pg_url, home)
    rows = store.conn.execute("SELECT step FROM ct_probe ORDER BY step").fetchall()
    assert rows == [(3,), (4,)]  # 4 saw what 3 did: in order
    assert [v for (v,) in store.conn.execute("SELECT version FROM ct_schema ORDER BY 1")] == \
        [1, 2, 3, 4]
    store.close()
    again = PgStore(pg_url, home)
    assert again.conn.execute("SELECT count(*) FROM ct_probe").fetchone()[0] == 2  # once
    again.close()
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    with pytest.raises(StoreUnavailable, match="written by a newer credtrack \\(schema 4\\)"):
        _ = PgStore(pg_url, home).conn


@dataclass
class Malpractice(Record):
    TABLE: ClassVar[str] = "malpractice_claims"
    PREFIX: ClassVar[str] = "mc"
    id: str
    filed: date
    note: str = ""


def test_a_new_record_kind_gets_its_table_without_schema_code(cli, pg_url, home):
    from credtrack import kinds
    from credtrack.service import Credtrack

    _dana(cli)
    kinds.register(kinds.RecordKind("malpractice", Malpractice, "malpractice_claims",
                                    "Claim", "claims"))
    try:
        app = Credtrack(home)
        with app.store.write("dana-reyes") as rs:
            rs.insert(Malpractice("mc-aaaaaa", date(2026, 3, 1), "settled"))
        again = Credtrack(home)
        assert again.records("dana-reyes").of("malpractice_claims") == \
            [Malpractice("mc-aaaaaa", date(2026, 3, 1), "settled")]
        assert "ct_malpractice_claims" in again.store.tables()
        assert again.export_data()["providers"][0]["malpractice_claims"][0]["filed"] == \
            "2026-03-01"
    finally:
        kinds.unregister("malpractice")


def test_documents_are_stored_once_by_sha256_and_read_back(cli, pg_url, home, tmp_path):
    import hashlib

    _dana(cli)
    pdf = tmp_path / "coi.pdf"
    pdf.write_bytes(sample_pdf("a certificate", [os.urandom(32).hex()]))
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    one = cli("doc", "add", "liability-coi", pdf, "--expires", "2027-06-30", "--json").json()
    two = cli("doc", "add", "w9", pdf, "--json").json()
    assert one["sha256"] == two["sha256"] == sha
    assert one["vault_path"] == f"vault/{sha[:2]}/{sha}"  # the file vault's name, exactly
    assert one["media_type"] == "application/pdf"
    store = _store(pg_url, home)
    assert store.conn.execute("SELECT count(*) FROM ct_blobs").fetchone()[0] == 1
    from credtrack.service import Credtrack

    app = Credtrack(home)
    doc = app.records().documents[0]
    assert app.document_path(doc).read_bytes() == pdf.read_bytes()
    assert not (home / "vault").exists()  # nothing written to disk
    assert cli("doc", "remove", one["id"], "--yes").code == 0
    assert store.blob(sha) == pdf.read_bytes()  # still referred to by the W-9
    assert cli("doc", "remove", two["id"], "--yes").code == 0
    assert store.blob(sha) is None


def test_concurrent_add_and_remove_of_the_same_content_keep_the_file(cli, pg_url, home,
                                                                     tmp_path):
    """A removal of the only document with some content, while another coordinator adds the
    same content (its transaction still open): the file stays for the new document."""
    import threading

    from credtrack.service import Credtrack

    _dana(cli)
    pdf = tmp_path / "w9.pdf"
    pdf.write_bytes(sample_pdf("w9", [os.urandom(32).hex()]))
    first = cli("doc", "add", "w9", pdf, "--json").json()["id"]
    adder, remover = Credtrack(home), Credtrack(home)
    in_make, go = threading.Event(), threading.Event()
    make = adder._document_maker("w9")

    def slow_make(stored):
        in_make.set()  # the adder's transaction has the content row and is still open
        assert go.wait(30)
        return make(stored)

    added: list = []
    t_add = threading.Thread(target=lambda: added.extend(
        adder.store.put_document("dana-reyes", pdf, slow_make)))
    t_add.start()
    assert in_make.wait(30)
    t_remove = threading.Thread(target=remover.remove_record, args=(None, "document", first))
    t_remove.start()
    t_remove.join(1.0)  # the removal runs (or waits for the addition) meanwhile
    go.set()
    t_add.join(30)
    t_remove.join(30)
    app = Credtrack(home)
    docs = app.records().documents
    assert [d.id for d in docs] == [added[0].id]
    assert app.document_path(docs[0]).read_bytes() == pdf.read_bytes()


def test_an_unreachable_server_is_one_line_without_the_password(cli, pg_server, monkeypatch):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("CREDTRACK_STORE", f"postgresql://ct:s3cret@127.0.0.1:{port}/x")
    result = cli("status")
    assert_clean_error(result, 1)
    assert f"cannot connect to postgresql://ct@127.0.0.1:{port}/x (connection refused" in \
        result.err
    assert "s3cret" not in result.err


def test_the_store_is_chosen_by_option_env_or_config(cli, pg_server, pg_url, home, tmp_path,
                                                     monkeypatch):
    _dana(cli)
    monkeypatch.delenv("CREDTRACK_STORE")
    assert cli("provider", "list", "--json").json() == []  # the data dir's own store
    assert [p["id"] for p in cli("--store", pg_url, "provider", "list", "--json").json()] == \
        ["dana-reyes"]
    config = Path(os.environ["CREDTRACK_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[store]\nurl = "{pg_url}"\nuser = "Alex Kim"\n')
    assert [p["id"] for p in cli("provider", "list", "--json").json()] == ["dana-reyes"]
    assert cli("provider", "edit", "--email", "dana@example.org").code == 0
    assert cli("history", "--json").json()[-1]["who"] == "Alex Kim"
    config.write_text("[store\nurl = 1")
    assert_clean_error(cli("status"), 2)


def test_current_provider_is_per_coordinator(cli, pg_url, monkeypatch):
    _dana(cli)
    cli("provider", "add", "--name", "Sam Okafor")
    monkeypatch.setenv("CREDTRACK_USER", "ann")
    cli("provider", "use", "sam-okafor")
    assert [p["current"] for p in cli("provider", "list", "--json").json()] == [False, True]
    monkeypatch.setenv("CREDTRACK_USER", "ben")
    cli("provider", "use", "dana-reyes")
    monkeypatch.setenv("CREDTRACK_USER", "ann")
    assert [p["current"] for p in cli("provider", "list", "--json").json()] == [False, True]


def test_history_filters_by_provider_and_since(cli, pg_url):
    lic_id = _dana(cli)
    cli("provider", "add", "--name", "Sam Okafor")
    cli("license", "edit", lic_id, "--provider", "dana-reyes", "--expires", "2027-08-31")
    mine = cli("history", "--provider", "sam-okafor", "--json").json()
    assert [(c["action"], c["kind"]) for c in mine] == [("add", "provider")]
    assert cli("history", "--since", "2000-01-01", "--json").json()[-1]["fields"] == ["expires"]
    assert cli("history", "--since", "2999-01-01").out.strip() == \
        "no changes recorded in that span"
    assert_clean_error(cli("history", "--since", "yesterday"), 2)
    assert_clean_error(cli("history", "--provider", "nobody"), 2)


def test_file_store_tools_refuse_a_postgresql_store_in_one_line(cli, pg_url, home,
                                                                monkeypatch):
    _dana(cli)
    refused = cli("doctor")
    assert_clean_error(refused, 2)
    assert "doctor checks a data dir's files; this practice is in postgresql://" in refused.err
    monkeypatch.setenv("CREDTRACK_PASSPHRASE", "correct horse battery staple 42")
    refused = cli("encryption", "enable")
    assert_clean_error(refused, 2)
    assert "encryption at rest is for a file store" in refused.err
    assert not (home / "encryption.json").exists()  # a refused command changes nothing
    for args in (("backup", home.parent / "b.tar"), ("restore", home.parent / "b.tar")):
        refused = cli(*args)
        assert_clean_error(refused, 2)
        assert "is for a data dir; a PostgreSQL store is backed up by its server" in refused.err
    assert cli("status").code == 0


def test_a_long_running_process_survives_a_dropped_connection(cli, pg_server, pg_url, home):
    """ical serve and the TUI keep one service for hours: a connection the server dropped is
    replaced on the next read; a write in flight on it fails in one line, saving nothing."""
    import threading

    from credtrack.pgstore import StoreUnavailable
    from credtrack.service import Credtrack

    _dana(cli)
    app = Credtrack(home)
    assert [e.id for e in app.store.entries()] == ["dana-reyes"]
    db = pg_url.rsplit("/", 1)[1]
    kill = (f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}' "
            "AND application_name = 'credtrack' AND pid <> pg_backend_pid()")
    pg_server.sql(kill)
    assert [e.id for e in app.store.entries()] == ["dana-reyes"]  # reconnected
    assert len(app.report(date(2026, 12, 1), everyone=True).deadlines) >= 1
    pg_server.sql(kill)
    with pytest.raises(StoreUnavailable, match="lost the connection"):
        with app.store.write("dana-reyes") as rs:
            from credtrack.models import CECredit

            rs.insert(CECredit("ce-aaaaab", 1.0, "general", date(2026, 1, 2)))
            pg_server.sql(kill)
            rs.insert(CECredit("ce-aaaaac", 1.0, "general", date(2026, 1, 3)))
    assert cli("ce", "list", "--json").json() == []
    # threads (the TUI's workers, ical serve's requests) each get their own connection
    seen: list = []
    threads = [threading.Thread(target=lambda: seen.append(
        len(app.report(date(2026, 12, 1), everyone=True).deadlines))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(seen) == 4 and len(set(seen)) == 1


def test_forget_history_drops_what_is_left_of_removed_records(cli, pg_url, home):
    from credtrack.service import Credtrack

    lic = _dana(cli)
    ce = cli("ce", "add", "--hours", "2", "--subject", "ethics", "--completed", "2026-01-10",
             "--json").json()["id"]
    assert cli("ce", "remove", ce, "--yes").code == 0
    app = Credtrack(home)
    assert app.store.forget_history("dana-reyes") == 2  # the credit's add and remove
    left = [(c["kind"], c["record"]) for c in cli("history", "--json").json()]
    assert left == [("provider", "dana-reyes"), ("license", lic)]
