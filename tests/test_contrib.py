"""Issue: contributor experience. Scaffold, conformance checks, the pytest plugin, documented
and tested hooks, whose rule wins (states/payers diff), and real installs through entry points."""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import types
from datetime import date
from pathlib import Path

import pytest

import credtrack.testing
from conftest import ROOT, assert_clean_error, run_process
from credtrack import hookimpl, hookspecs
from credtrack.models import Provider
from credtrack.service import Credtrack
from credtrack.testing import check_payer_plugin, check_state_plugin, payer_report, state_report
from credtrack.demo import sample_pdf
from test_plugins import GOOD, make_dist

DOCS = ROOT / "docs" / "plugins.md"
EXAMPLE = ROOT / "examples" / "credtrack-example-payer"

NO_SOURCES = '''
from credtrack import hookimpl
from credtrack.rules import CERequirement, FIXED_DATE, LICENSE, RenewalRule, StateRules

@hookimpl
def credtrack_states():
    return [StateRules(
        code="NM", name="New Mexico", regulation=LICENSE,
        renewal=RenewalRule(basis=FIXED_DATE, cycle_years=2, month=6, day=30, parity="odd",
                            source="https://www.rld.nm.gov/boards-and-commissions/"),
        ce=CERequirement(hours=16, source="https://www.rld.nm.gov/boards-and-commissions/"),
        sources=(), verified="2026-11-01")]
'''


# -- the hook reference: documented, exemplified, tested ---------------------------------------

def hook_specs(module) -> dict[str, list[str]]:
    """Every hook a hookspecs module declares, with its argument names."""
    return {name: list(inspect.signature(fn).parameters)
            for name, fn in vars(module).items()
            if name.startswith("credtrack_") and hasattr(fn, "credtrack_spec")}


def doc_sections(text: str) -> dict[str, tuple[list[str], str]]:
    """``### credtrack_x(a, b)`` headings: the arguments and the section's text."""
    parts = re.split(r"^### (credtrack_\w+)\((.*)\)[ \t]*$", text, flags=re.M)
    out = {}
    for name, args, body in zip(parts[1::3], parts[2::3], parts[3::3]):
        out[name] = ([a.strip() for a in args.split(",") if a.strip()],
                     re.split(r"^## ", body, flags=re.M)[0])
    return out


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.M | re.S)


def hook_doc_problems(spec_module, text: str) -> list[str]:
    """What the docs miss about the hooks: a heading with the exact arguments and an example."""
    specs, docs = hook_specs(spec_module), doc_sections(text)
    problems = []
    for name, args in specs.items():
        if name not in docs:
            problems.append(f"{name} has no '### {name}({', '.join(args)})' heading")
            continue
        if docs[name][0] != args:
            problems.append(f"{name}: the docs say ({', '.join(docs[name][0])}), hookspecs.py "
                            f"says ({', '.join(args)})")
        if not any(f"def {name}(" in block for block in python_blocks(docs[name][1])):
            problems.append(f"{name} has no python example implementing it")
    problems += [f"{name} is documented but is not a hook" for name in docs if name not in specs]
    return problems


def test_every_hook_is_documented_with_its_signature_and_an_example():
    assert hook_specs(hookspecs), "no hooks found"
    assert hook_doc_problems(hookspecs, DOCS.read_text()) == []


def test_a_hook_added_without_docs_fails_the_docs_check():
    fake = types.ModuleType("fake_hookspecs")
    fake.__dict__.update({k: v for k, v in vars(hookspecs).items() if k.startswith("credtrack_")})

    @hookspecs.hookspec
    def credtrack_new_thing(context):
        """A hook someone added."""

    fake.credtrack_new_thing = credtrack_new_thing
    problems = hook_doc_problems(fake, DOCS.read_text())
    assert problems == ["credtrack_new_thing has no '### credtrack_new_thing(context)' heading"]

    @hookspecs.hookspec
    def credtrack_findings(context, as_of):
        """A changed signature."""

    fake.credtrack_findings = credtrack_findings
    assert ("credtrack_findings: the docs say (context), hookspecs.py says (context, as_of)"
            in hook_doc_problems(fake, DOCS.read_text()))
    no_example = DOCS.read_text().replace("def credtrack_deadlines(", "def deadlines(")
    assert ("credtrack_deadlines has no python example implementing it"
            in hook_doc_problems(hookspecs, no_example))


