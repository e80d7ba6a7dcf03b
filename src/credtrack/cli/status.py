"""status and due: every deadline and finding, soonest first."""

from __future__ import annotations

import click

from credtrack.cli.actions import command_for
from credtrack.cli.common import (
    STATE, WITHIN, as_of_option, complete_providers, emit_json, json_option, pass_ctx, today,
)
from credtrack.errors import BadInput
from credtrack.vocab import FAIL_ON, SEVERITIES

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


def filter_options(f):
    """--kind/--severity/--state/--payer/--provider (repeatable) and --fail-on."""
    for opt in reversed([
        click.option("--provider", "providers", metavar="ID", multiple=True,
                     help="Only this provider (repeatable).",
                     shell_complete=complete_providers),
        click.option("--kind", "kinds", metavar="KIND", multiple=True,
                     help="Only this kind: a record kind (license, document, ce, application, "
                     "...), a deadline kind (license-renewal, ...) or a finding code "
                     "(repeatable)."),
        click.option("--severity", "severities", multiple=True,
                     type=click.Choice(SEVERITIES), help="Only findings of this severity "
                     "(deadlines are left out; repeatable)."),
        click.option("--state", "states", metavar="XX", multiple=True, type=STATE,
                     help="Only items about a record in this state (repeatable)."),
        click.option("--payer", "payers", metavar="PAYER", multiple=True,
                     help="Only items about an application to this payer (repeatable)."),
        click.option("--fail-on", "fail_on", multiple=True, type=click.Choice(FAIL_ON),
                     help="Exit with status 3 when any item shown is an error finding "
                     "(error), a warning or error (warning), or an overdue deadline (overdue); "
                     "repeatable."),
    ]):
        f = opt(f)
    return f


def _filter(ctx, kinds, severities, states, payers, providers):
    """The Filter the options ask for; None when they ask for none (everything is shown)."""
    if not (kinds or severities or states or payers or providers):
        return None
    from credtrack.filters import Filter

    if payers:
        known = ctx.app.payers()
        for p in payers:
            if p not in known:
                raise BadInput(f"unknown payer {p[:40]!r} (see 'credtrack payers')")
    for k in kinds:
        _check_kind(k)
    return Filter(tuple(kinds), tuple(severities), tuple(states), tuple(payers),
                  tuple(providers))


def _check_kind(word: str) -> None:
    """A --kind that is close to a record or deadline kind but not one is likely a typo
    (it would match nothing, and --fail-on would pass): say so. Finding codes are accepted
    as they are (plugins add their own)."""
    import difflib
    import re

    from credtrack.filters import known_kinds

    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{0,60}", word):
        raise BadInput("--kind takes a word such as license, ce-due or license-expired")
    known = known_kinds()
    if word in known:
        return
    near = difflib.get_close_matches(word, known, n=1, cutoff=0.8)
    if near:
        click.echo(f"credtrack: warning: --kind {word} is not a record or deadline kind; did "
                   f"you mean {near[0]}? (finding codes are taken as given)", err=True)


def _finish(report, as_json: bool, fail_on, show_findings: bool = True) -> None:
    emit_json(report.to_dict()) if as_json else _print(report, show_findings)
    if fail_on:
        from credtrack.filters import failing

        met = failing(report, fail_on)
        if met:
            click.echo(f"credtrack: --fail-on {', '.join(met)}: matched", err=True)
            raise click.exceptions.Exit(3)


FAIL_HELP = "\n\nExit status: 0, or 3 with --fail-on when an item shown matches; 2 for bad input."


@click.command(epilog=FAIL_HELP)
@as_of_option
@click.option("--all", "everyone", is_flag=True, help="Every provider in the practice.")
@filter_options
@json_option
@pass_ctx
def status(ctx, as_of, everyone, kinds, severities, states, payers, providers, fail_on,
           as_json):
    """All deadlines and findings, soonest first, each with its rule and source.

    Filters narrow what is shown; --fail-on makes the exit status say whether anything
    shown needs attention (for scripts and cron), e.g. 'credtrack status --all --fail-on
    overdue'.
    """
    f = _filter(ctx, kinds, severities, states, payers, providers)
    report = ctx.app.report(as_of or today(), None, everyone, f)
    _finish(report, as_json, fail_on)


@click.command(epilog=FAIL_HELP)
@click.option("--within", type=WITHIN, default="90d", show_default=True,
              help="How far ahead: 30d, 12w, 6m, 1y.")
@as_of_option
@click.option("--all", "everyone", is_flag=True, help="Every provider in the practice.")
@filter_options
@json_option
@pass_ctx
def due(ctx, within, as_of, everyone, kinds, severities, states, payers, providers, fail_on,
        as_json):
    """Deadlines due (or overdue) within a span, and the findings behind them.

    Takes the same filters and --fail-on as 'credtrack status'.
    """
    f = _filter(ctx, kinds, severities, states, payers, providers)
    start = as_of or today()
    report = ctx.app.due(start, 0, None, everyone, until=within.end(start), filter=f)
    _finish(report, as_json, fail_on)


COMMANDS = (status, due)
