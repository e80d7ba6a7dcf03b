"""Issue 16: data safety under attack. Each reproduction of the issue is a test here.

Losses and destruction (races on the vault, a doctor that deletes, imports that are not
all-or-none, repairs that lose the last change), hostile input that breaks the store, and
trespass (a data dir or an output file that is not credtrack's).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from conftest import BIN, assert_clean_error
from reliability.practice import snapshot

OLD = time.time() - 3 * 86400  # past doctor's grace period for unreferenced vault files


def _pdf(tag: str) -> bytes:
    """A PDF that opens (doc add checks), unique per call."""
    from credtrack.demo import sample_pdf

    return sample_pdf(tag, [os.urandom(32).hex()])


@pytest.fixture
def desk(cli, home, tmp_path):
    """Dana with two documents and a few later writes (so backups exist), Sam with a w9."""
    assert cli("init", "--name", "Dana Reyes").code == 0
    assert cli("provider", "add", "--name", "Sam Lee").code == 0
    files = {}
    for name in ("w9", "coi", "sam"):
        files[name] = tmp_path / f"{name}.pdf"
        files[name].write_bytes(_pdf(name))
    docs = {"w9": cli("doc", "add", "w9", files["w9"], "--json").json(),
            "coi": cli("doc", "add", "liability-coi", files["coi"], "--json").json(),
            "sam": cli("doc", "add", "w9", files["sam"], "--provider", "sam-lee",
                       "--json").json()}
    for i in range(2):
        cli("ce", "add", "--hours", "1", "--subject", "general", "--completed", "2026-01-01",
            "--course", f"c{i}")
    return docs


def _doctor(cli) -> dict:
    r = cli("doctor", "--json")
    assert r.code in (0, 1), r.err
    return r.json()


def _age_vault(home: Path) -> None:
    for path in (home / "vault").rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


# ---------------------------------------------------------------------------------------------
# Losses and destruction
# ---------------------------------------------------------------------------------------------

def test_doc_add_beside_a_remove_of_the_same_content_keeps_the_file(home, tmp_path, monkeypatch):
    """`doc add x.pdf` while `doc remove A` (the same content) runs: the remove must not take
    the file the add found in the vault (the issue: 5 of 30 runs lost it)."""
    from credtrack import vault
    from credtrack.models import Provider
    from credtrack.service import Credtrack

    app = Credtrack(home, entry_points=False)
    app.add_provider(Provider("x", "Dana Reyes"), use=True)
    src = tmp_path / "x.pdf"
    src.write_bytes(_pdf("same"))
    first = app.add_document(None, "w9", src)
    real = vault.add_file
    remover: list[threading.Thread] = []

    def add_file_then_race(*args, **kw):
        stored = real(*args, **kw)  # the file is there already (new=False)...
        other = Credtrack(home, entry_points=False)  # ...and another process removes A now
        t = threading.Thread(target=other.remove_record, args=(None, "document", first.id))
        t.start()
        remover.append(t)
        t.join(0.5)  # give it every chance to delete the file before this add records it
        return stored

    monkeypatch.setattr(vault, "add_file", add_file_then_race)
    second = app.add_document(None, "w9", src)
    remover[0].join(10)
    assert not remover[0].is_alive()
    docs = Credtrack(home, entry_points=False).records().documents
    assert [d.id for d in docs] == [second.id]  # A removed, the new one kept
    assert (home / second.vault_path).read_bytes() == src.read_bytes()


@pytest.mark.parametrize("odd", ["directory", "fifo"])
def test_repair_deletes_no_vault_file_while_a_provider_file_is_not_a_file(cli, home, desk, odd):
    """A provider file that became a folder (or a FIFO): doctor says so, --repair deletes no
    vault file, doctor is not healthy, and no command hangs on the FIFO."""
    _age_vault(home)
    path = home / "providers" / "sam-lee.json"
    path.unlink()
    path.mkdir() if odd == "directory" else os.mkfifo(path)
    before = snapshot(home / "vault")
    r = cli("doctor", "--repair", "--yes")
    assert r.code == 1, r.out  # not healthy: the file is still not a file
    assert "not-a-file" in r.out
    assert snapshot(home / "vault") == before  # nothing deleted
    assert not (home / "quarantine").exists()
    proc = subprocess.run([str(BIN / "credtrack"), "--provider", "sam-lee", "status"]
                          if False else [str(BIN / "credtrack"), "status", "--all"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1 and "not a regular file" in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_an_older_backup_swapped_in_loses_no_vault_file(cli, home, desk):
    """The provider file replaced by an older backup (without the coi): repair must keep the
    coi's vault file (a newer backup refers to it), and nothing is ever deleted."""
    path = home / "providers" / "dana-reyes.json"
    older = next(b for b in sorted((home / "backups" / "dana-reyes").glob("*.json"))
                 if desk["coi"]["id"] not in b.read_text() and desk["w9"]["id"] in b.read_text())
    path.write_bytes(older.read_bytes())
    _age_vault(home)
    coi = home / desk["coi"]["vault_path"]
    report = _doctor(cli)
    assert "vault-orphan" not in {p["code"] for p in report["problems"]}
    assert cli("doctor", "--repair", "--yes").code == 0
    assert coi.exists()  # a backup still refers to it: kept in the vault


