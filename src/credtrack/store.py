"""The file store (:class:`FileStore`, the first implementation of
:class:`credtrack.storage.Store`): TinyDB files, one per provider, plus a small practice index.
The file writing itself (atomic writes, backups, temp files) is :mod:`credtrack.fsio`.

Every write is a transaction: take the file's lock, read the file fresh, change it in memory
(TinyDB over a buffering storage), write it once atomically (temp file, fsync, rename, fsync of
the directory). The version being replaced is kept as a rolling backup (the last 10). A file that
cannot be read stops the command with its name and the newest backup, and is never overwritten.

A write that the system refuses (disk full, read-only, permission denied) leaves the old file as
it was and stops the command with one line naming the file (:class:`StorageError`). A process
killed mid-write can leave its temp file (``.<name>.<pid>.<ns>.tmp``, hidden, never the target);
the next store write by a later process removes those of processes that are gone from the data
dir, providers/ and vault/, as does the next write into any other folder (packets, an export's
folder) for that folder (:func:`sweep_stale_temps`); ``credtrack doctor`` reports and removes any
that remain.

When the data dir is encrypted (``credtrack encryption enable``, see :mod:`credtrack.crypto`),
every file this module writes is sealed and every read opens it; a file is sealed or not by its
own header, so a store half-way through enabling or disabling encryption still reads.
"""

from __future__ import annotations

import os
import re
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

import orjson
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from credtrack import crypto
from credtrack.errors import BadInput, CredtrackError, NotFound, shown_id
from credtrack.fsio import (
    StorageError, atomic_write_bytes, backups_of, discard, ensure_private_dir, fsync_dir,
    keep_backup, newest_backup, rotate_backups, storage_error, sweep_stale_temps,
)
from credtrack.kinds import Records, record_types
from credtrack.models import Document, IndexEntry, Provider, Record, new_id, slugify

if TYPE_CHECKING:
    from credtrack.vault import Stored

SCHEMA_VERSION = 1
LOCK_TIMEOUT = 30.0
INDEX_NAME = "practice.json"
PRACTICE_RECORDS = "practice-records.json"  # records about the whole practice (screenings)
# what a credtrack data dir holds: a folder holding other things and none of these is not one
DATA_DIR_NAMES = frozenset({INDEX_NAME, "providers", "vault", "backups", "encryption.json",
                            "encryption-off.json", "calendar-state.json", "cache", "packets",
                            "plugins", "templates", "config.toml", "quarantine", "vault.lock",
                            "practice.json.lock", "credtrack.ics", "demo-files", "changes",
                            "practice-records.json", "practice-records.json.lock"})

# version n -> function upgrading the raw TinyDB data of version n-1 in place.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {}

R = TypeVar("R", bound=Record)


def _Timeout() -> type[Exception]:
    from filelock import Timeout

    return Timeout


class StoreCorrupt(CredtrackError):
    """A store file that cannot be read back; ``reason`` says why without the file's name."""

    exit_code = 1
    reason = ""


class _Buffer(Storage):
    """TinyDB storage over a dict in memory; the transaction writes it out once."""

    def __init__(self, data: dict[str, Any] | None):
        self.data = data
        self.dirty = False

    def read(self) -> dict[str, Any] | None:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = True


