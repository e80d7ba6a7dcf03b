"""report: the practice report as an XLSX workbook or a PDF."""

from __future__ import annotations

from pathlib import Path

import click

from credtrack.cli.common import STATE, PathType, as_of_option, pass_ctx, today


@click.command("report")
@click.option("-o", "--output", "output", required=True, metavar="FILE",
              type=PathType(dir_okay=False, path_type=Path),
              help="FILE.xlsx (one sheet per view) or FILE.pdf (each view starts a page).")
@as_of_option
@click.option("--provider", "providers", metavar="ID", multiple=True,
              help="Only this provider (repeatable).")
@click.option("--state", "states", metavar="XX", multiple=True, type=STATE,
              help="Only this state's licenses, applications and items (repeatable).")
@click.option("--payer", "payers", metavar="PAYER", multiple=True,
              help="Only applications to this payer and their items (repeatable).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@pass_ctx
def report(ctx, output, as_of, providers, states, payers, force):
    """The practice report for a meeting: licenses (providers x states), applications
    (providers x payers, with their dates), what is due in the next 90 days, and findings
    by severity. Written mode 0600 (it names providers and license states)."""
    from credtrack import report as R
    from credtrack.cli.status import _filter

    f = _filter(ctx, (), (), states, payers, providers)
    views = R.write(ctx.app, output, as_of or today(), f, force)
    click.echo(f"report written to {output}: " + ", ".join(
        f"{v.sheet} ({len(v.rows)} rows)" for v in views))


COMMANDS = (report,)
