"""``credtrack doctor``: check a data dir end to end, and repair what can be repaired safely.

:func:`examine` reads everything and changes nothing. It checks the index and every provider
file (valid JSON, a known schema version, records of the right shape), every document's vault
file (present, and its sha256 the one recorded), vault files no record refers to, temp files
left by killed writers, lock files in use, encryption left half-way, and permissions (folders
0700, files 0600).

Every :class:`Problem` says what it is about by path, record id and provider, never by the
identifiers it holds. A problem that can be repaired carries the repair; :func:`repair` runs the
ones it is given (the CLI asks first) and never deletes a record:

- a corrupt or missing provider file (or index) is restored from its newest backup that reads;
  the corrupt file is kept beside the backups as ``<stamp>.corrupt``; an index with no good
  backup is rebuilt from the provider files;
- a provider file the index does not list is listed again, unless it is the same as its newest
  backup (a removal cut short after the index was written): then it is deleted, the backup
  stays;
- permissions are tightened; temp files of dead writers are removed;
- vault files no record refers to are removed, but only when every provider file read cleanly
  (otherwise a document's record might just be unreadable);
- plaintext files in an encrypted data dir are sealed.

A tampered or missing vault file cannot be repaired from inside credtrack: the problem names the
document so it can be added again.
"""

from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import orjson

from credtrack import crypto
from credtrack.errors import CredtrackError
from credtrack.kinds import record_types
from credtrack.models import Document, Provider
from credtrack.fsio import (
    TEMP_NAME, atomic_write_bytes, backup_name, backups_of, discard, ensure_private_dir,
    newest_backup, stale_temps, storage_error,
)
from credtrack.store import (
    INDEX_NAME, SCHEMA_VERSION, VAULT_NAME, StoreCorrupt, index_problem, record_problems,
    schema_of,
)
from credtrack.store import FileStore as Store

SKIP_DIRS = ("plugins", "templates")
ORPHAN_GRACE = 24 * 3600.0  # seconds a vault file no record refers to is left alone
QUARANTINE = "quarantine"  # where repaired orphans go (in the data dir), never deleted  # the user's own code and templates, not credtrack's data
SEVERITIES = ("error", "warning", "info")


@dataclass
class Problem:
    severity: str  # error | warning | info
    code: str
    path: str  # relative to the data dir when inside it
    message: str
    provider: str = ""
    record: str = ""
    repair: str = ""  # what --repair would do ("" when it cannot help)
    action: Callable[[], str] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "path": self.path,
                "message": self.message, "provider": self.provider or None,
                "record": self.record or None, "repair": self.repair or None}


@dataclass
class Checkup:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    repaired: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not any(p.severity in ("error", "warning") for p in self.problems)

    @property
    def repairable(self) -> list[Problem]:
        return [p for p in self.problems if p.action is not None]

    def to_dict(self) -> dict[str, Any]:
        return {"data_dir": str(self.root), "healthy": self.healthy, "checked": self.checked,
                "problems": [p.to_dict() for p in self.problems], "repaired": self.repaired}


