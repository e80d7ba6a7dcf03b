"""TinyDB repository: one file per provider plus a small practice index.

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

import errno
import os
import re
import stat
import time
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

import orjson
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from credtrack import crypto
from credtrack.errors import BadInput, CredtrackError, NotFound
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
    """A store file that cannot be read back; ``reason`` says why without the file's name."""

    exit_code = 1
    reason = ""


class StorageError(CredtrackError, OSError):
    """The system refused a write (disk full, read-only, permissions): nothing was changed.

    Also an OSError (with the original errno), so code that treats a failed write as
    optional (a cache) keeps working.
    """

    exit_code = 1

    def __str__(self) -> str:
        return self.message


_WHY = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "read-only file system", errno.EACCES: "permission denied",
        errno.EPERM: "permission denied"}


def storage_error(exc: OSError, path: Path | str, action: str = "write") -> StorageError:
    """One clear line for an OSError met while changing ``path`` (never a temp file's name)."""
    if isinstance(exc, StorageError):
        return exc
    why = _WHY.get(exc.errno or 0)
    if why is None:
        why = (exc.strerror or type(exc).__name__).lower()
    hint = {"disk full": "; free some space and try again",
            "disk quota exceeded": "; free some space and try again",
            "read-only file system": "; credtrack can still read it",
            "permission denied": "; check the data dir's owner and permissions"}.get(why, "")
    err = StorageError(f"{why}: cannot {action} {path} (nothing was changed{hint})")
    err.errno, err.strerror = exc.errno, why
    return err


TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.(?P<ns>\d+)\.tmp$")
STALE_AFTER = 3600.0  # seconds: no write takes this long, whatever its pid says
_swept: set[tuple[int, str]] = set()


def temp_path(path: Path) -> Path:
    """Where a write of ``path`` stages its bytes: hidden, beside it, unique to this process."""
    return path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")


def _pid_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    except OSError:
        return False
    return True


def stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Temp files in ``folder`` left by writers that died (their pid is gone, or an hour passed)."""
    now = time.time() if now is None else now
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        m = TEMP_NAME.match(entry.name)
        if not m or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(m.group("pid"))
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if pid == os.getpid() and age < STALE_AFTER:
            continue
        if not _pid_running(pid) or age > STALE_AFTER:
            found.append(Path(entry.path))
    return found


def sweep_stale_temps(folder: Path) -> list[Path]:
    """Remove what :func:`stale_temps` finds; once per process and folder (cheap to call)."""
    key = (os.getpid(), str(folder))
    if key in _swept:
        return []
    _swept.add(key)
    removed = []
    for path in stale_temps(folder):
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed


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
    """Create ``path`` (and missing parents) as 0700, whatever the umask; tighten it if open.
    A refusal is a StorageError naming the folder."""
    missing = []
    p = path
    try:
        while not p.exists() and p != p.parent:
            missing.append(p)
            p = p.parent
        for d in reversed(missing):
            try:
                d.mkdir(mode=0o700)
            except FileExistsError:
                continue
            os.chmod(d, 0o700)  # mkdir's mode is filtered by the umask
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o700)
    except OSError as exc:
        raise storage_error(exc, path, "write to") from None


def discard(path: Path) -> None:
    """Remove a file of ours if it is there, in a clean-up path that must not raise (on a
    read-only file system even unlinking a missing file fails)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def write_private(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Create ``path`` (which must not exist) as 0600 with ``data`` (bytes, or an iterable of
    chunks written in turn), fsynced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        for chunk in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
            view = memoryview(chunk)
            while view:
                n = os.write(fd, view)
                view = view[n:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        discard(path)
        raise
    os.close(fd)


def atomic_write_bytes(path: Path, data: bytes | Iterable[bytes],
                       backups: Path | None = None) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    The file is 0600 whatever the umask. A refused write (disk full, read-only...) raises
    :class:`StorageError` and leaves ``path`` as it was, with no temp file behind.
    """
    path = Path(path)
    if "\x00" in str(path):
        raise BadInput(f"{str(path)!r} is not a valid file name")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise storage_error(exc, path) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise StorageError(f"{path} is not a regular file; credtrack will not replace it")
    tmp = temp_path(path)
    try:
        write_private(tmp, data)
    except OSError as exc:
        raise storage_error(exc, path) from None
    kept = None
    try:
        if backups is not None and st is not None:
            kept = _keep_backup(path, backups)
        os.replace(tmp, path)
    except BaseException as exc:
        discard(tmp)
        if kept is not None:  # the write did not happen: neither did its backup
            discard(kept)
        if isinstance(exc, OSError):
            raise storage_error(exc, path) from None
        raise
    _fsync_dir(path.parent)
    if kept is not None:
        _rotate(kept.parent)
    sweep_stale_temps(path.parent)


def backup_name(ns: int | None = None) -> str:
    """A name that sorts in time order: one clock reading for the seconds and the fraction
    (two readings could straddle a second and sort a newer version first)."""
    ns = time.time_ns() if ns is None else ns
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime(ns // 10**9)) + f"-{ns % 10**9:09d}.json"


def _keep_backup(path: Path, backups: Path) -> Path:
    """Keep the current version of ``path`` in ``backups/<stem>/``; returns the copy."""
    folder = backups / path.stem
    ensure_private_dir(folder)
    ns = time.time_ns()
    target = folder / backup_name(ns)
    while target.exists():  # two versions within one clock tick: keep both, in order
        ns += 1
        target = folder / backup_name(ns)
    try:
        os.link(path, target)  # the old version stays, byte for byte, at no copying cost
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
            raise
        atomic_write_bytes(target, path.read_bytes())  # no hard links here: copy
    return target


def _rotate(folder: Path) -> None:
    """Keep the newest ``BACKUPS_KEPT`` versions (after a write succeeded, never before;
    an old version that cannot be deleted now goes at a later write)."""
    for extra in sorted(folder.glob("*.json"))[:-BACKUPS_KEPT]:
        discard(extra)


def backups_of(path: Path, backups: Path) -> list[Path]:
    """The kept versions of ``path``, oldest first."""
    return sorted((backups / path.stem).glob("*.json"))


def newest_backup(path: Path, backups: Path) -> Path | None:
    found = backups_of(path, backups)
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
        return Records(self.provider, *(self.all(cls) for cls in RECORD_TYPES))


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
    for cls in (Provider, *RECORD_TYPES):
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


ID_LIKE = re.compile(r"[a-z][a-z0-9-]{0,39}")


def shown_id(value: str, prefix: str = "", otherwise: str = "with that id") -> str:
    """``prefix 'value'`` for an error message if what the user typed looks like a credtrack
    id (a lowercase slug); anything else (an NPI typed in the wrong place, a reference
    number) is not echoed back: ``otherwise``."""
    if isinstance(value, str) and ID_LIKE.fullmatch(value):
        return f"{prefix}{value!r}"
    return otherwise


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

    def _load(self, path: Path) -> dict[str, Any] | None:
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
    def _locked(self, path: Path) -> Iterator[None]:
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
        with self._locked(path):
            data = self._load(path)
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
        data = self._checked_index(self._load(self.index_path))
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
    def _index_transaction(self) -> Iterator[dict[str, Any]]:
        self._prepare()
        with self._locked(self.index_path):
            data = self._checked_index(self._load(self.index_path))
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
            with self._index_transaction() as index:
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
            data = self._load(self.index_path) or {}
        except CredtrackError:
            return True  # cannot tell: keep the file (doctor reports it)
        return any(isinstance(e, dict) and e.get("file") == file_name
                   for e in (data.get("providers") or {}).values())

    def use(self, provider_id: str) -> None:
        pid = self.resolve(provider_id)
        with self._index_transaction() as index:
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
                kept = _keep_backup(path, self.backups_dir)  # recoverable from backups/
            with self._index_transaction() as index:
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
            _rotate(kept.parent)
            discard(path)
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

    def groups(self) -> list[tuple[Path | None, list[Path]]]:
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
        for guard, files in self.groups():
            if guard is not None and self.root.is_dir():
                self._prepare()
                with self._locked(guard):
                    changed += sum(self.convert(p, key) for p in files if p.exists())
            else:
                changed += sum(self.convert(p, key) for p in files if p.exists())
        self._index_cache = None
        return changed

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
