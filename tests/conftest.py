"""Shared fixtures: every test gets its own data dir and never loads installed plugins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from credtrack.testing import run_cli  # the same runner plugin authors get
from credtrack.service import Credtrack

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("CREDTRACK_HOME", str(home))
    monkeypatch.setenv("CREDTRACK_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "1")
    monkeypatch.delenv("CREDTRACK_TODAY", raising=False)
    monkeypatch.delenv("CREDTRACK_DEBUG", raising=False)
    monkeypatch.delenv("CREDTRACK_STRICT_PLUGINS", raising=False)
    monkeypatch.delenv("CREDTRACK_STORE", raising=False)
    monkeypatch.delenv("CREDTRACK_USER", raising=False)
    return home


@pytest.fixture
def home(isolated) -> Path:
    return isolated


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def app(home) -> Credtrack:
    return Credtrack(home)


def run_process(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([str(BIN / "credtrack"), *map(str, args)], capture_output=True,
                          text=True, env=full_env, timeout=120, **kw)


def assert_clean_error(result, code: int = 2) -> None:
    """A one-line message on stderr, the right exit code, no traceback."""
    assert result.code == code, (result.code, result.out, result.err)
    lines = [l for l in result.err.strip().splitlines() if l]
    assert len(lines) == 1, result.err
    assert lines[0].startswith("credtrack: error:"), result.err
    assert "Traceback" not in result.err + result.out


# -- PostgreSQL ---------------------------------------------------------------------------------

REQUIRE_PG = os.environ.get("CREDTRACK_REQUIRE_POSTGRES", "") not in ("", "0")


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the session (tests/pgserver.py); skipped with the reason
    where none can be started, failed instead under CREDTRACK_REQUIRE_POSTGRES=1 (CI)."""
    try:
        import psycopg  # noqa: F401
        from pgserver import PgServer

        server = PgServer()
    except Exception as exc:  # noqa: BLE001 - any reason is the skip's reason
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL is required here but could not be started: {exc}")
        pytest.skip(f"no PostgreSQL server could be started: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server, monkeypatch) -> str:
    """A fresh, empty database on the session's server; commands use it (CREDTRACK_STORE)."""
    url = pg_server.database()
    monkeypatch.setenv("CREDTRACK_STORE", url)
    return url


def pytest_generate_tests(metafunc):
    """In a module with ``PER_STORE = True``, every test that runs commands (``cli``) runs
    once per store."""
    if getattr(metafunc.module, "PER_STORE", False) and "cli" in metafunc.fixturenames \
            and "store_kind" not in metafunc.fixturenames:  # (else its own params apply)
        metafunc.fixturenames.append("store_kind")
        metafunc.parametrize("store_kind", ["file", "postgresql"], indirect=True)


@pytest.fixture(params=["file", "postgresql"])
def store_kind(request, monkeypatch) -> str:
    """Run a test once per store: the data dir's file store, then PostgreSQL."""
    if request.param == "postgresql":
        request.getfixturevalue("pg_url")
    else:
        monkeypatch.delenv("CREDTRACK_STORE", raising=False)
    return request.param


@pytest.fixture
def switch_store(request, tmp_path, monkeypatch):
    """``switch_store("other")``: commands from now on use another, empty store of the same
    kind (a new data dir; with PostgreSQL, a new database too)."""

    def switch(name: str) -> Path:
        home = tmp_path / name
        monkeypatch.setenv("CREDTRACK_HOME", str(home))
        if os.environ.get("CREDTRACK_STORE"):
            monkeypatch.setenv("CREDTRACK_STORE",
                               request.getfixturevalue("pg_server").database())
        return home

    return switch