def test_every_hook_has_a_test():
    """datasette's test_plugin_hooks_have_tests: some test implements each hook."""
    sources = "\n".join(p.read_text() for p in (ROOT / "tests").rglob("*.py"))
    untested = [name for name in hook_specs(hookspecs) if f"def {name}(" not in sources]
    assert untested == []


def _module(source: str, name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(compile(source, f"<docs/plugins.md: {name}>", "exec"), module.__dict__)
    return module


def test_the_hook_examples_in_the_docs_run(home):
    sections = doc_sections(DOCS.read_text())
    plugins = {}
    for name, (_args, body) in sections.items():
        block = next(b for b in python_blocks(body) if f"def {name}(" in b)
        plugins[name] = _module(block, f"docs_{name}")
    app = Credtrack(home, extra_plugins=tuple(plugins.values()))
    assert not [i for i in app.host.infos if i.error]
    for name, plugin in plugins.items():  # each example implements its hook, spelled right
        assert name in app.host.origin_of(plugin).hooks

    assert app.registry.states["FL"].plugin.name == "docs_credtrack_states"
    check_state_plugin(app.registry.states["FL"].rules)
    assert app.registry.payers["acme-health"].plugin.name == "docs_credtrack_payers"
    check_payer_plugin(app.registry.payers["acme-health"].rules)
    assert "jurisprudence-certificate" in app.document_kinds()

    app.add_provider(Provider("prv-docs", "Dana Reyes"), use=True)
    app.add_license(None, "NM", number="4410", issued=date(2025, 5, 2))
    report = app.report(date(2026, 11, 22))
    renewal = next(d for d in report.deadlines if d.kind == "license-renewal")
    assert renewal.date == date(2027, 3, 31)  # the staggered-schedule example
    assert "npi-missing" in {f.code for f in report.findings}
    notice = next(d for d in report.deadlines if d.kind == "board-notice")
    assert notice.date == date(2027, 1, 30)
    assert "plugin-error" not in {f.code for f in report.findings}

    packet = plugins["credtrack_packet_sections"].credtrack_packet_sections
    shaped = packet(types.SimpleNamespace(payer="acme-health"), {})
    assert shaped["order"][2] == "acme-attestation"
    assert packet(types.SimpleNamespace(payer="aetna"), {}) is None


def test_the_tutorial_modules_conform():
    text = DOCS.read_text()
    tutorial = text[text.index("## Tutorial: a state plugin"):text.index("## Sources")]
    blocks = [b for b in python_blocks(tutorial) if "RULES = " in b]
    assert len(blocks) == 2
    state, payer = (_module(b, f"tutorial_{i}") for i, b in enumerate(blocks))
    check_state_plugin(state.RULES)
    assert state.credtrack_states() == [state.RULES]
    check_payer_plugin(payer.RULES)
    assert payer.credtrack_payers() == [payer.RULES]


def test_the_testing_example_in_the_docs_passes_under_pytest(tmp_path):
    """The docs' test module, against the docs' payer module, in a pytest of its own: the
    fixtures come from the pytest11 entry point alone."""
    text = DOCS.read_text()
    tutorial = text[text.index("## Tutorial: a payer plugin"):text.index("## Sources")]
    payer = next(b for b in python_blocks(tutorial) if "RULES = " in b)
    testing = text[text.index("## Testing a plugin"):text.index("## Checking a plugin")]
    (tmp_path / "credtrack_acme_health.py").write_text(payer)
    (tmp_path / "test_docs_example.py").write_text(python_blocks(testing)[0])
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(tmp_path)], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(tmp_path)}, timeout=120)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "2 passed" in proc.stdout


