"""init and provider add|list|show|edit|remove|use."""

from __future__ import annotations

import sys

import click

from credtrack import validate as V
from credtrack.cli.common import (
    complete_providers,
    BIRTH_DATE, CAQH, DATE, NPI, TAXONOMY, TIN, emit_json, json_option, pass_ctx, table,
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


def _create(app, values: dict, use: bool, as_json: bool) -> None:
    from credtrack.models import Provider, new_id

    values = _clean(values)
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
@provider_fields(required_name=True)
@click.option("--use", is_flag=True, help="Make it the current provider.")
@json_option
@pass_ctx
def provider_add(ctx, use, as_json, **values):
    """Add a provider."""
    _create(ctx.app, values, use, as_json)


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


def _show(p) -> None:
    from credtrack.models import mask

    rows = [("id", p.id), ("name", p.name), ("credentials", p.credentials), ("type", p.provider_type),
            ("NPI", p.npi), ("taxonomy", p.taxonomy), ("CAQH ID", p.caqh_id),
            ("TIN", mask(p.tin)), ("birth date", p.birth_date or ""), ("email", p.email),
            ("phone", p.phone), ("address", p.address), ("locations", "; ".join(p.locations)),
            ("practicing since", p.practicing_since or "")]
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
    if not values:
        raise click.UsageError("nothing to change: give at least one option")
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