class _Exam:
    """One examination: the store, what was read, and the problems found so far."""

    def __init__(self, store: Store):
        self.store = store
        self.root = store.root
        self.up = Checkup(store.root)
        self.unreadable = False  # a provider file could not be read (its documents unknown)
        self.index_ok = True  # which provider files are listed is known
        self.referenced: dict[Path, list[tuple[str, Document]]] = {}
        self.checked = dict.fromkeys(("provider_files", "records", "documents", "vault_files",
                                      "backups", "files"), 0)

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def add(self, severity: str, code: str, path: Path | str, message: str, **kw) -> None:
        where = self.rel(path) if isinstance(path, Path) else path
        self.up.problems.append(Problem(severity, code, where, message, **kw))

    # -- the index and provider files ------------------------------------------------------
    def read_json(self, path: Path) -> dict[str, Any] | None:
        """Parsed JSON of a store file (None: absent); StoreCorrupt when unreadable."""
        return self.store.load(path)

    def index(self) -> dict[str, Any]:
        path = self.store.index_path
        problem = ""
        try:
            data = self.read_json(path)
        except StoreCorrupt as exc:
            data, problem = None, exc.reason or exc.message
        if data is None and not problem:
            if not self.store.provider_files():
                return {"providers": {}}  # a new data dir
            problem = "missing, while provider files exist"
        if data is not None:
            shape = index_problem({"providers": {}, **data})
            problem = f"malformed ({shape})" if shape else ""
        if problem:
            self.index_ok = False
            self.add("error", "missing-file" if problem.startswith("missing") else
                     "corrupt-file", path, f"the practice index is {problem}",
                     repair="rebuild it from the provider files (the current provider from "
                            "its newest backup)", action=_rebuild_action(self.store))
            return {"providers": {}}
        version = data.get("schema", 0)
        if isinstance(version, int) and version > SCHEMA_VERSION:
            self.add("error", "newer-schema", path, f"written by a newer credtrack (schema "
                     f"{version}; this one knows {SCHEMA_VERSION}): upgrade credtrack")
        return {"providers": {}, **data}

    def providers(self, index: dict[str, Any]) -> None:
        listed = {e["file"]: pid for pid, e in index["providers"].items()}
        interrupted = set(self.store.interrupted(index)) if self.index_ok else set()
        for path in sorted(interrupted):
            self.add("warning", "interrupted-add", path, "written by an addition of providers "
                     "(an import) that was cut short; not part of the practice",
                     repair="move it to backups/", action=_roll_back_action(self.store))
        for path in self.store.odd_files():
            self.unreadable = True
            self.add("error", "not-a-file", path, "is not a regular file (a folder, a FIFO or "
                     "a link where a provider file belongs): credtrack cannot read it and will "
                     "not replace it; move it away")
        for pid, entry in sorted(index["providers"].items()):
            path = self.store.providers_dir / entry["file"]
            if not path.exists():
                self.unreadable = True
                backup = _good_backup(self.store, path)
                self.add("error", "missing-file", path, f"provider {pid} is listed but its file "
                         "is missing", provider=pid,
                         repair=f"restore {self.rel(backup)}" if backup
                         else "drop it from the index (no backup exists)",
                         action=_restore_action(self.store, path, pid))
        for path in self.store.provider_files():
            self.checked["provider_files"] += 1
            pid = listed.get(path.name, path.stem)
            self.provider_file(path, pid)
            if not self.index_ok or path.name in listed or self.unreadable_file(path) \
                    or path in interrupted:
                continue
            kept = newest_backup(path, self.store.backups_dir)
            if kept is not None and kept.read_bytes() == path.read_bytes():
                self.add("warning", "removed-provider", path, f"provider {pid} was removed "
                         f"from the index but its file stayed (a copy is in "
                         f"{self.rel(kept)})", provider=pid,
                         repair="delete it (the copy in backups/ stays)",
                         action=_remove_action(path))
            else:
                self.add("warning", "unindexed-provider", path, f"provider file {path.name} is "
                         "not listed in the practice index (adding it was cut short)",
                         provider=pid, repair="list it in the index again",
                         action=_reindex_action(self.store, path))

    def unreadable_file(self, path: Path) -> bool:
        return any(p.path == self.rel(path) and p.code in ("corrupt-file", "malformed-record")
                   for p in self.up.problems)

    def provider_file(self, path: Path, pid: str) -> None:
        try:
            data = self.read_json(path)
        except StoreCorrupt as exc:
            self.unreadable = True
            self.add("error", "corrupt-file", path, f"provider file is "
                     f"{exc.reason or exc.message}", provider=pid,
                     repair=_restore_text(self.store, path),
                     action=_restore_action(self.store, path, pid))
            return
        if data is None:
            return
        version = schema_of(data)
        if version is None or version > SCHEMA_VERSION:
            self.unreadable = True
            what = "a malformed schema version" if version is None else \
                f"schema {version}, newer than this credtrack's {SCHEMA_VERSION}: upgrade"
            self.add("error", "newer-schema" if version else "malformed-record", path,
                     f"provider file has {what}", provider=pid)
            return
        if version < SCHEMA_VERSION:
            self.add("info", "old-schema", path, f"schema {version}: upgraded on the next write",
                     provider=pid)
        bad = record_problems(data)
        if bad:
            self.unreadable = True
            for table, rid, why in bad:
                self.add("error", "malformed-record", path, f"{table} record "
                         f"{rid or '(no id)'} {why}", provider=pid, record=rid,
                         repair=_restore_text(self.store, path),
                         action=_restore_action(self.store, path, pid))
            return
        for table in (Provider, *record_types()):
            rows = list((data.get(table.TABLE) or {}).values())
            self.checked["records"] += len(rows)
            ids = [r.get("id") for r in rows]
            for dup in sorted({i for i in ids if ids.count(i) > 1}):
                self.add("warning", "duplicate-id", path, f"two {table.TABLE} records share the "
                         f"id {dup}", provider=pid, record=str(dup))
        for row in (data.get(Document.TABLE) or {}).values():
            doc = Document.from_dict(row)
            self.checked["documents"] += 1
            self.document(pid, doc)

    # -- the vault -------------------------------------------------------------------------
    def document(self, pid: str, doc: Document) -> None:
        about = f"{doc.kind} document {doc.id} ({doc.original_name!r}, provider {pid})"
        expected = f"vault/{doc.sha256[:2]}/{doc.sha256}"
        if not VAULT_NAME.fullmatch(doc.sha256 or "") or doc.vault_path != expected:
            self.add("error", "bad-vault-path", doc.vault_path, f"{about} points outside the "
                     "vault or at a file not named by its sha256", provider=pid, record=doc.id)
            return
        path = self.root / doc.vault_path
        self.referenced.setdefault(path, []).append((pid, doc))

    def vault(self) -> None:
        hashes: dict[Path, str | None] = {}
        for path, docs in sorted(self.referenced.items()):
            if not path.is_file():
                for pid, doc in docs:
                    self.add("error", "vault-file-missing", path, f"{doc.kind} document {doc.id} "
                             f"({doc.original_name!r}, provider {pid}): its file is missing from "
                             "the vault; add the document again ('credtrack doc add "
                             f"{doc.kind} FILE') and remove this record", provider=pid,
                             record=doc.id)
                continue
            if path not in hashes:
                hashes[path] = self.sha256(path)
            for pid, doc in docs:
                if hashes[path] != doc.sha256:
                    self.add("error", "vault-file-tampered", path, f"{doc.kind} document "
                             f"{doc.id} ({doc.original_name!r}, provider {pid}): the file does "
                             "not match its recorded sha256 (changed outside credtrack); add "
                             "the document again", provider=pid, record=doc.id)
        files = self.store.vault_files()
        self.checked["vault_files"] = len(files)
        kept = None
        now = time.time()
        for path in files:
            if path in self.referenced:
                continue
            if self.unreadable or not self.index_ok:
                self.add("info", "vault-unreferenced", path, "no readable record refers to this "
                         "file (left alone while a store file is unreadable)")
                continue
            if kept is None:
                kept = _backup_references(self.store)
            if path.name in kept:
                self.add("info", "vault-in-backup", path, "only a backup's records refer to "
                         "this file (kept while the backup is)")
                continue
            try:
                age = now - path.stat().st_mtime
            except OSError:
                continue
            if age < ORPHAN_GRACE:
                self.add("info", "vault-recent", path, "no record refers to this file yet (a "
                         "document may be being added); looked at again after "
                         f"{ORPHAN_GRACE // 3600:.0f} hours")
                continue
            self.add("warning", "vault-orphan", path, "no record refers to this file (a "
                     "document add or remove was cut short)",
                     repair=f"move it to {QUARANTINE}/ (nothing is deleted)",
                     action=_quarantine_action(self.store, path))
        if self.store.vault_dir.is_dir():
            for path in sorted(self.store.vault_dir.rglob("*")):
                if path.is_file() and not VAULT_NAME.fullmatch(path.name) \
                        and not TEMP_NAME.match(path.name):
                    self.add("info", "unknown-file", path, "not a credtrack vault file")

    def sha256(self, path: Path) -> str | None:
        from credtrack import vault

        try:
            return vault.file_sha256(path, self.store.unseal)
        except crypto.Damaged:
            return None
        except OSError as exc:
            self.add("error", "unreadable-file", path, f"cannot read: {exc.strerror}")
            return None

    # -- backups, temp files, locks, permissions, encryption ---------------------------------
    def backups(self) -> None:
        if self.store.backups_dir.is_dir():
            self.checked["backups"] = sum(1 for _ in self.store.backups_dir.glob("*/*.json"))

    def folders(self) -> list[Path]:
        out = [self.root]
        for path in sorted(self.root.rglob("*")):
            rel = path.relative_to(self.root).parts
            if rel[0] in SKIP_DIRS:
                continue
            if path.is_dir() and not path.is_symlink():
                out.append(path)
        return out

    def temps(self) -> None:
        for folder in self.folders():
            stale = set(stale_temps(folder))
            for entry in sorted(folder.iterdir()):
                if not TEMP_NAME.match(entry.name):
                    continue
                if entry in stale:
                    self.add("warning", "stale-temp", entry, "a temp file left by a credtrack "
                             "process that was killed mid-write (the file it was writing is "
                             "intact)", repair="remove it", action=_remove_action(entry))
                else:
                    self.add("info", "write-in-progress", entry, "a credtrack process is "
                             "writing (temp file of a running process)")

    def locks(self) -> None:
        from filelock import FileLock, Timeout

        for folder in self.folders():
            for lock in sorted(folder.glob("*.lock")):
                try:
                    with FileLock(str(lock), timeout=0):
                        pass
                except Timeout:
                    self.add("info", "locked", lock, "held by a running credtrack process")
                except OSError:
                    pass  # a read-only data dir: nothing is writing

    def permissions(self) -> None:
        uid = os.getuid() if hasattr(os, "getuid") else None
        for folder in self.folders():
            self.mode(folder, 0o700, uid)
            for entry in sorted(folder.iterdir()):
                if entry.is_file() and not entry.is_symlink():
                    self.checked["files"] += 1
                    self.mode(entry, 0o600, uid)

    def mode(self, path: Path, want: int, uid: int | None) -> None:
        try:
            st = path.lstat()
        except OSError:
            return
        mode = stat.S_IMODE(st.st_mode)
        kind = "folder" if want == 0o700 else "file"
        if mode & 0o077:
            self.add("warning", "permissions", path, f"{kind} is {mode:04o}; others can read "
                     f"or enter it (should be {want:04o})", repair=f"chmod {want:04o}",
                     action=_chmod_action(path, want))
        if uid is not None and st.st_uid != uid:
            self.add("warning", "owner", path, f"{kind} belongs to uid {st.st_uid}, not to you "
                     f"(uid {uid})")

    def encryption(self) -> None:
        key_file = crypto.keyfile(self.root)
        on = self.store.encrypted
        if key_file is not None and key_file.name == crypto.KEYFILE_OFF:
            self.add("warning", "encryption-interrupted", key_file, "turning encryption off was "
                     "cut short: run 'credtrack encryption disable' again to finish (or "
                     "'encryption enable' to go back)")
        for _guard, files in self.store.files():
            for path in files:
                try:
                    with open(path, "rb") as f:
                        sealed = crypto.is_sealed(f.read(len(crypto.MAGIC)))
                except OSError:
                    continue
                if sealed and key_file is None:
                    self.add("error", "encryption-key-missing", path, f"the file is encrypted "
                             f"but {crypto.KEYFILE} is gone: restore it from your own backup")
                elif on and not sealed:
                    self.add("warning", "plaintext-file", path, "not encrypted although "
                             "encryption is on (turning it on was cut short)",
                             repair="encrypt it", action=_seal_action(self.store, path))


