"""states, plugins and paths: what credtrack knows and where it keeps things."""

from __future__ import annotations

import dataclasses
from typing import Any

import click

from credtrack import paths
from credtrack.cli.common import STATE, emit_json, json_option, pass_ctx, table
from credtrack.cli.plugins_cmd import plugins


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
    d["overall_confidence"] = r.overall_confidence
    d["renewal"]["description"] = r.renewal.describe()
    d["plugin"] = entry.plugin.name
    d["plugin_origin"] = entry.plugin.origin
    return d


@click.group(invoke_without_command=True)
@click.option("--profession", default="", metavar="NAME",
              help="Another profession's rules: pt, pta, lpc/lmhc (default: massage therapists).")
@json_option
@click.pass_context
def states(click_ctx, profession, as_json):
    """The jurisdictions credtrack knows, and each one's rules ('states show XX')."""
    if click_ctx.invoked_subcommand is not None:
        return
    from credtrack import validate as V

    kind = V.parse_profession(profession) if profession else "massage-therapist"
    reg = click_ctx.find_object(_ctx_type()).app.registry
    entries = [e for e in reg.states.values()
               if getattr(e.rules, "profession", "massage-therapist") == kind]
    if as_json:
        emit_json([state_dict(e) for e in entries])
        return
    table([(e.rules.code, e.rules.name, e.rules.regulation, e.rules.renewal.describe()[:60],
            "?" if e.rules.ce.hours is None else f"{e.rules.ce.hours:g}", e.rules.verified)
           for e in entries],
          ("CODE", "NAME", "REGULATION", "RENEWAL", "CE H", "VERIFIED"))


def _ctx_type():
    from credtrack.cli.common import Ctx

    return Ctx


def _line(label: str, text: str, source: str = "", confidence: str = "", fact: Any = None,
          rules: Any = None) -> None:
    click.echo(f"{label}: {text}")
    read, dated = rules.provenance(fact) if rules is not None and fact is not None else ("", "")
    extra = ", ".join(x for x in (confidence and f"confidence {confidence}",
                                  source and f"source {source}", read and f"read {read}",
                                  dated and f"source dated {dated}") if x)
    if extra:
        click.echo(f"    ({extra})")


def _show_ce(ce, rules) -> None:
    hours = "unknown" if ce.hours is None else f"{ce.hours:g} hours per cycle"
    _line("CE", ce.text or hours, ce.source, ce.confidence, ce, rules)
    if ce.conflict is not None:
        click.echo(f"    CONFLICT ({ce.conflict.fact}): " + " vs ".join(ce.conflict.values)
                   + " - credtrack picks none")
    for s in ce.subjects:
        amount = "a course" if s.hours is None else f"{s.hours:g} h"
        flags = [w for w, on in (("separate from the total", not s.counts_toward_total),
                                 ("first renewal only", s.only_first_period),
                                 ("one time", not s.every_renewal)) if on]
        if s.includes:
            flags.append("includes " + ", ".join(s.includes))
        click.echo(f"    - {s.subject}: {amount}" + (f" ({', '.join(flags)})" if flags else "")
                   + (f" - {s.note}" if s.note else "")
                   + (f" [{s.confidence}]" if s.confidence != "confirmed" else ""))
    for cap in ce.caps:
        click.echo(f"    - cap: {cap.describe()}" + (f" - {cap.note}" if cap.note else ""))
    if ce.min_in_person_hours:
        click.echo(f"    - at least {ce.min_in_person_hours:g} h in person")
    if ce.first_period != "full":
        click.echo(f"    - first renewal: {ce.first_period.replace('-', ' ')}"
                   + (f" ({ce.first_exempt_months} months)" if ce.first_exempt_months else ""))
        for row in ce.first_chart:
            click.echo(f"        {ce.chart_by} {row.first}-{row.last}: {row.hours:g} h"
                       + (f" ({row.note})" if row.note else ""))
    if ce.live_deliveries != ("in-person",):
        click.echo("    - live hours may be: " + ", ".join(ce.live_deliveries))
    for t in ce.tiers:
        click.echo(f"    - after {t.years_in_practice} years in practice: {t.hours:g} h")
    if ce.carry_over_max:
        limit = ("no cap stated" if ce.carry_over_max >= 1_000_000
                 else f"up to {ce.carry_over_max:g} h")
        share = (f" of {ce.carry_over_fraction:.0%} of the excess"
                 if ce.carry_over_fraction is not None else "")
        back = (f", from up to {ce.carry_over_periods} cycles back"
                if ce.carry_over_periods > 1 else "")
        click.echo(f"    - carry-over: {limit}{share}{back}")
    if ce.note:
        click.echo(f"    note: {ce.note}")


