"""work (work history) and reference commands: add, edit, list, remove."""

from __future__ import annotations

import click

from credtrack.cli.common import (
    emit_json, json_option, pass_ctx, provider_option, require_change, table,
)


@click.group()
def work():
    """Work history: jobs with employer, role and months (payers want 5 years, gaps explained)."""


def _job_options(f, required: bool):
    for args, kw in reversed((
            (("--employer",), dict(required=required, default=None,
                                   help="Employer or practice name.")),
            (("--role",), dict(default=None, help="Your position, e.g. Massage therapist.")),
            (("--from", "start"), dict(required=required, default=None, metavar="YYYY-MM",
                                       help="First month.")),
            (("--to", "end"), dict(default=None, metavar="YYYY-MM",
                                   help="Last month (leave out, or 'present', if it goes on).")),
            (("--address",), dict(default=None, help="Where the job was.")),
            (("--contact",), dict(default=None, help="A supervisor or HR contact: name, phone "
                                                     "or e-mail.")),
            (("--note",), dict(default=None)))):
        f = click.option(*args, **kw)(f)
    return f


def _job_row(j) -> tuple:
    return (j.id, j.start, j.end or "present", j.employer, j.role)


@work.command("add")
@lambda f: _job_options(f, required=True)
@provider_option
@json_option
@pass_ctx
def work_add(ctx, provider_id, as_json, **fields):
    """Record a job (months as YYYY-MM)."""
    job = ctx.app.add_work(provider_id, **{k: v or "" for k, v in fields.items()})
    emit_json(job.to_dict()) if as_json else click.echo(
        f"{job.id}  {job.employer} {job.start}..{job.end or 'present'} added")


@work.command("edit")
@click.argument("job_id")
@lambda f: _job_options(f, required=False)
@provider_option
@json_option
@pass_ctx
def work_edit(ctx, job_id, provider_id, as_json, **fields):
    """Change a job ('--to present' reopens it)."""
    require_change(*fields.values())
    job = ctx.app.edit_work(provider_id, job_id, **fields)
    emit_json(job.to_dict()) if as_json else click.echo(f"{job.id}  updated")


@work.command("list")
@provider_option
@json_option
@pass_ctx
def work_list(ctx, provider_id, as_json):
    """List jobs, newest first."""
    jobs = sorted(ctx.app.list_records(provider_id, "work"),
                  key=lambda j: (j.end or "9999-99", j.start), reverse=True)
    if as_json:
        emit_json([j.to_dict() for j in jobs])
        return
    if not jobs:
        click.echo("no work history yet: 'credtrack work add --employer NAME --from YYYY-MM'")
    table([_job_row(j) for j in jobs], ("ID", "FROM", "TO", "EMPLOYER", "ROLE"))


@click.group()
def reference():
    """Professional references (some payers want three)."""


def _ref_options(f, required: bool):
    for args, kw in reversed((
            (("--name",), dict(required=required, default=None, help="The reference's name.")),
            (("--role",), dict(default=None, help="Their title or profession.")),
            (("--organization",), dict(default=None)),
            (("--relationship",), dict(default=None, help="How they know you.")),
            (("--address",), dict(default=None)),
            (("--contact",), dict(default=None, help="Phone or e-mail.")),
            (("--known-since",), dict(default=None, metavar="YYYY-MM")),
            (("--note",), dict(default=None)))):
        f = click.option(*args, **kw)(f)
    return f


@reference.command("add")
@lambda f: _ref_options(f, required=True)
@provider_option
@json_option
@pass_ctx
def reference_add(ctx, provider_id, as_json, name, **fields):
    """Record a professional reference."""
    ref = ctx.app.add_reference(provider_id, name, **{k: v or "" for k, v in fields.items()})
    emit_json(ref.to_dict()) if as_json else click.echo(f"{ref.id}  {ref.name} added")


@reference.command("edit")
@click.argument("ref_id")
@lambda f: _ref_options(f, required=False)
@provider_option
@json_option
@pass_ctx
def reference_edit(ctx, ref_id, provider_id, as_json, **fields):
    """Change a reference."""
    require_change(*fields.values())
    ref = ctx.app.edit_reference(provider_id, ref_id, **fields)
    emit_json(ref.to_dict()) if as_json else click.echo(f"{ref.id}  updated")


@reference.command("list")
@provider_option
@json_option
@pass_ctx
def reference_list(ctx, provider_id, as_json):
    """List references."""
    refs = ctx.app.list_records(provider_id, "reference")
    if as_json:
        emit_json([r.to_dict() for r in refs])
        return
    if not refs:
        click.echo("no references yet: 'credtrack reference add --name NAME --contact PHONE'")
    table([(r.id, r.name, r.role, r.organization, r.contact) for r in refs],
          ("ID", "NAME", "ROLE", "ORGANIZATION", "CONTACT"))


def _register_removals() -> None:
    from credtrack.cli.records import remove_command

    remove_command(work, "work", "Remove a job from the work history.")
    remove_command(reference, "reference", "Remove a reference.")


_register_removals()

COMMANDS = (work, reference)
