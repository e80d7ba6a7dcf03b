"""screen: exclusion screening against the OIG LEIE file (and a SAM.gov extract), with the
receipts an auditor asks for."""

from __future__ import annotations

from pathlib import Path

import click

from credtrack.cli.common import DATE, PathType, emit_json, json_option, pass_ctx, table
from credtrack.errors import BadInput

OUTCOMES = ("excluded", "possible-match", "cleared")


def receipt_dict(r) -> dict:
    d = r.to_dict()
    d["screened"] = len(r.providers)
    d.pop("providers")
    d["counts"] = {o: sum(1 for m in r.matches if m.get("outcome") == o) for o in OUTCOMES}
    return d


def print_receipt(r) -> None:
    """The receipt as an auditor reads it: when, which files (sha256, rows), who, what."""
    click.echo(f"Exclusion screening receipt {r.id}")
    click.echo(f"  date:             {r.date}")
    click.echo(f"  credtrack:        {r.version}")
    click.echo(f"  providers:        {len(r.providers)} screened")
    for s in r.sources:
        click.echo(f"  {s['list'].upper() + ' file:':<18}{s['file']}")
        click.echo(f"    sha256:         {s['sha256']}")
        click.echo(f"    rows:           {s['rows']} ({s.get('not_counted', 0)} reinstated or "
                   "ended, not counted)")
    counts = receipt_dict(r)["counts"]
    click.echo("  matches:          " + ", ".join(f"{counts[o]} {o}" for o in OUTCOMES))
    for m in r.matches:
        click.echo(f"    {m['outcome']:<15} {m['name']} ({m['provider']}): {m['list'].upper()} "
                   f"line {m['line']}; {m['reason']}")


@click.group(invoke_without_command=True)
@click.option("--leie", type=PathType(dir_okay=False, path_type=Path), metavar="FILE",
              help="The OIG LEIE download (UPDATED.csv).")
@click.option("--sam", type=PathType(dir_okay=False, path_type=Path), metavar="FILE",
              help="A SAM.gov exclusions extract (CSV).")
@click.option("--date", "on", type=DATE, help="The date of the run (default: today).")
@json_option
@click.pass_context
def screen(click_ctx, leie, sam, on, as_json):
    """Screen every provider against the exclusion lists and file a receipt.

    An NPI on the list is 'excluded' (an error); a name (or former name) with the same birth
    date, or none to compare, is a 'possible-match' (a warning: verify on the list's search
    page); a name with another birth date is cleared, with that reason in the receipt.
    Reinstated rows do not count. The next screening is due 30 days later.

    'credtrack screen receipt [ID]' prints a receipt; 'credtrack screen receipts' lists them.
    """
    if click_ctx.invoked_subcommand is not None:
        return
    if leie is None:
        raise click.UsageError("give the LEIE file with --leie FILE")
    app = click_ctx.obj.app
    r = app.screen(leie, sam, on)
    emit_json(receipt_dict(r)) if as_json else print_receipt(r)


@screen.command("receipts")
@json_option
@pass_ctx
def receipts(ctx, as_json):
    """List the screening receipts, newest first."""
    items = list(reversed(ctx.app.screenings()))
    if as_json:
        emit_json([receipt_dict(r) for r in items])
        return
    if not items:
        click.echo("no screening yet: run 'credtrack screen --leie UPDATED.csv'")
    table([(r.id, r.date, len(r.providers), ", ".join(s["file"] for s in r.sources),
            receipt_dict(r)["counts"]["excluded"], receipt_dict(r)["counts"]["possible-match"])
           for r in items], ("ID", "DATE", "SCREENED", "FILES", "EXCLUDED", "POSSIBLE"))


@screen.command("receipt")
@click.argument("receipt_id", required=False)
@json_option
@pass_ctx
def receipt(ctx, receipt_id, as_json):
    """Print one receipt (default: the latest)."""
    items = ctx.app.screenings()
    if receipt_id:
        items = [r for r in items if r.id == receipt_id]
    if not items:
        raise BadInput("no such screening receipt (see 'credtrack screen receipts')")
    r = items[-1]
    emit_json(receipt_dict(r)) if as_json else print_receipt(r)


COMMANDS = (screen,)
