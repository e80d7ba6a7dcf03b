"""Issue 2: the core CLI, validation and the one error path."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import click
import pytest

from conftest import BIN, assert_clean_error, run_process

HEAVY = ("textual", "weasyprint", "pypdf", "icalendar", "openpyxl", "caldav", "keyring")

# the CLI contract, end to end: every test using `cli` runs once per store (conftest)
PER_STORE = True


# what a command leaves in sys.modules when it exits (importlib.import_module included, which
# -X importtime does not report)
SHOW_MODULES = ("import atexit, sys\n"
                "atexit.register(lambda: sys.stderr.write('MODULES ' + ' '.join(sys.modules)))\n"
                "from credtrack.cli import main\n"
                "main(sys.argv[1:])\n")


def loaded_modules(*args: str, env: dict) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", SHOW_MODULES, *args],
                          capture_output=True, text=True, env={**os.environ, **env}, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return set(proc.stderr.rpartition("MODULES ")[2].split())


def imported_modules(*args: str, env: dict) -> set[str]:
    return {name.split(".")[0] for name in loaded_modules(*args, env=env)}


def test_help_and_status_import_no_heavy_module(home, cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "FL", "--issued", "2025-10-01")
    for args in (("--help",), ("status",), ("status", "--json")):
        mods = imported_modules(*args, env={"CREDTRACK_HOME": str(home)})
        assert "credtrack" in mods and "click" in mods
        assert not (mods & set(HEAVY)), (args, mods & set(HEAVY))


def test_a_command_imports_only_its_own_command_module(home, cli):
    cli("init", "--name", "Dana Reyes")
    mods = loaded_modules("status", "--json", env={"CREDTRACK_HOME": str(home)})
    commands = {m for m in mods if m.startswith("credtrack.cli.")}
    assert "credtrack.cli.status" in commands
    assert not commands & {"credtrack.cli.apps", "credtrack.cli.cases", "credtrack.cli.ical",
                           "credtrack.cli.records", "credtrack.cli.data"}, commands


def test_the_command_table_names_every_command_of_every_module():
    """COMMAND_MODULES (what the root imports for a command) and the modules' COMMANDS agree:
    each command is found in the module the table names, and no module has one it lacks."""
    import importlib
    import pkgutil

    import credtrack.cli as root

    declared = {}
    for info in pkgutil.iter_modules(root.__path__):
        module = importlib.import_module(f"credtrack.cli.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            if isinstance(command, click.Command):
                declared[command.name] = info.name
    assert declared == root.COMMAND_MODULES
    assert sorted(root.cli.all_commands()) == sorted(declared)


def test_help_lists_the_commands():
    proc = run_process("--help")
    assert proc.returncode == 0
    for command in ("init", "provider", "license", "doc", "ce", "status", "due", "states",
                    "plugins", "paths", "export", "import", "demo"):
        assert f"  {command} " in proc.stdout, command


def test_init_valid_and_invalid_npi(cli):
    ok = cli("init", "--name", "Dana Reyes", "--npi", "1234567893")
    assert ok.code == 0 and "dana-reyes" in ok.out
    bad = cli("init", "--name", "Dana Reyes", "--npi", "1234567890")
    assert_clean_error(bad, 2)
    assert "check digit" in bad.err
    assert "1234567890" not in bad.err  # identifiers are not echoed back
    shown = cli("provider", "show", "--json").json()
    assert shown["npi"] == "1234567893"


@pytest.mark.parametrize("args,needle", [
    (("license", "add", "--state", "FL", "--issued", "2026-02-30"), "does not exist"),
    (("license", "add", "--state", "FLA"), "did you mean FL"),
    (("license", "add", "--state", "Texas"), "did you mean TX"),
    (("ce", "add", "--hours", "0", "--subject", "ethics", "--completed", "2026-01-01"), "more than 0"),
    (("ce", "add", "--hours", "2", "--subject", "ethic", "--completed", "2026-01-01"), "ethics"),
    (("doc", "add", "w9", "/nonexistent/file.pdf"), "no such file"),
    (("doc", "add", "passport", "/etc/hostname"), "unknown document kind"),
    (("init", "--name", "X", "--tin", "12-34"), "TIN must be 9 digits"),
    (("license", "edit", "lic-nope", "--number", "1"), "no license with id"),
])
def test_bad_input_is_one_line_exit_2(cli, args, needle):
    cli("init", "--name", "Dana Reyes")
    before = cli("export", "-").json()
    result = cli(*args)
    assert_clean_error(result, 2)
    assert needle in result.err
    assert cli("export", "-").json() == before  # nothing saved, nothing lost


def test_tin_is_masked_everywhere_but_export(cli):
    cli("init", "--name", "Dana Reyes", "--tin", "123-45-6789")
    for args in (("provider", "show"), ("provider", "show", "--json"), ("provider", "list", "--json")):
        assert "123456789" not in cli(*args).out
    assert "*****6789" in cli("provider", "show").out
    exported = cli("export", "-").json()
    assert exported["providers"][0]["provider"]["tin"] == "123456789"


def test_no_provider_yet_is_a_clear_error(cli):
    result = cli("license", "add", "--state", "FL")
    assert_clean_error(result, 2)
    assert "credtrack init" in result.err


def test_several_providers_and_use(cli):
    cli("init", "--name", "Dana Reyes")
    cli("provider", "add", "--name", "Sam Okafor")
    listed = cli("provider", "list", "--json").json()
    assert [p["id"] for p in listed] == ["dana-reyes", "sam-okafor"]
    assert [p["current"] for p in listed] == [True, False]
    cli("provider", "use", "sam-okafor")
    cli("license", "add", "--state", "TX", "--issued", "2025-04-15")
    assert cli("license", "list", "--json").json()[0]["state"] == "TX"
    assert cli("license", "list", "--provider", "dana-reyes", "--json").json() == []


def test_unknown_error_has_no_traceback_unless_debug(cli, monkeypatch):
    from credtrack.service import Credtrack

    cli("init", "--name", "Dana Reyes")

    def boom(*a, **k):
        raise RuntimeError("secret 123-45-6789")

    monkeypatch.setattr(Credtrack, "report", boom)
    result = cli("status")
    assert result.code == 1
    assert result.err.strip() == ("credtrack: internal error: RuntimeError "
                                  "(run again with CREDTRACK_DEBUG=1 for details)")
    monkeypatch.setenv("CREDTRACK_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli("status")


def test_export_import_roundtrip(cli, tmp_path, switch_store):
    cli("init", "--name", "Dana Reyes", "--tin", "123456789")
    cli("license", "add", "--state", "FL", "--number", "MA43221", "--issued", "2025-10-01")
    cli("ce", "add", "--hours", "2", "--subject", "ethics", "--completed", "2026-01-10")
    out = tmp_path / "backup.json"
    assert cli("export", out).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    switch_store("other")
    result = cli("import", out)
    assert result.code == 0, result.err
    assert cli("license", "list", "--json").json()[0]["number"] == "MA43221"
    assert cli("ce", "list", "--json").json()[0]["hours"] == 2
    again = cli("import", out)
    assert_clean_error(again, 1)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert_clean_error(cli("import", bad), 2)


def test_paths_command(cli, home):
    info = cli("paths", "--json").json()
    assert info["data_dir"] == str(home)
    assert info["plugins"] == str(home / "plugins")


def test_demo_seeds_a_throwaway_practice_and_prints_status(tmp_path):
    proc = run_process("demo", "--no-tui", env={"CREDTRACK_TODAY": "2026-11-22"})
    assert proc.returncode == 0, proc.stderr
    assert "Renew Florida license" in proc.stdout
    assert "Texas" in proc.stdout and "human-trafficking" in proc.stdout
    assert BIN.exists()
