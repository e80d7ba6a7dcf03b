"""doctor and encryption: check and repair the data dir; encryption at rest."""

from __future__ import annotations

import os
import sys

import click

from credtrack.cli.common import Ctx, emit_json, json_option, pass_ctx
from credtrack.errors import BadInput

MARK = {"error": "ERROR", "warning": "WARN ", "info": "info "}


def _print(up) -> None:
    c = up.checked
    click.echo(f"data dir: {up.root}")
    if c:
        click.echo(f"checked: {c.get('provider_files', 0)} provider files "
                   f"({c.get('records', 0)} records), {c.get('documents', 0)} documents, "
                   f"{c.get('vault_files', 0)} vault files, {c.get('backups', 0)} backups, "
                   f"{c.get('files', 0)} files in all")
    for line in up.repaired:
        click.echo(f"repaired: {line}")
    for p in up.problems:
        click.echo(f"{MARK.get(p.severity, p.severity)} {p.code}: {p.path}: {p.message}")
        if p.repair:
            click.echo(f"        repair: {p.repair}")
    errors = sum(p.severity == "error" for p in up.problems)
    warnings = sum(p.severity == "warning" for p in up.problems)
    if up.healthy:
        click.echo("healthy")
        return
    fixable = len(up.repairable)
    hint = f"; {fixable} can be repaired: 'credtrack doctor --repair'" if fixable else ""
    click.echo(f"{errors} error{'s' * (errors != 1)}, {warnings} "
               f"warning{'s' * (warnings != 1)}{hint}")


@click.command()
@click.option("--repair", is_flag=True, help="Repair what can be repaired safely (asks first).")
@click.option("--yes", "-y", is_flag=True, help="With --repair: do not ask (for scripts).")
@json_option
@click.pass_context
def doctor(click_ctx, repair, yes, as_json):
    """Check the data dir: store schema and records, every vault file's sha256, missing and
    orphaned files, temp files of killed writers, locks, permissions, encryption.

    Exit status 0 when healthy, 1 when problems are found (or remain after --repair).

    --repair restores a corrupt or missing provider file from its newest backup that reads
    (keeping the damaged file beside the backups), lists unindexed provider files again,
    tightens permissions, removes temp files of killed writers and vault files no record refers
    to, and encrypts plaintext files of an encrypted data dir. It never deletes a record, and
    it asks first: --yes answers for scripts; without a terminal and without --yes it refuses.
    """
    from credtrack import doctor as D

    store = click_ctx.find_object(Ctx).app.store
    if getattr(store, "server", False):
        raise BadInput(f"doctor checks a data dir's files; this practice is in {store.where} "
                       "(the server keeps its own data safe; 'credtrack store copy' verifies "
                       "a copy by hashes)")
    up = D.examine(store)
    if repair and up.repairable:
        if not yes:
            if not (sys.stdin and sys.stdin.isatty()):
                raise BadInput("--repair changes files: confirm in a terminal, or add --yes")
            for p in up.repairable:
                click.echo(f"{p.code}: {p.path}: {p.repair}", err=True)
            click.confirm(f"Repair {len(up.repairable)} problem(s)?", abort=True, err=True)
        done = D.repair(store, up.repairable)
        up = D.examine(store)
        up.repaired = done
    emit_json(up.to_dict()) if as_json else _print(up)
    if not up.healthy:
        raise SystemExit(1)  # the report above says why


# -- encryption -------------------------------------------------------------------------------

@click.group()
def encryption():
    """Encryption at rest for the store, its backups and the vault (off by default).

    A passphrase unlocks the key (scrypt, AES-256-GCM). It protects a stolen disk, laptop or
    backup copy of the data dir. It does not hide file names (provider files are named after
    the provider), sizes or dates, does not protect against malware running as you or a
    passphrase left in CREDTRACK_PASSPHRASE, and does not cover exports, packets or calendar
    files. A lost passphrase means lost data: there is no recovery.
    """


def _passphrase(confirm: bool = False, prompt: str = "passphrase",
                why: str = "this data dir is encrypted") -> str:
    from credtrack import crypto

    return crypto.ask_passphrase(confirm=confirm, prompt=prompt, why=why)


@encryption.command("status")
@json_option
@pass_ctx
def encryption_status(ctx, as_json):
    """Whether the data dir is encrypted, and how many files are."""
    status = ctx.app.encryption_status()
    if as_json:
        emit_json(status)
        return
    state = "on" if status["enabled"] else "off"
    click.echo(f"encryption: {state} ({status['sealed_files']} files encrypted, "
               f"{status['plaintext_files']} plaintext)")
    if status["interrupted"]:
        click.echo("a change was cut short: run 'credtrack encryption "
                   f"{'enable' if status['enabled'] else 'disable'}' again to finish")


@encryption.command("enable")
@pass_ctx
def encryption_enable(ctx):
    """Encrypt the store, backups and vault with a passphrase (asked twice, or
    CREDTRACK_PASSPHRASE). Run it again to finish one that was cut short."""
    app = ctx.app
    from credtrack import crypto

    fresh = crypto.keyfile(app.root) is None
    phrase = _passphrase(confirm=fresh, prompt="new passphrase" if fresh else "passphrase",
                         why="encryption needs a passphrase" if fresh else
                         "this data dir is encrypted")
    n = app.enable_encryption(phrase)
    click.echo(f"encryption on: {n} file{'s' * (n != 1)} encrypted in {app.root}")
    click.echo("keep the passphrase safe: without it the data cannot be read", err=True)


@encryption.command("disable")
@pass_ctx
def encryption_disable(ctx):
    """Decrypt everything back to plaintext files and drop the key file."""
    n = ctx.app.disable_encryption(_passphrase())
    click.echo(f"encryption off: {n} file{'s' * (n != 1)} decrypted")


@encryption.command("passphrase")
@pass_ctx
def encryption_passphrase(ctx):
    """Change the passphrase (the current one, then the new one twice; or
    CREDTRACK_PASSPHRASE and CREDTRACK_NEW_PASSPHRASE)."""
    old = _passphrase(prompt="current passphrase")
    new = os.environ.get("CREDTRACK_NEW_PASSPHRASE") or _new_passphrase()
    ctx.app.change_passphrase(old, new)
    click.echo("passphrase changed")


def _new_passphrase() -> str:
    if not (sys.stdin and sys.stdin.isatty()):
        raise BadInput("set CREDTRACK_NEW_PASSPHRASE or run in a terminal to type the new one")
    import getpass

    first = getpass.getpass("credtrack new passphrase: ")
    if getpass.getpass("credtrack new passphrase (again): ") != first:
        raise BadInput("the two passphrases differ")
    return first


COMMANDS = (doctor, encryption)
