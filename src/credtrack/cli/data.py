"""export / import (whole database as JSON) and the demo."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from credtrack.cli.common import Ctx, PathType, pass_ctx, today
from credtrack.errors import BadInput

MAX_IMPORT = 512 * 2**20  # a practice of thousands exports to tens of MB


EXPORT_HEAD = b'{\n  "credtrack_export": 1'  # how every export begins (sorted keys)


@click.command("export")
@click.argument("file", type=PathType(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE even if it is not a credtrack export.")
@pass_ctx
def export_cmd(ctx, file, force):
    """Write the whole database (every provider, unmasked) to FILE as JSON (mode 0600).

    An existing FILE is replaced only if it is an earlier credtrack export (or with --force);
    a symbolic link is never written through. The vault's files are not inside: use
    'credtrack backup' for a copy that restores everything.
    """
    from credtrack.fsio import atomic_write_bytes, refuse_foreign

    if str(file) != "-":
        if file.parent and not file.parent.exists():
            raise BadInput(f"{file.parent}: no such directory")
        refuse_foreign(file, lambda head: head.startswith(EXPORT_HEAD), force, "export")
    data = json.dumps(ctx.app.export_data(), indent=2, sort_keys=True).encode()
    if str(file) == "-":
        click.echo(data.decode())
        return
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
        import orjson  # strict JSON: no NaN or Infinity, no lone surrogates, bounded nesting

        data = orjson.loads(file.read_bytes())
    except FileNotFoundError:
        raise BadInput(f"{file}: no such file") from None
    except (OSError, ValueError, RecursionError) as exc:
        import re

        # orjson says where (line, column) and what kind of problem, never the text there
        where = re.search(r"line \d+ column \d+", str(exc)) if isinstance(exc, ValueError) \
            else None
        why = f"invalid JSON at {where.group(0)}" if where else type(exc).__name__
        raise BadInput(f"{file}: not a readable JSON export ({why})") from None
    added = ctx.app.import_data(data)
    click.echo(f"imported {len(added)} provider(s): {', '.join(added)}")


@click.command("backup")
@click.argument("file", type=PathType(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE even if it is not a credtrack backup.")
@pass_ctx
def backup_cmd(ctx, file, force):
    """Write the whole data dir to one archive FILE (mode 0600): every provider's records and
    their backups, the document vault, the calendar state, the config and, with encryption
    on, the key file (the archive is then encrypted too). 'credtrack restore FILE' brings it
    back."""
    manifest = ctx.app.backup(file, force)
    n = manifest["providers"]
    click.echo(f"backed up {n} provider{'s' * (n != 1)} ({len(manifest['files'])} files"
               f"{', encrypted' if manifest['encrypted'] else ''}) to {file}")


@click.command("restore")
@click.argument("file", type=PathType(dir_okay=False, path_type=Path))
@pass_ctx
def restore_cmd(ctx, file):
    """Restore a 'credtrack backup' archive into this data dir, which must hold no practice
    yet. Every file is checked against the archive's sha256 list before anything is moved: a
    damaged or truncated archive is refused and nothing changes."""
    manifest = ctx.app.restore(file)
    n = manifest["providers"]
    click.echo(f"restored {n} provider{'s' * (n != 1)} ({len(manifest['files'])} files) into "
               f"{ctx.app.root}")


@click.command()
@click.option("--keep", type=PathType(file_okay=False, path_type=Path), is_flag=False,
              flag_value=Path(""), metavar="[DIR]",
              help="Keep the demo data: alone, keep the throwaway dir (its path is printed); "
                   "with DIR, seed DIR instead.")
@click.option("--no-tui", is_flag=True, help="Print the status instead of opening the TUI.")
@click.pass_context
def demo(click_ctx, keep, no_tui):
    """Open credtrack on a realistic demo practice in a throwaway data dir (removed when the
    desk closes, unless --keep)."""
    import shutil
    import tempfile

    from credtrack.demo import seed

    parent: Ctx = click_ctx.obj
    given = keep is not None and str(keep) not in ("", ".")
    root = keep if given else Path(tempfile.mkdtemp(prefix="credtrack-demo-"))
    if given and (root / "practice.json").exists():
        raise BadInput(f"{root} already holds credtrack data; choose an empty directory")
    try:
        ctx = Ctx(str(root), parent.plugins_dir, str(root))  # never the configured store
        seed(ctx.app, today())
        click.echo(f"demo practice seeded in {root}", err=True)
        os.environ["CREDTRACK_HOME"] = str(root)
        from credtrack.cli.common import interactive as _interactive
        from credtrack.cli.tui_cmd import open_tui, tui_available

        if no_tui or not tui_available() or not _interactive():
            from credtrack.cli.status import _print

            _print(ctx.app.report(today(), everyone=True))
        else:
            open_tui(ctx)
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
        else:
            click.echo(f"demo data kept in {root}", err=True)


COMMANDS = (export_cmd, import_cmd, backup_cmd, restore_cmd, demo)