class ProviderFile:
    """One provider's records: typed access over a TinyDB database.

    Reads go straight to the data TinyDB keeps (``data``, the same dict it changes in a
    transaction), which spares building TinyDB documents for every row; writes use TinyDB.
    """

    def __init__(self, db: TinyDB, path: Path, data: dict[str, Any]):
        self.db = db
        self.path = path
        self.data = data

    def _rows(self, table: str) -> list[dict[str, Any]]:
        rows = self.data.get(table) or {}
        if not isinstance(rows, dict):
            raise self._malformed(table, TypeError("not a table"))
        return list(rows.values())

    def _malformed(self, table: str, exc: Exception) -> StoreCorrupt:
        # the exception's text may quote a stored value (a birth date...): name its type only
        return StoreCorrupt(f"{self.path} holds a malformed {table} record "
                            f"({type(exc).__name__}); run 'credtrack doctor'")

    def _convert(self, cls: type[R], row: Any) -> R:
        try:
            if not isinstance(row, dict):
                raise TypeError("not an object")
            return cls.from_dict(row)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise self._malformed(cls.TABLE, exc) from None

    @property
    def provider(self) -> Provider:
        rows = self._rows(Provider.TABLE)
        if not rows:
            raise StoreCorrupt(f"{self.path} has no provider record")
        return self._convert(Provider, rows[0])

    def save_provider(self, provider: Provider) -> None:
        table = self.db.table(Provider.TABLE)
        table.truncate()
        table.insert(provider.to_dict())

    def all(self, cls: type[R]) -> list[R]:
        return [self._convert(cls, row) for row in self._rows(cls.TABLE)]

    def get(self, cls: type[R], record_id: str) -> R:
        row = next((r for r in self._rows(cls.TABLE)
                    if isinstance(r, dict) and r.get("id") == record_id), None)
        if row is None:
            raise NotFound(f"no {cls.__name__.lower()} {shown_id(record_id, 'with id ')} "
                           f"(see 'credtrack {_list_cmd(cls)}')")
        return self._convert(cls, row)

    def insert(self, record: Record, slot: Any = None) -> Record:
        """Add a record; ``slot`` (from :meth:`slots`, kept by an undo) puts a removed record
        back where it was in every listing."""
        table = self.db.table(record.TABLE)
        while table.contains(Query().id == record.id):  # type: ignore[attr-defined]
            record.id = new_id(record.PREFIX)  # type: ignore[attr-defined]
        if isinstance(slot, int) and slot > 0 and not table.contains(doc_id=slot):
            from tinydb.table import Document as Row

            table.insert(Row(record.to_dict(), doc_id=slot))
        else:
            table.insert(record.to_dict())
        return record

    def slots(self, cls: type[Record]) -> dict[str, Any]:
        """Where each record of a kind is kept, by id (opaque; see :meth:`insert`)."""
        rows = self.data.get(cls.TABLE) or {}
        if not isinstance(rows, dict):
            return {}
        return {r["id"]: int(k) for k, r in rows.items()
                if isinstance(r, dict) and isinstance(r.get("id"), str) and str(k).isdigit()}

    def update(self, record: Record) -> None:
        table = self.db.table(record.TABLE)
        if not table.update(record.to_dict(), Query().id == record.id):  # type: ignore
            raise NotFound(f"no {type(record).__name__.lower()} with id {record.id!r}")  # type: ignore

    def remove(self, cls: type[Record], record_id: str) -> Record:
        rec = self.get(cls, record_id)
        self.db.table(cls.TABLE).remove(Query().id == record_id)
        return rec

    def records(self) -> Records:
        from credtrack.kinds import kinds

        return Records(self.provider, {k.table: self.all(k.model) for k in kinds()})

    def check(self) -> None:
        check_records(self.path, self.data)


def schema_of(data: dict[str, Any]) -> int | None:
    """The schema version recorded in a provider file (0: none yet; None: malformed)."""
    meta = data.get("_meta")
    if not meta:
        return 0
    try:
        version = meta.get("1", {}).get("schema", 0) or 0
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            return None
        return version
    except AttributeError:
        return None


VAULT_NAME = re.compile(r"[0-9a-f]{64}")  # a vault file's name: its sha256


