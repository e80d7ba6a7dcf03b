"""The change log both stores keep, and what ``credtrack history`` reads.

A change is one record added, edited or removed: ``at`` (UTC), ``who`` (the configured user
name, else the database role or the login name), ``role`` (the database role; for the file
store, the login name), ``provider``, ``kind`` (a record kind's name, or "provider"),
``record`` (its id), ``action`` (add, edit, remove) and ``fields``: the names of the fields
set (add) or changed (edit), never their values.

The PostgreSQL store writes its log in the database, by a trigger, in the transaction of the
change (:mod:`credtrack.pgstore`). The file store's log is ``changes.jsonl`` in the data dir
(0600, one JSON object a line, the newest 20,000 to 22,000): under its lock, a plaintext log has
each write's entries appended (and fsynced) and is rewritten atomically, keeping the newest
20,000, once it has grown 2,000 past that; in an encrypted data dir it is sealed like every
other file, so rewritten after each write. A line a crash cut short is skipped by the reader
and never joined to the next:
:class:`LoggedFileStore` is the file store with that log, as :func:`credtrack.storage.open_store`
opens it. Its entries come from comparing a provider's records before and after each write.
"""

from __future__ import annotations

import getpass
import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import orjson

from credtrack.errors import CredtrackError
from credtrack.models import Provider, Record
from credtrack.store import FileStore

LOG_NAME = "changes.jsonl"
LOG_KEPT = 20000  # entries the file store's log keeps (the newest)
LOG_SLACK = 2000  # entries appended past LOG_KEPT before the log is trimmed to it
Snapshot = dict[str, dict[str, dict[str, Any]]]  # table -> id -> record dict


def _empty(value: Any) -> bool:
    return value is None or value is False or value == "" or value == [] or value == {}


def set_fields(data: dict[str, Any]) -> list[str]:
    """The fields an added record sets (the audit trigger's rule: not null, "", [], {} or
    false)."""
    return sorted(k for k, v in data.items() if not _empty(v))


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return sorted(k for k in set(old) | set(new) if old.get(k, _MISSING) != new.get(k, _MISSING))


_MISSING = object()


def snapshot(rs: Any) -> Snapshot:
    """A provider's records as dicts, by table and id (a RecordSet's public API only)."""
    from credtrack.kinds import kinds

    out: Snapshot = {Provider.TABLE: {}}
    provider = rs.provider.to_dict()
    out[Provider.TABLE][provider["id"]] = provider
    for kind in kinds():
        out[kind.table] = {r.id: r.to_dict() for r in rs.all(kind.model)}
    return out


def diff(provider_id: str, before: Snapshot, after: Snapshot) -> list[dict[str, Any]]:
    """The changes that turn ``before`` into ``after`` (either may be empty)."""
    from credtrack.kinds import by_table

    out = []
    for table in dict.fromkeys([*before, *after]):
        kind = "provider" if table == Provider.TABLE else _kind_name(by_table, table)
        old, new = before.get(table, {}), after.get(table, {})
        for rid in old:
            if rid not in new:
                out.append(_change(provider_id, kind, rid, "remove", []))
        for rid, data in new.items():
            if rid not in old:
                out.append(_change(provider_id, kind, rid, "add", set_fields(data)))
            elif data != old[rid]:
                out.append(_change(provider_id, kind, rid, "edit", changed_fields(old[rid], data)))
    return out


def _kind_name(by_table: Callable[[str], Any], table: str) -> str:
    try:
        return by_table(table).name
    except KeyError:
        return table


def _change(pid: str, kind: str, rid: str, action: str, fields: list[str]) -> dict[str, Any]:
    return {"provider": pid, "kind": kind, "record": rid, "action": action, "fields": fields}


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


