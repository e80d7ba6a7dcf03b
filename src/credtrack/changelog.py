"""The change log: every change the service makes, so the last one can be undone.

One :class:`Change` per user action (``license.renew``, ``ce.remove``, ``undo``...), with who made
it, when, and, per record it touched, the record's state before and after. ``credtrack history``
shows who/when/what with the *field names* only, never their values; ``credtrack undo`` (``u`` in
the TUI) puts the records of the last change that is not undone back as they were before it, and
is logged as a change of its own.

:class:`ChangeLog` is the interface the service writes to after each successful write. The file
store's data dir keeps it in ``changes/log.jsonl`` (:class:`FileChangeLog`: one JSON object a
line, appended under a lock; sealed as a whole like the store's files when encryption at
rest is on); a server
store (PostgreSQL, issue 22) provides the same interface over a table. Documents removed by a
change keep a copy of their file in ``changes/files/`` so an undo can bring them back; both are
trimmed to the last :data:`KEEP` changes.

This module imports the standard library, :mod:`credtrack.errors` and :mod:`credtrack.fsio` only.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol, runtime_checkable

from credtrack.errors import CredtrackError

KEEP = 200  # changes kept (older ones can no longer be undone)
_TRIM_AT = 2 * KEEP


@dataclass
class RecordChange:
    """One record a change touched: ``before`` is None for an added record, ``after`` None for
    a removed one. ``slot`` is where the store kept a removed record (so an undo puts it back in
    the same place of every listing); ``kept`` names a removed document's kept file copy."""

    table: str
    id: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    slot: Any = None
    kept: str = ""

    @property
    def op(self) -> str:
        return "add" if self.before is None else ("remove" if self.after is None else "edit")

    @property
    def fields(self) -> list[str]:
        """The names of the fields that changed (all of them for an add or a removal)."""
        if self.before is None or self.after is None:
            return sorted((self.before or self.after or {}).keys())
        keys = set(self.before) | set(self.after)
        return sorted(k for k in keys if self.before.get(k) != self.after.get(k))


@dataclass
class Change:
    id: str
    at: str  # ISO 8601, UTC, seconds
    who: str
    action: str  # an action id ("license.renew") or "undo"
    provider: str
    records: list[RecordChange] = field(default_factory=list)
    undoes: str = ""  # for an undo: the id of the change it reverted

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Change":
        recs = [RecordChange(**r) for r in data.get("records") or []]
        return cls(**{**data, "records": recs})

    def summary(self) -> dict[str, Any]:
        """What ``history`` shows: who, when, what; field names, never values."""
        return {"id": self.id, "at": self.at, "who": self.who, "action": self.action,
                "provider": self.provider, "undoes": self.undoes or None,
                "records": [{"table": r.table, "id": r.id, "op": r.op, "fields": r.fields}
                            for r in self.records]}


def who() -> str:
    """The login name of whoever runs credtrack (``CREDTRACK_USER`` wins: a shared account)."""
    name = os.environ.get("CREDTRACK_USER", "")
    if not name:
        try:
            name = getpass.getuser()
        except (OSError, KeyError, ImportError):
            name = f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"
    return name[:60]


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_change(action: str, provider: str, records: list[RecordChange],
               undoes: str = "") -> Change:
    from credtrack.models import new_id

    return Change(new_id("chg"), now(), who(), action, provider, records, undoes)


def undoable(changes: list[Change]) -> Change | None:
    """The newest change that is neither an undo nor undone (undo walks back one at a time)."""
    undone = {c.undoes for c in changes if c.undoes}
    for change in reversed(changes):
        if not change.undoes and change.id not in undone and change.records:
            return change
    return None


@runtime_checkable
class ChangeLog(Protocol):
    """Where the service records its changes (a file in the data dir; a table in a server
    store)."""

    def append(self, change: Change) -> None: ...

    def entries(self) -> list[Change]:
        """Every kept change, oldest first."""
        ...

    def keep_file(self, name: str, data: bytes) -> str:
        """Keep a removed document's bytes; returns the name an undo reads them back by."""
        ...

    def kept_file(self, name: str) -> bytes | None: ...

    def drop_file(self, name: str) -> None:
        """Forget a kept file (the removal it was kept for did not happen)."""
        ...

    def locked(self) -> Any:
        """A context manager: no other process appends or undoes meanwhile."""
        ...

    def reseal(self) -> None:
        """Write everything again as the store now seals (after encryption at rest changed)."""
        ...


