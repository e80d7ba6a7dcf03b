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
    cli("doc", "remove", a["id"], "--yes")
    assert (home / a["vault_path"]).exists()  # still used by b
    cli("doc", "remove", b["id"], "--yes")
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
    # and both logs hold every write: the audit log an entry per credit, the undo log a
    # change per credit (adding a provider is not an undoable change: service.add_provider
    # writes no change; 200 is under the undo log's trim point of 400)
    again = type(app)(home)
    audit = [e for e in again.store.history() if e["kind"] == "ce" and e["action"] == "add"]
    assert len(audit) == 200
    assert len(again.history(limit=1000)) == 200


TRIMMING_WRITER = r"""
import sys
from datetime import date
import credtrack.history as H
from credtrack.service import Credtrack
H.LOG_KEPT, H.LOG_SLACK = 20, 4
app = Credtrack(sys.argv[1], entry_points=False)
tag, n, pid = sys.argv[2], int(sys.argv[3]), sys.argv[4]
for i in range(n):
    app.add_ce(pid, 1, "general", date(2026, 1, 1), course=f"{tag}-{i}")
"""


def test_two_writers_trimming_the_audit_log_drop_only_its_oldest_entries(app, home):
    """Two processes write at once while the audit log is kept to 20-24 entries, so it is
    trimmed (rewritten) about every 4 writes: an append that landed between another writer's
    read and its rewrite would vanish. What is left of each writer's credits must be its newest
    ones, in a row (a trim drops the oldest; nothing else may be missing)."""
    from credtrack.models import Provider

    # a provider each: the writers do not wait on one provider file's lock, only the log's
    pids = {tag: app.add_provider(Provider("x", name)).id
            for tag, name in (("a", "Dana Reyes"), ("b", "Sam Lee"))}
    procs = [subprocess.Popen([sys.executable, "-c", TRIMMING_WRITER, str(home), tag, "150",
                               pid], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for tag, pid in pids.items()]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    again = type(app)(home)
    course_of = {c.id: c.course for pid in pids.values() for c in again.records(pid).ce}
    logged = [course_of[e["record"]] for e in again.store.history() if e["kind"] == "ce"]
    assert 20 <= len(logged) <= 24
    for tag in ("a", "b"):
        numbers = sorted(int(c.split("-")[1]) for c in logged if c.startswith(tag + "-"))
        assert numbers == list(range(150 - len(numbers), 150)), (tag, numbers)


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


# ---------------------------------------------------------------------------------------------
# Issue 16: the write protocol, power loss, and the lock under SIGKILL
# ---------------------------------------------------------------------------------------------

def test_two_writers_under_sigkill_lose_nothing_and_never_wait_on_a_dead_lock(app, home):
    """Two writers at once on one provider file; one is SIGKILLed again and again (often
    while it holds the lock) and restarted, the other runs to the end. A lost update (two
    read-modify-writes without the lock) or a lock left behind by the dead (a hang) fails."""
    from credtrack.models import Provider

    app.add_provider(Provider("x", "Dana Reyes"))
    steady = subprocess.Popen([sys.executable, "-c", WRITER, str(home), "s", "150"],
                              stdout=subprocess.PIPE, text=True)
    rng = random.Random(16)
    acknowledged: set[str] = set()
    for round_ in range(6):
        victim = subprocess.Popen([sys.executable, "-c", WRITER, str(home), f"k{round_}",
                                   "100000"], stdout=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.4, 0.8))
        victim.send_signal(signal.SIGKILL)
        out, _ = victim.communicate()
        acknowledged.update(line for line in out.splitlines() if line)
    out, _ = steady.communicate(timeout=300)
    assert steady.returncode == 0
    acknowledged.update(line for line in out.splitlines() if line)
    stored = _courses(type(app)(home))
    assert {f"s-{i}" for i in range(150)} <= stored
    assert not acknowledged - stored, sorted(acknowledged - stored)[:5]
    assert any(a.startswith("k") for a in acknowledged)  # the victims got writes in too


