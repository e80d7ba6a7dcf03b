"""check: cross-document consistency before a packet goes out."""

from __future__ import annotations

import click

from credtrack.cli.common import as_of_option, emit_json, json_option, pass_ctx, provider_option, today


@click.command("check")
@click.argument("app_id", required=False)
@as_of_option
@provider_option
@json_option
@pass_ctx
def check(ctx, app_id, as_of, provider_id, as_json):
    """Do the documents agree? Names (license, W-9, COI, CAQH, profile), the W-9's TIN, the
    COI's policy number and expiry vs the application, documents that expire during the
    payer's review, addresses. For APP_ID, or every open application. Exit 1 on an error."""
    from credtrack.cli.actions import command_for

    findings = ctx.app.consistency(provider_id, as_of or today(), app_id)
    if as_json:
        emit_json([f.to_dict() for f in findings])
    else:
        if not findings:
            click.echo("the documents agree: nothing to fix")
        for f in findings:
            todo = command_for(f.action)
            click.echo(f"{f.severity:<7} {f.code}: {f.message}" + (f"\n        fix: {todo}"
                                                                     if todo else ""))
    if any(f.severity == "error" for f in findings):
        raise SystemExit(1)


COMMANDS = (check,)
