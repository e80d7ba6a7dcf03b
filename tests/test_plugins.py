"""Issue 2: the plugin host finds real entry points, survives broken plugins, loads a dir."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import run_process

GOOD = '''
from credtrack import hookimpl
from credtrack.rules import (CERequirement, FIXED_DATE, LICENSE, RenewalRule, StateRules)

@hookimpl
def credtrack_states():
    return [StateRules(
        code="VT", name="Vermont", regulation=LICENSE,
        renewal=RenewalRule(basis=FIXED_DATE, cycle_years=2, month=3, day=31, parity="even",
                            source="https://example.org/vt-rule"),
        ce=CERequirement(hours=10, source="https://example.org/vt-ce"),
        sources=("https://example.org/vt",), verified="2026-11-01")]
'''


def make_dist(site: Path, name: str, module_source: str) -> None:
    """A real installed distribution: a module and its .dist-info with an entry point."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{name}.py").write_text(textwrap.dedent(module_source))
    info = site / f"{name}-0.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.3\n")
    (info / "entry_points.txt").write_text(f"[credtrack]\n{name} = {name}\n")


@pytest.fixture
def site(tmp_path):
    return tmp_path / "site"


def _env(site: Path, home: Path) -> dict:
    return {"PYTHONPATH": str(site), "CREDTRACK_DISABLE_PLUGINS": "", "CREDTRACK_HOME": str(home)}


def test_entry_point_plugin_registers_a_state(site, home):
    make_dist(site, "credtrack_vt_local", GOOD)
    proc = run_process("plugins", "list", "--json", env=_env(site, home))
    assert proc.returncode == 0, proc.stderr
    plugins = {p["name"]: p for p in json.loads(proc.stdout)}
    assert plugins["credtrack_vt_local"]["origin"] == "entry-point"
    assert plugins["credtrack_vt_local"]["version"] == "0.3"
    assert plugins["credtrack_vt_local"]["hooks"] == ["credtrack_states"]
    shown = run_process("states", "show", "VT", "--json", env=_env(site, home))
    state = json.loads(shown.stdout)
    assert state["plugin"] == "credtrack_vt_local"  # installed beats bundled
    assert state["sources"] == ["https://example.org/vt"]
    off = run_process("states", "show", "VT", "--json",
                      env={**_env(site, home), "CREDTRACK_DISABLE_PLUGINS": "1"})
    assert json.loads(off.stdout)["plugin"] == "credtrack_states"


def test_broken_plugin_is_reported_and_the_command_works(site, home):
    make_dist(site, "credtrack_broken", "raise RuntimeError('boom at import')\n")
    make_dist(site, "credtrack_vt_local", GOOD)
    proc = run_process("plugins", "list", "--json", env=_env(site, home))
    assert proc.returncode == 0, proc.stderr
    plugins = {p["name"]: p for p in json.loads(proc.stdout)}  # stdout stays valid JSON
    assert plugins["credtrack_broken"]["error"] == "RuntimeError: boom at import"
    assert plugins["credtrack_vt_local"]["error"] is None
    warnings = [l for l in proc.stderr.splitlines() if "credtrack_broken" in l]
    assert len(warnings) == 1 and "Traceback" not in proc.stderr
    text = run_process("plugins", "list", env=_env(site, home))
    assert "FAILED: RuntimeError: boom at import" in text.stdout
    strict = run_process("plugins", "list", env={**_env(site, home),
                                                 "CREDTRACK_STRICT_PLUGINS": "1"})
    assert strict.returncode == 1


def test_plugins_directory_and_misspelled_hook(home, cli, monkeypatch):
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "")
    plugdir = home / "plugins"
    plugdir.mkdir(parents=True)
    (plugdir / "my_rules.py").write_text(GOOD)
    (plugdir / "typo.py").write_text(
        "from credtrack import hookimpl\n@hookimpl\ndef credtrack_statez():\n    return []\n")
    result = cli("plugins", "list", "--json")
    assert result.code == 0
    plugins = {p["name"]: p for p in result.json()}
    assert plugins["my_rules"]["origin"] == "directory"
    assert "credtrack_statez" in result.err  # check_pending names the unknown hook
    assert cli("states", "show", "VT", "--json").json()["plugin"] == "my_rules"


def test_same_priority_duplicate_names_both_plugins(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "")
    d = tmp_path / "plugs"
    d.mkdir()
    (d / "one.py").write_text(GOOD)
    (d / "two.py").write_text(GOOD)
    result = cli("--plugins-dir", d, "states", "--json")
    assert result.code == 0
    assert "'one'" in result.err and "'two'" in result.err and "VT" in result.err


def test_failing_findings_hook_is_isolated(app, home):
    from datetime import date

    from credtrack.models import Provider
    from credtrack.service import Credtrack

    class Bad:
        @staticmethod
        def credtrack_findings(context):
            raise ValueError("oops")

    from credtrack import hookimpl

    Bad.credtrack_findings = hookimpl(Bad.credtrack_findings)
    a = Credtrack(home, extra_plugins=(Bad,))
    a.add_provider(Provider("x", "Dana Reyes"))
    a.add_license(None, "FL", issued=date(2025, 10, 1))
    report = a.report(date(2026, 11, 22))
    codes = [f.code for f in report.findings]
    assert "plugin-error" in codes and "ce-shortfall" in codes
    assert any(d.kind == "license-renewal" for d in report.deadlines)