def examine(store: Store) -> Checkup:
    """Everything wrong with the data dir, changing nothing."""
    exam = _Exam(store)
    try:
        store.index()  # one line for a data dir that is a file, a FIFO, a dangling link...
    except StoreCorrupt:
        pass  # examined below
    store.check_own_dir()  # ... or not credtrack's (doctor on / must not walk the disk)
    if not store.root.exists():
        exam.up.checked = exam.checked
        exam.add("info", "no-data", store.root, "no data dir yet: nothing to check")
        return exam.up
    index = exam.index()
    exam.providers(index)
    exam.vault()
    exam.backups()
    exam.temps()
    exam.locks()
    exam.permissions()
    exam.encryption()
    order = {s: n for n, s in enumerate(SEVERITIES)}
    exam.up.problems.sort(key=lambda p: (order.get(p.severity, 9), p.code, p.path, p.record))
    exam.up.checked = exam.checked
    return exam.up


def repair(store: Store, problems: list[Problem]) -> list[str]:
    """Run the repairs of ``problems`` (restores first); returns one line per repair done."""
    done = []
    first = ("corrupt-file", "missing-file", "malformed-record")
    seen: set[tuple[str, str]] = set()
    for p in sorted(problems, key=lambda p: p.code not in first):
        if p.action is None or (p.code, p.path) in seen:
            continue
        seen.add((p.code, p.path))
        try:
            line = p.action()
        except OSError as exc:
            raise storage_error(exc, store.root / p.path, "repair") from None
        if line:
            done.append(line)
    store.refresh()
    return done


