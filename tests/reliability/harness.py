"""SIGKILL fault injection: writers killed at random moments, the data dir checked after each.

Each scenario prepares a data dir, then for every iteration forks a child that performs one
kind of write in a loop (store records, vault copies of multi-MB files, packet builds,
iCalendar exports, whole-database exports, turning encryption on and off), acknowledging each
finished operation on its own line in an acks file. After a random delay the parent SIGKILLs
the child and checks, with a fresh service:

- the store opens, and every acknowledged record is in it (a missing one is a record lost);
- no target file is partial: every store file, backup, export, calendar and packet parses,
  every vault file's contents hash to its name;
- temp files left behind belong to dead writers only; at the end, one more write sweeps them
  and ``credtrack doctor`` (repairing what a killed ``doc add`` leaves: a vault file no record
  refers to) finds the data dir healthy.

The children are forked from this process (a fresh interpreter: the tests run it as a
subprocess), so an iteration costs milliseconds, not an interpreter start-up.

    python tests/reliability/harness.py SCENARIO DATA_DIR --iterations N --seed S

prints one JSON object: iterations, faults, recovered, lost, acknowledged and problems, and
exits 1 when anything was lost or found wrong (so a run that is not clean fails on its own).

What counts as lost, after every kill: an acknowledged record (CE credit, license, follow-up,
provider, document, packet) missing; an acknowledged edit overwritten by an older value; any
record of the starting practice gone (whatever the scenario: turning encryption on or off, an
export or a calendar write must not lose a record), unless its removal was acknowledged or in
flight. The calendar's state file must parse and know every event of the calendar beside it.

``--plant NAME`` plants a bug in the child (see PLANTS), for the tests that show the harness
can fail.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import time
from datetime import date
from pathlib import Path

PASSPHRASE = "fault-injection passphrase"
ON = date(2026, 11, 22)
SCENARIOS = ("store", "vault", "packet", "ical", "export", "encryption")
PLANTS = ("encryption-empties-ce", "edit-writes-nothing")
# a kill lands uniformly in [0, MAX_DELAY] seconds after the fork: long enough for several
# operations of the kind, so most kills hit one in the middle (on a slower machine, 2.5 times
# the first operation's time: the first iteration measures it, and is killed right after)
MAX_DELAY = {"store": 0.05, "vault": 0.12, "packet": 1.2, "ical": 0.25, "export": 0.06,
             "encryption": 0.35}


def _service(home: Path):
    from credtrack.service import Credtrack

    return Credtrack(home, entry_points=False, passphrase=lambda: PASSPHRASE)


def _pdf(title: str, size: int = 0) -> bytes:
    """A PDF that opens (doc add judges content), about ``size`` bytes larger when asked (an
    embedded file holds the bulk: random bytes appended after %%EOF do not always open)."""
    from credtrack.demo import sample_pdf

    data = sample_pdf(title, ["SAMPLE"])
    if not size:
        return data
    import io

    import pypdf

    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(data)))
    writer.add_attachment("scan.bin", os.urandom(size))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- setup ------------------------------------------------------------------------------------

def setup(scenario: str, home: Path) -> None:
    from credtrack.models import Provider, new_id

    app = _service(home)
    p = app.add_provider(Provider(new_id("prv"), "Dana Reyes", npi="1234567893",
                                  tin="876543219", birth_date=date(1986, 6, 14)), use=True)
    app.add_license(p.id, "FL", "MA43221", date(2014, 5, 1), date(2027, 8, 31), "LMT")
    files = home.parent / "files"
    files.mkdir(exist_ok=True)
    (files / "w9.pdf").write_bytes(_pdf("Form W-9"))
    app.add_document(p.id, "w9", files / "w9.pdf", issued=date(2026, 1, 5))
    (files / "coi.pdf").write_bytes(_pdf("Certificate of liability"))
    app.add_document(p.id, "liability-coi", files / "coi.pdf", date(2026, 1, 1),
                     date(2027, 1, 1), limits=(1_000_000, 3_000_000))
    app.add_ce(p.id, 2, "ethics", date(2026, 3, 14), course="setup")
    application, _ = app.apply(p.id, "ash", ["FL"], on=date(2026, 11, 1))
    (home.parent / "app-id").write_text(application.id)
    if scenario == "encryption":
        from credtrack import crypto

        crypto.SCRYPT_N = 2**12  # the key file records it; tests need no strong KDF
        (files / "big.pdf").write_bytes(_pdf("Scan", 2 * 1024 * 1024))
        app.add_document(p.id, "other", files / "big.pdf")
    (home.parent / "baseline.json").write_text(json.dumps(sorted(_record_keys(app))))


def _record_keys(app) -> set[str]:
    """'provider/table/id' for every record of the practice."""
    out = set()
    for records in app.store.all_records():
        pid = records.provider.id
        out.add(f"{pid}/provider/{pid}")
        for attr in ("licenses", "documents", "ce", "applications", "followups", "attestations"):
            out.update(f"{pid}/{attr}/{r.id}" for r in getattr(records, attr))
    return out


def plant(name: str | None) -> None:
    """Plant a bug in this (child) process: the harness must then report a loss."""
    if not name:
        return
    from credtrack.models import CECredit
    from credtrack.service import Credtrack

    if name == "encryption-empties-ce":
        real = Credtrack.enable_encryption

        def enable(self, passphrase):
            n = real(self, passphrase)
            with self.store.write(self.provider_id()) as pf:
                for c in pf.all(CECredit):
                    pf.remove(CECredit, c.id)
            return n

        Credtrack.enable_encryption = enable  # type: ignore[method-assign]
    elif name == "edit-writes-nothing":
        Credtrack.edit_provider = lambda self, pid, **changes: self.provider(pid)  # type: ignore


# -- the children -----------------------------------------------------------------------------

def _ack(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode())


def child(scenario: str, home: Path, acks: Path, tag: str, planted: str | None = None) -> None:
    """Write in a loop until killed; one line in ``acks`` per finished operation."""
    plant(planted)
    fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    app = _service(home)
    rng = random.Random(tag)
    n = 0
    app_id = (home.parent / "app-id").read_text()
    while True:
        n += 1
        key = f"{tag}-{n}"
        if scenario == "store":
            op = rng.choice(("ce", "ce", "license", "followup", "provider", "remove", "edit"))
            if op == "remove":
                others = [e for e in app.store.entries() if e.name.startswith("Provider ")]
                if not others:
                    continue
                _ack(fd, f"removing {others[0].name.removeprefix('Provider ')}")  # in flight
                app.store.remove_provider(others[0].id)
                _ack(fd, f"removed {others[0].name.removeprefix('Provider ')}")
                continue
            if op == "ce":
                app.add_ce(None, 1, "general", date(2026, 1, 1), course=key)
            elif op == "license":
                app.add_license(None, "NY", key, expires=date(2028, 1, 31))
            elif op == "followup":
                app.add_followup(None, app_id, date(2026, 11, 2), ref=key)
            elif op == "provider":  # the index and a new file: an addition is all or nothing
                from credtrack.models import Provider

                app.add_provider(Provider("x", f"Provider {key}"))
            else:
                _ack(fd, f"editing {key}")  # in flight until acknowledged
                app.edit_provider(None, email=f"{key}@example.com")
                op = "edit"
            _ack(fd, f"{op} {key}")
        elif scenario == "vault":  # add a multi-MB document, remove an older one
            src = home.parent / f"src-{tag}.pdf"
            src.write_bytes(_pdf(key, rng.randint(1, 3) * 1024 * 1024))
            doc = app.add_document(None, "other", src, note=key)
            _ack(fd, f"doc {doc.id} {doc.sha256}")
            older = [d for d in app.records().documents if d.kind == "other" and d.id != doc.id]
            if len(older) > 2:
                _ack(fd, f"removing {older[0].id}")  # in flight until acknowledged
                app.remove_record(None, "document", older[0].id)
                _ack(fd, f"doc-removed {older[0].id}")
        elif scenario == "packet":
            from credtrack import packet

            done = packet.build(app, app_id, on=ON, draft=True)
            _ack(fd, f"packet {done.manifest['sha256']} {done.pdf.name}")
        elif scenario == "ical":
            from credtrack.calservice import CalendarRequest

            app.export_calendar(CalendarRequest(ON), home / "credtrack.ics")
            _ack(fd, f"ical {key}")
        elif scenario == "export":
            from credtrack.fsio import atomic_write_bytes

            app.add_ce(None, 1, "general", date(2026, 1, 1), course=key)
            atomic_write_bytes(home / "export.json",
                               json.dumps(app.export_data(), indent=2).encode())
            _ack(fd, f"ce {key}")
        elif scenario == "encryption":
            if app.store.encrypted:
                app.disable_encryption(PASSPHRASE)
                _ack(fd, "disabled")
            else:
                app.enable_encryption(PASSPHRASE)
                _ack(fd, "enabled")


# -- the checks -------------------------------------------------------------------------------

def acknowledged(acks: Path) -> list[list[str]]:
    """Whole lines only: a kill in the middle of writing an ack is no acknowledgement."""
    if not acks.exists():
        return []
    text = acks.read_text()
    lines = text.split("\n")
    return [line.split() for line in lines[:-1] if line]


_verified: set[tuple[str, int, int, int]] = set()  # files already found whole, unchanged since


def check(scenario: str, home: Path, acks: list[list[str]]) -> tuple[int, list[str]]:
    """(records lost, other problems) after a kill."""
    from credtrack.models import Document
    from credtrack.fsio import TEMP_NAME, stale_temps

    app = _service(home)
    problems: list[str] = []
    everyone = app.store.all_records()  # raises if the store does not open
    lost = 0
    records = next(r for r in everyone if r.provider.id == "dana-reyes")
    have = {
        "ce": {c.course for c in records.ce},
        "license": {lic.number for lic in records.licenses},
        "followup": {f.ref for f in records.followups},
        "provider": {r.provider.name.removeprefix("Provider ") for r in everyone},
        "doc": {d.id for d in records.documents},
        "packet": {p.get("sha256") for a in records.applications for p in a.packets},
    }
    removed = {ack[1] for ack in acks if ack[0] in ("removed", "removing", "doc-removed")}
    lost += _lost_edits(records.provider.email, acks, problems)
    lost += _lost_baseline(app, home, everyone, removed, problems)
    problems += _calendar_problems(home)
    for ack in acks:
        kind = ack[0]
        if kind == "removed" and ack[1] in have["provider"]:
            problems.append(f"removed provider {ack[1]} is back")
        if kind == "doc-removed" and ack[1] in have["doc"]:
            problems.append(f"removed document {ack[1]} is back")
        if kind in ("provider", "doc") and ack[1] in removed:
            continue
        if kind in have and ack[1] not in have[kind]:
            lost += 1
            problems.append(f"lost {' '.join(ack)}")
    # nothing partial: every file credtrack keeps parses, every vault file hashes to its name
    for _guard, files in app.store.files():
        for path in files:
            st = path.stat()
            stamp = (str(path), st.st_mtime_ns, st.st_size, st.st_ino)
            if stamp in _verified:
                continue
            raw = app.store.unseal(path.read_bytes(), path)
            if path.parent.parent == app.store.vault_dir:
                if hashlib.sha256(raw).hexdigest() != path.name:
                    problems.append(f"partial vault file {path}")
            elif path.suffix == ".json":
                try:
                    json.loads(raw)
                except ValueError:
                    problems.append(f"partial store file {path}")
            _verified.add(stamp)
    for d in (d for r in everyone for d in r.documents):
        assert isinstance(d, Document)
        path = home / d.vault_path
        if not path.exists():
            problems.append(f"document {d.id} has no vault file")
        elif not path.name == d.sha256:
            problems.append(f"document {d.id} points at the wrong vault file")
    for name in ("export.json", "calendar-state.json"):
        if (home / name).exists():
            try:
                json.loads((home / name).read_bytes())
            except ValueError:
                problems.append(f"partial {name}")
    ics = home / "credtrack.ics"
    if ics.exists() and not ics.read_bytes().endswith(b"END:VCALENDAR\r\n"):
        problems.append("partial credtrack.ics")
    packets = home / "packets"
    if packets.is_dir():
        for pdf in packets.glob("*.pdf"):
            data = pdf.read_bytes()
            if not data.rstrip().endswith(b"%%EOF"):
                problems.append(f"partial packet {pdf.name}")
        for manifest in packets.glob("*.json"):
            try:
                json.loads(manifest.read_bytes())
            except ValueError:
                problems.append(f"partial manifest {manifest.name}")
    # temp files: only those of dead writers (the next write, or doctor, removes them)
    for folder in [home, *(p for p in home.rglob("*") if p.is_dir())]:
        temps = {p for p in folder.iterdir() if TEMP_NAME.match(p.name)}
        live = temps - set(stale_temps(folder))
        if live:
            problems.append(f"temp files of a live writer: {sorted(map(str, live))}")
    return lost, problems


def _lost_edits(email: str, acks: list[list[str]], problems: list[str]) -> int:
    """The provider's email must be the last acknowledged edit's, or one in flight after it."""
    edits = [ack[1] for ack in acks if ack[0] == "edit"]
    if not edits:
        return 0
    after = [ack[1] for ack in acks[max(i for i, a in enumerate(acks) if a[0] == "edit"):]
             if ack[0] == "editing"]
    if email.removesuffix("@example.com") in (edits[-1], *after):
        return 0
    problems.append(f"lost edit {edits[-1]} (the email is {email!r})")
    return 1


def _lost_baseline(app, home: Path, everyone, removed: set[str], problems: list[str]) -> int:
    """Records of the starting practice that are gone (none may go: the children remove only
    what they added, and say so)."""
    path = home.parent / "baseline.json"
    if not path.exists():
        return 0
    have = set()
    for records in everyone:
        pid = records.provider.id
        have.add(f"{pid}/provider/{pid}")
        for attr in ("licenses", "documents", "ce", "applications", "followups", "attestations"):
            have.update(f"{pid}/{attr}/{r.id}" for r in getattr(records, attr))
    gone = [k for k in json.loads(path.read_text()) if k not in have
            and k.rsplit("/", 1)[1] not in removed]
    problems += [f"lost {k} (of the starting practice)" for k in gone]
    return len(gone)


def _calendar_problems(home: Path) -> list[str]:
    """The calendar state parses and knows every event of the calendar beside it, with a
    SEQUENCE at least the calendar's (state first, calendar second: a kill between them
    leaves the state ahead, never behind)."""
    path, ics = home / "calendar-state.json", home / "credtrack.ics"
    if not ics.exists():
        return []
    try:
        state = json.loads(path.read_bytes())
        known = {uid: int(e.get("sequence", 0)) for t in state["targets"].values()
                 for uid, e in t.items()}
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return ["the calendar state is missing or unreadable beside a calendar"]
    out, uid = [], None
    for line in ics.read_text().splitlines():
        if line.startswith("UID:"):
            uid = line[4:]
            if uid not in known:
                out.append(f"calendar event {uid} unknown to the calendar state")
        elif line.startswith("SEQUENCE:") and uid in known and int(line[9:]) > known[uid]:
            out.append(f"calendar event {uid} is ahead of the calendar state")
    return out


def finish(scenario: str, home: Path) -> dict:
    """One more write sweeps stale temps; doctor repairs and then finds the data dir healthy."""
    from credtrack import doctor
    from credtrack.fsio import TEMP_NAME

    app = _service(home)
    if scenario == "encryption" and app.store.encrypted:
        app.enable_encryption(PASSPHRASE)  # finish an enable the last kill cut short
    elif scenario == "encryption":
        from credtrack import crypto

        if crypto.keyfile(home) is not None:
            app.disable_encryption(PASSPHRASE)
    pid = os.fork()  # the next write, by a new process (a process sweeps once per folder)
    if pid == 0:
        try:
            _service(home).add_ce(None, 1, "general", date(2026, 1, 2), course="final")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    leftover = [str(p) for p in home.rglob("*") if TEMP_NAME.match(p.name)
                and p.parent in (home, home / "providers", home / "vault")]
    up = doctor.examine(app.store)
    repaired = doctor.repair(app.store, up.repairable)
    after = doctor.examine(app.store)
    return {"temps_after_next_write": leftover,
            "repaired": sorted({line.split()[0] for line in repaired}),
            "orphans_removed": sum(1 for p in up.problems if p.code == "vault-orphan"),
            "stale_temps_removed": sum(1 for p in up.problems if p.code == "stale-temp"),
            "healthy_after_repair": after.healthy,
            "remaining": [f"{p.code}: {p.path}: {p.message}" for p in after.problems
                          if p.severity != "info"]}


def run(scenario: str, home: Path, iterations: int, seed: int,
        planted: str | None = None) -> dict:
    if scenario == "packet":
        import weasyprint  # noqa: F401  (loaded once, before the forks)
    setup(scenario, home)
    rng = random.Random(seed)
    acks_file = home.parent / "acks"
    stats = {"scenario": scenario, "iterations": 0, "faults": 0, "recovered": 0, "lost": 0,
             "acknowledged": 0, "problems": []}
    all_acks: list[list[str]] = []
    max_delay = MAX_DELAY[scenario]
    for i in range(iterations):
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: write until killed
            try:
                child(scenario, home, acks_file, f"i{i}", planted)
            except BaseException as exc:  # a writer that fails on its own is a finding
                os.write(2, f"child {i} failed: {type(exc).__name__}: {exc}\n".encode())
                os._exit(3)
            os._exit(0)
        if i == 0:  # calibration: on a slow machine, let kills land after some writes too
            size = acks_file.stat().st_size if acks_file.exists() else 0
            while time.monotonic() - started < 60 and \
                    (acks_file.stat().st_size if acks_file.exists() else 0) == size:
                time.sleep(0.005)
            max_delay = max(max_delay, 2.5 * (time.monotonic() - started))
        else:
            time.sleep(rng.uniform(0, max_delay))
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, status = os.waitpid(pid, 0)
        stats["iterations"] += 1
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            stats["faults"] += 1
        else:
            stats["problems"].append(f"iteration {i}: the writer exited by itself ({status})")
        all_acks = acknowledged(acks_file)
        try:
            lost, problems = check(scenario, home, all_acks)
        except Exception as exc:  # the store did not open: the worst outcome
            stats["problems"].append(f"iteration {i}: {type(exc).__name__}: {exc}")
            continue
        stats["lost"] += lost
        stats["problems"] += [f"iteration {i}: {p}" for p in problems]
        if not lost and not problems:
            stats["recovered"] += 1
    stats["acknowledged"] = len(all_acks)
    stats.update(finish(scenario, home))
    return stats


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=SCENARIOS)
    parser.add_argument("home", type=Path)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plant", choices=PLANTS)
    args = parser.parse_args()
    os.environ.setdefault("CREDTRACK_DISABLE_PLUGINS", "1")
    stats = run(args.scenario, args.home, args.iterations, args.seed, args.plant)
    print(json.dumps(stats))
    clean = not stats["lost"] and not stats["problems"] and stats["healthy_after_repair"] \
        and stats["faults"] == stats["iterations"]
    raise SystemExit(0 if clean else 1)


if __name__ == "__main__":
    main()
