"""The PostgreSQL store (:class:`PgStore`): the :class:`credtrack.storage.Store` protocol on a
database server, for an office where several coordinators work the same practice.

- **Tables**: ``ct_providers`` and one table per record kind (:mod:`credtrack.pgstore.schema`),
  each record as JSONB with a ``version`` and who changed it when; documents' bytes in
  ``ct_blobs``, content-addressed by sha256 exactly like the file vault (a document record is
  the same in either store, so a packet built from either is identical).
- **Transactions**: every store call is one transaction: what a command changes is kept all
  together or not at all.
- **Optimistic concurrency**: a write names the version it read (``... WHERE version = v``).
  If another coordinator changed or removed the record since, nothing is written and the
  command stops with one line (:class:`Conflict`) naming the record and who changed it when.
  Nothing is locked while a coordinator reads; additions never conflict.
- **Audit log**: a trigger writes ``ct_audit`` for every change (who: the configured user
  name, else the database role; when; which record; which fields, never their values).
  ``history()`` reads it (``credtrack history``).
- **Roles**: a role that may only SELECT runs status, reports and calendars; a change it tries
  stops with one line (:class:`ReadOnlyRole`).

The current provider is kept per user (``ct_current``), so one coordinator's ``provider use``
does not move another's. Encryption at rest is the server's business (``rekey`` refuses).
"""

from __future__ import annotations

import hashlib
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

import orjson

from credtrack.errors import BadInput, Conflict, CredtrackError, NotFound, shown_id
from credtrack.kinds import Records, kinds
from credtrack.models import Document, IndexEntry, Provider, Record, new_id, slugify
from credtrack.pgstore import schema

if TYPE_CHECKING:
    from credtrack.vault import Stored

R = TypeVar("R", bound=Record)
__all__ = ["Conflict", "PgStore", "ReadOnlyRole", "StoreUnavailable"]
BLOB_LOCK = 0x76617574  # advisory lock class for one sha256 (put/remove of the same content)


class ReadOnlyRole(CredtrackError):
    """The database role may not change the practice."""

    exit_code = 1


class StoreUnavailable(CredtrackError):
    exit_code = 1


def driver():
    try:
        import psycopg
    except ImportError:
        raise CredtrackError("a PostgreSQL store needs its driver: "
                             "pip install 'credtrack[postgres]'") from None
    return psycopg


def describe(url: str) -> str:
    """``user@host:port/dbname`` of a URL, never its password."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(url)
    except Exception:
        return "the PostgreSQL store (its URL cannot be read)"
    user = f"{info['user']}@" if info.get("user") else ""
    port = f":{info['port']}" if info.get("port") else ""
    return f"postgresql://{user}{info.get('host') or 'localhost'}{port}/{info.get('dbname', '')}"


def _why(exc: Exception) -> str:
    text = str(exc)
    for needle, why in (("Connection refused", "connection refused: is the server running?"),
                        ("password authentication failed", "password authentication failed"),
                        ("no password supplied", "the server wants a password"),
                        ("does not exist", "the database or role does not exist"),
                        ("timeout", "the server did not answer in time"),
                        ("could not translate host name", "unknown host name"),
                        ("no pg_hba.conf entry", "the server refuses this client (pg_hba.conf)"),
                        ("invalid", "the URL is not a valid PostgreSQL URL")):
        if needle in text:
            return why
    return type(exc).__name__


def _when(at: datetime | None) -> str:
    if at is None:
        return "an unknown time"
    return at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def _list_hint(cls: type[Record]) -> str:
    from credtrack.kinds import by_model

    try:
        return f"list {by_model(cls).name}"
    except KeyError:
        return "provider list"


def _label(cls: type[Record]) -> str:
    from credtrack.kinds import by_model

    try:
        return by_model(cls).name
    except KeyError:
        return "provider" if cls is Provider else cls.__name__.lower()


class BlobPath(type(Path())):  # type: ignore[misc]
    """Where a document of a PostgreSQL store is, for code that reads documents by path: its
    ``read_bytes()``, ``is_file()`` and ``exists()`` ask the database (the bytes stay in
    memory; nothing is written to disk). The path itself names the document's place in the
    vault of the data dir, as the file store's would."""

    _store: "PgStore | None" = None
    _sha: str = ""

    @classmethod
    def of(cls, path: Path, store: "PgStore", sha: str) -> "BlobPath":
        p = cls(path)
        p._store, p._sha = store, sha
        return p

    def read_bytes(self) -> bytes:
        if self._store is None:
            return super().read_bytes()
        data = self._store.blob(self._sha)
        if data is None:
            raise FileNotFoundError(2, "not in the PostgreSQL store", str(self))
        return data

    def is_file(self) -> bool:
        if self._store is None:
            return super().is_file()
        return self._store.has_blob(self._sha)

    def exists(self, *args: Any, **kw: Any) -> bool:
        return self.is_file() if self._store is not None else super().exists(*args, **kw)