@states.command("show")
@click.argument("code", type=STATE)
@click.option("--profession", default="", metavar="NAME",
              help="Another profession's rules: pt, pta, lpc/lmhc (default: massage therapists).")
@json_option
@pass_ctx
def states_show(ctx, code, profession, as_json):
    """Every rule for one jurisdiction, with its source and verified date."""
    from credtrack import validate as V
    from credtrack.rules import state_key

    kind = V.parse_profession(profession) if profession else ""
    entry = ctx.app.registry.states.get(state_key(code, kind))
    if entry is None:
        raise click.BadParameter(f"no plugin provides {code}"
                                 + (f" for {kind.replace('-', ' ')}s" if kind else ""),
                                 param_hint="CODE")
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
    click.echo(f"Confidence: {r.overall_confidence} (the weakest of its facts)")
    if r.licensed or r.regulation == "voluntary-certification":
        rn = r.renewal
        _line("Renewal", rn.describe(), rn.source, rn.confidence, rn, r)
        if rn.submit_by:
            click.echo(f"    file by: {rn.submit_by.replace('-', ' ')} of expiry")
        if rn.grace_days:
            click.echo(f"    grace period: {rn.grace_days} days")
        if rn.note:
            click.echo(f"    note: {rn.note}")
        _show_ce(r.ce, r)
    lm = r.liability
    if lm.required is None:
        ins = "unknown"
    elif lm.required:
        limits = f" (${lm.per_claim:,} / ${lm.aggregate:,})" if lm.per_claim and lm.aggregate else ""
        ins = "required" + limits
    else:
        ins = "not required"
    _line("Liability insurance", ins + (f" - {lm.text}" if lm.text else ""), lm.source,
          lm.confidence, lm, r)
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
        dated = r.dated(s)
        click.echo(f"  {s}" + (f"  [{dated}]" if dated else ""))


def _plugin_dict(info) -> dict:
    return {"plugin": info.name, "origin": info.origin, "location": info.location or None}


def _short(value) -> str:
    from credtrack.registry import MISSING

    text = value if value is MISSING else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def show_diff(entries, kind: str, as_json: bool) -> None:
    """``states diff`` / ``payers diff``: whose rules win where the winner is not bundled."""
    from credtrack.registry import overriding

    rows = overriding(entries)
    key_name = "code" if kind == "state" else "id"
    if as_json:
        emit_json([{key_name: e.key, **_plugin_dict(e.plugin),
                    "overrides": [_plugin_dict(i) for _, i in e.overrides],
                    "conflicts": [_plugin_dict(i) for _, i in e.conflicts],
                    "changes": [{"field": f, "bundled": _jsonable(a), "winner": _jsonable(b)}
                                for f, a, b in e.changes()]} for e in rows])
        return
    if not rows:
        click.echo(f"every {kind} comes from the bundled plugin: nothing overrides it")
        return
    for e in rows:
        where = e.plugin.origin + (f", {e.plugin.location}" if e.plugin.location else "")
        click.echo(f"{e.key}: {e.plugin.name} ({where}) wins")
        if e.overrides:
            click.echo("    overrides: " + ", ".join(f"{i.name} ({i.origin})"
                                                     for _, i in e.overrides))
        elif e.plugin.origin != "bundled":
            click.echo(f"    new: no bundled {kind} {e.key}")
        for _, i in e.conflicts:
            click.echo(f"    conflict: {i.name} ({i.origin}) provides it too at the same "
                       "priority; its rules are ignored")
        for field, old, new in e.changes():
            click.echo(f"    {field}: {_short(old)} -> {_short(new)}")
        if e.bundled is not None and not e.changes():
            click.echo("    no field differs from the bundled rules")


@states.command("diff", short_help="What plugins change in the bundled rules.")
@json_option
@pass_ctx
def states_diff(ctx, as_json):
    """What installed or plugins-directory plugins change in the bundled state rules.

    Priority decides who wins: bundled < installed (entry point) < plugins directory; two
    plugins at one priority providing the same state are an error naming both."""
    show_diff(ctx.app.registry.states, "state", as_json)


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
