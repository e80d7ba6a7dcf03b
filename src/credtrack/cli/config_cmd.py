"""config path|show|edit: the user's configuration file (credtrack.config)."""

from __future__ import annotations

import os

import click

from credtrack.cli.common import emit_json, json_option


@click.group("config")
def config_group():
    """The configuration file: keymap, reminder ladders, packet defaults, theme."""


@config_group.command("path")
def config_path_cmd():
    """Print where the configuration file is (it may not exist yet)."""
    from credtrack.config import config_path

    click.echo(str(config_path()))


@config_group.command("show")
@json_option
def config_show(as_json):
    """Print the configuration in effect (checked: a bad file is one clear error)."""
    from credtrack.config import load

    cfg = load()
    data = cfg.to_dict()
    if as_json:
        emit_json(data)
        return
    click.echo(f"# {cfg.path}" + ("" if cfg.exists else " (not created yet: defaults)"))
    click.echo(f"theme = {cfg.theme or 'textual-dark'!r}".replace("'", '"'))
    for section in ("keymap", "reminders", "packet"):
        click.echo(f"\n[{section}]")
        for key, value in data[section].items():
            if value is None:
                continue
            shown = str(value).lower() if isinstance(value, bool) else (
                f'"{value}"' if isinstance(value, str) else str(value))
            click.echo(f'"{key}" = {shown}' if "." in key else f"{key} = {shown}")


@config_group.command("edit")
def config_edit():
    """Open the configuration file in $VISUAL / $EDITOR (created with a commented template),
    then check it."""
    from credtrack.config import config_path, load, write_template

    from credtrack.cli.common import interactive
    from credtrack.errors import BadInput

    path = config_path()
    if not interactive():
        raise BadInput(f"config edit needs a terminal; edit {path} with any editor")
    if write_template(path):
        click.echo(f"created {path}", err=True)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    click.edit(filename=str(path), editor=editor)
    load(path)  # a mistake is reported now, with its line, not when the desk opens
    click.echo(f"{path}  checked")


COMMANDS = (config_group,)
