"""undo and changes: the change log (credtrack.changelog) from the command line."""

from __future__ import annotations

import click

from credtrack.cli.common import emit_json, json_option, pass_ctx, table


def describe(change) -> str:
    """One change in words: the action and, per record, what happened to which fields (names
    only, never values)."""
    parts = []
    for r in change.records:
        what = {"add": "added", "remove": "removed"}.get(r.op) or \
            "changed " + ", ".join(r.fields)
        parts.append(f"{r.id} {what}")
    text = "; ".join(parts)
    return f"undid {change.undoes}: {text}" if change.undoes else text


@click.command()
@json_option
@pass_ctx
def undo(ctx, as_json):
    """Revert the last change (run again to go further back); logged as a change itself."""
    change, done = ctx.app.undo()
    if as_json:
        emit_json({"undone": change.summary(), "change": done.summary()})
        return
    click.echo(f"undone: {change.action} of {change.at} ({describe(change)})")


@click.command("changes")
@click.option("-n", "--limit", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="How many changes to show.")
@click.option("--provider", "provider_id", metavar="ID", help="Only this provider's changes.")
@json_option
@pass_ctx
def history(ctx, limit, provider_id, as_json):
    """The last changes 'undo' can revert, newest first: when, who, what (field names, never
    their values). 'credtrack history' is the audit log of every store."""
    changes = ctx.app.history(limit, provider_id)
    if as_json:
        emit_json([c.summary() for c in changes])
        return
    if not changes:
        click.echo("no changes recorded yet")
        return
    table([(c.at.replace("T", " ").rstrip("Z"), c.who, c.provider, c.action, describe(c))
           for c in changes], ("WHEN (UTC)", "WHO", "PROVIDER", "ACTION", "WHAT"))


COMMANDS = (undo, history)
