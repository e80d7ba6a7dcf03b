"""The PostgreSQL store's schema: ordered, versioned migrations, and one table per record kind.

``MIGRATIONS`` is a list of ``(version, sql)`` applied in order, each once, in one transaction
with the version recorded in ``ct_schema`` (like the file store's ``MIGRATIONS``). A database
written by a newer credtrack is refused. Record kinds are read from :mod:`credtrack.kinds`: every
kind gets a table ``ct_<kind table>`` of the same shape (the record as JSONB, its version, who
changed it when), created when the kind is first seen, so a new kind needs no schema code. An
audit trigger on every table writes ``ct_audit`` for each change: who, when, which record and
which fields (names only, never values).

The DDL runs as the database's owner (a role that may CREATE in the schema). Other roles only
read and write rows: see "PostgreSQL roles" in the README for the two GRANT statements.
"""

from __future__ import annotations

import re
from typing import Any

SCHEMA_LOCK = 0x63726474  # pg_advisory_xact_lock key: migrations run one at a time

V1 = r"""
CREATE TABLE ct_schema (
  version integer PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by text NOT NULL DEFAULT current_user
);
CREATE TABLE ct_kinds (
  tbl text PRIMARY KEY,
  kind text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE ct_providers (
  id text PRIMARY KEY,
  name text NOT NULL,
  data jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE ct_current (
  who text PRIMARY KEY,
  provider_id text REFERENCES ct_providers (id) ON DELETE SET NULL
);
CREATE TABLE ct_blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer NOT NULL,
  data bytea NOT NULL
);
CREATE TABLE ct_trash (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider_id text NOT NULL,
  removed_at timestamptz NOT NULL DEFAULT now(),
  removed_by text NOT NULL,
  data jsonb NOT NULL
);
CREATE TABLE ct_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  who text NOT NULL,
  db_role text NOT NULL DEFAULT current_user,
  provider_id text NOT NULL,
  kind text NOT NULL,
  record_id text NOT NULL,
  action text NOT NULL,
  fields text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX ct_audit_at ON ct_audit (at);
CREATE INDEX ct_audit_provider ON ct_audit (provider_id, at);

CREATE FUNCTION ct_audit_row() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  r jsonb;
  act text;
  changed text[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    r := to_jsonb(OLD); act := 'remove'; changed := '{}';
  ELSIF TG_OP = 'INSERT' THEN
    r := to_jsonb(NEW); act := 'add';
    SELECT coalesce(array_agg(key ORDER BY key), '{}') INTO changed FROM jsonb_each(NEW.data)
     WHERE value NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb, 'false'::jsonb);
  ELSE
    r := to_jsonb(NEW); act := 'edit';
    SELECT coalesce(array_agg(key ORDER BY key), '{}') INTO changed
      FROM jsonb_each(NEW.data) n FULL JOIN jsonb_each(OLD.data) o USING (key)
     WHERE n.value IS DISTINCT FROM o.value;
    IF changed = '{}' THEN RETURN NULL; END IF;
  END IF;
  INSERT INTO ct_audit (who, provider_id, kind, record_id, action, fields)
  VALUES (coalesce(nullif(current_setting('credtrack.user', true), ''), current_user),
          coalesce(r->>'provider_id', r->>'id'), TG_ARGV[0], r->>'id', act, changed);
  RETURN NULL;
END
$f$;

CREATE TRIGGER ct_providers_audit AFTER INSERT OR UPDATE OR DELETE ON ct_providers
  FOR EACH ROW EXECUTE FUNCTION ct_audit_row('provider');
"""

# (version, SQL): append only; never edit a released entry.
MIGRATIONS: list[tuple[int, str]] = [(1, V1)]
SCHEMA_VERSION = MIGRATIONS[-1][0]

_TABLE = re.compile(r"[a-z][a-z0-9_]{0,40}")


def kind_table(table: str) -> str:
    """The SQL table of a record kind's table name (``licenses`` -> ``ct_licenses``)."""
    if not _TABLE.fullmatch(table):
        raise ValueError(f"record table name {table!r} cannot be a PostgreSQL table name")
    return f"ct_{table}"


def kind_table_sql(kind: str, table: str) -> list[str]:
    t = kind_table(table)
    return [
        f"""CREATE TABLE {t} (
  provider_id text NOT NULL REFERENCES ct_providers (id) ON DELETE CASCADE,
  id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  data jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider_id, id)
)""",
        f"CREATE INDEX {t}_order ON {t} (provider_id, seq)",
        f"CREATE TRIGGER {t}_audit AFTER INSERT OR UPDATE OR DELETE ON {t} "
        f"FOR EACH ROW EXECUTE FUNCTION ct_audit_row('{kind}')",
    ] + ([f"CREATE INDEX {t}_sha ON {t} ((data->>'sha256'))"] if table == "documents" else [])


def installed_version(cur: Any) -> int:
    cur.execute("SELECT to_regclass('ct_schema') IS NOT NULL")
    if not cur.fetchone()[0]:
        return 0
    cur.execute("SELECT coalesce(max(version), 0) FROM ct_schema")
    return int(cur.fetchone()[0])


def known_tables(cur: Any) -> set[str]:
    cur.execute("SELECT tbl FROM ct_kinds")
    return {row[0] for row in cur.fetchall()}


def can_create(cur: Any) -> bool:
    cur.execute("SELECT has_schema_privilege(current_schema(), 'CREATE')")
    row = cur.fetchone()
    return bool(row and row[0])


def upgrade(cur: Any, wanted: dict[str, str]) -> list[str]:
    """Apply the migrations this database lacks and create the missing kind tables (``wanted``:
    kind table -> kind name), under the schema lock. Returns what was done."""
    cur.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
    done = []
    version = installed_version(cur)
    for v, sql in MIGRATIONS:
        if v > version:
            cur.execute(sql)
            cur.execute("INSERT INTO ct_schema (version) VALUES (%s)", (v,))
            done.append(f"schema version {v}")
    have = known_tables(cur)
    for tbl, kind in sorted(wanted.items()):
        if tbl not in have:
            for stmt in kind_table_sql(kind, tbl.removeprefix("ct_")):
                cur.execute(stmt)
            cur.execute("INSERT INTO ct_kinds (tbl, kind) VALUES (%s, %s)", (tbl, kind))
            done.append(f"table {tbl}")
    return done
