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