# ---------------------------------------------------------------------------------------------
# Repairs
# ---------------------------------------------------------------------------------------------

def _usable(store: Store, path: Path, raw: bytes) -> bool:
    """Whether ``raw`` (a backup's bytes) is a good version of ``path``."""
    try:
        data = orjson.loads(store.unseal(raw, path))
    except (ValueError, CredtrackError):
        return False
    if not isinstance(data, dict):
        return False
    if path.name == INDEX_NAME and path.parent == store.root:
        return not index_problem({"providers": {}, **data})
    version = schema_of(data)
    return version is not None and version <= SCHEMA_VERSION and not record_problems(data)


def _good_backup(store: Store, path: Path) -> Path | None:
    for backup in reversed(backups_of(path, store.backups_dir)):
        try:
            if _usable(store, path, backup.read_bytes()):
                return backup
        except OSError:
            continue
    return None


def _restore_text(store: Store, path: Path) -> str:
    backup = _good_backup(store, path)
    return f"restore the newest good backup, {_rel(store, backup)}" if backup else ""


def _keep_damaged(store: Store, path: Path) -> Path | None:
    """Keep a damaged file's bytes beside its backups (``<stamp>.corrupt``, never taken for a
    backup) before it is replaced."""
    if not path.exists():
        return None
    keep = store.backups_dir / path.stem / backup_name().replace(".json", ".corrupt")
    ensure_private_dir(keep.parent)
    atomic_write_bytes(keep, path.read_bytes())
    return keep


