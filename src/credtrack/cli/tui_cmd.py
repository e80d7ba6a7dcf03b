"""Opening the TUI (Textual is imported only here, and only when the TUI opens)."""

from __future__ import annotations

import importlib.util

import click


def tui_available() -> bool:
    return importlib.util.find_spec("credtrack.tui") is not None


def open_tui(ctx) -> None:
    if not tui_available():  # until the TUI lands, the bare command shows the help
        click.echo(click.get_current_context().get_help())
        return
    from credtrack import crypto

    if crypto.keyfile(ctx.app.root) is not None:
        ctx.app.store.unlock()  # an encrypted data dir: the passphrase (or its error) before Textual
    from credtrack.tui.app import run

    run(ctx.app)
