"""status and due: every deadline and finding, soonest first."""

from __future__ import annotations

import click

from credtrack.cli.actions import command_for
from credtrack.cli.common import complete_providers, WITHIN, as_of_option, emit_json, json_option, pass_ctx, today

MARK = {"error": "ERROR", "warning": "WARN ", "info": "info "}


def _print(report, show_findings: bool = True) -> None:
    click.echo(f"as of {report.as_of}")
    if report.deadlines:
        click.echo("\nDeadlines")
        for d in report.deadlines:
            flag = "OVERDUE " if d.overdue else ""
            click.echo(f"  {d.date}  {flag}{d.title}  [{d.kind}; {d.provider}/{d.subject}]")
            click.echo(f"              rule: {d.rule}")
            if d.source:
                click.echo(f"              source: {d.source}")
            if d.confidence != "confirmed":
                click.echo(f"              confidence: {d.confidence} (check it on the license "
                           "or with the board)")
    if show_findings and report.findings:
        click.echo("\nFindings")
        for f in report.findings:
            click.echo(f"  {MARK.get(f.severity, f.severity)} {f.code}: {f.message}")
            command = command_for(f.action)
            if command:
                click.echo(f"        run: {command}")
            if f.source:
                click.echo(f"        source: {f.source}")
            if f.confidence != "confirmed":
                click.echo(f"        confidence: {f.confidence}")
    if not report.deadlines and not (show_findings and report.findings):
        click.echo("nothing due")


@click.command()
@as_of_option
@click.option("--provider", "provider_id", metavar="ID", help="Only this provider.",
              shell_complete=complete_providers)
@click.option("--all", "everyone", is_flag=True, help="Every provider in the practice.")
@json_option
@pass_ctx
def status(ctx, as_of, provider_id, everyone, as_json):
    """All deadlines and findings, soonest first, each with its rule and source."""
    report = ctx.app.report(as_of or today(), provider_id, everyone)
    emit_json(report.to_dict()) if as_json else _print(report)


@click.command()
@click.option("--within", type=WITHIN, default="90d", show_default=True,
              help="How far ahead: 30d, 12w, 6m, 1y.")
@as_of_option
@click.option("--provider", "provider_id", metavar="ID", help="Only this provider.",
              shell_complete=complete_providers)
@click.option("--all", "everyone", is_flag=True, help="Every provider in the practice.")
@json_option
@pass_ctx
def due(ctx, within, as_of, provider_id, everyone, as_json):
    """Deadlines due (or overdue) within a span, and the findings behind them."""
    start = as_of or today()
    report = ctx.app.due(start, 0, provider_id, everyone, until=within.end(start))
    emit_json(report.to_dict()) if as_json else _print(report)


COMMANDS = (status, due)