# -- hooks the other test files do not implement ------------------------------------------------

class KindsAndDates:
    @staticmethod
    @hookimpl
    def credtrack_document_kinds():
        return ["jurisprudence-certificate"]

    @staticmethod
    @hookimpl
    def credtrack_license_expiration(license, rules):
        return date(2027, 12, 31) if license.state == "TX" else None

    @staticmethod
    @hookimpl
    def credtrack_deadlines(context):
        from credtrack.compliance import Deadline

        pid = context.records.provider.id
        return [Deadline(date(2027, 1, 15), "association-dues", "AMTA dues", pid, pid,
                         "test plugin", "https://example.org/dues")]


def test_document_kinds_expiration_and_deadline_hooks(cli, home, tmp_path):
    app = Credtrack(home, extra_plugins=(KindsAndDates,))
    app.add_provider(Provider("prv-hooks", "Dana Reyes"), use=True)
    app.add_license(None, "TX", number="MT1234", issued=date(2025, 3, 1))
    app.add_license(None, "FL", number="MA1", issued=date(2025, 10, 1))
    assert "jurisprudence-certificate" in app.document_kinds()
    pdf = tmp_path / "cert.pdf"
    pdf.write_bytes(sample_pdf("cert", ["test"]))
    app.add_document(None, "jurisprudence-certificate", pdf)
    report = app.report(date(2026, 11, 22))
    renewals = {d.subject: d.date for d in report.deadlines if d.kind == "license-renewal"}
    by_state = {lic.state: lic.id for lic in app.records().licenses}
    assert renewals[by_state["TX"]] == date(2027, 12, 31)  # the hook's date
    assert renewals[by_state["FL"]] == date(2027, 8, 31)  # None: the rule's date
    assert [d.title for d in report.deadlines if d.kind == "association-dues"] == ["AMTA dues"]


# -- the pytest plugin --------------------------------------------------------------------------

def test_the_pytest_plugin_is_loaded_once_through_its_entry_point(pytestconfig):
    assert pytestconfig.pluginmanager.get_plugin("credtrack") is credtrack.testing
    names = [n for n, p in pytestconfig.pluginmanager.list_name_plugin()
             if p is credtrack.testing]
    assert names == ["credtrack"]


def test_importing_credtrack_testing_is_cheap():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import credtrack.testing"],
                          capture_output=True, text=True, timeout=60)
    loaded = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "credtrack.testing" in loaded
    assert not loaded & {"tinydb", "textual", "credtrack.service", "credtrack.store", "weasyprint",
                         "click"}


def test_fixtures_register_a_plugin_pin_the_date_and_run_commands(
        register_plugin, credtrack_store, credtrack_cli, as_of, credtrack_home):
    vt = _module(GOOD, "my_vt_rules")
    assert register_plugin(vt) is vt
    entry = credtrack_store.registry.states["VT"]
    assert (entry.plugin.name, entry.plugin.origin) == ("my_vt_rules", "test")
    assert credtrack_store.root == credtrack_home and not any(credtrack_home.glob("*"))
    assert as_of("2026-01-15") == date(2026, 1, 15)
    credtrack_cli("init", "--name", "Dana Reyes")
    credtrack_cli("license", "add", "--state", "VT", "--issued", "2025-01-10")
    shown = credtrack_cli("states", "show", "VT", "--json")
    assert shown.code == 0 and shown.json()["plugin"] == "my_vt_rules"
    due = credtrack_cli("due", "--within", "90d", "--json").json()
    assert due["as_of"] == "2026-01-15"
    assert [d["date"] for d in due["deadlines"] if d["kind"] == "license-renewal"] == ["2026-03-31"]


def test_a_registered_plugin_is_gone_after_its_test():
    from credtrack.plugins import make_plugin_host

    assert not [i for i in make_plugin_host(entry_points=False).infos if i.origin == "test"]