def test_orphans_are_quarantined_after_a_grace_period_never_deleted(cli, home, desk):
    coi = home / desk["coi"]["vault_path"]
    assert cli("doc", "remove", desk["coi"]["id"], "--yes").code == 0
    assert not coi.exists()  # the user's own removal deletes it (nothing refers to it)...
    orphan = home / "vault" / "ab" / ("ab" * 32)
    orphan.parent.mkdir(mode=0o700, exist_ok=True)
    orphan.write_bytes(b"a killed doc add's copy")
    assert "vault-orphan" not in {p["code"] for p in _doctor(cli)["problems"]}  # too recent
    assert cli("doctor", "--repair", "--yes").code == 0 and orphan.exists()
    os.utime(orphan, (OLD, OLD))
    assert "vault-orphan" in {p["code"] for p in _doctor(cli)["problems"]}
    assert cli("doctor", "--repair", "--yes").code == 0
    assert not orphan.exists()
    assert (home / "quarantine" / orphan.name).read_bytes() == b"a killed doc add's copy"


def test_repair_deletes_nothing_beside_a_running_doc_add(cli, home, desk, tmp_path):
    """doctor --repair --yes while a doc add has copied its file but not yet written the
    record: the fresh file is not an orphan (grace period), and nothing is deleted."""
    fresh = home / "vault" / "cd" / ("cd" * 32)
    fresh.parent.mkdir(mode=0o700, exist_ok=True)
    fresh.write_bytes(b"copied a moment ago")
    assert cli("doctor", "--repair", "--yes").code == 0
    assert fresh.exists()


IMPORT_CHILD = r"""
import os, sys
from credtrack import store
from credtrack.service import Credtrack
import orjson
data = orjson.loads(open(sys.argv[2], "rb").read())
n = 0
real = store.atomic_write_bytes
def dying(path, *a, **kw):
    global n
    real(path, *a, **kw)
    if path.parent.name == "providers":
        n += 1
        if n == int(sys.argv[3]):
            os.kill(os.getpid(), 9)  # a kill in the middle of the import
store.atomic_write_bytes = dying
Credtrack(sys.argv[1], entry_points=False).import_data(data)
"""


def _export(n: int, path: Path) -> Path:
    providers = [{"provider": {"id": f"p{i}", "name": f"Provider {i:03d}"},
                  "ce": [{"id": f"ce-{i}", "hours": 1, "subject": "general",
                          "completed": "2026-01-01"}]} for i in range(n)]
    path.write_text(json.dumps({"credtrack_export": 1, "schema": 1, "providers": providers}))
    return path