class LoggedFileStore(FileStore):
    """The file store, keeping ``changes.jsonl`` (see the module docstring)."""

    @property
    def log_path(self) -> Path:
        return self.root / LOG_NAME

    def _who(self) -> tuple[str, str]:
        from credtrack import settings

        login = login_name()
        return settings.user_name() or login, login

    def _log(self, changes: list[dict[str, Any]]) -> None:
        """Add the changes to the log, under its lock: appended (see :meth:`_append`), else the
        file rewritten atomically (sealed when the data dir is encrypted) with the newest
        ``LOG_KEPT`` entries. The change itself is already saved: a log that cannot be written
        is a warning, not a failure."""
        if not changes:
            return
        from credtrack.fsio import atomic_write_bytes

        who, role = self._who()
        at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        lines = [orjson.dumps({"at": at, "who": who, "role": role, **c}) for c in changes]
        try:
            with self.locked(self.log_path):
                if self._append(lines):
                    return
                kept = self._log_lines()[-(LOG_KEPT - len(lines)):] if len(lines) < LOG_KEPT \
                    else []
                data = b"".join(line + b"\n" for line in [*kept, *lines][-LOG_KEPT:])
                atomic_write_bytes(self.log_path, self.seal(data))
        except (OSError, CredtrackError) as exc:
            import sys

            why = getattr(exc, "message", None) or (exc.strerror or type(exc).__name__).lower()
            print(f"credtrack: warning: the change was saved but the change log was not "
                  f"({why})", file=sys.stderr)

    def _append(self, lines: list[bytes]) -> bool:
        """Add ``lines`` at the end of a plaintext log (O_APPEND, then fsync) while it stays
        within ``LOG_KEPT + LOG_SLACK`` entries: a write costs its own lines, not the whole
        log's. False (the caller rewrites it): no log yet, a sealed log or an encrypted data
        dir, or one due its trim. Call holding the log's lock."""
        from credtrack import crypto
        from credtrack.fsio import append_private

        if self.encrypted:
            return False
        try:
            raw = self.log_path.read_bytes()
        except FileNotFoundError:
            return False  # a new log is written whole: atomically, mode 0600
        if crypto.is_sealed(raw) or raw.count(b"\n") + len(lines) > LOG_KEPT + LOG_SLACK:
            return False
        append_private(self.log_path, b"".join(line + b"\n" for line in lines))
        return True

    def _log_lines(self) -> list[bytes]:
        try:
            raw = self.log_path.read_bytes()
        except FileNotFoundError:
            return []
        return self.unseal(raw, self.log_path).splitlines()

    def files(self) -> list[tuple[Path | None, list[Path]]]:
        """The file store's files and the change log (sealed and opened with them)."""
        log = self.log_path
        return [*super().files(), (log, [log] if log.exists() else [])]

    def _snap(self, provider_id: str) -> Snapshot:
        try:
            return snapshot(self.read(provider_id))
        except Exception:  # noqa: BLE001 - an unreadable file: the write itself will say so
            return {}

    @contextmanager
    def write(self, provider_id: str) -> Iterator[Any]:
        with super().write(provider_id) as pf:
            before = snapshot(pf)
            yield pf
            changes = diff(provider_id, before, snapshot(pf))
        self._log(changes)

    def add_providers(self, items: list[tuple[Provider, list[Record]]],
                      make_current: bool = False, keep_ids: bool = False) -> list[Provider]:
        added = super().add_providers(items, make_current, keep_ids)
        changes = []
        for provider in added:
            changes += diff(provider.id, {}, self._snap(provider.id))
        self._log(changes)
        return added

    def remove_provider(self, provider_id: str) -> Provider:
        pid = self.resolve(provider_id)
        before = self._snap(pid)
        provider = super().remove_provider(pid)
        self._log(diff(pid, before, {}))
        return provider

    def put_document(self, provider_id: str, src: Path, make: Any) -> list[Record]:
        before = self._snap(provider_id)
        records = super().put_document(provider_id, src, make)
        self._log(diff(provider_id, before, self._snap(provider_id)))
        return records

    def remove_document(self, provider_id: str, document_id: str) -> Any:
        before = self._snap(provider_id)
        doc = super().remove_document(provider_id, document_id)
        self._log(diff(provider_id, before, self._snap(provider_id)))
        return doc

    def forget_history(self, provider_id: str) -> int:
        """After a purge: the backups go (the file store's own), and so do the log's entries
        about this provider's records that no longer exist (their ids are traces too)."""
        gone = super().forget_history(provider_id)
        live = {(kind, rid) for kind, rids in _live(self.read(provider_id)).items()
                for rid in rids}
        from credtrack.fsio import atomic_write_bytes

        with self.locked(self.log_path):
            lines = self._log_lines()
            kept = [line for line in lines if not _forgotten(line, provider_id, live)]
            if len(kept) != len(lines):
                atomic_write_bytes(self.log_path, self.seal(b"".join(l + b"\n" for l in kept)))
        return gone + len(lines) - len(kept)

    def history(self, provider_id: str | None = None, since: datetime | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
        out = []
        for line in self._log_lines():
            try:
                entry = orjson.loads(line)
                entry["at"] = datetime.fromisoformat(entry["at"])
            except (ValueError, KeyError, TypeError):
                continue  # a line of the wrong shape (edited by hand)
            if provider_id and entry.get("provider") != provider_id:
                continue
            if since and entry["at"] < since:
                continue
            out.append(entry)
        return out[-limit:] if limit else out


def _live(rs: Any) -> dict[str, set[str]]:
    """The ids of a provider's records now, by kind name (and "provider")."""
    from credtrack.kinds import kinds

    out = {"provider": {rs.provider.id}}
    for kind in kinds():
        out[kind.name] = {r.id for r in rs.all(kind.model)}
    return out


def _forgotten(line: bytes, provider_id: str, live: set[tuple[str, str]]) -> bool:
    try:
        entry = orjson.loads(line)
        return entry.get("provider") == provider_id and \
            (entry.get("kind"), entry.get("record")) not in live
    except (ValueError, AttributeError):
        return False


def history(store: Any, provider_id: str | None = None, since: datetime | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    """The changes a store logged, oldest first (a store without a log has none)."""
    read = getattr(store, "history", None)
    return read(provider_id, since, limit) if read is not None else []
