"""init and provider add|list|show|edit|remove|use."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from credtrack import validate as V
from credtrack.cli.common import (
    BIRTH_DATE, CAQH, DATE, NPI, TAXONOMY, TIN, complete_providers, emit_json, json_option,
    pass_ctx, PathType, require_change, table,
)
from credtrack.errors import BadInput
from credtrack.vocab import PROVIDER_TYPES


def provider_fields(required_name: bool):
    def deco(f):
        for opt in reversed([
            click.option("--name", required=required_name, help="Legal name."),
            click.option("--credentials", help="Credentials after the name, e.g. LMT."),
            click.option("--npi", type=NPI, help="Individual (type 1) NPI."),
            click.option("--tin", type=TIN, help="TIN (EIN or SSN); shown masked."),
            click.option("--taxonomy", type=TAXONOMY, help="NUCC taxonomy code "
                         "(default 225700000X, massage therapist)."),
            click.option("--caqh-id", type=CAQH, help="CAQH ProView provider ID."),
            click.option("--birth-date", type=BIRTH_DATE, help="Date of birth (some states renew "
                         "by birth month)."),
            click.option("--email"), click.option("--phone"),
            click.option("--address", help="Mailing address."),
            click.option("--location", "locations", multiple=True,
                         help="A practice location (repeatable)."),
            click.option("--type", "provider_type", type=click.Choice(PROVIDER_TYPES),
                         help="Provider type (default massage-therapist)."),
            click.option("--practicing-since", type=DATE,
                         help="First date in practice (some states scale CE by years)."),
            click.option("--former-name", "former_names", multiple=True,
                         help="A name the provider was known by (repeatable; exclusion "
                         "screening searches it)."),
        ]):
            f = opt(f)
        return f
    return deco


def _clean(values: dict) -> dict:
    out = {}
    for k, v in values.items():
        if v is None or v == ():
            continue
        if isinstance(v, str):
            v = V.parse_text(v, k.replace("_", " "))
        out[k] = list(v) if isinstance(v, tuple) else v
    return out


def _create(app, values: dict, use: bool, as_json: bool, nppes_file=None,
            online: bool = False) -> None:
    from credtrack.models import Provider, new_id

    values = _clean(values)
    if nppes_file is not None or online:  # the registry's profile; options given win
        data, source = app.registry_answer(nppes_file, values.get("npi"), online)
        provider = app.provider_from_registry(data, source, values.pop("npi", None), **values)
        provider = app.add_provider(provider, use=use)
    else:
        name = values.pop("name")
        if not name:
            raise click.BadParameter("the name cannot be empty", param_hint="--name")
        provider = app.add_provider(Provider(new_id("prv"), name, **values), use=use)
    if as_json:
        emit_json(provider.public_dict())
    else:
        click.echo(f"{provider.id}  {provider.name}" + ("  (current)" if use else ""))


@click.command()
@provider_fields(required_name=True)
@json_option
@pass_ctx
def init(ctx, as_json, **values):
    """Create your provider profile and make it the current one."""
    _create(ctx.app, values, True, as_json)


@click.group()
def provider():
    """Providers: one for a solo therapist, many for a group practice."""


@provider.command("add")
@provider_fields(required_name=False)
@click.option("--from-nppes", "nppes_file", metavar="FILE",
              type=PathType(dir_okay=False, path_type=Path),
              help="Fill the profile from a saved NPI Registry API response (name, credential, "
              "taxonomy, addresses); the options given win.")
@click.option("--online", is_flag=True, help="Fetch the NPI Registry's record for --npi from "
              "its public API (credtrack never goes online without this flag).")
@click.option("--use", is_flag=True, help="Make it the current provider.")
@json_option
@pass_ctx
def provider_add(ctx, use, as_json, nppes_file, online, **values):
    """Add a provider (--name, or --from-nppes FILE / --npi N --online)."""
    if not values.get("name") and nppes_file is None and not online:
        raise click.UsageError("Missing option '--name' (or --from-nppes FILE)")
    _create(ctx.app, values, use, as_json, nppes_file, online)


@provider.command("nppes")
@click.argument("provider_id", required=False)
@click.option("--from", "nppes_file", metavar="FILE", type=PathType(dir_okay=False, path_type=Path),
              help="A saved NPI Registry API response.")
@click.option("--online", is_flag=True, help="Fetch it from the registry's public API.")
@pass_ctx
def provider_nppes(ctx, provider_id, nppes_file, online):
    """Store the NPI Registry's record for the provider's NPI: 'status' then shows an
    nppes-mismatch finding where it differs (license number or state, taxonomy, a
    deactivated or unknown NPI)."""
    app = ctx.app
    npi = app.provider(provider_id).npi
    data, source = app.registry_answer(nppes_file, npi, online)
    p = app.record_registry(provider_id, data, source)
    found = "found" if p.registry.get("found") else "NOT found"
    click.echo(f"{p.id}  NPI Registry record stored ({found}; {source}); see 'credtrack status'")


@provider.command("list")
@json_option
@pass_ctx
def provider_list(ctx, as_json):
    """List providers (the current one is marked *)."""
    store = ctx.app.store
    current = store.current_id()
    entries = store.entries()
    if as_json:
        emit_json([{"id": e.id, "name": e.name, "current": e.id == current} for e in entries])
        return
    if not entries:
        click.echo("no providers yet: run 'credtrack init --name \"Your Name\"'")
    table([("*" if e.id == current else "", e.id, e.name) for e in entries], ("", "ID", "NAME"))


def _registry_line(snap: dict) -> str:
    if not snap:
        return ""
    state = "not found" if not snap.get("found", True) else \
        "deactivated" if snap.get("deactivated") else "active"
    return f"{state} (read {snap.get('read', '')} from {snap.get('source', '')})"


def _show(p) -> None:
    from credtrack.models import mask

    rows = [("id", p.id), ("name", p.name), ("credentials", p.credentials), ("type", p.provider_type),
            ("NPI", p.npi), ("taxonomy", p.taxonomy), ("CAQH ID", p.caqh_id),
            ("TIN", mask(p.tin)), ("birth date", p.birth_date or ""), ("email", p.email),
            ("phone", p.phone), ("address", p.address), ("locations", "; ".join(p.locations)),
            ("practicing since", p.practicing_since or ""),
            ("former names", "; ".join(p.former_names)),
            ("NPI Registry", _registry_line(p.registry))]
    for k, v in rows:
        if v not in ("", None):
            click.echo(f"{k:>17}: {v}")


@provider.command("show")
@click.argument("provider_id", required=False, shell_complete=complete_providers)
@json_option
@pass_ctx
def provider_show(ctx, provider_id, as_json):
    """Show a provider (TIN masked)."""
    p = ctx.app.provider(provider_id)
    emit_json(p.public_dict()) if as_json else _show(p)


@provider.command("edit")
@click.argument("provider_id", required=False, shell_complete=complete_providers)
@provider_fields(required_name=False)
@json_option
@pass_ctx
def provider_edit(ctx, provider_id, as_json, **values):
    """Change a provider's details (only the options given)."""
    values = _clean(values)
    require_change(*values.values())
    p = ctx.app.edit_provider(provider_id, **values)
    emit_json(p.public_dict()) if as_json else click.echo(f"{p.id}  updated")


@provider.command("remove")
@click.argument("provider_id", shell_complete=complete_providers)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def provider_remove(ctx, provider_id, yes):
    """Remove a provider (its file stays in backups/)."""
    app = ctx.app
    p = app.provider(provider_id)
    if not yes:
        if not (sys.stdin and sys.stdin.isatty()):
            raise BadInput("removing a provider needs confirmation: run it in a terminal, or "
                           "add --yes")
        click.confirm(f"Remove {p.name} ({p.id}) and all their records?", abort=True)
    app.store.remove_provider(p.id)
    kept = getattr(app.store, "backups_dir", None)  # a PostgreSQL store: its ct_trash table
    click.echo(f"{p.id}  removed (a copy is kept in {kept or 'the database (ct_trash)'})")


@provider.command("use")
@click.argument("provider_id", shell_complete=complete_providers)
@pass_ctx
def provider_use(ctx, provider_id):
    """Make a provider the current one."""
    ctx.app.store.use(provider_id)
    click.echo(f"{provider_id}  is now the current provider")


COMMANDS = (init, provider)
