"""Issue 2: the store and the vault keep data safe: atomic, locked, backed up, private."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from conftest import assert_clean_error
from credtrack.demo import sample_pdf

WRITER = r"""
import sys
from datetime import date
from credtrack.service import Credtrack
app = Credtrack(sys.argv[1], entry_points=False)
tag, n = sys.argv[2], int(sys.argv[3])
for i in range(n):
    app.add_ce(None, 1, "general", date(2026, 1, 1), course=f"{tag}-{i}")
    print(f"{tag}-{i}", flush=True)
"""


def _courses(app) -> set[str]:
    return {c.course for c in app.records().ce}


def test_doc_add_survives_deleting_the_original(cli, home, tmp_path):
    cli("init", "--name", "Dana Reyes")
    original = tmp_path / "w9.pdf"
    payload = sample_pdf("W-9", [os.urandom(32).hex()]) + b"%" + os.urandom(4096)
    original.write_bytes(payload)
    result = cli("doc", "add", "w9", original, "--issued", "2026-01-05")
    assert result.code == 0, result.err
    original.unlink()
    docs = cli("doc", "list", "--json").json()
    assert len(docs) == 1
    d = docs[0]
    assert d["kind"] == "w9" and d["original_name"] == "w9.pdf"
    assert d["media_type"] == "application/pdf" and d["size"] == len(payload)
    import hashlib
    assert d["sha256"] == hashlib.sha256(payload).hexdigest()
    vault_file = Path(d["vault_file"])
    assert vault_file == home / d["vault_path"]
    assert vault_file.read_bytes() == payload
    assert stat.S_IMODE(vault_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for f in (home / "providers").glob("*.json"):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600


def test_vault_refuses_empty_directories_and_huge_files(cli, tmp_path):
    cli("init", "--name", "Dana Reyes")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert "empty" in cli("doc", "add", "w9", empty).err
    assert "not a regular file" in cli("doc", "add", "w9", tmp_path).err
    big = tmp_path / "big.pdf"
    with open(big, "wb") as f:
        f.truncate(26 * 1024 * 1024)
    result = cli("doc", "add", "w9", big)
    assert_clean_error(result, 2)
    assert "25 MB" in result.err
    assert cli("doc", "list", "--json").json() == []


def test_doc_remove_deletes_the_vault_copy_when_unused(cli, home, tmp_path):
    cli("init", "--name", "Dana Reyes")
    f = tmp_path / "coi.pdf"
    f.write_bytes(sample_pdf("coi", ["x"]))
    a = cli("doc", "add", "liability-coi", f, "--json").json()
    b = cli("doc", "add", "liability-coi", f, "--json").json()
    assert a["vault_path"] == b["vault_path"]  # content-addressed: one copy
    cli("doc", "remove", a["id"])
    assert (home / a["vault_path"]).exists()  # still used by b
    cli("doc", "remove", b["id"])
    assert not (home / a["vault_path"]).exists()


def test_sigkill_during_writes_never_loses_an_acknowledged_write(app, home):
    app.add_provider(__import__("credtrack.models", fromlist=["Provider"]).Provider("x", "Dana Reyes"))
    rng = random.Random(1234)
    acknowledged: set[str] = set()
    for round_ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(home), f"r{round_}", "100000"],
                                stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + rng.uniform(0.3, 0.9)
        lines = []
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        lines += [l for l in rest.splitlines() if l]
        proc.wait()
        acknowledged.update(lines)
        stored = _courses(type(app)(home))  # the store always opens
        missing = acknowledged - stored
        assert not missing, f"round {round_}: lost {sorted(missing)[:5]}"
    assert len(acknowledged) > 12
    leftovers = [p for p in (home / "providers").iterdir() if p.name.endswith(".tmp")]
    # a killed writer may leave its temp file; it never replaces the store
    assert all(p.name.startswith(".") for p in leftovers)


def test_two_processes_adding_at_once_lose_nothing(app, home):
    from credtrack.models import Provider

    app.add_provider(Provider("x", "Dana Reyes"))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(home), tag, "100"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for tag in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    courses = _courses(type(app)(home))
    assert len(courses) == 200
    assert {f"a-{i}" for i in range(100)} | {f"b-{i}" for i in range(100)} == courses


def test_corrupt_store_names_file_and_backup_and_is_untouched(cli, home):
    cli("init", "--name", "Dana Reyes")
    for i in range(3):
        cli("ce", "add", "--hours", "1", "--subject", "general", "--completed", "2026-01-01")
    path = home / "providers" / "dana-reyes.json"
    garbage = path.read_bytes()[:57] + b"\x00garbage"
    path.write_bytes(garbage)
    backups = sorted((home / "backups" / "dana-reyes").glob("*.json"))
    assert backups
    for args in (("status",), ("ce", "add", "--hours", "1", "--subject", "general",
                               "--completed", "2026-01-01"), ("ce", "list")):
        result = cli(*args)
        assert result.code == 1 and "Traceback" not in result.err
        assert str(path) in result.err and str(backups[-1]) in result.err
        assert path.read_bytes() == garbage
    path.write_bytes(b"")
    assert "empty" in cli("status").err


def test_backups_keep_the_last_ten_versions(app, home):
    from credtrack.models import Provider

    app.add_provider(Provider("x", "Dana Reyes"))
    for i in range(15):
        app.add_ce(None, 1, "general", date(2026, 1, 1), course=f"c{i}")
    backups = sorted((home / "backups" / "dana-reyes").glob("*.json"))
    assert len(backups) == 10
    import json
    newest = json.loads(backups[-1].read_text())
    assert len(newest["ce"]) == 14  # the version before the last write


def test_schema_version_recorded_and_newer_refused(cli, home):
    import json

    cli("init", "--name", "Dana Reyes")
    path = home / "providers" / "dana-reyes.json"
    data = json.loads(path.read_text())
    assert data["_meta"]["1"]["schema"] == 1
    data["_meta"]["1"]["schema"] = 99
    path.write_text(json.dumps(data))
    result = cli("status")
    assert result.code == 1 and "newer credtrack" in result.err


def test_migrations_run_in_order(app, home, monkeypatch):
    import json

    from credtrack import store
    from credtrack.models import Provider

    app.add_provider(Provider("x", "Dana Reyes"))
    path = home / "providers" / "dana-reyes.json"
    seen = []
    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(store, "MIGRATIONS", {2: lambda d: seen.append(2),
                                              3: lambda d: seen.append(3)})
    app.add_ce(None, 1, "general", date(2026, 1, 1))
    assert seen == [2, 3]
    assert json.loads(path.read_text())["_meta"]["1"]["schema"] == 3


def test_backup_names_sort_in_time_order_across_a_second():
    from credtrack.fsio import backup_name

    before, after = 1_795_000_000 * 10**9 + 999_999_999, 1_795_000_001 * 10**9 + 1
    assert backup_name(before) < backup_name(after)


# ---------------------------------------------------------------------------------------------
# Issue 13: the storage interface
# ---------------------------------------------------------------------------------------------

SRC = Path(__file__).resolve().parents[1] / "src" / "credtrack"


def test_the_file_store_implements_the_store_protocol(app):
    from credtrack.storage import RecordSet, Store
    from credtrack.store import FileStore

    assert isinstance(app.store, FileStore) and isinstance(app.store, Store)
    app.add_provider(__import__("credtrack.models").models.Provider("x", "Dana Reyes"))
    assert isinstance(app.store.read(app.provider_id()), RecordSet)
    # every method the protocol names exists on the implementation with the same parameters
    import inspect

    for name, member in inspect.getmembers(Store):
        if name.startswith("_") or not callable(member):
            continue
        impl = getattr(FileStore, name)
        assert list(inspect.signature(impl).parameters) == \
            list(inspect.signature(member).parameters), name


def _attribute_uses(path: Path, base: str) -> set[str]:
    """``x`` for every ``<...>.store.x`` (base 'store') or ``store.x`` in a module."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute):
            owner = node.value
            if (isinstance(owner, ast.Attribute) and owner.attr == base) or \
                    (isinstance(owner, ast.Name) and owner.id == base):
                found.add(node.attr)
    return found


def test_service_and_doctor_use_only_public_store_methods():
    from credtrack.storage import Store

    for module in ("service.py", "doctor.py"):
        private = {a for a in _attribute_uses(SRC / module, "store") if a.startswith("_")}
        assert not private, (module, private)
    # the service reaches the store through the protocol only: every store attribute it
    # uses is one of the protocol's (so a server-backed store fits without changing it)
    protocol = {n for n in dir(Store) if not n.startswith("_")} | {"root"}
    extra = _attribute_uses(SRC / "service.py", "store") - protocol
    assert not extra, extra


def test_storage_modules_import_no_interface_code():
    import ast

    forbidden = ("credtrack.cli", "credtrack.tui", "credtrack.packet", "credtrack.calendar",
                 "credtrack.calexport", "credtrack.service", "textual", "weasyprint", "pypdf",
                 "icalendar", "click")
    for module in ("fsio.py", "storage.py", "store.py", "vault.py", "crypto.py"):
        for node in ast.walk(ast.parse((SRC / module).read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not name.startswith(forbidden), (module, name)