LAZY_INIT = '''
from credtrack import hookimpl
from credtrack.rules import package_index


@hookimpl
def credtrack_states():
    return package_index(__name__, __path__, "state")
'''

VT_MODULE = '''
from credtrack.rules import CERequirement, FIXED_DATE, LICENSE, RenewalRule, StateRules

RULES = StateRules(
    code="VT", name="Vermont", regulation=LICENSE,
    renewal=RenewalRule(basis=FIXED_DATE, cycle_years=2, month=3, day=31, parity="even",
                        source="https://example.org/vt-rule"),
    ce=CERequirement(hours=10, source="https://example.org/vt-ce"),
    sources=("https://example.org/vt",), verified="2026-11-01")
'''
MISNAMED = VT_MODULE.replace('code="VT", name="Vermont"', 'code="ME", name="Maine"')


def make_lazy_dist(site: Path) -> None:
    """An installed package whose hook offers its modules unimported (package_index): vt.py
    (Vermont) and nh.py, whose RULES are Maine's."""
    pkg = site / "credtrack_lazy_local"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(LAZY_INIT)
    (pkg / "vt.py").write_text(VT_MODULE)
    (pkg / "nh.py").write_text(MISNAMED)
    info = site / "credtrack_lazy_local-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: credtrack_lazy_local\n"
                                   "Version: 0.1\n")
    (info / "entry_points.txt").write_text("[credtrack]\nlazy = credtrack_lazy_local\n")


def test_a_lazily_offered_module_loads_when_its_key_is_read(site, home):
    make_lazy_dist(site)
    env = _env(site, home)
    vt = run_process("states", "show", "VT", "--json", env=env)
    assert vt.returncode == 0, vt.stderr
    shown = json.loads(vt.stdout)
    assert shown["plugin"] == "lazy", vt.stderr
    assert shown["sources"] == ["https://example.org/vt"]
    assert "credtrack_lazy_local" not in vt.stderr  # nh.py was never imported
    # NH: the plugin's module defines Maine, so it is refused by name and the bundled NH stays
    nh = run_process("states", "show", "NH", "--json", env=env)
    assert nh.returncode == 0
    assert json.loads(nh.stdout)["plugin"] == "credtrack_states"
    assert "credtrack_lazy_local.nh defines 'ME'" in nh.stderr
    checked = run_process("plugins", "check", "credtrack_lazy_local", env=env)
    assert checked.returncode == 1
    assert "credtrack_lazy_local.nh is named for 'NH' but its RULES are for 'ME'" in checked.stdout


def test_status_imports_only_the_rule_modules_it_reads(home, cli):
    from test_cli_basics import loaded_modules

    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "FL", "--issued", "2025-10-01")
    cli("apply", "ash")
    mods = loaded_modules("status", "--json", env={"CREDTRACK_HOME": str(home)})
    rule_modules = {m for m in mods if m.startswith(("credtrack_states.", "credtrack_payers."))}
    # FL's massage module, ASH's, and the three profession subpackages' __init__ (each declares
    # its profession); not the other 50 states or 27 payers
    assert rule_modules - {"credtrack_payers._common"} == {
        "credtrack_states.fl", "credtrack_payers.ash", "credtrack_states.counselor",
        "credtrack_states.physical_therapist", "credtrack_states.physical_therapist_assistant"}


def test_a_plugin_file_edited_within_the_second_takes_effect(home, cli, monkeypatch):
    """Plugins-directory files are compiled from source each time: an edit that keeps the size
    and the second (what a bytecode cache keys on) is seen, and nothing is written beside them."""
    import os

    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "")
    plugdir = home / "plugins"
    plugdir.mkdir(parents=True)
    path = plugdir / "vt_rules.py"
    path.write_text(GOOD)
    stamp = path.stat().st_mtime_ns
    assert cli("states", "show", "VT", "--json").json()["ce"]["hours"] == 10
    path.write_text(GOOD.replace("hours=10", "hours=12"))  # the same size
    os.utime(path, ns=(stamp, stamp))  # and the same mtime
    assert cli("states", "show", "VT", "--json").json()["ce"]["hours"] == 12
    assert sorted(p.name for p in plugdir.iterdir()) == ["vt_rules.py"]


def test_threads_reading_the_registry_see_each_state_whole(app):
    """The desk's worker threads and its main thread may read a state at once: each sees the
    one winner, and each module is merged once."""
    import threading

    registry = app.registry
    seen: list = []
    start = threading.Barrier(8)

    def read() -> None:
        start.wait()
        seen.append([registry.state(code) for code in ("FL", "TX", "NY", "WA")])

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8 and all(s == seen[0] for s in seen)
    assert [r.code for r in seen[0]] == ["FL", "TX", "NY", "WA"]
    assert all(len(registry.states[c].overrides) == 0 for c in ("FL", "TX", "NY", "WA"))
    assert not registry.errors


def test_a_rules_value_without_a_key_is_refused(home, cli, monkeypatch):
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "")
    plugdir = home / "plugins"
    plugdir.mkdir(parents=True)
    (plugdir / "keyless.py").write_text(
        "from credtrack import hookimpl\n@hookimpl\ndef credtrack_payers():\n"
        "    return [object()]\n")
    result = cli("payers", "--json")
    assert result.code == 0
    assert "plugin 'keyless' returned an invalid payer: it has no id" in result.err
    assert "" not in {p["id"] for p in result.json()}