def _replace(store: Store, path: Path, data: bytes) -> None:
    """Write a repaired file (no backup: the damaged one is kept as ``.corrupt``)."""
    keep = _keep_damaged(store, path)
    try:
        atomic_write_bytes(path, data)
    except BaseException:
        if keep is not None:
            discard(keep)
        raise


def _restore_action(store: Store, path: Path, pid: str) -> Callable[[], str] | None:
    """Restore a provider file from its newest good backup; a listed file with neither file
    nor backup is dropped from the index."""
    if _good_backup(store, path) is None and path.exists():
        return None  # nothing better than what is there: leave it for the user

    def run() -> str:
        with store.locked(path):
            if path.exists() and _usable(store, path, path.read_bytes()):
                return ""  # fixed meanwhile
            backup = _good_backup(store, path)
            if backup is not None:
                lacks = _lacks(store, path, backup)
                _replace(store, path, backup.read_bytes())
                return f"restored {_rel(store, path)} from {_rel(store, backup)}{lacks}"
        with store.index_transaction() as index:  # no file and no backup: unlist it
            index["providers"].pop(pid, None)
            if index.get("current") == pid:
                index["current"] = next(iter(sorted(index["providers"])), None)
        return f"dropped provider {pid} from the index (its file and backups are gone)"

    return run


def _rel(store: Store, path: Path) -> str:
    try:
        return str(path.relative_to(store.root))
    except ValueError:
        return str(path)


def _rebuild_action(store: Store) -> Callable[[], str]:
    """Rebuild the index from the provider files: every file there is listed (nothing is
    lost), but for the leftover of a removal (a file its newest backup equals, that the last
    good index no longer listed); the current provider comes from that index."""
    def run() -> str:
        path = store.index_path
        with store.locked(path):
            if path.exists() and _usable(store, path, path.read_bytes()):
                return ""  # fixed meanwhile
            backup = _good_backup(store, path)
            old = orjson.loads(store.unseal(backup.read_bytes(), backup)) if backup else {}
            old_files = {e["file"] for e in (old.get("providers") or {}).values()}
            providers = {}
            for file in store.provider_files():
                kept = newest_backup(file, store.backups_dir)
                if old and file.name not in old_files and kept is not None \
                        and kept.read_bytes() == file.read_bytes():
                    continue  # removed: the index had dropped it already
                try:
                    name = store.read_path(file).provider.name
                except CredtrackError:
                    name = file.stem  # unreadable: listed anyway, its own repair follows
                providers[file.stem] = {"name": name, "file": file.name}
            current = old.get("current")
            data = {"providers": providers, "schema": SCHEMA_VERSION,
                    "current": current if current in providers
                    else next(iter(sorted(providers)), None)}
            _replace(store, path, store.seal(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)))
        store.refresh()
        return f"rebuilt the practice index from {len(providers)} provider file(s)"

    return run