def record_problems(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(table, record id, what is wrong) for every record of the wrong shape or beyond the
    limits (:mod:`credtrack.schema`). The messages name fields, never the values in them."""
    from credtrack import schema

    out = []
    if not (data.get(Provider.TABLE) or {}):
        out.append((Provider.TABLE, "", "is missing"))
    for cls in (Provider, *record_types()):
        rows = data.get(cls.TABLE)
        if rows is not None:
            out += [(cls.TABLE, rid, why) for rid, why in schema.row_problems(cls, rows)]
    return out


def check_records(path: Path, data: dict[str, Any], practice: bool = False) -> None:
    """StoreCorrupt naming the first record of the wrong shape in ``path``, if any
    (``practice``: the practice's own records, a file with no provider record)."""
    bad = record_problems(data)
    if practice:
        bad = [b for b in bad if b[0] != Provider.TABLE]
    if bad:
        table, rid, why = bad[0]
        raise StoreCorrupt(" ".join(filter(None, (f"{path} holds a malformed", table, "record",
                                                  rid, why)))
                           + "; the file was left untouched (see 'credtrack doctor')")


SAFE_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.json")


def _refuse_malformed(data: dict[str, Any], practice: bool = False) -> None:
    """BadInput (nothing is written) if a change would store a record beyond the limits: a
    value no command typed it through, such as text that is not UTF-8 (``practice``: the
    practice's own records, a file with no provider record)."""
    bad = record_problems(data)
    if practice:
        bad = [b for b in bad if b[0] != Provider.TABLE]
    if bad:
        table, _rid, why = bad[0]
        raise BadInput(f"refused: a {table} record {why}; nothing was changed")


def index_problem(data: dict[str, Any]) -> str:
    """What is wrong with the index's shape ('' if nothing)."""
    providers = data.get("providers")
    if not isinstance(providers, dict):
        return "'providers' is not a table"
    for pid, entry in providers.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            return "an entry has no name"
        if not isinstance(entry.get("file"), str) or not SAFE_FILE.fullmatch(entry["file"]):
            return "an entry names a file outside providers/"
    files = [e["file"] for e in providers.values()]
    if len(set(files)) != len(files):
        return "two entries name the same file"
    current = data.get("current")
    if current is not None and not isinstance(current, str):
        return "'current' is not a provider id"
    return ""


def _file_bytes(provider: Provider, records: list[Record], txn: str) -> bytes:
    """A new provider file with its records, as TinyDB keeps it (tables of rows numbered from
    1), built directly: inserting through TinyDB costs time quadratic in the records. The
    ``adding`` mark says which addition wrote it (the next ordinary write drops it)."""
    data: dict[str, Any] = {"_meta": {"1": {"schema": SCHEMA_VERSION, "adding": txn}},
                            Provider.TABLE: {"1": provider.to_dict()}}
    seen: dict[str, set[str]] = {}
    for record in records:
        ids = seen.setdefault(record.TABLE, set())
        while record.id in ids:  # type: ignore[attr-defined]
            record.id = new_id(record.PREFIX)  # type: ignore[attr-defined]
        ids.add(record.id)  # type: ignore[attr-defined]
        table = data.setdefault(record.TABLE, {})
        table[str(len(table) + 1)] = record.to_dict()
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)


def _by_id(record: Record) -> str:
    return record.id  # type: ignore[attr-defined]


def _kept_id(pid: str, taken: set[str]) -> str:
    """A provider id kept as it is (``add_providers(keep_ids=True)``): a free, safe file name."""
    if not isinstance(pid, str) or not SAFE_FILE.fullmatch(f"{pid}.json"):
        raise BadInput("a provider id is not a valid file name")
    if pid in taken:
        raise BadInput(f"provider {shown_id(pid)} already exists here")
    return pid


def _list_cmd(cls: type[Record]) -> str:
    from credtrack.kinds import by_model

    try:
        return f"list {by_model(cls).name}"
    except KeyError:
        return "provider list"


class FileStore:
    """The data directory: ``practice.json`` (index), ``providers/<id>.json``, ``backups/``."""

    def __init__(self, data_dir: Path, passphrase: Callable[[], str] | None = None):
        self.root = Path(data_dir)
        self.providers_dir = self.root / "providers"
        self.backups_dir = self.root / "backups"
        self.vault_dir = self.root / "vault"
        self.index_path = self.root / INDEX_NAME
        self._passphrase = passphrase
        self._key: crypto.Key | None = None
        self._root_ok = 0  # 1: checked for reading, 2: for writing
        self._swept_additions = False

    # -- encryption at rest --------------------------------------------------------------------
    @property
    def encrypted(self) -> bool:
        """New writes are sealed (``encryption.json`` exists). Cheap: one stat."""
        return crypto.enabled(self.root)

    def key(self) -> "crypto.Key":
        """The data key, unlocked once per Store (asks for the passphrase the first time)."""
        if self._key is None:
            ask = self._passphrase or crypto.ask_passphrase
            self._key = crypto.unlock(self.root, ask)
        return self._key

    def seal(self, data: bytes) -> bytes:
        return self.key().seal(data) if self.encrypted else data

    def unseal(self, raw: bytes, path: Path) -> bytes:
        return self.key().open(raw, path) if crypto.is_sealed(raw) else raw

    # -- the data dir ------------------------------------------------------------------------
    def _check_root(self, writing: bool) -> None:
        """One clear line (exit 2) for a data dir credtrack cannot or must not use: a file, a
        FIFO, a link to nothing, a name the system refuses; for writing also a folder of
        another user's, or one that holds other things and no credtrack files (``/``, a home
        folder): credtrack only ever writes into its own data dir."""
        if self._root_ok >= (2 if writing else 1):
            return
        root = self.root
        try:
            st = os.stat(root)
        except FileNotFoundError:
            if os.path.islink(root):
                raise BadInput(f"the data dir {root} is a link to nothing") from None
            self._root_ok = 1  # created by the first write
            return
        except OSError as exc:
            raise BadInput(f"the data dir {str(root)[:200]} cannot be used: "
                           f"{(exc.strerror or type(exc).__name__).lower()}") from None
        if not stat.S_ISDIR(st.st_mode):
            raise BadInput(f"the data dir {root} is not a folder")
        if writing:
            if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
                raise BadInput(f"the data dir {root} belongs to another user (uid "
                               f"{st.st_uid}); credtrack writes only into its own")
            self.check_own_dir()
        self._root_ok = 2 if writing else 1

    def check_own_dir(self) -> None:
        """BadInput unless the data dir is empty or holds credtrack's files (``/``, a home
        folder, a project folder are not data dirs: credtrack neither writes nor looks
        through them)."""
        try:
            names = set(os.listdir(self.root))
        except FileNotFoundError:
            return
        except OSError as exc:
            raise BadInput(f"the data dir {self.root} cannot be read: "
                           f"{(exc.strerror or type(exc).__name__).lower()}") from None
        if names and not names & DATA_DIR_NAMES:
            raise BadInput(f"{self.root} is not a credtrack data dir (it holds other files and "
                           "no credtrack data); choose a new or empty folder")

    # -- low level ---------------------------------------------------------------------------
    def _prepare(self) -> None:
        self._check_root(writing=True)
        for d in (self.root, self.providers_dir, self.backups_dir):
            ensure_private_dir(d)
        for d in (self.root, self.providers_dir, self.vault_dir):  # once per process: temp
            sweep_stale_temps(d)  # files of killed writers (see stale_temps)
        if not self._swept_additions:  # once per store: an addition killed midway
            self._swept_additions = True
            self._finish_interrupted()

    def _lock(self, path: Path):
        from filelock import FileLock  # only writers pay for the import

        return FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT, mode=0o600)

    def load(self, path: Path) -> dict[str, Any] | None:
        """The JSON in ``path`` (None if absent). Unreadable: StoreCorrupt naming the backup.
        Anything but a regular file (a folder, a FIFO that would block every command, a
        symlink) is unreadable, and never opened."""
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode):
                err = StoreCorrupt(f"{path} is not a regular file; credtrack will not read or "
                                   "replace it (move it away, then 'credtrack doctor')")
                err.reason = "not a regular file"
                raise err
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreCorrupt(f"cannot read {path}: {exc.strerror}") from None
        try:
            raw = self.unseal(raw, path)
            data = orjson.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (ValueError, crypto.Damaged) as exc:
            backup = newest_backup(path, self.backups_dir)
            hint = f"; newest backup: {backup}" if backup else "; no backup exists"
            if isinstance(exc, crypto.Damaged):
                reason = exc.message.removeprefix(f"{path} ")
            elif not raw.strip():
                reason = "empty"
            else:
                reason = f"invalid JSON ({str(exc).splitlines()[0]})"
            err = StoreCorrupt(f"{path} is unreadable: {reason}{hint}. "
                               "The file was left untouched; 'credtrack doctor --repair' "
                               "restores the newest good backup.")
            err.reason = f"unreadable: {reason}"
            raise err from None
        return data

    def _migrate(self, data: dict[str, Any], path: Path) -> dict[str, Any]:
        version = schema_of(data)
        if version is None:
            raise StoreCorrupt(f"{path} has a malformed schema version; run 'credtrack doctor'")
        if version > SCHEMA_VERSION:
            raise StoreCorrupt(f"{path} was written by a newer credtrack (schema {version}); "
                               "upgrade credtrack to read it")
        for v in range(version + 1, SCHEMA_VERSION + 1):
            if v in MIGRATIONS:
                MIGRATIONS[v](data)
        data["_meta"] = {"1": {"schema": SCHEMA_VERSION}}
        return data

    def _write(self, path: Path, data: dict[str, Any], backup: bool = True) -> None:
        atomic_write_bytes(path, self.seal(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)),
                           self.backups_dir if backup else None)

    @contextmanager
    def locked(self, path: Path) -> Iterator[None]:
        """Hold ``path``'s lock; a refused lock file or a busy lock is one clear error."""
        lock = self._lock(path)
        try:
            lock.acquire()
        except _Timeout():
            raise CredtrackError(f"{path} is locked by another credtrack process; "
                                 "try again") from None
        except OSError as exc:
            raise storage_error(exc, path) from None
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _transaction(self, path: Path, create: bool = False,
                     practice: bool = False) -> Iterator[TinyDB]:
        self._prepare()
        with self.locked(path):
            data = self.load(path)
            if data is None and not create:
                raise NotFound(f"{path} does not exist")
            old_schema = schema_of(data) if data is not None else None
            data = self._migrate(data or {}, path)
            if old_schema is not None:  # never rewrite what this credtrack cannot read back
                check_records(path, data, practice)
            buffer_holder: list[_Buffer] = []

            def storage(_data=data):
                buf = _Buffer(_data)
                buffer_holder.append(buf)
                return buf

            db = TinyDB(storage=storage)
            db.raw = data  # type: ignore[attr-defined]
            yield db
            buf = buffer_holder[0]
            if buf.dirty or old_schema != SCHEMA_VERSION:
                new = buf.data if buf.data is not None else data
                if buf.dirty:  # never write what could not be read back
                    _refuse_malformed(new, practice)
                self._write(path, new)

    def read_path(self, path: Path) -> ProviderFile:
        data = self.load(path)
        if data is None:
            raise NotFound(f"{path} does not exist")
        data = self._migrate(data, path)
        return ProviderFile(TinyDB(storage=lambda: _Buffer(data)), path, data)

    # -- index -------------------------------------------------------------------------------
    def index(self) -> dict[str, Any]:
        """The practice index (read-only: change it in ``_index_transaction``). Parsed once
        and reused while the file is unchanged: a practice of thousands reads it often."""
        self._check_root(writing=False)
        try:
            st = os.stat(self.index_path)
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        except FileNotFoundError:
            stamp = None
        cached = getattr(self, "_index_cache", None)
        if cached is not None and stamp is not None and cached[0] == stamp:
            return cached[1]
        data = self._checked_index(self.load(self.index_path))
        self._index_cache = (stamp, data)
        return data

    def _checked_index(self, data: dict[str, Any] | None) -> dict[str, Any]:
        """The index, if its shape holds: every entry names a plain file in providers/.
        A missing index beside provider files is an error, never a fresh start."""
        if data is None:
            orphans = self.provider_files()
            if orphans:
                raise StoreCorrupt(f"{self.index_path} is missing but {self.providers_dir} holds "
                                   f"{len(orphans)} provider file(s); 'credtrack doctor "
                                   "--repair' restores or rebuilds it")
            data = {}
        data.setdefault("providers", {})
        problem = index_problem(data)
        if problem:
            backup = newest_backup(self.index_path, self.backups_dir)
            hint = f"; newest backup: {backup}" if backup else ""
            raise StoreCorrupt(f"{self.index_path} is malformed ({problem}){hint}; "
                               "run 'credtrack doctor'")
        return data

    @contextmanager
    def index_transaction(self) -> Iterator[dict[str, Any]]:
        self._prepare()
        with self.locked(self.index_path):
            data = self._checked_index(self.load(self.index_path))
            self._set_aside_interrupted(data)  # an addition whose writer died (had this lock)
            data["schema"] = SCHEMA_VERSION
            yield data
            self._write(self.index_path, data)

    def entries(self) -> list[IndexEntry]:
        return [IndexEntry(pid, e["name"], e["file"]) for pid, e in
                sorted(self.index()["providers"].items())]

    def current_id(self) -> str | None:
        return self.index().get("current")

    def resolve(self, provider_id: str | None) -> str:
        """The provider a command acts on: the one given, the current one, or the only one."""
        index = self.index()
        providers = index["providers"]
        if provider_id:
            if provider_id in providers:
                return provider_id
            raise NotFound(f"no provider {shown_id(provider_id)} (see 'credtrack provider list')")
        current = index.get("current")
        if current in providers:
            return current
        if len(providers) == 1:
            return next(iter(providers))
        if not providers:
            raise NotFound("no provider yet: run 'credtrack init --name \"Your Name\"'")
        raise NotFound("several providers: pick one with --provider ID or "
                       "'credtrack provider use ID'")

    def path_of(self, provider_id: str) -> Path:
        entry = self.index()["providers"].get(provider_id)
        name = entry["file"] if entry else f"{provider_id}.json"
        return self.providers_dir / name

    # -- providers ---------------------------------------------------------------------------
    def add_provider(self, provider: Provider, make_current: bool = False) -> Provider:
        return self.add_providers([(provider, [])], make_current)[0]

    def add_providers(self, items: list[tuple[Provider, list[Record]]],
                      make_current: bool = False, keep_ids: bool = False) -> list[Provider]:
        """Add providers with their records, all or none, in time linear in the records.

        Under the index lock, each new file is written whole (fsynced; one fsync of the folder
        for all) and marked as part of an addition (``_meta.adding``), then one index write
        lists them all. A failure removes the new files; after a kill, the files the index
        does not list are moved to backups/ by the next index write (which holds the lock,
        so their writer is gone): the practice is as it was before. Ids come from the names
        unless ``keep_ids`` (``store copy``)."""
        self._prepare()
        with self.locked(self.index_path):
            raw = self.load(self.index_path)
            index = self._checked_index(raw)
            if raw is None:  # the index first: files it does not list are then known as
                index["schema"] = SCHEMA_VERSION  # an addition cut short, never a lost index
                self._write(self.index_path, index)
            self._set_aside_interrupted(index)
            taken = set(index["providers"]) | {p.stem for p in self.provider_files()}
            plan = []
            for provider, records in items:
                base = slugify(provider.name)
                pid, n = base, 2
                if keep_ids:
                    pid = _kept_id(provider.id, taken)
                while pid in taken:
                    pid, n = f"{base}-{n}", n + 1
                taken.add(pid)
                provider.id = pid
                plan.append((provider, records, self.providers_dir / f"{pid}.json"))
            txn = f"{os.getpid()}-{time.time_ns()}"
            created: list[Path] = []
            try:
                for provider, records, path in plan:
                    atomic_write_bytes(path, self.seal(_file_bytes(provider, records, txn)),
                                       sync_dir=False)
                    created.append(path)
                fsync_dir(self.providers_dir)
                index["schema"] = SCHEMA_VERSION
                for provider, _, path in plan:
                    index["providers"][provider.id] = {"name": provider.name, "file": path.name}
                    if make_current or not index.get("current"):
                        index["current"] = provider.id
                self._write(self.index_path, index)
            except BaseException:
                for path in created:
                    discard(path)
                raise
            finally:
                self.refresh()
        return [provider for provider, _ in items]

    def interrupted(self, index: dict[str, Any] | None = None) -> list[Path]:
        """Provider files an addition wrote and never listed (it was killed)."""
        index = index if index is not None else self._checked_index(self.load(self.index_path))
        listed = {e["file"] for e in index["providers"].values()}
        out = []
        for path in self.provider_files():
            if path.name in listed:
                continue
            try:
                meta = (self.load(path) or {}).get("_meta") or {}
            except CredtrackError:
                continue
            if isinstance(meta, dict) and isinstance(meta.get("1"), dict) \
                    and meta["1"].get("adding"):
                out.append(path)
        return out

    def _finish_interrupted(self) -> None:
        """Set aside what a killed addition left, if providers/ holds files the index does
        not list (cheap otherwise: one listing). Waits for a running addition to end."""
        try:
            listed = {e["file"] for e in self.index()["providers"].values()}
        except CredtrackError:
            return  # the command itself reports the index
        if not any(name not in listed for name in self._provider_file_names()):
            return
        with self.locked(self.index_path):
            data = self._checked_index(self.load(self.index_path))
            if self._set_aside_interrupted(data):
                self.refresh()

    def _set_aside_interrupted(self, index: dict[str, Any]) -> int:
        """Move the files of an addition that was killed to backups/ (call holding the index
        lock: their writer is gone). Kept, not deleted: nothing is ever lost by a guess."""
        found = self.interrupted(index)
        for path in found:
            kept = keep_backup(path, self.backups_dir)
            rotate_backups(kept.parent)
            discard(path)
        return len(found)

    def use(self, provider_id: str) -> None:
        pid = self.resolve(provider_id)
        with self.index_transaction() as index:
            index["current"] = pid

    def remove_provider(self, provider_id: str) -> Provider:
        """Keep the provider's file in backups/, drop it from the index, then delete it. A
        failure before the index is written changes nothing; a crash after it leaves a file
        the index does not list, which ``credtrack doctor`` reports."""
        pid = self.resolve(provider_id)
        provider = self.read(pid).provider
        path = self.path_of(pid)
        self._prepare()
        kept = None
        try:
            if path.exists():
                kept = keep_backup(path, self.backups_dir)  # recoverable from backups/
            with self.index_transaction() as index:
                index["providers"].pop(pid, None)
                if index.get("current") == pid:
                    index["current"] = next(iter(sorted(index["providers"])), None)
        except BaseException as exc:
            if kept is not None:
                discard(kept)
            if isinstance(exc, OSError) and not isinstance(exc, StorageError):
                raise storage_error(exc, path, "remove") from None
            raise
        if kept is not None:
            rotate_backups(kept.parent)
            discard(path)
        return provider

    def _rename_in_index(self, provider_id: str, name: str) -> None:
        with self.index_transaction() as index:
            if provider_id in index["providers"]:
                index["providers"][provider_id]["name"] = name

    # -- records -----------------------------------------------------------------------------
    def read(self, provider_id: str) -> ProviderFile:
        return self.read_path(self.path_of(provider_id))

    @contextmanager
    def write(self, provider_id: str) -> Iterator[ProviderFile]:
        """One provider's records in a transaction; a new provider name reaches the index."""
        path = self.path_of(provider_id)
        with self._transaction(path) as db:
            pf = ProviderFile(db, path, db.raw)  # type: ignore[attr-defined]
            yield pf
            rows = pf.data.get(Provider.TABLE) or {}
            name = next(iter(rows.values()), {}).get("name") if isinstance(rows, dict) else None
        if isinstance(name, str) and self.index()["providers"].get(provider_id, {}) \
                .get("name", name) != name:
            self._rename_in_index(provider_id, name)

    def all_records(self) -> list[Records]:
        return [self.read(e.id).records() for e in self.entries()]

    # -- records about the practice as a whole (exclusion-screening receipts) ----------------
    @property
    def practice_path(self) -> Path:
        return self.root / PRACTICE_RECORDS

    def practice_records(self, cls: type[R]) -> list[R]:
        """The practice's records of a kind (none before the first is written). Parsed once
        and reused while the file is unchanged."""
        path = self.practice_path
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return []
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino, cls)
        cached = getattr(self, "_practice_cache", None)
        if cached is not None and cached[0] == stamp:
            return list(cached[1])
        data = self.load(path)
        if data is None:
            return []
        data = self._migrate(data, path)
        check_records(path, data, practice=True)
        records = ProviderFile(TinyDB(storage=lambda: _Buffer(data)), path, data).all(cls)
        self._practice_cache = (stamp, records)
        return list(records)

    @contextmanager
    def write_practice(self) -> Iterator[ProviderFile]:
        """The practice's own records in a transaction (insert/update/remove as for a
        provider's; there is no provider record)."""
        path = self.practice_path
        with self._transaction(path, create=True, practice=True) as db:
            yield ProviderFile(db, path, db.raw)  # type: ignore[attr-defined]

    # -- files, for encryption and the doctor ------------------------------------------------
    def provider_files(self) -> list[Path]:
        """Every provider file on disk, listed in the index or not."""
        return [self.providers_dir / name for name in self._provider_file_names()]

    def _provider_file_names(self) -> list[str]:
        """The names of the regular ``*.json`` files in providers/ (not symlinks), sorted: one
        directory listing, no stat per file (every write checks them)."""
        try:
            with os.scandir(self.providers_dir) as entries:
                return sorted(e.name for e in entries
                              if e.name.endswith(".json") and e.is_file(follow_symlinks=False))
        except OSError:  # no folder, or one that cannot be read: as glob saw it
            return []

    def odd_files(self) -> list[Path]:
        """Entries of providers/ named like provider files that are not regular files (a
        folder, a FIFO, a symlink): unreadable, so their records are unknown."""
        if not self.providers_dir.is_dir():
            return []
        return sorted(p for p in self.providers_dir.glob("*.json") if p.is_symlink()
                      or not p.is_file())

    def vault_files(self) -> list[Path]:
        if not self.vault_dir.is_dir():
            return []
        return sorted(p for p in self.vault_dir.glob("??/*")
                      if p.is_file() and VAULT_NAME.fullmatch(p.name))

    def files(self) -> list[tuple[Path | None, list[Path]]]:
        """The files credtrack keeps, grouped under the file whose lock guards them:
        the index with its backups, each provider file with its backups, then the vault."""
        out: list[tuple[Path | None, list[Path]]] = []
        practice = [self.practice_path] if self.practice_path.exists() else []
        for main in [self.index_path, *practice, *self.provider_files()]:
            kept = sorted(p for p in (self.backups_dir / main.stem).glob("*") if p.is_file()) \
                if (self.backups_dir / main.stem).is_dir() else []
            out.append((main, ([main] if main.exists() else []) + kept))
        known = {self.index_path.stem, self.practice_path.stem} | \
            {p.stem for p in self.provider_files()}
        if self.backups_dir.is_dir():  # backups of removed providers
            for folder in sorted(self.backups_dir.iterdir()):
                if folder.is_dir() and folder.name not in known:
                    out.append((None, sorted(p for p in folder.glob("*") if p.is_file())))
        out.append((None, self.vault_files()))
        quarantine = self.root / "quarantine"  # vault files doctor set aside
        if quarantine.is_dir():
            out.append((None, sorted(p for p in quarantine.iterdir() if p.is_file()
                                     and VAULT_NAME.fullmatch(p.name))))
        return out

    def convert(self, path: Path, key: "crypto.Key | None") -> bool:
        """Seal ``path`` with ``key`` (None: open it back to plaintext) unless it already is;
        atomically, without a backup. True if the file changed."""
        raw = path.read_bytes()
        if crypto.is_sealed(raw) == (key is not None):
            return False
        data = key.seal(raw) if key is not None else self.key().open(raw, path)
        atomic_write_bytes(path, data)
        return True

    def convert_all(self, key: "crypto.Key | None") -> int:
        """Seal (or open) every file of the data dir, each group under its lock."""
        changed = 0
        for guard, files in self.files():
            if guard is not None and self.root.is_dir():
                self._prepare()
                with self.locked(guard):
                    changed += sum(self.convert(p, key) for p in files if p.exists())
            else:
                changed += sum(self.convert(p, key) for p in files if p.exists())
        self.refresh()
        return changed

    def rekey(self, new: "crypto.Key | None", current: "crypto.Key | None" = None) -> int:
        """Seal every file with ``new`` (None: open them back to plaintext). ``current`` opens
        what is sealed now (default: ``new``, else the store's own key). Returns how many files
        changed."""
        if current is not None or new is not None:
            self._key = current or new
        return self.convert_all(new)

    def unlock(self) -> None:
        """Ask for the passphrase of an encrypted data dir now (a TUI asks before it starts)."""
        if self.encrypted:
            self.key()

    def refresh(self) -> None:
        """Forget what was cached (the index), after files were changed behind the store."""
        self._index_cache = None
        self._practice_cache = None

    # -- the vault ---------------------------------------------------------------------------
    @property
    def vault_lock(self) -> Path:
        return self.root / "vault.lock"

    def put_document(self, provider_id: str, src: Path,
                     make: Callable[["Stored"], list[Record]]) -> list[Record]:
        """Copy ``src`` into the vault and insert the records ``make(stored)`` returns (a
        Document first; the others get its id as ``document_id``) in one write. Under the vault
        lock, so a concurrent removal of the same content cannot take the file away; if the
        write fails, a vault file this call copied in goes too."""
        from credtrack import vault

        path = self.path_of(provider_id)
        self._prepare()
        with self.locked(self.vault_lock):
            seal = self.seal if self.encrypted else None
            stored = vault.add_file(self.root, Path(src), seal, self.unseal)
            try:
                records = make(stored)
                with self._transaction(path) as db:
                    pf = ProviderFile(db, path, db.raw)  # type: ignore[attr-defined]
                    doc = pf.insert(records[0])
                    for record in records[1:]:
                        if hasattr(record, "document_id"):
                            record.document_id = doc.id  # type: ignore[attr-defined]
                        pf.insert(record)
            except BaseException:
                if stored.new:  # no record will ever point at the copy just made
                    self._release(stored.sha256, stored.vault_path)
                raise
        return records

    def forget_history(self, provider_id: str) -> int:
        """Delete the rolling backups of one provider's file (after a purge: a backup would
        still hold what the user removed for good)."""
        path = self.path_of(provider_id)
        gone = 0
        with self.locked(path):
            for kept in backups_of(path, self.backups_dir):
                discard(kept)
                gone += 1
        return gone

    def remove_document(self, provider_id: str, document_id: str) -> Document:
        """Remove a document's record, then its vault file if no record anywhere refers to
        it (a file that cannot be deleted now is left for ``credtrack doctor``)."""
        path = self.path_of(provider_id)
        self._prepare()
        with self.locked(self.vault_lock):
            with self._transaction(path) as db:
                doc = ProviderFile(db, path, db.raw).remove(Document, document_id)  # type: ignore
            self._release(doc.sha256, doc.vault_path)
        assert isinstance(doc, Document)
        return doc

    def _release(self, sha256: str, vault_path: str) -> bool:
        """Delete a vault file no record refers to (call under the vault lock). While any
        provider file cannot be read, nothing is deleted: its records are unknown."""
        from credtrack import vault

        if self.odd_files():
            return False
        for file in self.provider_files():
            try:
                rows = (self.load(file) or {}).get(Document.TABLE) or {}
                if not isinstance(rows, dict):
                    return False
                if any(isinstance(r, dict) and r.get("sha256") == sha256
                       for r in rows.values()):
                    return False
            except CredtrackError:
                return False
        try:
            vault.remove_file(self.root, vault_path)
        except OSError as exc:  # the record is gone already: the file is left for doctor
            import sys

            print(f"credtrack: warning: {vault_path} could not be deleted "
                  f"({(exc.strerror or type(exc).__name__).lower()}); 'credtrack doctor "
                  "--repair' removes it later", file=sys.stderr)
            return False
        return True

    def document_file(self, doc: Document) -> Path:
        """Where a document's file is. In an encrypted data dir the path's ``read_bytes()``
        returns the plaintext (see ``vault.SealedPath``). A record whose vault path is not
        ``vault/<sha[:2]>/<sha>`` (edited by hand) gets a path that does not exist, so nothing
        outside the vault is ever read for it."""
        from credtrack import vault

        if not vault.canonical(doc.sha256, doc.vault_path):  # a tampered record: a path that
            return self.vault_dir / "not-a-vault-path" / doc.id  # never exists
        path = self.root / doc.vault_path
        if crypto.keyfile(self.root) is None:
            return path
        return vault.SealedPath.of(path, self.unseal)

    # -- whole-database export/import --------------------------------------------------------
    def export_data(self) -> dict[str, Any]:
        """The whole store as JSON; records in id order in each table (TinyDB's own order
        does not survive a rewrite of the file, so an export would not compare byte for
        byte with an export of a copy)."""
        out: dict[str, Any] = {"credtrack_export": 1, "schema": SCHEMA_VERSION,
                               "current": self.current_id(), "providers": []}
        for e in self.entries():
            pf = self.read(e.id)
            item: dict[str, Any] = {"provider": pf.provider.to_dict()}
            for cls in record_types():
                item[cls.TABLE] = [r.to_dict() for r in sorted(pf.all(cls), key=_by_id)]
            out["providers"].append(item)
        practice = {cls.TABLE: [r.to_dict() for r in self.practice_records(cls)]
                    for cls in record_types()}
        practice = {table: rows for table, rows in practice.items() if rows}
        if practice:  # the practice's own records (screening receipts)
            out["practice"] = practice
        return out
