"""roster export | template | import: the practice in a spreadsheet (XLSX or CSV)."""

from __future__ import annotations

from pathlib import Path

import click

from credtrack.cli.common import PathType, emit_json, json_option, pass_ctx

FILE = PathType(dir_okay=False, path_type=Path)


@click.group()
def roster():
    """The practice roster in a spreadsheet: providers with their licenses, documents'
    details (not the files), CE and applications.

    FILE is an .xlsx workbook (one sheet each: Providers, Licenses, Documents, CE,
    Applications) or a .csv file holding the providers, with NAME.licenses.csv,
    NAME.documents.csv, NAME.ce.csv and NAME.applications.csv beside it.
    """


@roster.command("template")
@click.argument("file", type=FILE)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@pass_ctx
def template(ctx, file, force):
    """Write an empty roster: the headers, drop-down lists for states, document kinds, CE
    subjects, statuses and payers, and one example row per sheet (delete it)."""
    from credtrack import roster as R

    written = R.write(ctx.app, file, template=True, force=force)
    click.echo(f"template written to {', '.join(str(p) for p in written)}")


@roster.command("export")
@click.argument("file", type=FILE)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@pass_ctx
def export(ctx, file, force):
    """Write the whole practice as a roster (mode 0600: it holds birth dates and license
    numbers)."""
    from credtrack import roster as R

    written = R.write(ctx.app, file, force=force)
    click.echo(f"{len(ctx.app.store.entries())} provider(s) written to "
               f"{', '.join(str(p) for p in written)}")


@roster.command("import")
@click.argument("file", type=FILE)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@json_option
@pass_ctx
def import_(ctx, file, dry_run, as_json):
    """Add and update providers and their records from a roster.

    Providers are matched by NPI, else by name and birth date; a blank cell changes
    nothing, so importing the same file again changes nothing. A bad cell stops the import
    with its sheet, row and column, and nothing is written.
    """
    from credtrack import roster as R

    plan = R.import_roster(ctx.app, file, dry_run=dry_run)
    if as_json:
        emit_json({"dry_run": dry_run, **plan.summary(), "changed": plan.changes})
        return
    for line in plan.changes:
        click.echo(("would " if dry_run else "") + line)
    s = plan.summary()
    if plan.empty:
        click.echo("nothing to change: the store already holds this roster")
    else:
        click.echo(f"{'would change' if dry_run else 'changed'}: {s['providers_added']} "
                   f"provider(s) added, {s['providers_changed']} updated, "
                   f"{s['changes']} change(s)")


COMMANDS = (roster,)
