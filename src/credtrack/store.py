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
from contextlib import contextmanager
from dataclasses import MISSING, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

import orjson
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from credtrack import crypto
from credtrack.errors import CredtrackError, NotFound, shown_id
from credtrack.fsio import (
    StorageError, atomic_write_bytes, backups_of, discard, ensure_private_dir, keep_backup,
    newest_backup,
    rotate_backups, storage_error, sweep_stale_temps,
)
from credtrack.kinds import Records, record_types
from credtrack.models import Document, IndexEntry, Provider, Record, new_id, slugify

if TYPE_CHECKING:
    from credtrack.vault import Stored

SCHEMA_VERSION = 1
LOCK_TIMEOUT = 30.0
INDEX_NAME = "practice.json"

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

    def insert(self, record: Record) -> Record:
        table = self.db.table(record.TABLE)
        while table.contains(Query().id == record.id):  # type: ignore[attr-defined]
            record.id = new_id(record.PREFIX)  # type: ignore[attr-defined]
        table.insert(record.to_dict())
        return record

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


def _type_ok(value: Any, types: tuple[str, ...]) -> bool:
    """Whether a stored value fits a field whose annotation allows ``types`` (base names)."""
    for base in types:
        if value is None:
            if base == "None":
                return True
        elif base == "str" or base == "date":
            if isinstance(value, str):
                if base == "str":
                    return True
                try:
                    date.fromisoformat(value)
                    return True
                except ValueError:
                    return False
        elif isinstance(value, bool):
            if base == "bool":
                return True
        elif base == "int" and isinstance(value, int):
            return True
        elif base == "float" and isinstance(value, (int, float)):
            return True
        elif base == "list" and isinstance(value, list):
            return True
        elif base == "dict" and isinstance(value, dict):
            return True
        elif base == "Any":
            return True
    return False


_SHAPES: dict[type, list[tuple[str, tuple[str, ...], bool]]] = {}


def _shape(cls: type) -> list[tuple[str, tuple[str, ...], bool]]:
    """(field, the base types its annotation allows, required) per field; once per class."""
    if cls not in _SHAPES:
        _SHAPES[cls] = [(f.name, tuple(t.strip().split("[")[0] for t in str(f.type).split("|")),
                         f.default is MISSING and f.default_factory is MISSING)
                        for f in fields(cls)]
    return _SHAPES[cls]


