"""Opening the TUI (Textual is imported only here, and only when the TUI opens)."""

from __future__ import annotations

import click



def open_tui(ctx) -> None:
    try:
        from credtrack.tui.app import run
    except ImportError:
        click.echo(click.get_current_context().get_help())
        return
    run(ctx.app)