def test_strict_checks_fail_on_todo_warnings():
    from credtrack.scaffold import render

    module = _module(render("payer", "acme-health", date(2026, 11, 22)), "acme_todo")
    check_payer_plugin(module.RULES)  # errors only: a scaffold conforms
    with pytest.raises(AssertionError, match="placeholder source https://example.org/TODO"):
        check_payer_plugin(module.RULES, strict=True)
    stale = payer_report(module.RULES, today=date(2028, 1, 1), max_age_days=365)
    assert any("unverified for over a year" in p.message for p in stale)
    with pytest.raises(AssertionError, match="unverified for over a year"):
        check_payer_plugin(module.RULES, today=date(2028, 1, 1), max_age_days=365)


# -- plugins new ----------------------------------------------------------------------------------

def test_new_payer_module_loads_from_the_plugins_dir_with_todos(cli, home, monkeypatch):
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "")
    monkeypatch.setenv("CREDTRACK_TODAY", "2026-11-22")
    made = cli("plugins", "new", "payer", "acme-health")
    path = home / "plugins" / "acme_health.py"
    assert made.code == 0 and f"wrote {path}" in made.out
    assert (home.stat().st_mode & 0o777, path.parent.stat().st_mode & 0o777) == (0o700, 0o700)
    text = path.read_text()
    assert 'verified="2026-11-22"' in text and "confidence=UNCONFIRMED" in text
    shown = cli("payers", "show", "acme-health", "--json").json()
    assert (shown["plugin"], shown["plugin_origin"]) == ("acme_health", "directory")
    checked = cli("plugins", "check", path)
    assert checked.code == 0, checked.out
    lines = checked.out.splitlines()
    assert lines and all(line.startswith("warning: payer acme-health (acme_health): ")
                         for line in lines)
    assert any("notes still says 'TODO" in line for line in lines)
    assert any("placeholder source https://example.org/TODO" in line for line in lines)
    assert cli("plugins", "check", path, "--strict").code == 1
    again = cli("plugins", "new", "payer", "acme-health")
    assert_clean_error(again, 2)
    assert "already exists" in again.err
    assert cli("plugins", "new", "payer", "acme-health", "--force").code == 0


def test_a_copy_of_every_bundled_state_and_payer_rebuilds_the_same_rules():
    from credtrack.scaffold import render
    from credtrack_payers import all_rules as payers
    from credtrack_states import all_rules as states

    on = date(2026, 11, 22)
    for rules in states():
        assert _module(render("state", rules.code, on), f"copy_{rules.code}").RULES == rules
    for rules in payers():
        assert _module(render("payer", rules.id, on), f"copy_{rules.id}").RULES == rules


def test_new_blank_state_is_a_todo_template_that_conforms(cli, tmp_path):
    made = cli("plugins", "new", "state", "nm", "--blank", "--dir", tmp_path)
    assert made.code == 0, made.err
    module = _module((tmp_path / "nm.py").read_text(), "nm_blank")
    rules = module.RULES
    assert (rules.code, rules.name, rules.renewal.basis, rules.ce.hours) == (
        "NM", "New Mexico", "unknown", None)
    check_state_plugin(rules)
    warnings = [p.message for p in state_report(rules) if p.severity == "warning"]
    assert "board still says \"TODO: the board's name\"" in warnings


def test_new_with_bad_input_is_a_one_line_error(cli, tmp_path):
    assert_clean_error(cli("plugins", "new", "payer", "Acme Health", "--dir", tmp_path), 2)
    assert_clean_error(cli("plugins", "new", "state", "ZZ", "--dir", tmp_path), 2)
    assert_clean_error(cli("plugins", "new", "county", "x", "--dir", tmp_path), 2)