class _Disk:
    """Records what the write protocol does to files and folders, and answers what a power
    cut at any moment would leave: data not fsynced is gone, and a rename is only known to
    survive once its folder was fsynced (before that it may or may not have reached the
    disk: both are tried)."""

    def __init__(self, monkeypatch, root: Path):
        self.root = str(root)
        self.events: list[tuple] = []
        self.fds: dict[int, str] = {}
        real = {name: getattr(os, name) for name in ("open", "write", "fsync", "replace",
                                                     "close")}

        def _open(path, flags, mode=0o777, *a, **kw):
            fd = real["open"](path, flags, mode, *a, **kw)
            self.fds[fd] = os.path.abspath(os.fspath(path))
            if flags & os.O_CREAT and self.ours(self.fds[fd]):
                self.events.append(("create", self.fds[fd]))
            return fd

        def _write(fd, data):
            n = real["write"](fd, data)
            if self.ours(self.fds.get(fd, "")):
                self.events.append(("write", self.fds[fd], bytes(data[:n])))
            return n

        def _fsync(fd):
            real["fsync"](fd)
            if self.ours(self.fds.get(fd, "")):
                self.events.append(("fsync", self.fds[fd]))

        def _replace(src, dst, *a, **kw):
            real["replace"](src, dst, *a, **kw)
            src, dst = os.path.abspath(os.fspath(src)), os.path.abspath(os.fspath(dst))
            if self.ours(dst):
                self.events.append(("rename", src, dst))

        for name, fake in (("open", _open), ("write", _write), ("fsync", _fsync),
                           ("replace", _replace)):
            monkeypatch.setattr(os, name, fake)

    def ours(self, path: str) -> bool:
        return path.startswith(self.root)

    def after_power_cut(self, k: int, target: str, old: bytes, renames_survive: bool) -> bytes:
        """What ``target`` holds if the power went after the first ``k`` events."""
        names = {target: "old"}  # the durable folder entries: name -> inode
        live = dict(names)  # the entries as the running system saw them
        content = {"old": old}  # durable contents, by inode
        pending: dict[str, bytes] = {}  # written, not yet fsynced
        renamed: list[tuple[str, str]] = []  # renames not yet made durable
        for event in self.events[:k]:
            kind, path = event[0], event[1]
            if kind == "create":
                live[path] = path
                pending[path] = b""
                content.setdefault(path, b"")
            elif kind == "write":
                inode = live.get(path, path)
                pending[inode] = pending.get(inode, content.get(inode, b"")) + event[2]
            elif kind == "fsync" and path in live:
                inode = live[path]
                content[inode] = pending.get(inode, content.get(inode, b""))
            elif kind == "fsync":  # a folder: every rename in it is on disk now
                for src, dst in renamed:
                    if os.path.dirname(dst) == path:
                        names[dst] = live[dst]
                renamed = [r for r in renamed if os.path.dirname(r[1]) != path]
            elif kind == "rename":
                live[event[2]] = live.pop(path, path)
                renamed.append((path, event[2]))
        if renames_survive:
            for _src, dst in renamed:
                names[dst] = live[dst]
        return content.get(names.get(target), b"")


def test_an_append_is_fsynced_before_it_returns_and_never_joins_a_torn_line(monkeypatch,
                                                                            tmp_path):
    """fsio.append_private, how both change logs grow: each append is written and fsynced
    before it returns (the new file 0600), and after a line a crash cut short it starts on a
    line of its own."""
    from credtrack import fsio

    events: list[str] = []
    real_write, real_fsync = os.write, os.fsync
    monkeypatch.setattr(os, "write", lambda fd, data: (events.append("write"),
                                                       real_write(fd, data))[1])
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    log = tmp_path / "log.jsonl"
    fsio.append_private(log, b"one\n")
    fsio.append_private(log, b"two\n")
    assert log.read_bytes() == b"one\ntwo\n"
    assert events == ["write", "fsync", "write", "fsync"]
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    with open(log, "ab") as f:
        f.write(b"thr")  # a writer killed mid-line
    fsio.append_private(log, b"four\n")
    assert log.read_bytes() == b"one\ntwo\nthr\nfour\n"


def test_the_write_protocol_is_write_fsync_rename_fsync_dir(monkeypatch, tmp_path):
    from credtrack.fsio import atomic_write_bytes

    target = tmp_path / "store.json"
    target.write_bytes(b'{"old": true}')
    disk = _Disk(monkeypatch, tmp_path)
    atomic_write_bytes(target, b'{"new": true}')
    kinds = [(e[0], Path(e[1]).name if e[0] != "rename" else Path(e[2]).name)
             for e in disk.events]
    temp = Path(disk.events[0][1]).name
    assert temp.startswith(".store.json.") and temp.endswith(".tmp")
    assert kinds == [("create", temp), ("write", temp), ("fsync", temp),
                     ("rename", "store.json"), ("fsync", tmp_path.name)]


def test_a_power_cut_at_any_moment_leaves_the_old_or_the_new_file(monkeypatch, tmp_path):
    """Every prefix of the write's system calls, with unsynced data dropped and unsynced
    renames both kept and lost: the file is whole (old or new), and once the write returned
    the new version is on disk. Planting 'no fsync' (of the file or of the folder) fails."""
    from credtrack.fsio import atomic_write_bytes

    old, new = b'{"version": "old"}' * 50, b'{"version": "new"}' * 80
    target = tmp_path / "store.json"
    target.write_bytes(old)
    disk = _Disk(monkeypatch, tmp_path)
    atomic_write_bytes(target, new)
    assert disk.events
    for k in range(len(disk.events) + 1):
        for survive in (False, True):
            left = disk.after_power_cut(k, str(target), old, survive)
            assert left in (old, new), (k, survive, disk.events[:k])
    for survive in (False, True):  # acknowledged: it is on disk whatever the renames did
        assert disk.after_power_cut(len(disk.events), str(target), old, survive) == new