class PgRecordSet:
    """One provider's records as read in one statement; inside ``PgStore.write`` each change
    is sent at once (in the store's transaction) and checked against the version read."""

    def __init__(self, store: "PgStore", provider_id: str, prov: list[Any],
                 rows: dict[str, list[list[Any]]], cur: Any = None):
        self.store = store
        self.provider_id = provider_id
        self._prov = prov  # [data, version]
        self._rows = rows  # table -> [[id, data, version], ...] in insertion order
        self._cur = cur

    # -- reading
    def _convert(self, cls: type[R], data: Any) -> R:
        try:
            return cls.from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            from credtrack.store import StoreCorrupt

            raise StoreCorrupt(f"the PostgreSQL store holds a malformed {cls.TABLE} record of "
                               f"{self.provider_id} ({type(exc).__name__})") from None

    @property
    def provider(self) -> Provider:
        return self._convert(Provider, self._prov[0])

    def all(self, cls: type[R]) -> list[R]:
        return [self._convert(cls, r[1]) for r in self._rows.get(cls.TABLE, ())]

    def _row(self, cls: type[Record], record_id: str) -> list[Any] | None:
        return next((r for r in self._rows.get(cls.TABLE, ()) if r[0] == record_id), None)

    def get(self, cls: type[R], record_id: str) -> R:
        row = self._row(cls, record_id)
        if row is None:
            raise NotFound(f"no {cls.__name__.lower()} {shown_id(record_id, 'with id ')} "
                           f"(see 'credtrack {_list_hint(cls)}')")
        return self._convert(cls, row[1])

    def records(self) -> Records:
        return Records(self.provider, {k.table: self.all(k.model) for k in kinds()})

    def check(self) -> None:
        from credtrack.store import StoreCorrupt, record_problems

        shaped: dict[str, Any] = {t: {str(i): r[1] for i, r in enumerate(rows)}
                                  for t, rows in self._rows.items()}
        shaped[Provider.TABLE] = {"1": self._prov[0]}
        bad = record_problems(shaped)
        if bad:
            table, rid, why = bad[0]
            raise StoreCorrupt(" ".join(filter(None, (
                "the PostgreSQL store holds a malformed", table, "record", rid, why))))

    # -- writing (only inside PgStore.write)
    def _sql(self) -> Any:
        if self._cur is None:
            raise RuntimeError("records read outside a write cannot be changed")
        return self._cur

    def _table(self, cls: type[Record]) -> str:
        tbl = schema.kind_table(cls.TABLE)
        if tbl not in self.store.tables():
            raise CredtrackError(f"the PostgreSQL store has no table for {cls.TABLE} records "
                                 "yet: run 'credtrack store migrate' as the database's owner")
        return tbl

    def save_provider(self, provider: Provider) -> None:
        data = provider.to_dict()
        if data == self._prov[0]:
            return
        cur = self._sql()
        cur.execute("UPDATE ct_providers SET name = %s, data = %s, version = version + 1, "
                    "changed_by = %s, changed_at = now() WHERE id = %s AND version = %s",
                    (provider.name, _jsonb(data), self.store.who, self.provider_id,
                     self._prov[1]))
        if cur.rowcount != 1:
            raise self.store.conflict(cur, "ct_providers", Provider, self.provider_id,
                                      self.provider_id)
        self._prov = [data, self._prov[1] + 1]

    def slots(self, cls: type[Record]) -> dict[str, Any]:
        """Where each record of a kind is kept: its insertion order (an undo of a removal
        puts the record back at the end; listings read from the server are in id order)."""
        return {r[0]: i for i, r in enumerate(self._rows.get(cls.TABLE, ()))}

    def insert(self, record: Record, slot: Any = None) -> Record:
        tbl, cur = self._table(type(record)), self._sql()
        rows = self._rows.setdefault(record.TABLE, [])
        while True:
            cur.execute(f"INSERT INTO {tbl} (provider_id, id, data, changed_by) "
                        "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                        (self.provider_id, record.id, _jsonb(record.to_dict()),  # type: ignore
                         self.store.who))
            if cur.rowcount == 1:
                break
            record.id = new_id(record.PREFIX)  # type: ignore[attr-defined]
        rows.append([record.id, record.to_dict(), 1])  # type: ignore[attr-defined]
        return record

    def update(self, record: Record) -> None:
        cls = type(record)
        row = self._row(cls, record.id)  # type: ignore[attr-defined]
        if row is None:
            raise NotFound(f"no {cls.__name__.lower()} with id {record.id!r}")  # type: ignore
        data = record.to_dict()
        if data == row[1]:
            return
        tbl, cur = self._table(cls), self._sql()
        cur.execute(f"UPDATE {tbl} SET data = %s, version = version + 1, changed_by = %s, "
                    "changed_at = now() WHERE provider_id = %s AND id = %s AND version = %s",
                    (_jsonb(data), self.store.who, self.provider_id, row[0], row[2]))
        if cur.rowcount != 1:
            raise self.store.conflict(cur, tbl, cls, self.provider_id, row[0])
        row[1], row[2] = data, row[2] + 1

    def remove(self, cls: type[Record], record_id: str) -> Record:
        rec = self.get(cls, record_id)
        row = self._row(cls, record_id)
        assert row is not None
        tbl, cur = self._table(cls), self._sql()
        cur.execute(f"DELETE FROM {tbl} WHERE provider_id = %s AND id = %s AND version = %s",
                    (self.provider_id, record_id, row[2]))
        if cur.rowcount != 1:
            raise self.store.conflict(cur, tbl, cls, self.provider_id, record_id)
        self._rows[cls.TABLE].remove(row)
        return rec


