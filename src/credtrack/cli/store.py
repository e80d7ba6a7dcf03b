"""store copy / migrate / info, and history (the change log of either store)."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import click

from credtrack.cli.common import emit_json, json_option, pass_ctx
from credtrack.errors import BadInput


@click.group("store")
def store_group():
    """Where the records are kept: a data dir or a PostgreSQL database."""


def _root(ctx):
    from credtrack import paths

    return paths.data_dir(ctx.data_dir)


@store_group.command("copy")
@click.option("--from", "source", required=True, metavar="DIR|URL",
              help="The store to copy: a data dir or a postgresql:// URL.")
@click.option("--to", "dest", required=True, metavar="DIR|URL",
              help="An empty store (or one an interrupted copy of the same source left).")
@json_option
@pass_ctx
def store_copy(ctx, source, dest, as_json):
    """Copy every provider, record and document file from one store to another and verify
    counts and hashes. Run it again after an interruption: it completes the copy."""
    from credtrack.storecopy import copy_store, open_spec

    if source == dest:
        raise BadInput("--from and --to are the same store")
    root = _root(ctx)
    src, dst = open_spec(source, root), open_spec(dest, root)
    if not src.entries():
        raise BadInput("the source store holds no provider; nothing to copy")
    counts = copy_store(src, dst, lambda line: click.echo(line, err=True))
    if as_json:
        emit_json(counts)
    else:
        click.echo(f"copied {counts['copied']} provider(s) ({counts['skipped']} already there); "
                   f"verified {counts['providers']} providers, {counts['records']} records, "
                   f"{counts['documents']} documents, {counts['files']} files by sha256")


@store_group.command("migrate")
@pass_ctx
def store_migrate(ctx):
    """Create or upgrade the PostgreSQL store's schema (run as the database's owner)."""
    from credtrack.pgstore import PgStore

    store = ctx.app.store
    if not isinstance(store, PgStore):
        click.echo("the file store migrates itself; nothing to do")
        return
    done = store.migrate()
    click.echo(f"{store.where}: " + (", ".join(done) if done else "the schema is up to date"))


@store_group.command("info")
@json_option
@pass_ctx
def store_info(ctx, as_json):
    """Which store this command uses, and how many providers it holds."""
    from credtrack.pgstore import PgStore, schema

    store = ctx.app.store
    if isinstance(store, PgStore):
        store.unlock()
        info = {"kind": "postgresql", "where": store.where, "user": store.who,
                "schema": schema.SCHEMA_VERSION, "providers": len(store.entries())}
    else:
        info = {"kind": "file", "where": str(store.root), "providers": len(store.entries())}
    if as_json:
        emit_json(info)
    else:
        click.echo("  ".join(f"{k}: {v}" for k, v in info.items()))


def _since(value: str | None) -> datetime | None:
    """--since: a date (from its start, local time) or a span back from now (7d, 12w...)."""
    if not value:
        return None
    from credtrack.cli.common import _span
    from credtrack import validate as V

    try:
        day = V.parse_date(value)
        return datetime.combine(day, time()).astimezone()
    except BadInput:
        pass
    try:
        return datetime.now(timezone.utc) - timedelta(days=_span(value))
    except BadInput:
        raise click.BadParameter("must be a date (YYYY-MM-DD) or a span (7d, 12w, 6m)",
                                 param_hint="'--since'") from None


@click.command("history")
@click.option("--provider", "provider_id", metavar="ID", help="Only this provider's changes.")
@click.option("--since", metavar="DATE|SPAN", help="Only changes from this date on, or within "
              "this span back from now (7d, 12w).")
@click.option("--limit", type=click.IntRange(1, 100000), default=None,
              help="Only the last N changes.")
@json_option
@pass_ctx
def history_cmd(ctx, provider_id, since, limit, as_json):
    """Who changed which record when, and which fields (never their values), oldest first."""
    from credtrack.history import history

    since_at = _since(since)
    store = ctx.app.store
    if provider_id:
        known = {e.id for e in store.entries()}
        if provider_id not in known and not history(store, provider_id, None, 1):
            from credtrack.errors import NotFound, shown_id

            raise NotFound(f"no provider {shown_id(provider_id)} (see 'credtrack provider list')")
    changes = history(store, provider_id, since_at, limit)
    if as_json:
        emit_json([dict(c, at=c["at"].astimezone(timezone.utc).isoformat()) for c in changes])
        return
    if not changes:
        click.echo("no changes recorded" + (" in that span" if since_at else ""))
        return
    for c in changes:
        when = c["at"].astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        fields = f": {', '.join(c['fields'])}" if c["fields"] else ""
        click.echo(f"{when}  {c['who']}  {c['action']} {c['kind']} {c['record']} "
                   f"({c['provider']}){fields}")


COMMANDS = (store_group, history_cmd)
