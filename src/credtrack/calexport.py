"""Gathering deadlines for the calendar, keeping its state file, writing it.

The library side of ``ical export`` / ``ical serve`` and the TUI's export action. The calendar
itself is built by the pure ``credtrack.calendar`` (which loads icalendar): import this module
only where a calendar is made.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

from credtrack.errors import BadInput, CredtrackError, NotFound
from credtrack.plugins import warn

STATE_FILE = "calendar-state.json"
DEFAULT_FILE = "credtrack.ics"


def selection(app, provider_id: str | None, everyone: bool) -> tuple[list[str], str]:
    """The providers to export and the state key of this export target."""
    if everyone and provider_id:
        raise BadInput("--provider and --all cannot be used together")
    entries = app.store.entries()
    if everyone or (provider_id is None and len(entries) > 1 and app.store.current_id() is None):
        if not entries:
            raise NotFound("no provider yet: run 'credtrack init --name \"Your Name\"'")
        return [e.id for e in entries], "all"
    pid = app.provider_id(provider_id)
    return [pid], f"provider:{pid}"


def _private_values(records) -> list[str]:
    """Everything about a provider that must not reach a calendar file by default."""
    p = records.provider
    tin = re.sub(r"\D", "", p.tin or "")
    values = [p.npi, p.tin, p.caqh_id, p.email, p.phone, p.address]
    if tin:  # as stored, and as an EIN or SSN is written
        values += [tin, f"{tin[:2]}-{tin[2:]}", f"{tin[:3]}-{tin[3:5]}-{tin[5:]}"]
    if p.birth_date:
        values += [p.birth_date.isoformat(), p.birth_date.strftime("%m/%d/%Y")]
    values += [lic.number for lic in records.licenses]
    values += [v for f in records.followups for v in (f.ref, f.contact)]
    return [v for v in values if v]


def _identifier_lines(records, deadlines) -> dict[str, list[str]]:
    """--include-identifiers: the NPI, license number, CAQH id and call reference numbers."""
    p = records.provider
    licenses = {lic.id: lic for lic in records.licenses}
    refs: dict[str, list[str]] = {}
    for f in sorted(records.followups, key=lambda f: (f.date, f.id)):
        if f.ref:
            refs.setdefault(f.application_id, []).append(f.ref)
    out = {}
    for d in deadlines:
        lines = [f"NPI: {p.npi}"] if p.npi else []
        lic = licenses.get(d.subject)
        if lic is not None and lic.number:
            lines.append(f"{lic.state} license number: {lic.number}")
        if d.kind == "caqh-attestation" and p.caqh_id:
            lines.append(f"CAQH ProView ID: {p.caqh_id}")
        if refs.get(d.subject):
            lines.append("Call reference numbers: " + ", ".join(refs[d.subject]))
        out[d.identity] = lines
    return out


def _load_state(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise CredtrackError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or not isinstance(data.get("targets"), dict):
            raise ValueError("not a calendar state")
    except ValueError:
        warn(f"{path} is unreadable; starting over (calendar apps may see every event as new)")
        return {}
    return data["targets"]


def render(app, as_of: date, provider_id: str | None = None, everyone: bool = False,
           reminders: dict | None = None, include_identifiers: bool = False,
           now: datetime | None = None, progress=None) -> tuple[bytes, int]:
    """Build the calendar and record its state: (the .ics bytes, how many deadlines)."""
    from filelock import FileLock, Timeout

    from credtrack import calendar
    from credtrack.fsio import atomic_write_bytes, ensure_private_dir

    ids, target = selection(app, provider_id, everyone)
    deadlines, names, private, identifiers = [], {}, {}, {}
    for n, pid in enumerate(ids):
        if progress is not None:
            progress(n, len(ids), "")
        records = app.records(pid)
        report, _ = app.evaluate(records, as_of)
        deadlines += report.deadlines
        names[pid] = records.provider.name
        private[pid] = _private_values(records)
        if include_identifiers:
            identifiers.update(_identifier_lines(records, report.deadlines))
    if include_identifiers:
        target += "+identifiers"  # its own SEQUENCE history: toggling it churns nothing
    ensure_private_dir(app.root)
    path = app.root / STATE_FILE
    try:
        with FileLock(str(path) + ".lock", timeout=30, mode=0o600):
            targets = _load_state(path)
            data, state = calendar.build(
                deadlines, targets.get(target, {}), now or datetime.now(timezone.utc), reminders,
                identifiers, names=names, prefix_names=target.startswith("all"), redact=private)
            if targets.get(target) != state:
                targets[target] = state
                atomic_write_bytes(path, json.dumps({"version": 1, "targets": targets},
                                                    indent=1, sort_keys=True).encode())
    except Timeout:
        raise CredtrackError(f"{path} is locked by another credtrack process; try again") from None
    except CredtrackError:
        raise  # already one clear line (the store's disk-full / read-only errors among them)
    except OSError as exc:  # disk full, read-only data dir: the state file stays as it was
        from credtrack.fsio import storage_error

        raise storage_error(exc, path) from None
    return data, len(deadlines)


def export_to_file(app, provider_id: str | None, as_of: date, path: Path | None = None,
                   **options) -> Path:
    """Render and write the calendar atomically (0600); returns where it went."""
    from credtrack.fsio import atomic_write_bytes

    path = path or app.root / DEFAULT_FILE
    data, _ = render(app, as_of, provider_id, **options)
    try:
        atomic_write_bytes(path, data)
    except CredtrackError:
        raise
    except OSError as exc:
        from credtrack.fsio import storage_error

        raise storage_error(exc, path) from None
    return path