def _jsonb(data: Any) -> Any:
    from psycopg.types.json import Jsonb

    return Jsonb(data, dumps=lambda obj: orjson.dumps(obj).decode())


class PgStore:
    """A practice in a PostgreSQL database (see the module docstring). ``root`` is still the
    local data dir: config, plugins, caches, packets and calendars live there."""

    server = True  # records on a server: no files of the data dir to check or seal

    def __init__(self, url: str, root: Path, user: str | None = None):
        self.url = url
        self.root = Path(root)
        self._user = user
        self._local = threading.local()  # one connection per thread (TUI workers, ical serve)
        self._tables: set[str] | None = None
        self.who = ""

    # -- connection ----------------------------------------------------------------------------
    @property
    def where(self) -> str:
        return describe(self.url)

    @property
    def conn(self) -> Any:
        """This thread's connection; a closed or broken one is replaced."""
        conn = getattr(self._local, "conn", None)
        if conn is not None and (conn.closed or conn.broken):
            self._drop()
            conn = None
        if conn is None:
            psycopg = driver()
            try:
                conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10,
                                       application_name="credtrack")
            except (psycopg.Error, ValueError) as exc:
                raise StoreUnavailable(f"cannot connect to {self.where} "
                                       f"({_why(exc)})") from None
            self._local.conn = conn
            if not self.who:
                self.who = self._user or conn.execute("SELECT current_user").fetchone()[0]
            if self._tables is None:
                self._prepare(conn)
        return conn

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - it is gone either way
                pass

    def close(self) -> None:
        self._drop()

    def _lost(self, exc: Exception) -> "StoreUnavailable":
        self._drop()
        return StoreUnavailable(f"lost the connection to {self.where} ({_why(exc)}); "
                                "nothing was changed")

    def _read(self, fn: Callable[[Any], Any]) -> Any:
        """``fn(cursor)`` outside a transaction (one statement, one snapshot); a connection
        the server dropped is replaced once."""
        psycopg = driver()
        for attempt in (0, 1):
            try:
                with self.conn.cursor() as cur:
                    return fn(cur)
            except psycopg.OperationalError as exc:
                if attempt:
                    raise self._lost(exc) from None
                self._drop()
        raise AssertionError("unreachable")

    def _fetch(self, sql: str, args: Any = None) -> list[Any]:
        def run(cur: Any) -> list[Any]:
            cur.execute(sql, args)
            return cur.fetchall()

        return self._read(run)

    def _prepare(self, conn: Any) -> None:
        """Check the schema; as the owner, migrate it and create missing kind tables."""
        psycopg = driver()
        wanted = {schema.kind_table(k.table): k.name for k in kinds()}
        with conn.transaction(), conn.cursor() as cur:
            version = schema.installed_version(cur)
            if version > schema.SCHEMA_VERSION:
                raise StoreUnavailable(f"{self.where} was written by a newer credtrack (schema "
                                       f"{version}); upgrade credtrack to use it")
            have = schema.known_tables(cur) if version else set()
            if version == schema.SCHEMA_VERSION and set(wanted) <= have:
                self._tables = have
                return
            owner = schema.can_create(cur)
        if not owner:
            if version < schema.SCHEMA_VERSION:
                raise StoreUnavailable(
                    f"{self.where} has credtrack schema {version}, this credtrack needs "
                    f"{schema.SCHEMA_VERSION}: run 'credtrack store migrate' as the database's "
                    "owner")
            self._tables = have  # a kind without a table yet reads as empty
            return
        try:
            with conn.transaction(), conn.cursor() as cur:
                schema.upgrade(cur, wanted)
                self._tables = schema.known_tables(cur)
        except psycopg.errors.InsufficientPrivilege:
            raise StoreUnavailable(f"{self.where} needs its credtrack schema created or "
                                   "migrated: run 'credtrack store migrate' as the database's "
                                   "owner") from None

    def migrate(self) -> list[str]:
        """Bring the schema up to date now (``credtrack store migrate``); what was done."""
        _ = self.conn
        wanted = {schema.kind_table(k.table): k.name for k in kinds()}
        with self._txn() as cur:
            done = schema.upgrade(cur, wanted)
            self._tables = schema.known_tables(cur)
        return done

    def tables(self) -> set[str]:
        conn = self.conn
        if self._tables is None:
            self._prepare(conn)
        return self._tables or set()

    def _begin(self, read_only: bool) -> Any:
        """A cursor in a new transaction; a connection the server dropped is replaced once
        (nothing has happened on it yet)."""
        psycopg = driver()
        for attempt in (0, 1):
            cur = self.conn.cursor()
            try:
                if read_only:
                    cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                else:
                    cur.execute("BEGIN")
                    cur.execute("SELECT set_config('credtrack.user', %s, true)", (self.who,))
                return cur
            except psycopg.OperationalError as exc:
                if attempt:
                    raise self._lost(exc) from None
                self._drop()
        raise AssertionError("unreachable")

    @contextmanager
    def _txn(self, read_only: bool = False) -> Iterator[Any]:
        """One transaction: committed when the block ends normally, rolled back when it
        raises; the driver's errors become one line each."""
        psycopg = driver()
        cur = self._begin(read_only)
        committing = False
        try:
            try:
                yield cur
                committing = True
                cur.execute("COMMIT")
            except BaseException:
                if not committing or cur.connection.info.transaction_status != 0:
                    try:
                        cur.execute("ROLLBACK")
                    except psycopg.Error:
                        pass
                raise
        except psycopg.errors.InsufficientPrivilege:
            raise ReadOnlyRole(f"the database role {self.who!r} may only read this practice; "
                               "changes need a role with write access (see 'PostgreSQL roles' "
                               "in the README); nothing was changed") from None
        except psycopg.errors.ReadOnlySqlTransaction:
            raise ReadOnlyRole(f"{self.where} is read-only (a standby?); nothing was "
                               "changed") from None
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
            raise Conflict("another coordinator changed the same records at the same moment; "
                           "nothing was saved: run the command again") from None
        except psycopg.errors.DataError as exc:
            raise BadInput(f"the PostgreSQL store refused a value ({type(exc).__name__}); "
                           "nothing was changed") from None
        except psycopg.OperationalError as exc:
            self._drop()
            if committing:
                raise StoreUnavailable(f"lost the connection to {self.where} while saving "
                                       f"({_why(exc)}): check with 'credtrack history' whether "
                                       "the change was saved") from None
            raise StoreUnavailable(f"lost the connection to {self.where} ({_why(exc)}); "
                                   "nothing was changed") from None
        finally:
            try:
                cur.close()
            except psycopg.Error:
                pass

    def conflict(self, cur: Any, tbl: str, cls: type[Record], provider_id: str,
                 record_id: str) -> Conflict:
        """The one-line refusal of a write whose version was replaced: who changed it when."""
        key = "id" if tbl == "ct_providers" else "provider_id = %s AND id"
        args = (record_id,) if tbl == "ct_providers" else (provider_id, record_id)
        cur.execute(f"SELECT changed_by, changed_at FROM {tbl} WHERE {key} = %s", args)
        row = cur.fetchone()
        what = f"{_label(cls)} {record_id}" + ("" if cls is Provider else
                                               f" of provider {provider_id}")
        if row is None:
            cur.execute("SELECT who, at FROM ct_audit WHERE provider_id = %s AND record_id = %s "
                        "AND action = 'remove' ORDER BY id DESC LIMIT 1",
                        (provider_id, record_id))
            gone = cur.fetchone()
            change = f"was removed by {gone[0]} at {_when(gone[1])}" if gone else \
                "was removed"
        else:
            change = f"was changed by {row[0]} at {_when(row[1])}"
        return Conflict(f"conflict: {what} {change} after this command read it; nothing was "
                        "saved (run the command again to apply it to the current version)")

    # -- the practice --------------------------------------------------------------------------
    @property
    def encrypted(self) -> bool:
        return False

    def unlock(self) -> None:
        _ = self.conn

    def entries(self) -> list[IndexEntry]:
        rows = self._fetch('SELECT id, name FROM ct_providers ORDER BY id COLLATE "C"')
        return [IndexEntry(pid, name, pid) for pid, name in rows]

    def current_id(self) -> str | None:
        _ = self.conn  # who is known once connected
        rows = self._fetch("SELECT provider_id FROM ct_current WHERE who = %s", (self.who,))
        return rows[0][0] if rows else None

    def resolve(self, provider_id: str | None) -> str:
        ids = [e.id for e in self.entries()]
        if provider_id:
            if provider_id in ids:
                return provider_id
            raise NotFound(f"no provider {shown_id(provider_id)} (see 'credtrack provider list')")
        current = self.current_id()
        if current in ids:
            return current  # type: ignore[return-value]
        if len(ids) == 1:
            return ids[0]
        if not ids:
            raise NotFound("no provider yet: run 'credtrack init --name \"Your Name\"'")
        raise NotFound("several providers: pick one with --provider ID or "
                       "'credtrack provider use ID'")

    def use(self, provider_id: str) -> None:
        pid = self.resolve(provider_id)
        with self._txn() as cur:
            self._set_current(cur, pid)

    def _set_current(self, cur: Any, pid: str | None) -> None:
        cur.execute("INSERT INTO ct_current (who, provider_id) VALUES (%s, %s) "
                    "ON CONFLICT (who) DO UPDATE SET provider_id = EXCLUDED.provider_id",
                    (self.who, pid))

    # -- records -------------------------------------------------------------------------------
    def _load(self, cur: Any, provider_id: str) -> PgRecordSet:
        """One provider's rows in one statement (one snapshot)."""
        parts = ["SELECT '' AS t, 0::bigint AS seq, id, data::text, version FROM ct_providers "
                 "WHERE id = %(p)s"]
        for tbl in sorted(self.tables()):
            parts.append(f"SELECT '{tbl[3:]}', seq, id, data::text, version FROM {tbl} "
                         "WHERE provider_id = %(p)s")
        cur.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 2", {"p": provider_id})
        prov = None
        rows: dict[str, list[list[Any]]] = {}
        for table, _seq, rid, data, version in cur.fetchall():
            if table == "":
                prov = [orjson.loads(data), version]
            else:
                rows.setdefault(table, []).append([rid, orjson.loads(data), version])
        if prov is None:
            raise NotFound(f"no provider {shown_id(provider_id)} (see 'credtrack provider list')")
        return PgRecordSet(self, provider_id, prov, rows)

    def read(self, provider_id: str) -> PgRecordSet:
        return self._read(lambda cur: self._load(cur, provider_id))

    @contextmanager
    def write(self, provider_id: str) -> Iterator[PgRecordSet]:
        with self._txn() as cur:
            rs = self._load(cur, provider_id)
            rs._cur = cur
            yield rs
            rs._cur = None

    def all_records(self) -> list[Records]:
        """Every provider's records: one query per table, in one snapshot. (In ``seq``
        order: each provider's in the order added; sorting by provider id on the server
        would cost more than all the rest.)"""
        with self._txn(read_only=True) as cur:
            cur.execute("SELECT id, data::text FROM ct_providers ORDER BY id COLLATE \"C\"")
            provs = [(pid, orjson.loads(d)) for pid, d in cur.fetchall()]
            tables: dict[str, dict[str, list[Any]]] = {}
            for kind in kinds():
                tbl = schema.kind_table(kind.table)
                if tbl not in self.tables():
                    continue
                cur.execute(f"SELECT provider_id, data::text FROM {tbl} ORDER BY seq")
                per: dict[str, list[Any]] = {}
                model = kind.model
                for pid, data in cur.fetchall():
                    per.setdefault(pid, []).append(model.from_dict(orjson.loads(data)))
                tables[kind.table] = per
        return [Records(Provider.from_dict(d), {t: per.get(pid, []) for t, per in tables.items()})
                for pid, d in provs]

    def add_provider(self, provider: Provider, make_current: bool = False) -> Provider:
        return self.add_providers([(provider, [])], make_current)[0]

    def add_providers(self, items: list[tuple[Provider, list[Record]]],
                      make_current: bool = False, keep_ids: bool = False) -> list[Provider]:
        """Add providers with their records in one transaction (all or none). Ids come from
        the names (``dana-reyes``, ``dana-reyes-2``...) unless ``keep_ids``."""
        with self._txn() as cur:
            cur.execute("SELECT id FROM ct_providers")
            taken = {row[0] for row in cur.fetchall()}
            for provider, records in items:
                if keep_ids:
                    if provider.id in taken:
                        raise BadInput(f"provider {shown_id(provider.id)} already exists here")
                    pid = provider.id
                else:
                    base = slugify(provider.name)
                    pid, n = base, 2
                    while pid in taken:
                        pid, n = f"{base}-{n}", n + 1
                taken.add(pid)
                provider.id = pid
                cur.execute("INSERT INTO ct_providers (id, name, data, changed_by) "
                            "VALUES (%s, %s, %s, %s)",
                            (pid, provider.name, _jsonb(provider.to_dict()), self.who))
                rs = PgRecordSet(self, pid, [provider.to_dict(), 1], {}, cur)
                for table, group in _by_table(records).items():
                    self._insert_many(cur, rs, table, group)
            if items and (make_current or self._current_in(cur) is None):
                self._set_current(cur, items[-1][0].id if make_current else items[0][0].id)
        return [provider for provider, _ in items]

    def _current_in(self, cur: Any) -> str | None:
        cur.execute("SELECT provider_id FROM ct_current WHERE who = %s", (self.who,))
        row = cur.fetchone()
        return row[0] if row else None

    def _insert_many(self, cur: Any, rs: PgRecordSet, table: str, records: list[Record]) -> None:
        """A new provider's records of one table, in order, ids made unique within it."""
        tbl = rs._table(type(records[0]))
        seen: set[str] = set()
        for record in records:
            while record.id in seen:  # type: ignore[attr-defined]
                record.id = new_id(record.PREFIX)  # type: ignore[attr-defined]
            seen.add(record.id)  # type: ignore[attr-defined]
        cur.executemany(f"INSERT INTO {tbl} (provider_id, id, data, changed_by) "
                        "VALUES (%s, %s, %s, %s)",
                        [(rs.provider_id, r.id, _jsonb(r.to_dict()), self.who)  # type: ignore
                         for r in records])

    def remove_provider(self, provider_id: str) -> Provider:
        """Remove a provider and its records in one transaction; a copy of the records (the
        export's shape) is kept in ``ct_trash``."""
        pid = self.resolve(provider_id)
        with self._txn() as cur:
            rs = self._load(cur, pid)
            item = _export_item(rs)
            cur.execute("INSERT INTO ct_trash (provider_id, removed_by, data) VALUES (%s, %s, %s)",
                        (pid, self.who, _jsonb(item)))
            cur.execute("DELETE FROM ct_providers WHERE id = %s AND version = %s",
                        (pid, rs._prov[1]))
            if cur.rowcount != 1:
                raise self.conflict(cur, "ct_providers", Provider, pid, pid)
        return rs.provider

    # -- documents -----------------------------------------------------------------------------
    def put_document(self, provider_id: str, src: Path,
                     make: Callable[["Stored"], list[Record]]) -> list[Record]:
        """Store a file's bytes (once per content) and insert the records ``make`` returns (a
        Document first; the others get its id as ``document_id``), in one transaction."""
        from credtrack import vault
        from credtrack.vault import Stored

        src = Path(src)
        vault.check_source(src)
        try:
            data = src.read_bytes()  # an encrypted file vault's path gives the plaintext
        except OSError as exc:
            raise BadInput(f"{src}: {exc.strerror or 'cannot be read'}") from None
        if not data:
            raise BadInput(f"{src}: the file is empty")
        if len(data) > vault.MAX_BYTES:
            raise BadInput(f"{src}: larger than the 25 MB limit")
        sha = hashlib.sha256(data).hexdigest()
        with self.write(provider_id) as rs:
            cur = rs._sql()
            cur.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (BLOB_LOCK, sha))
            cur.execute("INSERT INTO ct_blobs (sha256, size, data) VALUES (%s, %s, %s) "
                        "ON CONFLICT (sha256) DO NOTHING", (sha, len(data), data))
            stored = Stored(sha, vault.location(sha), len(data),
                            vault.media_type_of(data[:16], src.name), src.name, cur.rowcount == 1)
            records = make(stored)
            doc = rs.insert(records[0])
            for record in records[1:]:
                if hasattr(record, "document_id"):
                    record.document_id = doc.id  # type: ignore[attr-defined]
                rs.insert(record)
        return records

    def remove_document(self, provider_id: str, document_id: str) -> Document:
        """Remove a document's record, and its bytes once no record refers to them."""
        with self.write(provider_id) as rs:
            doc = rs.remove(Document, document_id)
            assert isinstance(doc, Document)
            cur = rs._sql()
            cur.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                        (BLOB_LOCK, doc.sha256))
            tbl = schema.kind_table(Document.TABLE)
            cur.execute(f"DELETE FROM ct_blobs b WHERE sha256 = %s AND NOT EXISTS "
                        f"(SELECT 1 FROM {tbl} d WHERE d.data->>'sha256' = b.sha256)",
                        (doc.sha256,))
        return doc

    def forget_history(self, provider_id: str) -> int:
        """After a purge: drop the older copies of a provider's records the store keeps
        (``ct_trash``) and the audit entries about records of the provider that no longer
        exist (their ids are traces too). Returns how many went."""
        with self._txn() as cur:
            cur.execute("DELETE FROM ct_trash WHERE provider_id = %s", (provider_id,))
            gone = cur.rowcount
            live = ["SELECT 'provider' AS kind, id FROM ct_providers WHERE id = %(p)s"]
            for tbl in sorted(self.tables()):
                kind = self._kind_of(tbl)
                live.append(f"SELECT '{kind}', id FROM {tbl} WHERE provider_id = %(p)s")
            cur.execute("DELETE FROM ct_audit a WHERE provider_id = %(p)s AND (kind, record_id) "
                        f"NOT IN ({' UNION ALL '.join(live)})", {"p": provider_id})
            return gone + cur.rowcount

    def _kind_of(self, tbl: str) -> str:
        """The kind name the audit log uses for a kind table (its name in ct_kinds)."""
        for kind in kinds():
            if schema.kind_table(kind.table) == tbl:
                return kind.name
        return tbl[3:]

    def document_file(self, doc: Document) -> Path:
        """A path whose ``read_bytes()`` gives the document's bytes from the database (see
        :class:`BlobPath`); a record whose vault path is not its sha256's gives a path that
        never exists."""
        from credtrack import vault

        if not vault.canonical(doc.sha256, doc.vault_path):
            return self.root / "vault" / "not-a-vault-path" / doc.id
        return BlobPath.of(self.root / doc.vault_path, self, doc.sha256)

    def blob(self, sha: str) -> bytes | None:
        rows = self._fetch("SELECT data FROM ct_blobs WHERE sha256 = %s", (sha,))
        return bytes(rows[0][0]) if rows else None

    def has_blob(self, sha: str) -> bool:
        return bool(self._fetch("SELECT 1 FROM ct_blobs WHERE sha256 = %s", (sha,)))

    def blob_hashes(self) -> dict[str, str]:
        """sha256 (the name) -> the sha256 of the bytes actually stored, for every blob."""
        return dict(self._fetch("SELECT sha256, encode(sha256(data), 'hex') FROM ct_blobs"))

    # -- the whole store -----------------------------------------------------------------------
    def export_data(self) -> dict[str, Any]:
        from credtrack.kinds import record_types
        from credtrack.store import SCHEMA_VERSION

        current = self.current_id()
        out: dict[str, Any] = {"credtrack_export": 1, "schema": SCHEMA_VERSION,
                               "current": current, "providers": []}
        for records in self.all_records():
            item: dict[str, Any] = {"provider": records.provider.to_dict()}
            for cls in record_types():
                item[cls.TABLE] = [r.to_dict() for r in
                                   sorted(records.of(cls.TABLE), key=lambda r: r.id)]
            out["providers"].append(item)
        return out

    def rekey(self, new: Any, current: Any = None) -> int:
        raise BadInput("encryption at rest is for a file store; a PostgreSQL store is "
                       "protected by its server (disk encryption, TLS and roles)")

    def files(self) -> list[tuple[Path | None, list[Path]]]:
        return []

    # -- records about the practice as a whole (exclusion-screening receipts) ----------------
    def practice_records(self, cls: type[R]) -> list[R]:
        """None yet: this store has no table for the practice's own records (see
        write_practice), so a provider's screening deadline never appears here."""
        return []

    @contextmanager
    def write_practice(self) -> Iterator[PgRecordSet]:
        """Not kept in PostgreSQL yet (it needs a schema migration with a practice-level
        table): refused in one line, nothing written."""
        raise CredtrackError("exclusion-screening receipts are kept only in a file store for "
                             "now; this PostgreSQL store cannot file one (nothing was changed)")
        yield  # pragma: no cover  (a generator, for the context manager)

    def refresh(self) -> None:
        """Forget the tables known (a new kind's table is looked for again)."""
        self._tables = None
        self._drop()

    # -- the audit log -------------------------------------------------------------------------
    def history(self, provider_id: str | None = None, since: datetime | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
        """Changes, oldest first: at, who, role, provider, kind, record, action, fields."""
        sql = ("SELECT at, who, db_role, provider_id, kind, record_id, action, fields "
               "FROM ct_audit WHERE (%(p)s::text IS NULL OR provider_id = %(p)s) "
               "AND (%(s)s::timestamptz IS NULL OR at >= %(s)s) ORDER BY id")
        args: dict[str, Any] = {"p": provider_id, "s": since}
        rows = self._fetch(sql, args)
        out = [{"at": at, "who": who, "role": role, "provider": pid, "kind": kind,
                "record": rid, "action": action, "fields": list(fields)}
               for at, who, role, pid, kind, rid, action, fields in rows]
        return out[-limit:] if limit else out


def _by_table(records: list[Record]) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = {}
    for record in records:
        out.setdefault(record.TABLE, []).append(record)
    return out


def _export_item(rs: PgRecordSet) -> dict[str, Any]:
    item: dict[str, Any] = {"provider": rs._prov[0]}
    for table, rows in rs._rows.items():
        item[table] = [r[1] for r in rows]
    return item