def test_copy_of_a_bundled_state_then_one_edit_shows_in_states_diff(cli, home, monkeypatch):
    """Override mechanism: a plugins-directory module beats the bundled one; diff says how."""
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "")
    assert cli("states", "diff").out.startswith("every state comes from the bundled plugin")
    assert cli("plugins", "new", "state", "FL").code == 0
    path = home / "plugins" / "fl.py"
    assert cli("plugins", "check", path).out.startswith("info: state FL (fl): overrides "
                                                        "'credtrack_states' (bundled")
    assert "no field differs from the bundled rules" in cli("states", "diff").out
    path.write_text(path.read_text().replace("month=8,", "month=9,").replace("day=31,", "day=30,"))
    diff = cli("states", "diff")
    assert diff.code == 0
    assert diff.out.splitlines()[:4] == [
        f"FL: fl (directory, {path}) wins",
        "    overrides: credtrack_states (bundled)",
        "    renewal.month: 8 -> 9",
        "    renewal.day: 31 -> 30",
    ]
    as_json = cli("states", "diff", "--json").json()
    assert as_json == [{"code": "FL", "plugin": "fl", "origin": "directory",
                        "location": str(path), "conflicts": [],
                        "overrides": [{"plugin": "credtrack_states", "origin": "bundled",
                                       "location": as_json[0]["overrides"][0]["location"]}],
                        "changes": [{"field": "renewal.month", "bundled": 8, "winner": 9},
                                    {"field": "renewal.day", "bundled": 31, "winner": 30}]}]
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "FL", "--issued", "2025-10-01")
    report = cli("status", "--json", "--as-of", "2026-11-22").json()
    assert [d["date"] for d in report["deadlines"] if d["kind"] == "license-renewal"] == \
        ["2027-09-30"]


def test_payers_diff_lists_a_copy_and_a_new_payer(cli, monkeypatch):
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "")
    assert cli("payers", "diff", "--json").json() == []
    cli("plugins", "new", "payer", "ash")
    cli("plugins", "new", "payer", "acme-health")
    text = cli("payers", "diff").out
    assert "acme-health: acme_health (directory," in text and "new: no bundled payer" in text
    assert "ash: ash (directory," in text and "no field differs" in text


# -- plugins check --------------------------------------------------------------------------------

def test_check_a_module_without_sources_fails_in_one_line(cli, tmp_path):
    path = tmp_path / "nm_rules.py"
    path.write_text(NO_SOURCES)
    result = cli("plugins", "check", path)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == ("error: state NM (nm_rules): no sources: every state plugin cites where "
                        "its facts come from")
    assert [line.split(":")[0] for line in lines] == ["error", "info"]  # info: overrides NM
    assert "Traceback" not in result.err
    data = cli("plugins", "check", path, "--json").json()
    assert data["ok"] is False
    assert [p["severity"] for p in data["problems"]] == ["error", "info"]


def test_check_reports_stale_facts_rules_without_dates_typos_and_import_errors(
        cli, tmp_path, monkeypatch):
    stale = tmp_path / "stale.py"
    stale.write_text(GOOD)
    monkeypatch.setenv("CREDTRACK_TODAY", "2027-11-02")  # GOOD was verified 2026-11-01
    result = cli("plugins", "check", stale)
    assert result.code == 1
    assert "error: state VT (stale): unverified for over a year: verified 2026-11-01" in result.out
    monkeypatch.setenv("CREDTRACK_TODAY", "2027-10-31")
    assert cli("plugins", "check", stale).code == 0  # placeholder sources: warnings only
    no_month = tmp_path / "no_month.py"
    no_month.write_text(GOOD.replace("month=3, day=31, ", ""))
    assert ("error: state VT (no_month): renewal rule: cannot compute a date: a fixed-date rule "
            "needs a month 1-12") in cli("plugins", "check", no_month).out
    typo = tmp_path / "typo.py"
    typo.write_text("from credtrack import hookimpl\n@hookimpl\ndef credtrack_statez():\n"
                    "    return []\n")
    result = cli("plugins", "check", typo)
    assert result.code == 1 and result.out.startswith("error: plugin typo (typo): ")
    assert "credtrack_statez" in result.out
    broken = tmp_path / "broken.py"
    broken.write_text("import no_such_module_here\n")
    result = cli("plugins", "check", broken)
    assert result.code == 1
    assert result.out.strip() == ("error: plugin broken (broken): cannot be loaded: "
                                  "ModuleNotFoundError: No module named 'no_such_module_here'")


