"""export / import (whole database as JSON) and the demo."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from credtrack.cli.common import Ctx, PathType, pass_ctx, today
from credtrack.errors import BadInput

MAX_IMPORT = 512 * 2**20  # a practice of thousands exports to tens of MB


@click.command("export")
@click.argument("file", type=PathType(dir_okay=False, path_type=Path))
@pass_ctx
def export_cmd(ctx, file):
    """Write the whole database (every provider, unmasked) to FILE as JSON (mode 0600).

    The vault's files are not inside: back up the data dir's vault/ folder with it.
    """
    from credtrack.fsio import atomic_write_bytes

    data = json.dumps(ctx.app.export_data(), indent=2, sort_keys=True).encode()
    if str(file) == "-":
        click.echo(data.decode())
        return
    if file.parent and not file.parent.exists():
        raise BadInput(f"{file.parent}: no such directory")
    atomic_write_bytes(file, data)
    click.echo(f"exported {len(ctx.app.store.entries())} provider(s) to {file}")


@click.command("import")
@click.argument("file", type=PathType(dir_okay=False, path_type=Path))
@pass_ctx
def import_cmd(ctx, file):
    """Load providers from a JSON export into this data dir."""
    import stat

    try:
        st = os.stat(file)
        if not stat.S_ISREG(st.st_mode):
            raise BadInput(f"{file}: not a regular file")
        if st.st_size > MAX_IMPORT:
            raise BadInput(f"{file}: larger than {MAX_IMPORT // 2**20} MB; not a credtrack export")
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"{file}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BadInput(f"{file}: not a readable JSON export ({type(exc).__name__})") from None
    added = ctx.app.import_data(data)
    click.echo(f"imported {len(added)} provider(s): {', '.join(added)}")


@click.command()
@click.option("--keep", type=PathType(file_okay=False, path_type=Path),
              help="Seed this directory instead of a throwaway one.")
@click.option("--no-tui", is_flag=True, help="Print the status instead of opening the TUI.")
@click.pass_context
def demo(click_ctx, keep, no_tui):
    """Open credtrack on a realistic demo practice in a throwaway data dir."""
    from credtrack.demo import seed

    import tempfile

    parent: Ctx = click_ctx.obj
    root = keep or Path(tempfile.mkdtemp(prefix="credtrack-demo-"))
    if keep and (root / "practice.json").exists():
        raise BadInput(f"{root} already holds credtrack data; choose an empty directory")
    ctx = Ctx(str(root), parent.plugins_dir)
    seed(ctx.app, today())
    click.echo(f"demo practice seeded in {root}", err=True)
    os.environ["CREDTRACK_HOME"] = str(root)
    from credtrack.cli.tui_cmd import open_tui, tui_available

    if no_tui or not tui_available():
        from credtrack.cli.status import _print

        _print(ctx.app.report(today(), everyone=True))
        return
    open_tui(ctx)


COMMANDS = (export_cmd, import_cmd, demo)
