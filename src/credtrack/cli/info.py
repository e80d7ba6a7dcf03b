"""states, payers, plugins and paths: what credtrack knows and where it keeps things."""

from __future__ import annotations

import dataclasses
from typing import Any

import click

from credtrack import paths
from credtrack.cli.common import STATE, emit_json, json_option, pass_ctx, table


def _jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: _jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(x) for x in obj]
    return obj


def state_dict(entry) -> dict:
    r = entry.rules
    d = _jsonable(r)
    d["licensed"] = r.licensed
    d["renewal"]["description"] = r.renewal.describe()
    d["plugin"] = entry.plugin.name
    d["plugin_origin"] = entry.plugin.origin
    return d


@click.group(invoke_without_command=True)
@json_option
@click.pass_context
def states(click_ctx, as_json):
    """The jurisdictions credtrack knows, and each one's rules ('states show XX')."""
    if click_ctx.invoked_subcommand is not None:
        return
    reg = click_ctx.find_object(_ctx_type()).app.registry
    if as_json:
        emit_json([state_dict(e) for e in reg.states.values()])
        return
    table([(e.key, e.rules.name, e.rules.regulation, e.rules.renewal.describe()[:60],
            "?" if e.rules.ce.hours is None else f"{e.rules.ce.hours:g}", e.rules.verified)
           for e in reg.states.values()],
          ("CODE", "NAME", "REGULATION", "RENEWAL", "CE H", "VERIFIED"))


def _ctx_type():
    from credtrack.cli.common import Ctx

    return Ctx


def _line(label: str, text: str, source: str = "", confidence: str = "") -> None:
    click.echo(f"{label}: {text}")
    extra = ", ".join(x for x in (confidence and f"confidence {confidence}",
                                  source and f"source {source}") if x)
    if extra:
        click.echo(f"    ({extra})")


@states.command("show")
@click.argument("code", type=STATE)
@json_option
@pass_ctx
def states_show(ctx, code, as_json):
    """Every rule for one jurisdiction, with its source and verified date."""
    entry = ctx.app.registry.states.get(code)
    if entry is None:
        raise click.BadParameter(f"no plugin provides {code}", param_hint="CODE")
    if as_json:
        emit_json(state_dict(entry))
        return
    r = entry.rules
    click.echo(f"{r.name} ({r.code}) - {r.regulation.replace('-', ' ')}")
    if r.board:
        click.echo(f"Board: {r.board}" + (f" <{r.board_url}>" if r.board_url else ""))
    if r.credential:
        click.echo(f"Credential: {r.credential}")
    click.echo(f"Verified: {r.verified}   Plugin: {entry.plugin.name} ({entry.plugin.origin})")
    if r.licensed or r.regulation == "voluntary-certification":
        rn = r.renewal
        _line("Renewal", rn.describe(), rn.source, rn.confidence)
        if rn.submit_by:
            click.echo(f"    file by: {rn.submit_by.replace('-', ' ')} of expiry")
        if rn.grace_days:
            click.echo(f"    grace period: {rn.grace_days} days")
        if rn.note:
            click.echo(f"    note: {rn.note}")
        ce = r.ce
        hours = "unknown" if ce.hours is None else f"{ce.hours:g} hours per cycle"
        _line("CE", ce.text or hours, ce.source, ce.confidence)
        for s in ce.subjects:
            amount = "a course" if s.hours is None else f"{s.hours:g} h"
            flags = [w for w, on in (("separate from the total", not s.counts_toward_total),
                                     ("first renewal only", s.only_first_period),
                                     ("one time", not s.every_renewal)) if on]
            click.echo(f"    - {s.subject}: {amount}" + (f" ({', '.join(flags)})" if flags else "")
                       + (f" - {s.note}" if s.note else ""))
        for cap in ce.caps:
            click.echo(f"    - cap: {cap.describe()}" + (f" - {cap.note}" if cap.note else ""))
        if ce.min_in_person_hours:
            click.echo(f"    - at least {ce.min_in_person_hours:g} h in person")
        if ce.first_period != "full":
            click.echo(f"    - first renewal: {ce.first_period}")
        for t in ce.tiers:
            click.echo(f"    - after {t.years_in_practice} years in practice: {t.hours:g} h")
        if ce.carry_over_max:
            click.echo(f"    - carry-over: up to {ce.carry_over_max:g} h")
        if ce.note:
            click.echo(f"    note: {ce.note}")
    lm = r.liability
    if lm.required is None:
        ins = "unknown"
    elif lm.required:
        limits = f" (${lm.per_claim:,} / ${lm.aggregate:,})" if lm.per_claim and lm.aggregate else ""
        ins = "required" + limits
    else:
        ins = "not required"
    _line("Liability insurance", ins + (f" - {lm.text}" if lm.text else ""), lm.source,
          lm.confidence)
    if r.license_number_pattern:
        _line("License number", f"pattern {r.license_number_pattern}"
              + (f", e.g. {r.license_number_example}" if r.license_number_example else ""),
              confidence=r.license_number_confidence)
    for req in r.other_requirements:
        click.echo(f"Also: {req}")
    if r.notes:
        click.echo(f"Notes: {r.notes}")
    click.echo("Sources:")
    for s in r.sources:
        click.echo(f"  {s}")


@click.group()
def plugins():
    """Plugins: what is loaded, from where, and what failed."""


@plugins.command("list")
@json_option
@pass_ctx
def plugins_list(ctx, as_json):
    """List plugins (bundled, installed, local directory) and load errors."""
    host = ctx.app.host
    infos = host.infos
    if as_json:
        emit_json([i.to_dict() for i in infos])
        return
    table([(i.name, i.origin, i.version, ", ".join(h.removeprefix("credtrack_") for h in i.hooks),
            ("FAILED: " + i.error) if i.error else "ok") for i in infos],
          ("NAME", "ORIGIN", "VERSION", "HOOKS", "STATUS"))


@click.command("paths")
@json_option
@pass_ctx
def paths_cmd(ctx, as_json):
    """Where credtrack keeps its data, vault, backups and plugins."""
    app = ctx.app
    info = paths.describe(app.root, app.plugins_path)
    if as_json:
        emit_json(info)
    else:
        for k, v in info.items():
            click.echo(f"{k:>10}: {v}")


COMMANDS = (states, plugins, paths_cmd)
