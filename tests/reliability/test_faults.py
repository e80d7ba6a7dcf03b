"""Fault injection: nothing lost, nothing partial, every failure one clear line.

- SIGKILL at random moments of every kind of write (harness.py, in a subprocess).
- Disk full and read-only: every system call a write command makes under the data dir is made
  to fail in turn (ENOSPC, EROFS, EACCES); plus a real 1 MB tmpfs and a real read-only bind
  mount where the machine allows mounting.
- A store file truncated, emptied, zeroed, invalid, of the wrong shape; the index missing or
  pointing outside; a vault file modified or deleted behind credtrack's back.
- The clock on DST changes and leap days.

Each case is counted in the ``faults:`` line printed at the end of the run (conftest.py).
"Records lost" counts acknowledged records missing after a fault credtrack must survive on its
own (kills, disk full, read-only); a store file damaged from outside is restored from its newest
backup by ``doctor --repair``, and counted recovered when every record of that backup is back.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from conftest import assert_clean_error
from reliability import harness
from reliability.practice import (
    IDS, big_pdf, copy_practice, lost_records, record_keys, seed, snapshot, temp_files,
)

HARNESS = Path(harness.__file__)
CI = {"store": 60, "vault": 25, "packet": 5, "ical": 20, "export": 25, "encryption": 20}
FULL = {k: v * 10 for k, v in CI.items()}


# ---------------------------------------------------------------------------------------------
# SIGKILL
# ---------------------------------------------------------------------------------------------

def _harness(scenario: str, iterations: int, tmp_path: Path, *extra: str):
    proc = subprocess.run([sys.executable, str(HARNESS), scenario, str(tmp_path / "home"),
                           "--iterations", str(iterations), "--seed", str(iterations), *extra],
                          capture_output=True, text=True, timeout=1800)
    assert proc.stdout.strip(), proc.stderr[-3000:]
    return proc, json.loads(proc.stdout)


def _sigkill(scenario: str, iterations: int, tmp_path: Path, tally) -> None:
    proc, stats = _harness(scenario, iterations, tmp_path)
    tally.add(f"sigkill {scenario}", iterations=stats["iterations"], faults=stats["faults"],
              recovered=stats["recovered"], lost=stats["lost"])
    assert proc.returncode == 0, (stats["problems"][:10], proc.stderr[-3000:])
    assert stats["lost"] == 0, stats["problems"][:10]
    assert not stats["problems"], stats["problems"][:10]
    assert stats["iterations"] == stats["faults"] == stats["recovered"] == iterations
    assert stats["acknowledged"] > 0  # the writers got work done between the kills
    assert stats["temps_after_next_write"] == []  # the next write swept the killed ones' temps
    assert stats["healthy_after_repair"], stats["remaining"]


@pytest.mark.parametrize("scenario", harness.SCENARIOS)
def test_sigkill_during_writes(scenario, tmp_path, tally):
    _sigkill(scenario, CI[scenario], tmp_path, tally)


@pytest.mark.parametrize("scenario,planted", [("encryption", "encryption-empties-ce"),
                                              ("store", "edit-writes-nothing")])
def test_the_harness_reports_a_planted_loss(scenario, planted, tmp_path):
    """The harness can fail: with a bug planted in the writers (turning encryption on empties
    the CE table; an edit writes nothing) it counts the losses and exits 1."""
    proc, stats = _harness(scenario, 8 if scenario == "encryption" else 25, tmp_path,
                           "--plant", planted)
    assert proc.returncode == 1
    assert stats["lost"] > 0 and stats["recovered"] < stats["iterations"], stats
    what = "of the starting practice" if scenario == "encryption" else "lost edit"
    assert any(what in p for p in stats["problems"]), stats["problems"][:5]


@pytest.mark.full
@pytest.mark.parametrize("scenario", harness.SCENARIOS)
def test_sigkill_during_writes_full(scenario, tmp_path, tally):
    _sigkill(scenario, FULL[scenario], tmp_path, tally)


def test_stale_temps_of_dead_writers_are_swept_and_live_ones_kept(cli, home, tmp_path):
    """The policy for temp files a killed writer leaves: hidden, never the target; the next
    write in that folder (by another process) removes those of dead pids, keeps a live
    writer's; doctor reports what is left and --repair removes the stale ones."""
    cli("init", "--name", "Dana Reyes")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        providers = home / "providers"
        stale = providers / f".dana-reyes.json.{dead.pid}.1.tmp"
        running = providers / f".dana-reyes.json.{live.pid}.2.tmp"
        old = home / f".practice.json.{live.pid}.3.tmp"  # pid alive (reused?) but 2 hours old
        for p in (stale, running, old):
            p.write_bytes(b'{"partial')
        os.utime(old, (time.time() - 7200, time.time() - 7200))
        report = cli("doctor", "--json").json()
        codes = {(p["code"], Path(p["path"]).name) for p in report["problems"]}
        assert ("stale-temp", stale.name) in codes and ("stale-temp", old.name) in codes
        assert ("write-in-progress", running.name) in codes
        proc = subprocess.run([sys.executable, "-m", "credtrack", "ce", "add", "--hours", "1",
                               "--subject", "general", "--completed", "2026-01-01"],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert not stale.exists() and not old.exists()
        assert running.exists()  # another process is writing it
    finally:
        live.kill()
        live.wait()
    assert cli("doctor", "--repair", "--yes").code == 0  # its writer is gone now
    assert temp_files(home) == []


# ---------------------------------------------------------------------------------------------
# Disk full, read-only, permission denied: injected at every system call of every write
# ---------------------------------------------------------------------------------------------

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT


class Injector:
    """Fail the ``nth`` call of ``os.<name>`` that touches one of ``roots`` with ``err``
    (nth 0: only count the calls)."""

    def __init__(self, monkeypatch, roots: list[Path], name: str, err: int, nth: int):
        self.roots = [str(r) for r in roots]
        self.name, self.err, self.nth = name, err, nth
        self.calls = 0
        self.fired = False
        real = getattr(os, name)

        def fake(*args, **kwargs):
            if self._ours(args, kwargs):
                self.calls += 1
                if self.calls == self.nth:
                    self.fired = True
                    raise OSError(self.err, os.strerror(self.err), str(args[0]))
            return real(*args, **kwargs)

        monkeypatch.setattr(os, name, fake)

    def _ours(self, args, kwargs) -> bool:
        if self.name == "open":
            flags = args[1] if len(args) > 1 else kwargs.get("flags", 0)
            if not flags & WRITE_FLAGS:
                return False
        target = args[1] if self.name == "link" else args[0]
        if isinstance(target, int):
            try:
                target = os.readlink(f"/proc/self/fd/{target}")
            except OSError:
                return False
        return os.path.abspath(os.fspath(target)).startswith(tuple(self.roots))


CALLS = {errno.ENOSPC: ("open", "write", "fsync", "replace", "link", "mkdir"),
         errno.EROFS: ("open", "mkdir", "replace", "link", "unlink", "chmod"),
         errno.EACCES: ("open", "mkdir", "replace")}
WORDS = {errno.ENOSPC: "disk full", errno.EROFS: "read-only file system",
         errno.EACCES: "permission denied"}

# (name, arguments, outputs that may change although the command failed). {x} fills in ids;
# {out} is a folder outside the data dir; {files} holds the source files.
WRITE_COMMANDS = [
    ("init", ["init", "--name", "Ann Park", "--npi", "1245319599"], ()),
    ("license add", ["license", "add", "--state", "TX", "--number", "TX99887",
                     "--expires", "2028-01-31"], ()),
    ("license edit", ["license", "edit", "{license}", "--expires", "2027-09-30"], ()),
    ("license renew", ["license", "renew", "{license}", "--expires", "2029-08-31"], ()),
    ("license remove", ["license", "remove", "{license}", "--yes"], ()),
    ("doc add (3 MB)", ["doc", "add", "w9", "{files}/big.pdf", "--issued", "2026-02-01"], ()),
    ("doc remove", ["doc", "remove", "{w9}", "--yes"], ()),
    ("ce add", ["ce", "add", "--hours", "3", "--subject", "ethics",
                "--completed", "2026-06-01"], ()),
    ("ce add --file", ["ce", "add", "--hours", "3", "--subject", "general",
                       "--completed", "2026-06-01", "--file", "{files}/cert.pdf"], ()),
    ("ce remove", ["ce", "remove", "{ce}", "--yes"], ()),
    ("caqh attest", ["caqh", "attest", "--date", "2026-11-01"], ()),
    ("apply", ["apply", "cigna", "--state", "FL"], ()),
    ("app status", ["app", "status", "{app}", "in-review", "--date", "2026-11-10"], ()),
    ("followup add", ["followup", "add", "{app}", "--ref", "R1", "--date", "2026-11-12"], ()),
    ("provider add", ["provider", "add", "--name", "Lee Wong"], ()),
    ("provider edit", ["provider", "edit", "--email", "new@example.com"], ()),
    ("provider use", ["provider", "use", "{other}"], ()),
    ("provider remove", ["provider", "remove", "{other}", "--yes"], ()),
    ("ical export", ["ical", "export", "--as-of", "2026-11-22"],
     ("calendar-state.json", "credtrack.ics")),
    ("ical export -o", ["ical", "export", "-o", "{out}/cal.ics", "--as-of", "2026-11-22"],
     ("calendar-state.json",)),
    ("export", ["export", "{out}/backup.json"], ()),
    ("import", ["import", "{files}/other-export.json"], ()),
    ("packet build", ["packet", "build", "{draft}", "--draft", "--date", "2026-11-22"],
     ("packets/",)),
    ("doctor --repair", ["doctor", "--repair", "--yes"], ("*",)),  # each repair is atomic;
]                                                                   # those done stay done
SLOW = {"packet build"}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One seeded practice (with the files the commands use), copied for every case."""
    root = tmp_path_factory.mktemp("practice")
    ids = seed(root / "home", root / "files")
    (root / "files" / "big.pdf").write_bytes(big_pdf(3 * 1024 * 1024, "Form W-9 2026"))
    (root / "files" / "cert.pdf").write_bytes(big_pdf(64 * 1024, "CE certificate"))
    other = root / "other"
    seed(other / "home", other / "files")
    from credtrack.service import Credtrack

    exported = Credtrack(other / "home", entry_points=False).export_data()
    exported["providers"] = [p for p in exported["providers"]
                             if p["provider"]["name"] == "Sam Lee"]
    exported["providers"][0]["provider"]["name"] = "Sam Lee Imported"
    exported["providers"][0]["provider"]["id"] = "sam-lee-imported"
    (root / "files" / "other-export.json").write_text(json.dumps(exported))
    shutil.rmtree(other)
    return root, ids


def _args(args: list[str], ids: dict, files: Path, out: Path) -> list[str]:
    return [a.format(files=files, out=out, **ids) for a in args]


def _prepare_case(name: str, home: Path) -> None:
    if name == "doctor --repair":  # something to repair: a file to restore, a mode to fix
        (home / "providers" / "sam-lee.json").write_bytes(b"{")
        (home / "practice.json").chmod(0o644)


REMOVES = {"license remove": "license", "doc remove": "w9", "ce remove": "ce",
           "provider remove": "other"}  # the record (or provider) the command takes away


def _inject_case(cli, monkeypatch, template, tmp_path, name, args, outputs, err, call, nth,
                 tally) -> str:
    """Run one command with the nth ``call`` failing; check the outcome. Returns
    'failed', 'survived' (the call failed was optional, e.g. a directory fsync) or 'missed'.
    Every case that injected a fault is counted, with the records it lost, before any
    assertion can stop it."""
    root, ids = template
    case = tmp_path / f"case-{call}-{nth}"
    home = copy_practice(root, case)
    files, out = case / "files", case / "out"
    out.mkdir()
    _prepare_case(name, home)
    argv = ["--data-dir", str(home), *_args(args, ids, files, out)]
    before = snapshot(home, skip=outputs)
    keys = record_keys(home)
    with monkeypatch.context() as m:
        inj = Injector(m, [home, out], call, err, nth)
        result = cli(*argv)
    if not inj.fired:
        return "missed"
    with tally.observe(f"{WORDS[err]} (injected)") as observed:
        allowed = (ids[REMOVES[name]],) if result.code == 0 and name in REMOVES else ()
        if name == "doctor --repair":
            allowed = ("sam-lee/",)  # its damaged file is restored from a backup
        observed.lost = lost_records(keys, record_keys(home), allowed)
        return _check_injected(cli, home, out, argv, name, call, nth, err, result, outputs,
                               before)


def _check_injected(cli, home, out, argv, name, call, nth, err, result, outputs,
                    before) -> str:
    assert result.code in (0, 1), (name, call, nth, result)
    assert "Traceback" not in result.out + result.err
    assert temp_files(home, out) == [], (name, call, nth)
    if result.code == 0:  # the failed call was one credtrack may do without (fsync of a dir)
        from credtrack import doctor
        from credtrack.service import Credtrack

        store = Credtrack(home, entry_points=False).store
        up = doctor.examine(store)
        left = [p for p in up.problems if p.severity != "info"]
        # a file that could not be deleted after its record was: doctor removes it
        assert all(p.code in ("vault-orphan", "removed-provider") for p in left), \
            (name, call, nth, left)
        doctor.repair(store, up.repairable)
        assert doctor.examine(store).healthy
        return "survived"
    assert result.err.startswith("credtrack: error:"), (name, call, nth, result.err)
    assert_clean_error(result, 1)
    assert WORDS[err] in result.err, (name, call, nth, result.err)
    assert "internal error" not in result.err
    if "*" not in outputs:
        assert snapshot(home, skip=outputs) == before, (name, call, nth)  # the store unchanged
    for extra in outputs:  # an output left behind is whole
        for path in home.glob(extra.rstrip("/") + ("/*" if extra.endswith("/") else "")):
            if path.is_dir():
                continue
            if path.suffix == ".json":
                json.loads(path.read_bytes())
    again = cli(*argv)  # the fault gone, the same command works
    assert again.code == 0, (name, call, nth, again)
    return "failed"


_COUNTS: dict[str, dict[str, int]] = {}


def _injection_points(cli, monkeypatch, template, tmp_path, name, args) -> dict[str, int]:
    """How many times the command makes each call under the data dir (one counting run)."""
    if name not in _COUNTS:
        root, ids = template
        case = tmp_path / "count"
        home = copy_practice(root, case)
        out = case / "out"
        out.mkdir()
        _prepare_case(name, home)
        with monkeypatch.context() as m:
            counters = {call: Injector(m, [home, out], call, 0, 0)
                        for call in sorted({c for calls in CALLS.values() for c in calls})}
            cli("--data-dir", str(home), *_args(args, ids, case / "files", out))
        _COUNTS[name] = {call: inj.calls for call, inj in counters.items()}
    return _COUNTS[name]


def _run_injections(cli, monkeypatch, template, tmp_path, name, args, outputs, err, tally,
                    full: bool) -> None:
    failed = 0
    counts = _injection_points(cli, monkeypatch, template, tmp_path, name, args)
    for call in CALLS[err]:
        points = list(range(1, counts[call] + 1))
        if not full and name in SLOW:  # a second each: the first refusal, the last write
            points = points[:1] if call == "open" else points[-1:] if call == "write" else []
        elif not full:  # the first calls and the last one: each step of the write
            points = sorted(set(points[:2] + points[-1:]))
        for nth in points:
            outcome = _inject_case(cli, monkeypatch, template, tmp_path, name, args, outputs,
                                   err, call, nth, tally)
            failed += outcome == "failed"
    assert failed, f"{name}: no injected {WORDS[err]} made it fail"


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS])
@pytest.mark.parametrize("name,args,outputs", WRITE_COMMANDS, ids=[c[0] for c in WRITE_COMMANDS])
def test_disk_full_and_read_only_at_every_step(cli, monkeypatch, template, tmp_path, name,
                                                args, outputs, err, tally):
    _run_injections(cli, monkeypatch, template, tmp_path, name, args, outputs, err, tally,
                    full=False)


@pytest.mark.full
@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS, errno.EACCES])
@pytest.mark.parametrize("name,args,outputs", WRITE_COMMANDS, ids=[c[0] for c in WRITE_COMMANDS])
def test_disk_full_and_read_only_at_every_step_full(cli, monkeypatch, template, tmp_path, name,
                                                     args, outputs, err, tally):
    _run_injections(cli, monkeypatch, template, tmp_path, name, args, outputs, err, tally,
                    full=True)


@pytest.mark.parametrize("name,args,outputs", WRITE_COMMANDS[:6:2], ids=[c[0] for c in
                                                                          WRITE_COMMANDS[:6:2]])
def test_permission_denied_is_one_clear_line(cli, monkeypatch, template, tmp_path, name, args,
                                             outputs, tally):
    _run_injections(cli, monkeypatch, template, tmp_path, name, args, outputs, errno.EACCES,
                    tally, full=False)


READ_COMMANDS = [["status", "--as-of", "2026-11-22"], ["due", "--json"], ["license", "list"],
                 ["doc", "list", "--json"], ["ce", "status"], ["app", "show", "{app}"],
                 ["provider", "show"], ["export", "-"], ["ical", "export", "-o", "-"],
                 ["doctor"]]


def test_a_read_only_data_dir_still_reads(cli, monkeypatch, template, tmp_path):
    root, ids = template
    home = copy_practice(root, tmp_path / "ro")
    (home / "practice.json").chmod(0o600)
    expected = [cli("--data-dir", str(home), *_args(a, ids, tmp_path, tmp_path))
                for a in READ_COMMANDS]
    with monkeypatch.context() as m:
        for call in CALLS[errno.EROFS]:
            Injector(m, [home], call, errno.EROFS, 1)  # any write would fail
        for args, want in zip(READ_COMMANDS, expected):
            got = cli("--data-dir", str(home), *_args(args, ids, tmp_path, tmp_path))
            assert want.code == 0, (args, want)
            if args[0] == "ical":  # a calendar records its event sequence numbers: a write
                assert_clean_error(got, 1)
                assert "read-only file system" in got.err
                continue
            assert got.code == 0, (args, got)
            if args[0] != "doctor":
                assert got.out == want.out, args


def _try(*cmd: str) -> bool:
    return subprocess.run(cmd, capture_output=True).returncode == 0


@pytest.fixture
def mount_point(tmp_path):
    """A folder to mount on; unmounted afterwards. Skips where mounting is not allowed."""
    point = tmp_path / "mnt"
    point.mkdir()
    yield point
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_real_tmpfs_disk_full(cli, mount_point, template, tally):
    if not _try("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount_point)):
        pytest.skip("cannot mount a tmpfs here (the injected ENOSPC cases still run)")
    root, ids = template
    home = mount_point / "home"
    assert cli("--data-dir", str(home), "init", "--name", "Dana Reyes").code == 0
    for i in range(5):
        cli("--data-dir", str(home), "ce", "add", "--hours", "1", "--subject", "general",
            "--completed", "2026-01-01", "--course", f"c{i}")
    before = snapshot(home)
    keys = record_keys(home)
    result = cli("--data-dir", str(home), "doc", "add", "w9", str(root / "files" / "big.pdf"))
    with tally.observe("disk full (tmpfs)") as observed:
        observed.lost = lost_records(keys, record_keys(home))
    assert_clean_error(result, 1)
    assert "disk full" in result.err
    assert snapshot(home) == before and temp_files(home) == []
    # fill the disk to the last bytes: writes fail cleanly until space is freed
    filler = mount_point / "filler"
    with open(filler, "wb", buffering=0) as f:
        for chunk in (65536, 4096, 512, 1):
            try:
                while True:
                    f.write(b"\0" * chunk)
            except OSError:
                pass
    failures = 0
    for i in range(5):
        keys = record_keys(home)
        r = cli("--data-dir", str(home), "ce", "add", "--hours", "1", "--subject", "general",
                "--completed", "2026-01-01", "--course", f"full{i}")
        if r.code:
            with tally.observe("disk full (tmpfs)") as observed:
                observed.lost = lost_records(keys, record_keys(home))
                assert_clean_error(r, 1)
                assert "disk full" in r.err
            failures += 1
    assert failures
    listed = cli("--data-dir", str(home), "ce", "list", "--json")
    assert listed.code == 0 and {f"c{i}" for i in range(5)} <= {c["course"] for c in listed.json()}
    filler.unlink()
    assert cli("--data-dir", str(home), "ce", "add", "--hours", "1", "--subject", "general",
               "--completed", "2026-01-01").code == 0
    assert temp_files(home) == []


def test_real_read_only_mount(cli, mount_point, template, tally):
    root, ids = template
    home = copy_practice(root, mount_point / "copy")
    if not (_try("mount", "--bind", str(mount_point), str(mount_point))
            and _try("mount", "-o", "remount,bind,ro", str(mount_point))):
        pytest.skip("cannot make a read-only bind mount here (the injected EROFS cases run)")
    before = snapshot(home)
    keys = record_keys(home)
    status = cli("--data-dir", str(home), "status", "--as-of", "2026-11-22")
    assert status.code == 0, status.err
    for args in (["ce", "add", "--hours", "1", "--subject", "general", "--completed",
                  "2026-01-01"], ["doc", "add", "w9", str(root / "files" / "coi.pdf")],
                 ["init", "--name", "Ann Park"], ["ical", "export"]):
        r = cli("--data-dir", str(home), *args)
        with tally.observe("read-only (bind mount)") as observed:
            observed.lost = lost_records(keys, record_keys(home))
            assert_clean_error(r, 1)
            assert "read-only file system" in r.err, r.err
    assert snapshot(home) == before


# ---------------------------------------------------------------------------------------------
# A store damaged from outside
# ---------------------------------------------------------------------------------------------

def _truncate(n: int):
    return lambda raw: raw[:n]


def _replace_table(table: str, value):
    def change(raw: bytes) -> bytes:
        data = json.loads(raw)
        data[table] = value
        return json.dumps(data).encode()
    return change


def _first_row(table: str, field: str, value):
    def change(raw: bytes) -> bytes:
        data = json.loads(raw)
        row = next(iter(data[table].values()))
        row[field] = value
        return json.dumps(data).encode()
    return change


def _drop_field(table: str, field: str):
    def change(raw: bytes) -> bytes:
        data = json.loads(raw)
        next(iter(data[table].values())).pop(field)
        return json.dumps(data).encode()
    return change


DAMAGE = {
    "emptied": lambda raw: b"",
    "zeroed": lambda raw: b"\0" * len(raw),
    "invalid JSON": lambda raw: raw.replace(b"{", b"[", 1),
    "garbage": lambda raw: os.urandom(len(raw)),
    "a JSON list": lambda raw: b"[1, 2, 3]",
    "no provider record": lambda raw: json.dumps({"licenses": {}}).encode(),
    "a date that is not a date": _first_row("ce", "completed", "2026-13-45"),
    "a record without its id": _drop_field("licenses", "id"),
    "hours that are text": _first_row("ce", "hours", "twelve"),
    "a table that is a list": _replace_table("ce", [1, 2]),
}


def _damage_cases(seed_: int, truncations: int) -> list[tuple[str, object]]:
    rng = random.Random(seed_)
    cases = list(DAMAGE.items())
    cases += [(f"truncated at {n}", _truncate(n)) for n in
              sorted(rng.sample(range(1, 1500), truncations))]
    return cases


CORRUPT_CHECKS = [["status"], ["ce", "list"], ["license", "list", "--json"],
                  ["ce", "add", "--hours", "1", "--subject", "general", "--completed",
                   "2026-01-01"], ["packet", "build", "{draft}", "--draft"]]


def _corrupt_and_repair(cli, template, tmp_path, label, damage, tally) -> None:
    root, ids = template
    home = copy_practice(root, tmp_path / f"c{abs(hash(label))}")
    path = home / "providers" / f"{ids['provider']}.json"
    from credtrack.fsio import newest_backup

    good = json.loads(newest_backup(path, home / "backups").read_bytes())
    good_keys = record_keys(home, newest_backup(path, home / "backups"))
    raw = path.read_bytes()
    if label.startswith("truncated at") and int(label.split()[-1]) >= len(raw):
        return
    broken = damage(raw)
    path.write_bytes(broken)
    with tally.observe("store file damaged") as observed:
        _damaged_checks(cli, home, ids, path, broken, label, good)
        observed.lost = lost_records(good_keys, record_keys(home))


def _damaged_checks(cli, home, ids, path, broken, label, good) -> None:
    for args in CORRUPT_CHECKS:
        r = cli("--data-dir", str(home), *[a.format(**ids) for a in args])
        assert_clean_error(r, 1)
        assert str(path) in r.err or "malformed" in r.err, (label, args, r.err)
        assert IDS["tin"] not in r.err and IDS["birth_date"] not in r.err
        assert path.read_bytes() == broken, (label, args)  # never overwritten
    report = cli("--data-dir", str(home), "doctor", "--json")
    assert report.code == 1
    problems = [p for p in report.json()["problems"] if p["path"] == f"providers/{path.name}"]
    assert {p["code"] for p in problems} & {"corrupt-file", "malformed-record"}, (label, problems)
    assert path.read_bytes() == broken  # doctor alone changes nothing
    refused = cli("--data-dir", str(home), "doctor", "--repair")  # no terminal, no --yes
    assert_clean_error(refused, 2)
    assert path.read_bytes() == broken
    fixed = cli("--data-dir", str(home), "doctor", "--repair", "--yes")
    assert fixed.code == 0, (label, fixed.out)
    assert "restored" in fixed.out
    assert json.loads(path.read_bytes()) == good
    kept = list((home / "backups" / path.stem).glob("*.corrupt"))
    assert [k.read_bytes() for k in kept] == [broken]  # the damaged file is kept aside
    assert cli("--data-dir", str(home), "status").code == 0


@pytest.mark.parametrize("label,damage", _damage_cases(7, 6), ids=lambda x: str(x)[:30])
def test_a_damaged_provider_file_stops_cleanly_and_is_restored(cli, template, tmp_path, label,
                                                               damage, tally):
    _corrupt_and_repair(cli, template, tmp_path, label, damage, tally)


@pytest.mark.full
def test_damaged_provider_files_full(cli, template, tmp_path, tally):
    for label, damage in _damage_cases(11, 200):
        _corrupt_and_repair(cli, template, tmp_path, label, damage, tally)


@pytest.mark.parametrize("label,change", [
    ("truncated", lambda p: p.write_bytes(p.read_bytes()[:40])),
    ("deleted", lambda p: p.unlink()),
    ("outside providers/", lambda p: p.write_text(json.dumps(
        {"providers": {"x": {"name": "X", "file": "../../x.json"}}}))),
])
def test_a_damaged_index_stops_cleanly_and_is_restored(cli, template, tmp_path, label, change,
                                                       tally):
    root, ids = template
    home = copy_practice(root, tmp_path / "idx")
    index = home / "practice.json"
    expected = sorted(p["id"] for p in cli("--data-dir", str(home), "provider", "list",
                                           "--json").json())
    keys = record_keys(home)
    change(index)
    with tally.observe("index damaged") as observed:
        for args in (["status"], ["provider", "list"], ["init", "--name", "New One"]):
            r = cli("--data-dir", str(home), *args)
            assert_clean_error(r, 1)
            assert "practice.json" in r.err
        assert cli("--data-dir", str(home), "doctor", "--repair", "--yes").code == 0
        observed.lost = lost_records(keys, record_keys(home))
        after = sorted(p["id"] for p in cli("--data-dir", str(home), "provider", "list",
                                            "--json").json())
        assert after == expected


def test_an_encrypted_file_with_a_flipped_bit(cli, template, tmp_path, monkeypatch, tally):
    from credtrack import crypto

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**12)
    monkeypatch.setenv("CREDTRACK_PASSPHRASE", "correct horse battery")
    root, ids = template
    home = copy_practice(root, tmp_path / "enc")
    assert cli("--data-dir", str(home), "encryption", "enable").code == 0
    cli("--data-dir", str(home), "ce", "add", "--hours", "1", "--subject", "general",
        "--completed", "2026-01-01")  # so the newest backup is sealed too
    path = home / "providers" / f"{ids['provider']}.json"
    from credtrack.fsio import newest_backup

    good_keys = record_keys(home, newest_backup(path, home / "backups"))
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    with tally.observe("encrypted file damaged") as observed:
        r = cli("--data-dir", str(home), "status")
        assert_clean_error(r, 1)
        assert "cannot be decrypted" in r.err
        assert cli("--data-dir", str(home), "doctor", "--repair", "--yes").code == 0
        assert cli("--data-dir", str(home), "status").code == 0
        observed.lost = lost_records(good_keys, record_keys(home))


# ---------------------------------------------------------------------------------------------
# The vault changed behind credtrack's back
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_doctor_names_a_tampered_and_a_missing_vault_file(cli, template, tmp_path, monkeypatch,
                                                          encrypted, tally):
    root, ids = template
    home = copy_practice(root, tmp_path / "vault")
    if encrypted:
        from credtrack import crypto

        monkeypatch.setattr(crypto, "SCRYPT_N", 2**12)
        monkeypatch.setenv("CREDTRACK_PASSPHRASE", "correct horse battery")
        assert cli("--data-dir", str(home), "encryption", "enable").code == 0
    docs = {d["id"]: d for d in cli("--data-dir", str(home), "doc", "list", "--json").json()}
    w9, coi = docs[ids["w9"]], docs[ids["coi"]]
    keys = record_keys(home)
    with tally.observe("vault file tampered or deleted", faults=2, iterations=2) as observed:
        _tampered_checks(cli, home, ids, w9, coi)
        observed.lost = lost_records(keys, record_keys(home), (ids["w9"], ids["coi"]))


def _tampered_checks(cli, home, ids, w9, coi) -> None:
    tampered, missing = home / w9["vault_path"], home / coi["vault_path"]
    data = bytearray(tampered.read_bytes())
    data[-100] ^= 0xFF
    tampered.write_bytes(bytes(data))
    missing.unlink()
    report = cli("--data-dir", str(home), "doctor")
    assert report.code == 1
    lines = report.out.splitlines()
    bad = [l for l in lines if "vault-file-tampered" in l]
    gone = [l for l in lines if "vault-file-missing" in l]
    assert len(bad) == 1 and w9["vault_path"] in bad[0] and ids["w9"] in bad[0]
    assert "w9.pdf" in bad[0]
    assert len(gone) == 1 and coi["vault_path"] in gone[0] and ids["coi"] in gone[0]
    assert "coi.pdf" in gone[0]
    # the rest of credtrack: clear errors where the files are needed, the rest works
    assert cli("--data-dir", str(home), "status").code == 0
    build = cli("--data-dir", str(home), "packet", "build", ids["draft"], "--draft")
    assert_clean_error(build, 1)
    assert any(w in build.err for w in ("sha256", "missing", "cannot be decrypted")), build.err
    # removing the broken records and adding the documents again makes it healthy
    for doc_id in (ids["w9"], ids["coi"]):
        assert cli("--data-dir", str(home), "doc", "remove", doc_id, "--yes").code == 0
    report = cli("--data-dir", str(home), "doctor", "--repair", "--yes")
    assert report.code == 0, report.out


def test_a_record_pointing_outside_the_vault_reads_and_deletes_nothing(cli, template, tmp_path):
    root, ids = template
    home = copy_practice(root, tmp_path / "escape")
    victim = tmp_path / "victim.txt"
    victim.write_text("not credtrack's")
    path = home / "providers" / f"{ids['provider']}.json"
    data = json.loads(path.read_bytes())
    row = next(r for r in data["documents"].values() if r["id"] == ids["w9"])
    row["vault_path"] = os.path.relpath(victim, home)
    path.write_text(json.dumps(data))
    report = cli("--data-dir", str(home), "doctor", "--json").json()
    assert any(p["code"] == "bad-vault-path" and p["record"] == ids["w9"]
               for p in report["problems"])
    assert cli("--data-dir", str(home), "doc", "remove", ids["w9"], "--yes").code == 0
    assert victim.read_text() == "not credtrack's"


# ---------------------------------------------------------------------------------------------
# The clock: DST changes and leap days
# ---------------------------------------------------------------------------------------------

CLOCK_DAYS = ["2024-02-29", "2025-02-28", "2025-03-01", "2028-02-29", "2026-03-08",
              "2026-11-01", "2026-03-29", "2026-10-25", "2026-12-31"]
ZONES = ["UTC", "America/New_York", "Europe/London", "Pacific/Kiritimati", "Etc/GMT+12"]


@pytest.fixture
def zone(monkeypatch):
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()
    yield set_zone
    monkeypatch.delenv("TZ", raising=False)
    time.tzset()


def test_deadlines_do_not_move_with_the_time_zone_or_dst(cli, template, tmp_path, zone,
                                                         monkeypatch, tally):
    root, ids = template
    home = copy_practice(root, tmp_path / "clock")
    cli("--data-dir", str(home), "license", "add", "--state", "MN", "--number", "LEAP29",
        "--issued", "2024-02-29")
    cli("--data-dir", str(home), "ce", "add", "--hours", "2", "--subject", "ethics",
        "--completed", "2024-02-29")
    for day in CLOCK_DAYS:
        monkeypatch.setenv("CREDTRACK_TODAY", day)
        outputs = set()
        for name in ZONES:
            zone(name)
            r = cli("--data-dir", str(home), "status", "--json")
            assert r.code == 0, (day, name, r.err)
            due = cli("--data-dir", str(home), "due", "--within", "1y", "--json")
            assert due.code == 0
            outputs.add(r.out + due.out)
        assert len(outputs) == 1, day  # (not a fault: not in the faults tally)


def test_calendar_across_dst_changes(template, tmp_path, zone):
    from credtrack import calexport
    from credtrack.service import Credtrack

    root, ids = template
    home = copy_practice(root, tmp_path / "ics")
    app = Credtrack(home, entry_points=False)
    instants = [datetime(2026, 3, 8, 6, 59, 59, tzinfo=timezone.utc),  # US: 01:59:59 EST
                datetime(2026, 3, 8, 7, 0, 0, tzinfo=timezone.utc),  # 03:00 EDT
                datetime(2026, 11, 1, 5, 30, tzinfo=timezone.utc),  # 01:30 EDT, the first one
                datetime(2026, 11, 1, 6, 30, tzinfo=timezone.utc),  # 01:30 EST, the second
                datetime(2028, 2, 29, 23, 59, tzinfo=timezone.utc)]
    bodies = {}
    for name in ("America/New_York", "UTC", "Australia/Lord_Howe"):
        zone(name)
        for now in instants:
            data, _ = calexport.render(app, date(2026, 11, 22), now=now)
            text = data.decode()
            stamp = now.strftime("%Y%m%dT%H%M%SZ")
            assert f"DTSTAMP:{stamp}" in text, (name, now)
            events = [l for l in text.splitlines() if l.startswith("DTSTART")]
            assert events and all(l.startswith("DTSTART;VALUE=DATE:") for l in events)
            bodies.setdefault(now, set()).add(text.replace("\r\n ", ""))
    assert all(len(v) == 1 for v in bodies.values())  # the zone changes nothing


def test_backups_keep_their_order_across_a_zone_change(cli, home, zone):
    cli("init", "--name", "Dana Reyes")
    for n, name in enumerate(("Pacific/Kiritimati", "Etc/GMT+12", "America/New_York", "UTC")):
        zone(name)
        cli("ce", "add", "--hours", "1", "--subject", "general", "--completed", "2026-01-01",
            "--course", f"c{n}")
    from credtrack.fsio import backups_of

    versions = [len(json.loads(p.read_bytes()).get("ce") or {})
                for p in backups_of(home / "providers" / "dana-reyes.json", home / "backups")]
    assert versions == sorted(versions)  # UTC names: the newest is last whatever the zone
