"""Getting paid: cases (plans of care), authorizations, visits, claim checks, superbills."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from credtrack.cli.actions import command_for
from credtrack.cli.common import (
    DATE, PathType, as_of_option, emit_json, fmt_date, json_option, pass_ctx, provider_option,
    table, today,
)
from credtrack.errors import BadInput


def _lines(spec: str):
    from credtrack.billing import parse_lines

    return parse_lines(spec)


class _Codes(click.ParamType):
    name = "CODES"

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        try:
            return _lines(value)
        except BadInput as exc:
            self.fail(exc.message, param, ctx)


CODES = _Codes()


def _units(values: tuple[str, ...]) -> dict[str, int]:
    out = {}
    for v in values:
        code, _, n = v.partition("=")
        code = code.strip().upper()
        if len(code) != 5 or not n.strip().isdigit() or int(n) < 1:
            raise BadInput("--units takes CODE=UNITS, e.g. 97124=8")
        out[code] = int(n)
    return out


def _charges(values: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for v in values:
        code, _, amount = v.partition("=")
        try:
            value = float(amount)
        except ValueError:
            value = -1.0
        if len(code.strip()) != 5 or not 0 <= value < 100000 or value != value:
            raise BadInput("--charge takes CODE=AMOUNT, e.g. 97124=120")
        out[code.strip().upper()] = round(value, 2)
    return out


@click.group()
def case():
    """Plans of care: a client's prescription or referral with one payer."""


@case.command("add")
@click.option("--client", required=True, metavar="LABEL",
              help="Your own label for the client (shown in calendars): not their name.")
@click.option("--payer", required=True, metavar="ID", help="The payer (see 'credtrack payers').")
@click.option("--dx", "diagnoses", multiple=True, metavar="ICD10",
              help="A diagnosis code from the prescription (repeatable), e.g. M54.50.")
@click.option("--referring-name", default="", help="The referring provider's name.")
@click.option("--referring-npi", default="", metavar="NPI", help="The referring provider's NPI.")
@click.option("--referring-specialty", default="", help="The referring provider's specialty.")
@click.option("--visits", type=int, default=None, help="Visits prescribed.")
@click.option("--start", type=DATE, default=None, help="The prescription's first day.")
@click.option("--end", type=DATE, default=None, help="The prescription's last day.")
@click.option("--referral", type=PathType(exists=True, dir_okay=False, path_type=Path),
              default=None, help="The prescription or referral (PDF or image) for the vault.")
@click.option("--client-name", default="", help="The client's full name (optional; patient data).")
@click.option("--member-id", default="", help="The client's member id (patient data).")
@click.option("--state", default="", metavar="XX", help="Where the care is given.")
@click.option("--note", default="")
@click.option("--no-phi-protection", is_flag=True,
              help="Keep cases without encryption at rest (asked once; recorded).")
@provider_option
@json_option
@pass_ctx
def case_add(ctx, client, payer, diagnoses, referring_name, referring_npi, referring_specialty,
             visits, start, end, referral, client_name, member_id, state, note,
             no_phi_protection, provider_id, as_json):
    """Record a plan of care (patient data: needs encryption at rest)."""
    added, coded = ctx.app.add_case(
        provider_id, client, payer, diagnoses=list(diagnoses), referring_name=referring_name,
        referring_npi=referring_npi, referring_specialty=referring_specialty, visits=visits,
        start=start, end=end, referral=referral, client_name=client_name,
        member_id=member_id, state=state, note=note, no_phi_protection=no_phi_protection)
    if as_json:
        emit_json(dict(added.to_dict(), diagnosis_descriptions=dict(coded)))
        return
    click.echo(f"{added.id}  case for {added.client} with {added.payer} added")
    for code, text in coded:
        click.echo(f"  {code}  {text}")


@case.command("list")
@provider_option
@json_option
@pass_ctx
def case_list(ctx, provider_id, as_json):
    """Cases, open first."""
    records = ctx.app.records(provider_id)
    cases = sorted(records.cases, key=lambda c: (c.status != "open", c.start or c.id, c.id))
    if as_json:
        emit_json([c.to_dict() for c in cases])
        return
    if not cases:
        click.echo("no cases yet: 'credtrack case add --client LABEL --payer ID'")
    used = {c.id: sum(1 for v in records.visits if v.case_id == c.id) for c in cases}
    table([(c.id, c.client, c.payer, fmt_date(c.start), fmt_date(c.end),
            f"{used[c.id]}/{c.visits_prescribed if c.visits_prescribed is not None else '?'}",
            c.status) for c in cases],
          ("ID", "CLIENT", "PAYER", "START", "END", "VISITS", "STATUS"))