def test_check_names_the_plugin_a_duplicate_collides_with(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "")
    d = tmp_path / "plugs"
    d.mkdir()
    (d / "one.py").write_text(GOOD)
    (d / "two.py").write_text(GOOD.replace("month=3", "month=4"))
    result = cli("--plugins-dir", d, "plugins", "check", d / "two.py")
    assert result.code == 1
    assert (f"error: state VT (two): also provided by 'one' (directory, {d / 'one.py'}): two "
            "plugins at one priority cannot provide the same state") in result.out.splitlines()
    assert "'one'" in result.err and "'two'" in result.err  # the registry's own error
    diff = cli("--plugins-dir", d, "states", "diff").out
    assert "VT: two (directory" in diff  # one of them is kept, the error names both
    assert "conflict: one (directory) provides it too at the same priority" in diff


def test_check_a_bundled_module_by_path(cli, monkeypatch):
    ash = ROOT / "plugins" / "payers" / "credtrack_payers" / "ash.py"  # relative imports
    assert cli("plugins", "check", ash).out == f"ok: {ash}: no problems\n"
    monkeypatch.setenv("CREDTRACK_TODAY", "2028-01-01")
    stale = cli("plugins", "check", ash)
    assert stale.code == 1
    assert stale.out.startswith("error: payer ash (credtrack_payers): unverified for over a year")


def test_check_by_name_and_bad_targets(cli, tmp_path):
    ok = cli("plugins", "check", "credtrack_payers")
    assert ok.code == 0 and ok.out == "ok: credtrack_payers: no problems\n"
    assert cli("plugins", "check", "credtrack-states").code == 0
    assert_clean_error(cli("plugins", "check", "no-such-plugin"), 2)
    (tmp_path / "notes.txt").write_text("x")
    assert_clean_error(cli("plugins", "check", tmp_path / "notes.txt"), 2)
    assert_clean_error(cli("plugins", "check", tmp_path), 2)  # a folder with no modules


