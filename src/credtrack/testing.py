"""pytest fixtures for state and payer plugins, and the conformance checks
(:mod:`credtrack.conformance`) under their old names.

Installed as a pytest plugin (entry point ``pytest11``), so a plugin's own tests get the
fixtures without any setup; do not list it in ``pytest_plugins`` as well::

    from credtrack.testing import check_state_plugin
    import my_plugin

    def test_conforms():
        check_state_plugin(my_plugin.RULES)

    def test_wins_over_bundled(register_plugin, credtrack_store):
        register_plugin(my_plugin)
        assert credtrack_store.registry.states["VT"].plugin.name == "my_plugin"

Importing this module stays cheap: the service (store, TinyDB) is imported only by the fixtures
that use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator

from credtrack.conformance import *  # noqa: F401,F403  (the checks, for plugins' own tests)
from credtrack.conformance import (  # noqa: F401
    ERROR, INFO, WARNING, Problem, check_payer_plugin, check_state_plugin, check_target,
    payer_problems, payer_report, state_problems, state_report,
)

try:
    import pytest
except ImportError:  # the checks work without pytest (``credtrack plugins check``)
    pytest = None  # type: ignore[assignment]


# -- pytest fixtures --------------------------------------------------------------------------

@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        import json

        return json.loads(self.out)


def run_cli(*args: Any) -> CliResult:
    """Run ``credtrack ARGS`` in this process; stdout, stderr and the exit code."""
    import contextlib
    import io

    from credtrack.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return CliResult(code, out.getvalue(), err.getvalue())


if pytest is not None:

    @pytest.fixture
    def credtrack_home(tmp_path: Path, monkeypatch: Any) -> Path:
        """An empty data dir (``CREDTRACK_HOME``) in ``tmp_path``. Installed plugins and the
        plugins directory are not loaded; a test adds its own with ``register_plugin``."""
        home = tmp_path / "credtrack-home"
        monkeypatch.setenv("CREDTRACK_HOME", str(home))
        monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "1")
        monkeypatch.delenv("CREDTRACK_TODAY", raising=False)
        return home

    @pytest.fixture
    def credtrack_store(credtrack_home: Path) -> Any:
        """The library API (``credtrack.service.Credtrack``) on ``credtrack_home``; its
        ``.store`` is the TinyDB store. Its plugins load on first use of ``.registry``, so
        call ``register_plugin`` first."""
        from credtrack.service import Credtrack

        return Credtrack(credtrack_home, entry_points=False)

    @pytest.fixture
    def register_plugin() -> Iterator[Callable[..., Any]]:
        """``register_plugin(plugin, name=None)``: every credtrack built during the test (the
        ``credtrack_store``, ``credtrack_cli`` commands) loads ``plugin`` with origin "test",
        above every other priority. Unregistered when the test ends."""
        from credtrack import plugins

        names: list[str] = []

        def register(plugin: Any, name: str | None = None) -> Any:
            name = name or getattr(plugin, "__name__", None) or f"test-plugin-{len(names)}"
            plugins.register_test_plugin(plugin, name)
            names.append(name)
            return plugin

        yield register
        for name in names:
            plugins.unregister_test_plugin(name)

    @pytest.fixture
    def as_of(monkeypatch: Any) -> Callable[[Any], date]:
        """``as_of("2027-01-15")`` pins "today" (``CREDTRACK_TODAY``) for the commands the test
        runs and returns the date, for library calls such as ``store.report(as_of(...))``."""

        def pin(day: Any) -> date:
            day = day if isinstance(day, date) else date.fromisoformat(str(day))
            monkeypatch.setenv("CREDTRACK_TODAY", day.isoformat())
            return day

        return pin

    @pytest.fixture
    def credtrack_cli(credtrack_home: Path) -> Callable[..., CliResult]:
        """``credtrack_cli("payers", "--json")``: run a command in-process on
        ``credtrack_home``; returns ``.code``, ``.out``, ``.err`` and ``.json()``."""
        return run_cli
