"""Original Medicare enrollment: revalidation every 5 years, changes to report."""

from __future__ import annotations

import click

from credtrack.cli.common import DATE, emit_json, json_option, pass_ctx, provider_option
from credtrack.vocab import ENROLLMENT_CHANGES


@click.group()
def medicare():
    """Original Medicare enrollment (PTs; counselors since 2024-01-01)."""


@medicare.command("enroll")
@click.option("--date", "on", type=DATE, required=True, help="The enrollment's effective date.")
@click.option("--ptan", default="", help="The PTAN Medicare assigned.")
@click.option("--revalidated", type=DATE, default=None, help="The last revalidation, if any.")
@click.option("--due", type=DATE, default=None,
              help="The revalidation due date CMS posted (data.cms.gov).")
@provider_option
@json_option
@pass_ctx
def enroll(ctx, on, ptan, revalidated, due, provider_id, as_json):
    """Record the provider's Medicare enrollment."""
    e = ctx.app.enroll(provider_id, on, ptan, revalidated, due)
    emit_json(e.to_dict()) if as_json else click.echo(f"{e.id}  Medicare enrollment recorded")


@medicare.command("revalidated")
@click.option("--date", "on", type=DATE, required=True)
@click.option("--next-due", type=DATE, default=None, help="The next due date, if CMS gave one.")
@provider_option
@pass_ctx
def revalidated(ctx, on, next_due, provider_id):
    """Record a revalidation."""
    ctx.app.revalidated(provider_id, on, next_due)
    click.echo("revalidation recorded")


@medicare.command("change")
@click.option("--kind", type=click.Choice(ENROLLMENT_CHANGES), required=True)
@click.option("--date", "on", type=DATE, required=True, help="When the change happened.")
@click.option("--reported", type=DATE, default=None, help="When it was reported to Medicare.")
@provider_option
@pass_ctx
def change(ctx, kind, on, reported, provider_id):
    """Record a change Medicare must be told of (30 or 90 days)."""
    ctx.app.medicare_change(provider_id, kind, on, reported)
    click.echo("change recorded" + (" as reported" if reported else ""))


@medicare.command("show")
@provider_option
@json_option
@pass_ctx
def show(ctx, provider_id, as_json):
    """The enrollment and when it must be revalidated."""
    from credtrack.compliance.enrollments import revalidation_due

    found = [e for e in ctx.app.records(provider_id).enrollments if e.program == "medicare"]
    if as_json:
        emit_json([dict(e.to_dict(), revalidation=revalidation_due(e)[0].isoformat())
                   for e in found])
        return
    if not found:
        click.echo("no Medicare enrollment recorded ('credtrack medicare enroll --date D')")
    for e in found:
        due, rule, _ = revalidation_due(e)
        click.echo(f"{e.id}  enrolled {e.enrolled}  revalidate by {due}")
        click.echo(f"    rule: {rule}")
        for c in e.changes:
            click.echo(f"    change: {c['kind']} on {c['date']}"
                       + (f", reported {c['reported']}" if c.get("reported") else ", not reported"))


COMMANDS = (medicare,)