def test_a_killed_import_leaves_the_practice_as_it_was(cli, home, tmp_path):
    assert cli("init", "--name", "Dana Reyes").code == 0
    export = _export(300, tmp_path / "export.json")
    proc = subprocess.run([sys.executable, "-c", IMPORT_CHILD, str(home), str(export), "120"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    listed = cli("provider", "list", "--json").json()
    assert [p["id"] for p in listed] == ["dana-reyes"]  # as before
    # the next write sets the cut-short files aside; doctor is healthy
    assert cli("ce", "add", "--hours", "1", "--subject", "general",
               "--completed", "2026-01-01").code == 0
    assert sorted(p.name for p in (home / "providers").glob("*.json")) == ["dana-reyes.json"]
    assert cli("doctor", "--repair", "--yes").code == 0
    # importing again adds each provider once
    assert cli("import", export).code == 0
    ids = [p["id"] for p in cli("provider", "list", "--json").json()]
    assert len(ids) == 301 == len(set(ids))
    assert cli("doctor").code == 0


def test_a_killed_import_is_reported_by_doctor_and_set_aside(cli, home, tmp_path):
    assert cli("init", "--name", "Dana Reyes").code == 0
    export = _export(20, tmp_path / "export.json")
    proc = subprocess.run([sys.executable, "-c", IMPORT_CHILD, str(home), str(export), "7"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    report = _doctor(cli)
    codes = [p["code"] for p in report["problems"] if p["severity"] != "info"]
    assert codes == ["interrupted-add"] * 7, codes  # never "list it in the index again"
    assert cli("doctor", "--repair", "--yes").code == 0
    assert [p["id"] for p in cli("provider", "list", "--json").json()] == ["dana-reyes"]
    assert len(list((home / "backups").glob("provider-*"))) == 7  # kept, not deleted


def test_sigkill_at_random_moments_of_an_import_is_all_or_none(cli, home, tmp_path):
    export = _export(300, tmp_path / "export.json")
    outcomes = set()
    for delay in (0.35, 0.6, 0.9):
        proc = subprocess.Popen([str(BIN / "credtrack"), "import", str(export)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait()
        from credtrack.service import Credtrack

        n = len(Credtrack(home, entry_points=False).store.entries())
        assert n in (0, 300), n
        outcomes.add(n)
        if n:
            break
    assert cli("doctor", "--repair", "--yes").code == 0
    assert len(Credtrack(home, entry_points=False).store.entries()) in outcomes


def test_repair_says_what_the_restored_backup_lacks(cli, home, desk):
    r = cli("ce", "add", "--hours", "3", "--subject", "ethics", "--completed", "2026-02-01",
            "--json")
    last = r.json()["id"]
    path = home / "providers" / "dana-reyes.json"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])  # torn: the end of the file is gone
    r = cli("doctor", "--repair", "--yes")
    assert r.code == 0, r.out
    line = next(x for x in r.out.splitlines() if x.startswith("repaired: restored"))
    assert "lacks the last change" in line and last in line
    assert last not in {c["id"] for c in cli("ce", "list", "--json").json()}


# ---------------------------------------------------------------------------------------------
# Hostile input
# ---------------------------------------------------------------------------------------------

def _import_case(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hostile.json"
    path.write_text(text)
    return path


GOOD = {"id": "ce-abc234", "hours": 2, "subject": "ethics", "completed": "2026-03-14"}


def _wrap(ce_row=None, provider=None, **extra) -> str:
    item = {"provider": provider or {"id": "dana", "name": "Dana Reyes"}, "ce": [GOOD]}
    if ce_row is not None:
        item["ce"] = [GOOD, ce_row]
    item.update(extra)
    return json.dumps({"credtrack_export": 1, "schema": 1, "providers": [item]})


HOSTILE_IMPORTS = {
    "nan hours": (_wrap(dict(GOOD, id="ce-x1")).replace('"hours": 2, "subject": "ethics", '
                  '"completed": "2026-03-14"}]', '"hours": NaN, "subject": "ethics", '
                  '"completed": "2026-03-14"}]'), "line 1"),  # not JSON: its position
    "infinity hours": (_wrap(dict(GOOD, id="ce-x1", hours=1e999)), "line 1"),
    "hours out of range": (_wrap(dict(GOOD, id="ce-x1", hours=1e9)),
                           "providers[0].ce[1].hours"),
    "expiry 9999": (_wrap(licenses=[{"id": "lic-a", "state": "FL", "expires": "9999-12-31"}]),
                    "providers[0].licenses[0].expires"),
    "junk history": (_wrap(applications=[{"id": "app-a", "payer": "ash", "history": [5]}]),
                     "providers[0].applications[0].history[0]"),
    "junk states": (_wrap(applications=[{"id": "app-a", "payer": "ash", "states": ["ZZ"]}]),
                    "providers[0].applications[0].states[0]"),
    "65-bit integer": (_wrap(documents=[{
        "id": "doc-a", "kind": "w9", "sha256": "a" * 64, "vault_path": "vault/aa/" + "a" * 64,
        "original_name": "w9.pdf", "size": 2**65, "media_type": "application/pdf",
        "added": "2026-01-01"}]), "providers[0].documents[0]"),
    "nesting 600 deep": (_wrap(applications=[{"id": "app-a", "payer": "ash", "packets": [
        json.loads("[" * 600 + "]" * 600)]}]), "providers[0].applications[0].packets"),
    "lone surrogate": (_wrap().replace('"Dana Reyes"', '"Dana \\ud800 Reyes"'), ""),
    "terminal escape": (_wrap(dict(GOOD, id="ce-x1", course="\x1b]0;PWNED\x07")),
                        "providers[0].ce[1].course"),
    "ssn in a date": (_wrap(dict(GOOD, id="ce-x1", completed="913-57-2468")),
                      "providers[0].ce[1].completed"),
    "duplicate ids": (_wrap(dict(GOOD)), "providers[0].ce[1].id"),
    "unknown table": (_wrap(secrets=[]), "providers[0].secrets"),
    "outside the vault": (_wrap(documents=[{
        "id": "doc-a", "kind": "w9", "sha256": "a" * 64, "vault_path": "../../etc/passwd",
        "original_name": "w9.pdf", "size": 1, "media_type": "application/pdf",
        "added": "2026-01-01"}]), "providers[0].documents[0].vault_path"),
    "blank name": (_wrap(provider={"id": "dana", "name": "   "}), "providers[0].provider.name"),
    "history junk dates": (_wrap(applications=[{"id": "app-a", "payer": "ash", "history": [
        {"status": "draft", "date": "soon"}]}]), "providers[0].applications[0].history[0]"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_IMPORTS))
def test_a_hostile_import_is_refused_whole_with_the_record_path(cli, home, tmp_path, case):
    text, where = HOSTILE_IMPORTS[case]
    assert cli("init", "--name", "Ann Park").code == 0
    before = snapshot(home)
    r = cli("import", _import_case(tmp_path, text))
    assert_clean_error(r, 2)
    assert where in r.err, r.err
    assert "913-57-2468" not in r.err and "PWNED" not in r.err and "passwd" not in r.err
    assert snapshot(home) == before  # nothing changed
    for cmd in (["status", "--all"], ["license", "list"], ["app", "list"],
                ["ical", "export", "-o", "-"]):
        assert cli(*cmd).code == 0, (cmd, cli(*cmd).err)


def test_import_of_every_record_kind_round_trips(cli, home, tmp_path):
    from reliability.practice import seed

    seed(tmp_path / "src", tmp_path / "files")
    exported = cli("--data-dir", tmp_path / "src", "export", "-").out
    path = tmp_path / "export.json"
    path.write_text(exported)
    assert cli("import", path).code == 0
    assert cli("export", "-").out == exported


def _edit_provider_file(home: Path, change) -> None:
    path = home / "providers" / "dana-reyes.json"
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("case", ["history [5]", "expiry 9999", "hours NaN-as-null"])
def test_a_hand_edited_bad_shape_is_found_and_never_crashes(cli, home, desk, case):
    assert cli("apply", "ash", "--state", "FL").code == 0
    assert cli("license", "add", "--state", "FL", "--number", "MA1").code == 0

    def change(data):
        if case == "history [5]":
            for row in data["applications"].values():
                row["history"] = [5]
        elif case == "expiry 9999":
            for row in data["licenses"].values():
                row["expires"] = "9999-12-31"
        else:
            for row in data["ce"].values():
                row["hours"] = None

    _edit_provider_file(home, change)
    report = _doctor(cli)
    assert not report["healthy"]
    assert "malformed-record" in {p["code"] for p in report["problems"]}
    for cmd in (["status"], ["license", "list"], ["app", "list"], ["ce", "list"],
                ["ical", "export", "-o", "-"]):
        r = cli(*cmd)
        if r.code:
            assert_clean_error(r, 1)
            assert "internal error" not in r.err


def test_two_index_entries_naming_one_file_are_found(cli, home, desk):
    path = home / "practice.json"
    data = json.loads(path.read_bytes())
    data["providers"]["sam-lee"]["file"] = "dana-reyes.json"
    path.write_text(json.dumps(data))
    assert not _doctor(cli)["healthy"]
    r = cli("provider", "list")
    assert_clean_error(r, 1)
    assert "same file" in r.err


def _run_bytes(*args: bytes | str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([os.fsencode(BIN / "credtrack"), *(os.fsencode(a) if isinstance(a, str)
                                                              else a for a in args)],
                          capture_output=True, timeout=60, cwd=cwd)


def _one_line(proc: subprocess.CompletedProcess, code: int = 2) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == code, (proc.returncode, err)
    assert len(err.strip().splitlines()) == 1 and "internal error" not in err, err
    return err


def test_hostile_cli_values_are_one_line_exit_2(cli, home, tmp_path):
    assert cli("init", "--name", "Dana Reyes").code == 0
    before = snapshot(home)
    _one_line(_run_bytes("license", "add", "--state", "FL", "--number", b"\xff"))
    _one_line(_run_bytes("provider", "edit", "--name", b"Dana \xff"))
    _one_line(_run_bytes("provider", "edit", "--location", "\x1b]0;PWNED\x07"))
    _one_line(_run_bytes("provider", "edit", "--location", "x" * 100_000))
    _one_line(_run_bytes("provider", "edit", "--name", "   "))
    err = _one_line(_run_bytes("ce", "add", "--hours", "913-57-2468", "--subject", "general",
                               "--completed", "2026-01-01"))
    assert "913" not in err and "2468" not in err
    err = _one_line(_run_bytes("license", "add", "--state", "913-57-2468"))
    assert "913" not in err
    assert snapshot(home) == before
    assert cli("provider", "show", "--json").json()["name"] == "Dana Reyes"


def test_a_latin1_file_name_can_be_added(cli, home, tmp_path):
    assert cli("init", "--name", "Dana Reyes").code == 0
    name = b"R\xe9sum\xe9.pdf"  # Latin-1 bytes: not UTF-8
    path = os.path.join(os.fsencode(tmp_path), name)
    with open(path, "wb") as f:
        f.write(_pdf("resume"))
    proc = _run_bytes("doc", "add", "resume", path, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["original_name"] == "R\ufffdsum\ufffd.pdf"
    assert cli("doc", "list", "--json").code == 0 and cli("doctor").code == 0


@pytest.mark.parametrize("kind", ["file", "fifo", "dangling link", "too long", "other user"])
def test_a_data_dir_credtrack_cannot_use_is_one_line(tmp_path, kind):
    target = tmp_path / "data"
    if kind == "file":
        target.write_text("x")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "dangling link":
        target.symlink_to(tmp_path / "nowhere")
    elif kind == "too long":
        target = tmp_path / ("x" * 300)
    else:
        target.mkdir()
        os.chown(target, 65534, 65534)
    for cmd in (["init", "--name", "X"], ["status"], ["doctor"]):
        proc = _run_bytes("--data-dir", str(target), *cmd)
        if kind == "other user" and cmd != ["init", "--name", "X"]:
            assert b"internal error" not in proc.stderr
            continue
        _one_line(proc)
    if kind == "other user":
        assert list(target.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Trespass
# ---------------------------------------------------------------------------------------------

def test_an_existing_data_dir_keeps_its_mode(cli, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    assert cli("--data-dir", shared, "init", "--name", "Dana Reyes").code == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777  # the sticky bit stays
    assert stat.S_IMODE((shared / "providers").stat().st_mode) == 0o700  # its own: private


def test_a_folder_that_is_not_a_data_dir_is_refused(cli, tmp_path):
    """`--data-dir / init`, against a folder of the test's own: not empty, no credtrack
    files: refused with one line, nothing changed (mode included)."""
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc" / "passwd").write_text("root:x:0:0::/root:/bin/sh\n")
    os.chmod(root, 0o755)
    before = snapshot(root)
    for cmd in (["init", "--name", "X"], ["doctor"], ["doctor", "--repair", "--yes"]):
        r = cli("--data-dir", root, *cmd)
        assert_clean_error(r, 2)
        assert "not a credtrack data dir" in r.err
    assert snapshot(root) == before and stat.S_IMODE(root.stat().st_mode) == 0o755


@pytest.mark.parametrize("command", ["export", "ical"])
def test_outputs_never_replace_a_foreign_file_or_follow_a_link(cli, home, desk, tmp_path,
                                                                command):
    def run(target, *extra):
        if command == "export":
            return cli("export", target, *extra)
        return cli("ical", "export", "-o", target, *extra)

    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0::/root:/bin/sh\n")
    r = run(passwd)
    assert_clean_error(r, 2)
    assert "root:x" not in r.err and passwd.read_text() == "root:x:0:0::/root:/bin/sh\n"
    link = tmp_path / "out.link"
    link.symlink_to(passwd)
    assert_clean_error(run(link), 2)
    assert passwd.read_text() == "root:x:0:0::/root:/bin/sh\n" and link.is_symlink()
    mine = tmp_path / "mine.out"
    assert run(mine).code == 0
    assert run(mine).code == 0  # its own earlier output is replaced
    assert run(passwd, "--force").code == 0  # --force: the user said so
    assert passwd.read_text() != "root:x:0:0::/root:/bin/sh\n"