@case.command("show")
@click.argument("case_id", metavar="CASE")
@as_of_option
@provider_option
@json_option
@pass_ctx
def case_show(ctx, case_id, as_of, provider_id, as_json):
    """A case: visits used against the prescription and each authorization, deadlines, findings."""
    info = ctx.app.case_info(provider_id, case_id, as_of or today())
    c = info["case"]
    if as_json:
        emit_json({"case": c.to_dict(), "visits": [v.to_dict() for v in info["visits"]],
                   "authorizations": [u.to_dict() for u in info["authorizations"]],
                   "deadlines": [d.to_dict() for d in info["deadlines"]],
                   "findings": [f.to_dict() for f in info["findings"]]})
        return
    click.echo(f"{c.id}  {c.client}  {c.payer}  {c.status}")
    click.echo(f"  prescription: {fmt_date(c.start) or '?'} to {fmt_date(c.end) or '?'}, "
               f"{len(info['visits'])} of {c.visits_prescribed or '?'} visits used")
    for use in info["authorizations"]:
        a = use.auth
        click.echo(f"  authorization {a.number or a.id} ({a.vendor or 'payer'}): "
                   f"{use.used} of {a.visits if a.visits is not None else '?'} visits, "
                   f"{fmt_date(a.start) or '?'} to {fmt_date(a.end) or '?'}")
    for d in info["deadlines"]:
        click.echo(f"  {d.date}  {'OVERDUE ' if d.overdue else ''}{d.title}  (rule: {d.rule})")
    for f in info["findings"]:
        click.echo(f"  {f.severity.upper()} {f.code}: {f.message}")
        if command_for(f.action):
            click.echo(f"        run: {command_for(f.action)}")


@case.command("close")
@click.argument("case_id", metavar="CASE")
@click.option("--date", "on", type=DATE, default=None)
@provider_option
@pass_ctx
def case_close(ctx, case_id, on, provider_id):
    """Close a case: its deadlines and findings stop."""
    ctx.app.close_case(provider_id, case_id, on)
    click.echo(f"{case_id}  closed")


@case.command("purge")
@click.argument("case_id", metavar="CASE")
@click.option("--yes", is_flag=True, help="Do it without asking.")
@provider_option
@pass_ctx
def case_purge(ctx, case_id, yes, provider_id):
    """Remove a client's case for good: records, visits, the referral's vault file and every
    backup copy that holds them. Cannot be undone."""
    if not yes:
        if not sys.stdin.isatty():
            raise BadInput("purging cannot be undone: pass --yes to confirm")
        click.confirm(f"Remove {case_id} and everything about its client for good?", abort=True)
    gone = ctx.app.purge_case(provider_id, case_id)
    click.echo(f"{case_id}  purged ({gone['visits']} visits, {gone['authorizations']} "
               f"authorizations, {gone['documents']} documents)")


@click.group()
def auth():
    """Prior authorizations of a case."""


@auth.command("add")
@click.argument("case_id", metavar="CASE")
@click.option("--number", default="", help="The authorization number.")
@click.option("--vendor", default="", help="Who approved it (payer or vendor, e.g. eviCore).")
@click.option("--visits", type=int, default=None, help="Visits approved.")
@click.option("--units", multiple=True, metavar="CODE=N", help="Units approved per code.")
@click.option("--start", type=DATE, default=None)
@click.option("--end", type=DATE, default=None)
@provider_option
@json_option
@pass_ctx
def auth_add(ctx, case_id, number, vendor, visits, units, start, end, provider_id, as_json):
    """Record a prior authorization."""
    a = ctx.app.add_authorization(provider_id, case_id, number=number, vendor=vendor,
                                  visits=visits, units=_units(units), start=start, end=end)
    emit_json(a.to_dict()) if as_json else click.echo(f"{a.id}  authorization added")


@click.group()
def visit():
    """Visits logged against a case."""


