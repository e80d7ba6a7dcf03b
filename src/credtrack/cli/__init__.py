"""The credtrack command line: ``credtrack`` alone opens the TUI; every action has a command."""

from __future__ import annotations

import importlib
import os
import sys

import click

from credtrack import __version__
from credtrack.cli.common import Ctx, interactive as _interactive
from credtrack.errors import CredtrackError


def _unlock_first(obj: Ctx) -> None:
    """An encrypted data dir answers a missing or wrong passphrase first (exit 1), as the desk
    would before it starts."""
    from credtrack import crypto, paths

    if crypto.keyfile(paths.data_dir(obj.data_dir)) is not None:
        obj.app.store.unlock()


# The module of each top-level command: running one command imports only its own module
# (click's "lazily loading subcommands"); --help and completion import them all.
# tests/test_cli_basics.py checks this table against every module's COMMANDS.
COMMAND_MODULES = {
    "app": "apps", "apply": "apps", "followup": "apps", "payers": "apps",
    "auth": "cases", "case": "cases", "claim": "cases", "ncci": "cases", "superbill": "cases",
    "visit": "cases", "undo": "changes", "changes": "changes", "check": "check",
    "config": "config_cmd", "backup": "data", "demo": "data", "export": "data",
    "import": "data", "restore": "data", "doctor": "doctor", "encryption": "doctor",
    "ical": "ical", "paths": "info", "plugins": "info", "states": "info", "packet": "packet",
    "medicare": "programs", "init": "providers", "provider": "providers", "caqh": "records",
    "ce": "records", "doc": "records", "license": "records", "list": "records",
    "report": "report", "roster": "roster", "screen": "screen", "due": "status",
    "status": "status", "history": "store", "store": "store", "reference": "work",
    "work": "work",
}


class Root(click.Group):
    def list_commands(self, ctx):
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx, name):
        if name not in self.commands and name in COMMAND_MODULES:
            module = importlib.import_module(f"credtrack.cli.{COMMAND_MODULES[name]}")
            for command in module.COMMANDS:
                self.commands.setdefault(command.name, command)
        return self.commands.get(name)

    def all_commands(self) -> dict[str, click.Command]:
        """Every top-level command by name (imports every command module)."""
        return {name: self.get_command(None, name) for name in self.list_commands(None)}


@click.group(cls=Root, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--data-dir", metavar="DIR", envvar="CREDTRACK_HOME", show_envvar=True,
              help="Where credtrack keeps its data (default: the platform's user data dir).")
@click.option("--plugins-dir", metavar="DIR", help="Load local plugins from DIR "
              "(default: <data dir>/plugins).")
@click.option("--store", metavar="URL", envvar="CREDTRACK_STORE", show_envvar=True,
              help="Keep the records in this store: a postgresql:// URL (default: the config "
              "file's [store] url, else the data dir).")
@click.version_option(__version__, prog_name="credtrack")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, plugins_dir: str | None,
        store: str | None) -> None:
    """Track state licenses, CE, documents and insurance credentialing, on your machine.

    Run without a command to open the credentialing desk (the TUI).
    """
    ctx.obj = Ctx(data_dir, plugins_dir, store)
    if ctx.invoked_subcommand is None:
        if not _interactive():  # the desk needs a terminal: say so and stop, never hang
            _unlock_first(ctx.obj)
            click.echo("Usage: credtrack [OPTIONS] COMMAND [ARGS]...  (the desk needs a "
                       "terminal; 'credtrack --help' lists the commands)", err=True)
            sys.exit(2)
        from credtrack.cli.tui_cmd import open_tui

        open_tui(ctx.obj)



def main(argv: list[str] | None = None) -> None:
    """Console entry point: one error path, one line on stderr, exit 2 for bad input."""
    debug = os.environ.get("CREDTRACK_DEBUG", "") not in ("", "0")
    try:
        code = cli.main(args=argv, prog_name="credtrack", standalone_mode=False)
        if isinstance(code, int) and code:  # a command's click Exit (standalone_mode=False
            sys.exit(code)  # returns it instead of exiting)
    except click.exceptions.Abort:
        click.echo("credtrack: aborted", err=True)
        sys.exit(1)
    except click.UsageError as exc:
        where = f" (see 'credtrack {exc.ctx.command_path.partition(' ')[2]} --help')".replace(
            "credtrack  --help", "credtrack --help") if exc.ctx else ""
        message = " ".join(line.strip() for line in exc.format_message().splitlines()
                           if line.strip())  # click words some messages over several lines
        click.echo(f"credtrack: error: {message}{where}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"credtrack: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except CredtrackError as exc:
        if debug:
            raise
        click.echo(f"credtrack: error: {exc.message}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("credtrack: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the last line of defence: never a traceback unless asked
        if debug:
            raise
        click.echo(f"credtrack: internal error: {type(exc).__name__} "
                   "(run again with CREDTRACK_DEBUG=1 for details)", err=True)
        sys.exit(1)