class FileChangeLog:
    """The change log of a data dir: ``changes/log.jsonl`` and ``changes/files/``, private
    (0700/0600) and sealed with the store's key when encryption at rest is on."""

    def __init__(self, root: Path, seal: Callable[[bytes], bytes] | None = None,
                 unseal: Callable[[bytes, Path], bytes] | None = None):
        self.dir = Path(root) / "changes"
        self.path = self.dir / "log.jsonl"
        self.files = self.dir / "files"
        self._seal = seal or (lambda b: b)
        self._unseal = unseal or (lambda b, _p: b)
        self._lock = None

    # -- the file: JSON lines; sealed as a whole (like every store file) when encryption at
    # rest is on, so an append then rewrites it (it is trimmed to KEEP changes)
    @staticmethod
    def _line(change: Change) -> bytes:
        return json.dumps(change.to_dict(), sort_keys=True, separators=(",", ":")).encode() + b"\n"

    @staticmethod
    def _decode(line: bytes) -> Change | None:
        try:
            return Change.from_dict(json.loads(line))
        except (ValueError, TypeError, KeyError):
            return None  # a torn or hand-edited line: skipped (it cannot be undone)

    def locked(self):
        """The log's lock (reentrant: an undo holds it while it appends)."""
        from filelock import FileLock

        from credtrack.fsio import ensure_private_dir

        ensure_private_dir(self.dir)
        if self._lock is None:
            self._lock = FileLock(str(self.path) + ".lock", timeout=30, mode=0o600)
        return self._lock

    def _raw(self) -> tuple[bytes, bool]:
        """The file's plaintext and whether it is sealed now."""
        from credtrack import crypto

        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return b"", False
        except OSError as exc:
            from credtrack.fsio import storage_error

            raise storage_error(exc, self.path, "read") from None
        if crypto.is_sealed(raw):
            return self._unseal(raw, self.path), True
        return raw, False

    def _sealing(self) -> bool:
        return self._seal(b"{}") != b"{}"

    def append(self, change: Change) -> None:
        from credtrack.fsio import append_private, ensure_private_dir, storage_error

        ensure_private_dir(self.dir)
        line = self._line(change)
        with self.locked():
            data, sealed = self._raw()
            if sealed or self._sealing():
                self._rewrite(data + line)
            else:
                try:
                    append_private(self.path, line)
                except OSError as exc:
                    raise storage_error(exc, self.path) from None
                data += line
            if data.count(b"\n") > _TRIM_AT:
                self._trim()

    def entries(self) -> list[Change]:
        data, _ = self._raw()
        return [c for c in map(self._decode, data.splitlines()) if c is not None]

    def _rewrite(self, data: bytes) -> None:
        from credtrack.fsio import atomic_write_bytes

        atomic_write_bytes(self.path, self._seal(data) if data else data)

    def _trim(self) -> None:
        changes = self.entries()[-KEEP:]
        self._rewrite(b"".join(map(self._line, changes)))
        self._drop_unused_files(changes)

    def _drop_unused_files(self, changes: list[Change]) -> None:
        from credtrack.fsio import discard

        used = {r.kept for c in changes for r in c.records if r.kept}
        if self.files.is_dir():
            for path in self.files.iterdir():
                if path.name not in used:
                    discard(path)

    def keep_file(self, name: str, data: bytes) -> str:
        from credtrack.fsio import atomic_write_bytes, ensure_private_dir

        ensure_private_dir(self.files)
        target = self.files / name
        if not target.exists():
            atomic_write_bytes(target, self._seal(data))
        return name

    def drop_file(self, name: str) -> None:
        from credtrack.fsio import discard

        if name and "/" not in name and not name.startswith("."):
            discard(self.files / name)

    def kept_file(self, name: str) -> bytes | None:
        if not name or "/" in name or name.startswith("."):
            return None
        path = self.files / name
        try:
            return self._unseal(path.read_bytes(), path)
        except FileNotFoundError:
            return None

    def reseal(self) -> None:
        """Read everything (with the unseal given at creation) and write it again through the
        seal (after encryption at rest was turned on or off)."""
        from credtrack.fsio import atomic_write_bytes

        with self.locked():
            data, _ = self._raw()
            kept = {p.name: self.kept_file(p.name) for p in self.files.iterdir()} \
                if self.files.is_dir() else {}
            if self.path.exists():
                self._rewrite(data)
            for name, blob in kept.items():
                if blob is not None:
                    atomic_write_bytes(self.files / name, self._seal(blob))

    def files_kept(self) -> Iterator[Path]:
        """The files this log keeps on disk (for encryption status and backups)."""
        if self.path.exists():
            yield self.path
        if self.files.is_dir():
            yield from sorted(p for p in self.files.iterdir() if p.is_file())
