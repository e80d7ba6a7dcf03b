"""TinyDB repository: one file per provider plus a small practice index.

Every write is a transaction: take the file's lock, read the file fresh, change it in memory
(TinyDB over a buffering storage), write it once atomically (temp file, fsync, rename, fsync of
the directory). The version being replaced is kept as a rolling backup (the last 10). A file that
cannot be read stops the command with its name and the newest backup, and is never overwritten.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import orjson
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from credtrack.errors import CredtrackError, NotFound
from credtrack.models import RECORD_TYPES, Provider, Record, Records, new_id, slugify

SCHEMA_VERSION = 1
BACKUPS_KEPT = 10
LOCK_TIMEOUT = 30.0
INDEX_NAME = "practice.json"

# version n -> function upgrading the raw TinyDB data of version n-1 in place.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {}

R = TypeVar("R", bound=Record)


def _Timeout() -> type[Exception]:
    from filelock import Timeout

    return Timeout


class StoreCorrupt(CredtrackError):
    exit_code = 1


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ensure_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o700)


def atomic_write_bytes(path: Path, data: bytes, backups: Path | None = None) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        if backups is not None and path.exists():
            _keep_backup(path, backups)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _keep_backup(path: Path, backups: Path) -> None:
    folder = backups / path.stem
    ensure_private_dir(folder)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{time.time_ns() % 10**9:09d}"
    target = folder / f"{stamp}.json"
    try:
        os.link(path, target)  # the old version stays, byte for byte, at no copying cost
    except OSError:
        target.write_bytes(path.read_bytes())
        os.chmod(target, 0o600)
    old = sorted(folder.glob("*.json"))
    for extra in old[:-BACKUPS_KEPT]:
        extra.unlink(missing_ok=True)


def newest_backup(path: Path, backups: Path) -> Path | None:
    found = sorted((backups / path.stem).glob("*.json"))
    return found[-1] if found else None


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
        return list((self.data.get(table) or {}).values())

    @property
    def provider(self) -> Provider:
        rows = self._rows(Provider.TABLE)
        if not rows:
            raise StoreCorrupt(f"{self.path} has no provider record")
        return Provider.from_dict(rows[0])

    def save_provider(self, provider: Provider) -> None:
        table = self.db.table(Provider.TABLE)
        table.truncate()
        table.insert(provider.to_dict())

    def all(self, cls: type[R]) -> list[R]:
        return [cls.from_dict(row) for row in self._rows(cls.TABLE)]

    def get(self, cls: type[R], record_id: str) -> R:
        row = self.db.table(cls.TABLE).get(Query().id == record_id)
        if row is None:
            raise NotFound(f"no {cls.__name__.lower()} with id {record_id!r} "
                           f"(see 'credtrack {_list_cmd(cls)}')")
        return cls.from_dict(row)  # type: ignore[arg-type]

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
        return Records(self.provider, *(self.all(cls) for cls in RECORD_TYPES))


def _list_cmd(cls: type[Record]) -> str:
    return {"License": "license list", "Document": "doc list", "CECredit": "ce list",
            "Application": "app list", "FollowUp": "app show APP",
            "Attestation": "caqh list"}.get(cls.__name__, "provider list")


@dataclass
class IndexEntry:
    id: str
    name: str
    file: str


class Store:
    """The data directory: ``practice.json`` (index), ``providers/<id>.json``, ``backups/``."""

    def __init__(self, data_dir: Path):
        self.root = Path(data_dir)
        self.providers_dir = self.root / "providers"
        self.backups_dir = self.root / "backups"
        self.vault_dir = self.root / "vault"
        self.index_path = self.root / INDEX_NAME

    # -- low level ---------------------------------------------------------------------------
    def _prepare(self) -> None:
        for d in (self.root, self.providers_dir, self.backups_dir):
            ensure_private_dir(d)

    def _lock(self, path: Path):
        from filelock import FileLock  # only writers pay for the import

        return FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT, mode=0o600)

    def _load(self, path: Path) -> dict[str, Any] | None:
        """The JSON in ``path`` (None if absent). Unreadable: StoreCorrupt naming the backup."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreCorrupt(f"cannot read {path}: {exc.strerror}") from None
        try:
            data = orjson.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            backup = newest_backup(path, self.backups_dir)
            hint = f"; newest backup: {backup}" if backup else "; no backup exists"
            reason = "empty" if not raw.strip() else f"invalid JSON ({str(exc).splitlines()[0]})"
            raise StoreCorrupt(f"{path} is unreadable: {reason}{hint}. "
                               "The file was left untouched.") from None
        return data

    def _migrate(self, data: dict[str, Any], path: Path) -> dict[str, Any]:
        meta = data.setdefault("_meta", {})
        version = int(meta.get("1", {}).get("schema", 0) or 0) if meta else 0
        if version > SCHEMA_VERSION:
            raise StoreCorrupt(f"{path} was written by a newer credtrack (schema {version}); "
                               "upgrade credtrack to read it")
        for v in range(version + 1, SCHEMA_VERSION + 1):
            if v in MIGRATIONS:
                MIGRATIONS[v](data)
        data["_meta"] = {"1": {"schema": SCHEMA_VERSION}}
        return data

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        atomic_write_bytes(path, orjson.dumps(data, option=orjson.OPT_SORT_KEYS),
                           self.backups_dir)

    @contextmanager
    def _transaction(self, path: Path, create: bool = False) -> Iterator[TinyDB]:
        self._prepare()
        try:
            with self._lock(path):
                data = self._load(path)
                if data is None and not create:
                    raise NotFound(f"{path} does not exist")
                old_schema = (data or {}).get("_meta", {}).get("1", {}).get("schema")
                data = self._migrate(data or {}, path)
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
        except _Timeout():
            raise CredtrackError(f"{path} is locked by another credtrack process; "
                                 "try again") from None

    def _read(self, path: Path) -> ProviderFile:
        data = self._load(path)
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
        data = self._load(self.index_path) or {}
        data.setdefault("providers", {})
        self._index_cache = (stamp, data)
        return data

    @contextmanager
    def _index_transaction(self) -> Iterator[dict[str, Any]]:
        self._prepare()
        try:
            with self._lock(self.index_path):
                data = self._load(self.index_path) or {}
                data.setdefault("providers", {})
                data["schema"] = SCHEMA_VERSION
                yield data
                self._write(self.index_path, data)
        except _Timeout():
            raise CredtrackError(f"{self.index_path} is locked by another credtrack process; "
                                 "try again") from None

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
            raise NotFound(f"no provider {provider_id!r} (see 'credtrack provider list')")
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
        with self._index_transaction() as index:
            base = slugify(provider.name)
            pid, n = base, 2
            while pid in index["providers"] or (self.providers_dir / f"{pid}.json").exists():
                pid, n = f"{base}-{n}", n + 1
            provider.id = pid
            path = self.providers_dir / f"{pid}.json"
            with self._transaction(path, create=True) as db:
                ProviderFile(db, path, db.raw).save_provider(provider)  # type: ignore[attr-defined]
            index["providers"][pid] = {"name": provider.name, "file": path.name}
            if make_current or not index.get("current"):
                index["current"] = pid
        return provider

    def use(self, provider_id: str) -> None:
        pid = self.resolve(provider_id)
        with self._index_transaction() as index:
            index["current"] = pid

    def remove_provider(self, provider_id: str) -> Provider:
        pid = self.resolve(provider_id)
        provider = self.read(pid).provider
        path = self.path_of(pid)
        with self._index_transaction() as index:
            index["providers"].pop(pid, None)
            if index.get("current") == pid:
                index["current"] = next(iter(sorted(index["providers"])), None)
            if path.exists():
                _keep_backup(path, self.backups_dir)  # recoverable from backups/
                path.unlink()
        return provider

    def rename_in_index(self, provider: Provider) -> None:
        with self._index_transaction() as index:
            if provider.id in index["providers"]:
                index["providers"][provider.id]["name"] = provider.name

    # -- records -----------------------------------------------------------------------------
    def read(self, provider_id: str) -> ProviderFile:
        return self._read(self.path_of(provider_id))

    @contextmanager
    def write(self, provider_id: str) -> Iterator[ProviderFile]:
        path = self.path_of(provider_id)
        with self._transaction(path) as db:
            yield ProviderFile(db, path, db.raw)  # type: ignore[attr-defined]

    def all_records(self) -> list[Records]:
        return [self.read(e.id).records() for e in self.entries()]

    # -- whole-database export/import --------------------------------------------------------
    def export_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"credtrack_export": 1, "schema": SCHEMA_VERSION,
                               "current": self.current_id(), "providers": []}
        for e in self.entries():
            pf = self.read(e.id)
            item: dict[str, Any] = {"provider": pf.provider.to_dict()}
            for cls in RECORD_TYPES:
                item[cls.TABLE] = [r.to_dict() for r in pf.all(cls)]
            out["providers"].append(item)
        return out