def record_problems(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(table, record id, what is wrong) for every record of the wrong shape. The messages
    name fields, never the values in them."""
    out = []
    if not (data.get(Provider.TABLE) or {}):
        out.append((Provider.TABLE, "", "is missing"))
    for cls in (Provider, *record_types()):
        rows = data.get(cls.TABLE)
        if rows is None:
            continue
        if not isinstance(rows, dict):
            out.append((cls.TABLE, "", "table is not an object"))
            continue
        shape = _shape(cls)
        for row in rows.values():
            if not isinstance(row, dict):
                out.append((cls.TABLE, "", "is not an object"))
                continue
            rid = row.get("id") if isinstance(row.get("id"), str) else ""
            for name, types, required in shape:
                if name not in row:
                    if required:
                        out.append((cls.TABLE, rid, f"has no {name!r}"))
                elif not _type_ok(row[name], types):
                    out.append((cls.TABLE, rid, f"has a malformed {name!r}"))
    return out


def check_records(path: Path, data: dict[str, Any]) -> None:
    """StoreCorrupt naming the first record of the wrong shape in ``path``, if any."""
    bad = record_problems(data)
    if bad:
        table, rid, why = bad[0]
        raise StoreCorrupt(" ".join(filter(None, (f"{path} holds a malformed", table, "record",
                                                  rid, why)))
                           + "; the file was left untouched (see 'credtrack doctor')")


SAFE_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.json")


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
    current = data.get("current")
    if current is not None and not isinstance(current, str):
        return "'current' is not a provider id"
    return ""


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

    # -- low level ---------------------------------------------------------------------------
    def _prepare(self) -> None:
        for d in (self.root, self.providers_dir, self.backups_dir):
            ensure_private_dir(d)
        for d in (self.root, self.providers_dir, self.vault_dir):  # once per process: temp
            sweep_stale_temps(d)  # files of killed writers (see stale_temps)

    def _lock(self, path: Path):
        from filelock import FileLock  # only writers pay for the import

        return FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT, mode=0o600)

    def load(self, path: Path) -> dict[str, Any] | None:
        """The JSON in ``path`` (None if absent). Unreadable: StoreCorrupt naming the backup."""
        try:
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

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        atomic_write_bytes(path, self.seal(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)),
                           self.backups_dir)

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
    def _transaction(self, path: Path, create: bool = False) -> Iterator[TinyDB]:
        self._prepare()
        with self.locked(path):
            data = self.load(path)
            if data is None and not create:
                raise NotFound(f"{path} does not exist")
            old_schema = schema_of(data) if data is not None else None
            data = self._migrate(data or {}, path)
            if old_schema is not None:  # never rewrite what this credtrack cannot read back
                check_records(path, data)
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
                self._write(path, buf.data if buf.data is not None else data)

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
                      make_current: bool = False) -> list[Provider]:
        """Create each provider's file (with its records), then list them all in one index
        write. If that write fails, the new files go too: all are added or none."""
        created: list[Path] = []
        try:
            with self.index_transaction() as index:
                for provider, records in items:
                    base = slugify(provider.name)
                    pid, n = base, 2
                    while pid in index["providers"] or \
                            (self.providers_dir / f"{pid}.json").exists():
                        pid, n = f"{base}-{n}", n + 1
                    provider.id = pid
                    path = self.providers_dir / f"{pid}.json"
                    with self._transaction(path, create=True) as db:
                        pf = ProviderFile(db, path, db.raw)  # type: ignore[attr-defined]
                        pf.save_provider(provider)
                        for record in records:
                            pf.insert(record)
                    created.append(path)
                    index["providers"][pid] = {"name": provider.name, "file": path.name}
                    if make_current or not index.get("current"):
                        index["current"] = pid
        except BaseException:
            for path in created:
                if not self._indexed(path.name):
                    discard(path)
            raise
        return [provider for provider, _ in items]

    def _indexed(self, file_name: str) -> bool:
        try:
            data = self.load(self.index_path) or {}
        except CredtrackError:
            return True  # cannot tell: keep the file (doctor reports it)
        return any(isinstance(e, dict) and e.get("file") == file_name
                   for e in (data.get("providers") or {}).values())

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

    # -- files, for encryption and the doctor ------------------------------------------------
    def provider_files(self) -> list[Path]:
        """Every provider file on disk, listed in the index or not."""
        if not self.providers_dir.is_dir():
            return []
        return sorted(p for p in self.providers_dir.glob("*.json") if p.is_file())

    def vault_files(self) -> list[Path]:
        if not self.vault_dir.is_dir():
            return []
        return sorted(p for p in self.vault_dir.glob("??/*")
                      if p.is_file() and VAULT_NAME.fullmatch(p.name))

    def files(self) -> list[tuple[Path | None, list[Path]]]:
        """The files credtrack keeps, grouped under the file whose lock guards them:
        the index with its backups, each provider file with its backups, then the vault."""
        out: list[tuple[Path | None, list[Path]]] = []
        for main in [self.index_path, *self.provider_files()]:
            kept = sorted(p for p in (self.backups_dir / main.stem).glob("*") if p.is_file()) \
                if (self.backups_dir / main.stem).is_dir() else []
            out.append((main, ([main] if main.exists() else []) + kept))
        known = {self.index_path.stem} | {p.stem for p in self.provider_files()}
        if self.backups_dir.is_dir():  # backups of removed providers
            for folder in sorted(self.backups_dir.iterdir()):
                if folder.is_dir() and folder.name not in known:
                    out.append((None, sorted(p for p in folder.glob("*") if p.is_file())))
        out.append((None, self.vault_files()))
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
        out: dict[str, Any] = {"credtrack_export": 1, "schema": SCHEMA_VERSION,
                               "current": self.current_id(), "providers": []}
        for e in self.entries():
            pf = self.read(e.id)
            item: dict[str, Any] = {"provider": pf.provider.to_dict()}
            for cls in record_types():
                item[cls.TABLE] = [r.to_dict() for r in pf.all(cls)]
            out["providers"].append(item)
        return out