def test_priorities_bundled_entry_point_directory_in_states_diff(tmp_path, home):
    """Entry point over bundled, plugins directory over both; diff is against the bundled."""
    site = tmp_path / "site"
    make_dist(site, "credtrack_vt_local", GOOD)
    plugdir = home / "plugins"
    plugdir.mkdir(parents=True)
    (plugdir / "vt_fix.py").write_text(GOOD.replace("month=3, day=31", "month=4, day=30"))
    env = {"PYTHONPATH": str(site), "CREDTRACK_DISABLE_PLUGINS": "", "CREDTRACK_HOME": str(home)}
    proc = run_process("states", "diff", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    [vt] = json.loads(proc.stdout)
    assert (vt["code"], vt["plugin"], vt["origin"]) == ("VT", "vt_fix", "directory")
    assert [(o["plugin"], o["origin"]) for o in vt["overrides"]] == [
        ("credtrack_vt_local", "entry-point"), ("credtrack_states", "bundled")]
    changes = {c["field"]: (c["bundled"], c["winner"]) for c in vt["changes"]}
    assert changes["renewal.basis"] == ("unknown", "fixed-date")
    assert changes["renewal.month"] == (None, 4)
    checked = run_process("plugins", "check", "credtrack_vt_local", env=env)
    assert checked.returncode == 0
    assert ("warning: state VT (credtrack_vt_local): overridden by 'vt_fix' (directory, "
            f"{plugdir / 'vt_fix.py'}): these rules are not used") in checked.stdout


# -- real installs into a fresh virtual environment -----------------------------------------------

@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A new venv with credtrack installed in it from this checkout (a wheel hatchling builds,
    with its console script). Its dependencies, pytest and hatchling come from this venv
    through a .pth file, so everything installs for real and offline."""
    root = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root / "env")],
                   check=True, timeout=120)
    python = root / "env" / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True).stdout
    ours = sysconfig.get_paths()["purelib"]
    Path(site.strip(), "_credtrack_test_parent.pth").write_text(
        f"import site; site.addsitedir({ours!r})\n")
    pip_install(python, ROOT)
    return python


def pip_install(python: Path, project: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                           "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
                           str(project)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]


def in_venv(python: Path, home: Path, *args: str, cwd: Path | None = None):
    """Run a program of the venv (``credtrack``, ``python``) with a fresh data dir."""
    env = {**os.environ, "CREDTRACK_HOME": str(home), "CREDTRACK_DISABLE_PLUGINS": ""}
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(python.parent / args[0]), *args[1:]], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300)


def test_the_venv_runs_its_own_credtrack(venv, tmp_path):
    where = in_venv(venv, tmp_path, "python", "-c", "import credtrack, credtrack.testing; "
                    "print(credtrack.__file__)")
    assert where.stdout.startswith(str(venv.parent.parent)), where.stdout + where.stderr


def test_scaffolded_package_installs_and_credtrack_lists_it(venv, cli, tmp_path):
    made = cli("plugins", "new", "payer", "acme-health", "--package", "--dir", tmp_path)
    assert made.code == 0, made.err
    project = tmp_path / "credtrack-acme-health"
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file()) == [
        "README.md", "pyproject.toml", "src/credtrack_acme_health/__init__.py",
        "tests/test_acme_health.py"]
    pip_install(venv, project)
    home = tmp_path / "data"
    listed = in_venv(venv, home, "credtrack", "payers", "--json")
    assert listed.returncode == 0, listed.stderr
    payers = {p["id"]: p for p in json.loads(listed.stdout)}
    assert payers["acme-health"]["plugin"] == "acme-health"
    assert payers["acme-health"]["plugin_origin"] == "entry-point"
    plugins = {p["name"]: p for p in json.loads(
        in_venv(venv, home, "credtrack", "plugins", "list", "--json").stdout)}
    assert (plugins["acme-health"]["location"], plugins["acme-health"]["version"]) == (
        "credtrack-acme-health", "0.1.0")
    tests = in_venv(venv, home, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "tests", cwd=project)
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert "2 passed" in tests.stdout
    checked = in_venv(venv, home, "credtrack", "plugins", "check", "credtrack-acme-health")
    assert checked.returncode == 0 and "warning: payer acme-health" in checked.stdout
    assert in_venv(venv, home, "credtrack", "plugins", "check", "--strict",
                   str(project)).returncode == 1


def test_example_package_installs_and_works_through_its_entry_point(venv, tmp_path):
    project = tmp_path / "example"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    pip_install(venv, project)
    home = tmp_path / "data"
    payers = {p["id"]: p for p in json.loads(
        in_venv(venv, home, "credtrack", "payers", "--json").stdout)}
    example = payers["example-health"]
    assert (example["plugin"], example["plugin_origin"]) == ("example-health", "entry-point")
    assert example["caqh_required"] is True
    for args in (("init", "--name", "Dana Reyes"),
                 ("license", "add", "--state", "FL", "--number", "MA43221", "--expires",
                  "2027-08-31")):
        done = in_venv(venv, home, "credtrack", *args)
        assert done.returncode == 0, done.stderr
    applied = in_venv(venv, home, "credtrack", "apply", "example-health", "--json")
    assert applied.returncode == 0, applied.stderr
    app_id = json.loads(applied.stdout)["id"]
    shown = json.loads(in_venv(venv, home, "credtrack", "app", "show", app_id,
                               "--json").stdout)
    assert shown["payer"] == "example-health"
    assert [i["kind"] for i in shown["checklist"]][:3] == ["license", "liability-coi", "w9"]
    tests = in_venv(venv, home, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "tests", cwd=project)
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert "3 passed" in tests.stdout
    checked = in_venv(venv, home, "credtrack", "plugins", "check",
                      "credtrack-example-payer")
    assert checked.returncode == 0, checked.stdout
    assert all(line.startswith("warning: payer example-health (example-health): placeholder")
               for line in checked.stdout.splitlines())