def _reindex_action(store: Store, path: Path) -> Callable[[], str]:
    def run() -> str:
        name = store.read_path(path).provider.name
        with store.index_transaction() as index:
            pid = path.stem
            if any(e.get("file") == path.name for e in index["providers"].values()):
                return ""
            index["providers"][pid] = {"name": name, "file": path.name}
            index.setdefault("current", pid)
        return f"listed provider {pid} in the index again"

    return run


def _remove_action(path: Path) -> Callable[[], str]:
    def run() -> str:
        path.unlink(missing_ok=True)
        return f"removed {path.name}"

    return run


def _chmod_action(path: Path, mode: int) -> Callable[[], str]:
    def run() -> str:
        os.chmod(path, mode, follow_symlinks=False)
        return f"chmod {mode:04o} {path.name}"

    return run


def _seal_action(store: Store, path: Path) -> Callable[[], str]:
    def run() -> str:
        return f"encrypted {_rel(store, path)}" if store.convert(path, store.key()) else ""

    return run


def _backup_references(store: Store) -> set[str]:
    """The sha256 of every document a kept backup of a provider file refers to (a backup
    restored later must find its files)."""
    out: set[str] = set()
    if not store.backups_dir.is_dir():
        return out
    for backup in store.backups_dir.glob("*/*.json"):
        try:
            data = orjson.loads(store.unseal(backup.read_bytes(), backup))
            rows = (data.get(Document.TABLE) or {}).values() if isinstance(data, dict) else ()
            out.update(r["sha256"] for r in rows if isinstance(r, dict)
                       and isinstance(r.get("sha256"), str))
        except (OSError, ValueError, AttributeError, CredtrackError):
            continue
    return out


def _quarantine_action(store: Store, path: Path) -> Callable[[], str]:
    """Move an orphan vault file aside, under the vault lock and after checking again that
    no record (and no provider file that cannot be read) might refer to it."""
    def run() -> str:
        with store.locked(store.vault_lock):
            if not path.exists() or store.odd_files():
                return ""
            for file in store.provider_files():
                try:
                    rows = (store.load(file) or {}).get(Document.TABLE) or {}
                except CredtrackError:
                    return ""
                if any(isinstance(r, dict) and r.get("sha256") == path.name
                       for r in rows.values()):
                    return ""
            folder = store.root / QUARANTINE
            ensure_private_dir(folder)
            os.replace(path, folder / path.name)
        return f"moved {path.name} to {QUARANTINE}/"

    return run


def _roll_back_action(store: Store) -> Callable[[], str]:
    def run() -> str:
        with store.index_transaction():
            pass  # taking the index for writing sets aside an addition that was cut short
        return "moved the files of a cut-short addition to backups/"

    return run


_RECORD_ID = re.compile(rb'"id":"([a-z]{2,3}-[a-z0-9]{6})"')


def _lacks(store: Store, path: Path, backup: Path) -> str:
    """What the restored copy lacks, in words: the writes made to ``path`` after the backup was
    taken (the backup is the version before the last write), and the records the damaged
    file still names that the backup does not have."""
    try:
        damaged = path.read_bytes()
        when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(path.stat().st_mtime))
    except OSError:
        return "; it lacks any change made after the backup was taken"
    try:
        damaged = store.unseal(damaged, path)
    except CredtrackError:
        pass  # a damaged sealed file: its records cannot be named
    try:
        have = set(_RECORD_ID.findall(store.unseal(backup.read_bytes(), backup)))
    except (OSError, CredtrackError):
        have = set()
    missing = sorted({m.decode() for m in _RECORD_ID.findall(damaged)} - have)
    named = f"; records in the damaged file but not in the backup: {', '.join(missing[:20])}" \
        + (f" and {len(missing) - 20} more" if len(missing) > 20 else "") if missing else ""
    return (f"; it lacks the last change to this file (written {when}): check it and enter "
            f"it again{named}")
