"""plugins list|new|check: what is loaded, a new state or payer plugin, its conformance."""

from __future__ import annotations

from pathlib import Path

import click

from credtrack.errors import BadInput

from credtrack.cli.common import PathType, emit_json, json_option, pass_ctx, table, today


@click.group()
def plugins():
    """Plugins: what is loaded, from where, and what failed; write and check your own."""


@plugins.command("list")
@json_option
@pass_ctx
def plugins_list(ctx, as_json):
    """List plugins (bundled, installed, local directory) and load errors."""
    infos = ctx.app.host.infos
    if as_json:
        emit_json([i.to_dict() for i in infos])
        return
    table([(i.name, i.origin, i.version, ", ".join(h.removeprefix("credtrack_") for h in i.hooks),
            ("FAILED: " + i.error) if i.error else "ok") for i in infos],
          ("NAME", "ORIGIN", "VERSION", "HOOKS", "STATUS"))


@plugins.command("new", short_help="Write a state or payer plugin to fill in.")
@click.argument("kind", type=click.Choice(["state", "payer"]))
@click.argument("name", metavar="XX|ID")
@click.option("--dir", "directory", metavar="DIR", type=PathType(file_okay=False),
              help="Where to write it (default: the plugins directory for a module, the "
                   "current directory for a --package).")
@click.option("--package", is_flag=True,
              help="A pip-installable project: pyproject.toml with the credtrack entry point, "
                   "the module, a test.")
@click.option("--blank", is_flag=True, help="Start from the TODO template even where "
              "credtrack ships rules for XX|ID (default: a copy of them to correct).")
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
@pass_ctx
def plugins_new(ctx, kind, name, directory, package, blank, force):
    """Write a state (XX) or payer (ID) plugin: a copy of the bundled rules to correct, or a
    template with TODOs for the facts and their sources.

    It conforms as written; 'credtrack plugins check' lists the TODOs left."""
    from credtrack.scaffold import new_plugin

    if directory:
        where = Path(directory).expanduser()
    elif package:
        where = Path.cwd()
    else:  # the plugins directory, private like the rest of the data dir
        from credtrack.fsio import ensure_private_dir

        where = ctx.app.plugins_path
        if where.parent == ctx.app.root:
            ensure_private_dir(ctx.app.root)
        ensure_private_dir(where)
    try:
        files = new_plugin(kind, name, where, package=package, today=today(), force=force,
                           blank=blank)
    except (OSError, ValueError) as exc:  # a path the system refuses (too long, NUL, ...)
        raise BadInput(f"cannot write the plugin to {str(where)[:80]!r}: "
                       f"{getattr(exc, 'strerror', None) or exc}") from None
    for path in files:
        click.echo(f"wrote {path}")
    target = files[0].parent if package else files[0]
    click.echo(f"next: fill in or correct the facts and their sources, then "
               f"'credtrack plugins check {target}'")


@plugins.command("check", short_help="Check a plugin: sources, dates, rules, collisions.")
@click.argument("target", metavar="PATH_OR_NAME")
@click.option("--strict", is_flag=True, help="Fail on warnings too (TODOs, placeholder "
              "sources): what a contribution must pass.")
@json_option
@pass_ctx
def plugins_check(ctx, target, strict, as_json):
    """Check a plugin's states and payers: sources, dates, rules that compute, collisions.

    PATH_OR_NAME is a .py file, a package or project folder, or a loaded plugin's name
    ('credtrack plugins list'). Prints one line per problem; exits 1 on an error."""
    from credtrack.conformance import ERROR, WARNING, check_target

    try:
        problems = check_target(target, ctx.app, today())
    except (OSError, ValueError) as exc:  # a name the file system refuses (too long, NUL, ...)
        raise BadInput(f"cannot read {target[:80]!r}: "
                       f"{getattr(exc, 'strerror', None) or exc}") from None
    failed = any(p.severity == ERROR or (strict and p.severity == WARNING) for p in problems)
    if as_json:
        emit_json({"target": target, "ok": not failed,
                   "problems": [p.to_dict() for p in problems]})
    elif problems:
        for p in problems:
            click.echo(str(p))
    else:
        click.echo(f"ok: {target}: no problems")
    if failed:
        raise SystemExit(1)  # the lines above say why