@visit.command("add")
@click.argument("case_id", metavar="CASE")
@click.option("--date", "on", type=DATE, required=True)
@click.option("--codes", type=CODES, required=True,
              help="Services: 97124x2,97140-59x2 (units) or 97124:23m (minutes, 8-minute rule).")
@click.option("--charge", "charges", multiple=True, metavar="CODE=AMOUNT",
              help="What you charge for a code's line (for superbills), e.g. 97124=120.")
@click.option("--override", is_flag=True, help="Record it although the authorization is used up.")
@provider_option
@json_option
@pass_ctx
def visit_add(ctx, case_id, on, codes, charges, override, provider_id, as_json):
    """Log a visit."""
    for code, amount in _charges(charges).items():
        for line in codes:
            if line.code == code:
                line.charge = amount
    v = ctx.app.add_visit(provider_id, case_id, on, codes, override)
    emit_json(v.to_dict()) if as_json else click.echo(
        f"{v.id}  visit on {v.date} logged" + (" (past the authorization)" if override else ""))


@click.group()
def claim():
    """Claim readiness."""


@claim.command("check")
@click.argument("case_id", metavar="CASE")
@click.option("--codes", type=CODES, required=True, help="The services, as for 'visit add'.")
@click.option("--date", "on", type=DATE, default=None, help="Date of service (default: today).")
@click.option("--dx", "diagnoses", multiple=True, metavar="ICD10", help="Diagnoses on the claim.")
@provider_option
@json_option
@pass_ctx
def claim_check(ctx, case_id, codes, on, diagnoses, provider_id, as_json):
    """What would get this claim denied, rule by rule, with the source of each rule."""
    from credtrack import icd10

    dx = [icd10.check(d)[0] for d in diagnoses]
    issues = ctx.app.claim_check(provider_id, case_id, codes, on or today(), dx)
    if as_json:
        emit_json({"ready": not any(i.severity == "error" for i in issues),
                   "lines": [x.to_dict() for x in codes], "issues": [i.to_dict() for i in issues]})
        return
    for x in codes:
        click.echo(f"  {x.code} x{x.units}" + (f" ({x.minutes} min)" if x.minutes is not None
                                                else "") + (f" -{'-'.join(x.modifiers)}"
                                                            if x.modifiers else ""))
    if not issues:
        click.echo("nothing known would get this claim denied")
    for i in issues:
        click.echo(f"  {i.severity.upper()} {i.code}: {i.message}")
        click.echo(f"        rule: {i.rule}")
        if i.source:
            click.echo(f"        source: {i.source}")


@click.command("superbill")
@click.argument("case_id", metavar="CASE")
@click.option("--from", "start", type=DATE, default=None, help="First visit date to include.")
@click.option("--to", "end", type=DATE, default=None, help="Last visit date to include.")
@click.option("-o", "--output", type=PathType(dir_okay=False, path_type=Path), default=None)
@click.option("--show-tin", is_flag=True, help="Print the full TIN (masked otherwise).")
@click.option("--letter", is_flag=True, help="A letter of medical necessity (HSA/FSA) instead.")
@click.option("--force", is_flag=True, help="Replace a file that is not a credtrack export.")
@provider_option
@pass_ctx
def superbill(ctx, case_id, start, end, output, show_tin, letter, force, provider_id):
    """A superbill PDF for a case's visits (patient data: written 0600)."""
    path = ctx.app.superbill(provider_id, case_id, output, start=start, end=end,
                             show_tin=show_tin, letter=letter, force=force)
    click.echo(str(path))


@click.group()
def ncci():
    """CMS NCCI procedure-to-procedure edits you downloaded (credtrack ships none)."""


@ncci.command("import")
@click.argument("file", type=PathType(exists=True, dir_okay=False, path_type=Path))
@click.option("--quarter", default="", help="The file's quarter, e.g. 2026Q4 (default: from "
              "the file name or its newest effective date).")
@json_option
@pass_ctx
def ncci_import(ctx, file, quarter, as_json):
    """Import a tab-delimited NCCI PTP edit file for 'claim check'."""
    got = ctx.app.import_ncci(file, quarter)
    emit_json(got) if as_json else click.echo(
        f"{got['edits']} edits imported (quarter {got['quarter']})")


COMMANDS = (case, auth, visit, claim, superbill, ncci)
