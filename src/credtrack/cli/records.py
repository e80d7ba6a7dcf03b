"""license, doc, ce and caqh commands."""

from __future__ import annotations

from pathlib import Path

import click

from credtrack import vocab as R
from credtrack.cli.common import (
    DATE, HOURS, LIMITS, STATE, as_of_option, complete_records, confirm, emit_json, fmt_date,
    json_option, pass_ctx, PathType, provider_option, require_change, table, today, warn,
    yes_option,
)

# -- license ----------------------------------------------------------------------------------


@click.group()
def license():
    """State licenses: add, list, edit, renew, remove."""


@license.command("add")
@click.option("--state", type=STATE, required=True, help="Two-letter state code.")
@click.option("--number", default="", help="License number as printed.")
@click.option("--issued", type=DATE, help="Date of issue.")
@click.option("--expires", type=DATE, help="Expiry date printed on the license "
              "(wins over the state's rule).")
@click.option("--credential", default="", help="Credential, e.g. LMT.")
@click.option("--profession", default="", metavar="NAME",
              help="The license's profession when it is not the provider's (pt, pta, lpc...).")
@click.option("--privilege-of", "privilege_of", default="", metavar="LIC",
              help="A compact privilege in STATE resting on this home-state license.")
@provider_option
@json_option
@pass_ctx
def license_add(ctx, state, number, issued, expires, credential, profession, privilege_of,
                provider_id, as_json):
    """Record a state license (or an interstate-compact privilege)."""
    lic, warnings = ctx.app.add_license(provider_id, state, number.strip(), issued, expires,
                                        credential, profession, privilege_of)
    for w in warnings:
        warn(w)
    emit_json(lic.to_dict()) if as_json else click.echo(f"{lic.id}  {lic.state} license added")


def _license_rows(app, provider_id):
    recs = app.records(provider_id)
    return [(v.license, v) for v in app.license_views(recs)]


@license.command("list")
@provider_option
@json_option
@pass_ctx
def license_list(ctx, provider_id, as_json):
    """List licenses with their expiry and where the date comes from."""
    rows = _license_rows(ctx.app, provider_id)
    if as_json:
        emit_json([dict(lic.to_dict(), effective_expires=fmt_date(v.expires) or None,
                        expiry_basis=v.expiry_basis, rule=v.rule_text, source=v.source)
                   for lic, v in rows])
        return
    if not rows:
        click.echo("no licenses yet: 'credtrack license add --state XX --number N'")
    table([(lic.id, lic.state, lic.number, fmt_date(lic.issued), fmt_date(v.expires),
            {"license": "from license", "rule": "by state rule", "plugin": "by plugin"}.get(
                v.expiry_basis, "unknown: enter --expires")) for lic, v in rows],
          ("ID", "STATE", "NUMBER", "ISSUED", "EXPIRES", "DATE FROM"))


@license.command("edit")
@click.argument("license_id", shell_complete=complete_records("license"))
@click.option("--number")
@click.option("--issued", type=DATE)
@click.option("--expires", type=DATE)
@click.option("--credential")
@click.option("--encumbered/--not-encumbered", default=None,
              help="A board restriction or discipline on the license (privileges rest on it).")
@click.option("--jurisprudence", type=DATE, default=None,
              help="When the state's jurisprudence requirement was met.")
@provider_option
@json_option
@pass_ctx
def license_edit(ctx, license_id, number, issued, expires, credential, encumbered,
                 jurisprudence, provider_id, as_json):
    """Change a license's number, dates or standing."""
    require_change(number, issued, expires, credential, encumbered, jurisprudence)
    lic = ctx.app.edit_license(provider_id, license_id, encumbered=encumbered,
                               jurisprudence=jurisprudence, number=number, issued=issued,
                               expires=expires, credential=credential)
    emit_json(lic.to_dict()) if as_json else click.echo(f"{lic.id}  updated")


@license.command("renew")
@click.argument("license_id", shell_complete=complete_records("license"))
@click.option("--expires", type=DATE, help="The new expiry (default: the next one by the rule).")
@provider_option
@json_option
@pass_ctx
def license_renew(ctx, license_id, expires, provider_id, as_json):
    """Record that a license was renewed; it moves to its next period."""
    lic = ctx.app.renew_license(provider_id, license_id, expires, today())
    emit_json(lic.to_dict()) if as_json else click.echo(
        f"{lic.id}  renewed: now expires {lic.expires}")


# -- doc --------------------------------------------------------------------------------------


@click.group()
def doc():
    """Documents in the vault: W-9, COI, license copies, certificates."""


def _printed_options(f):
    """What a document says, for 'credtrack check' (entered by the user from the document)."""
    for name, text in reversed((
            ("--name-as-printed", "The provider's or business' name exactly as printed on it."),
            ("--named-insured", "A COI's named insured, as printed."),
            ("--policy-number", "A COI's policy number."),
            ("--tin", "The TIN/EIN on a W-9 (kept locally, always shown masked)."),
            ("--address", "The address printed on it."))):
        f = click.option(name, default=None, help=text)(f)
    return f


def _printed(**values) -> dict:
    return {k: v for k, v in values.items() if v is not None}


@doc.command("add")
@click.argument("kind")
@click.argument("file", type=PathType(path_type=Path))
@click.option("--issued", type=DATE)
@click.option("--expires", type=DATE)
@click.option("--limits", type=LIMITS, help="Coverage PER_CLAIM/AGGREGATE, e.g. 1000000/3000000.")
@click.option("--state", type=STATE, help="The state a license copy belongs to.")
@click.option("--note", default="")
@_printed_options
@provider_option
@json_option
@pass_ctx
def doc_add(ctx, kind, file, issued, expires, limits, state, note, name_as_printed,
            named_insured, policy_number, tin, address, provider_id, as_json):
    """Copy FILE into the vault as a document of KIND (e.g. w9, liability-coi, license).

    FILE must be a PDF that opens or an image (PNG, JPEG, TIFF, GIF) that decodes."""
    printed = _printed(name_as_printed=name_as_printed, named_insured=named_insured,
                       policy_number=policy_number, tin=tin, address=address)
    d = ctx.app.add_document(provider_id, kind, file, issued, expires, limits, state or "", note,
                             today(), printed=printed)
    if as_json:
        emit_json(_doc_dict(ctx.app, d))
    else:
        click.echo(f"{d.id}  {d.kind} stored ({d.size} bytes, sha256 {d.sha256[:12]}...)")


@doc.command("edit")
@click.argument("document_id", metavar="ID", shell_complete=complete_records("document"))
@click.option("--issued", type=DATE)
@click.option("--expires", type=DATE)
@click.option("--limits", type=LIMITS, help="Coverage PER_CLAIM/AGGREGATE.")
@click.option("--state", type=STATE)
@click.option("--note", default=None)
@_printed_options
@provider_option
@json_option
@pass_ctx
def doc_edit(ctx, document_id, issued, expires, limits, state, note, name_as_printed,
             named_insured, policy_number, tin, address, provider_id, as_json):
    """Change a document's dates, limits, state, note or what it says ("" clears a text; its
    file stays: 'doc replace' renews it with a new file)."""
    changes = dict(issued=issued, expires=expires, limits=limits, state=state, note=note,
                   **_printed(name_as_printed=name_as_printed, named_insured=named_insured,
                              policy_number=policy_number, tin=tin, address=address))
    require_change(*changes.values())
    d = ctx.app.edit_document(provider_id, document_id, **changes)
    emit_json(_doc_dict(ctx.app, d)) if as_json else click.echo(f"{d.id}  updated")


def _doc_dict(app, d) -> dict:
    return dict(d.public_dict(), vault_file=str(app.document_path(d)))


@doc.command("list")
@provider_option
@json_option
@pass_ctx
def doc_list(ctx, provider_id, as_json):
    """List documents with their dates and vault location."""
    docs = ctx.app.records(provider_id).documents
    if as_json:
        emit_json([_doc_dict(ctx.app, d) for d in docs])
        return
    if not docs:
        click.echo("no documents yet: 'credtrack doc add KIND FILE'")
    table([(d.id, d.kind, d.state, d.original_name, fmt_date(d.issued), fmt_date(d.expires),
            f"{d.per_claim:,}/{d.aggregate:,}" if d.per_claim else "") for d in docs],
          ("ID", "KIND", "STATE", "FILE", "ISSUED", "EXPIRES", "LIMITS"))


# -- ce ---------------------------------------------------------------------------------------


@click.group()
def ce():
    """Continuing education credits and progress per license."""


@ce.command("add")
@click.option("--hours", type=HOURS, required=True)
@click.option("--subject", required=True, help="e.g. general, ethics, laws-and-rules, "
              "human-trafficking, medical-errors, hands-on, cpr.")
@click.option("--completed", type=DATE, required=True)
@click.option("--course", default="")
@click.option("--sponsor", default="")
@click.option("--online", "delivery", flag_value=R.ONLINE, help="Taken online (live or not).")
@click.option("--live-online", "delivery", flag_value=R.LIVE_INTERACTIVE,
              help="Online, live and real-time interactive (counts as live where the state "
                   "says so, e.g. Iowa).")
@click.option("--self-study", "delivery", flag_value=R.SELF_STUDY,
              help="Self-study / home study.")
@click.option("--file", type=PathType(path_type=Path), help="The certificate (kept in the vault).")
@provider_option
@json_option
@pass_ctx
def ce_add(ctx, hours, subject, completed, course, sponsor, delivery, file, provider_id, as_json):
    """Record a CE credit (in person unless --online or --self-study)."""
    c = ctx.app.add_ce(provider_id, hours, subject, completed, course, sponsor,
                       delivery or R.IN_PERSON, file, today())
    emit_json(c.to_dict()) if as_json else click.echo(f"{c.id}  {c.hours:g} h {c.subject} added")


@ce.command("list")
@provider_option
@json_option
@pass_ctx
def ce_list(ctx, provider_id, as_json):
    """List CE credits."""
    credits = sorted(ctx.app.records(provider_id).ce, key=lambda c: (c.completed, c.id))
    if as_json:
        emit_json([c.to_dict() for c in credits])
        return
    if not credits:
        click.echo("no CE credits yet: 'credtrack ce add --hours H --subject S --completed DATE'")
    table([(c.id, c.completed, f"{c.hours:g}", c.subject, c.delivery, c.course) for c in credits],
          ("ID", "COMPLETED", "HOURS", "SUBJECT", "DELIVERY", "COURSE"))


@ce.command("status")
@click.option("--state", type=STATE, help="Only this state's license.")
@as_of_option
@provider_option
@json_option
@pass_ctx
def ce_status(ctx, state, as_of, provider_id, as_json):
    """CE counted against each license's current cycle: hours, subjects, caps."""
    progress = ctx.app.ce_status(provider_id, as_of or today(), state)
    if as_json:
        emit_json([p.to_dict() for p in progress])
        return
    if not progress:
        click.echo("no license with a known CE cycle" + (f" in {state}" if state else ""))
    for p in progress:
        v = p.view
        head = f"{v.license.state} license {v.license.id}: cycle {fmt_date(v.period_start)} .. " \
               f"{fmt_date(v.period_end)}"
        click.echo(head)
        if p.required is None:
            conflict = v.rules.ce.conflict if v.rules else None
            click.echo("  required hours: " + (
                "the sources disagree - " + " vs ".join(conflict.values) if conflict
                else "unknown") + " (check with the board)")
            continue
        if p.first_unknown:
            click.echo(f"  first period: {p.first_unknown}; {p.required:g} h is an upper bound")
        status = "complete" if p.complete else f"{p.owed:g} h owed"
        click.echo(f"  {p.counted:g} of {p.required:g} h count - {status}")
        if p.exempt_reason:
            click.echo(f"  {p.exempt_reason}")
        if p.note:
            click.echo(f"  {p.note}")
        for subject, hours in sorted(p.by_subject.items()):
            click.echo(f"  {subject:<18} {hours:g} h")
        for gap in p.subject_gaps:
            click.echo(f"  missing: {gap}")
        if p.in_person_gap:
            click.echo(f"  in person: {p.in_person:g} h, {p.in_person_gap:g} h more needed")
        for c in p.capped:
            click.echo(f"  cap: {c}")
        rules = v.rules
        click.echo(f"  rule: {rules.ce.text or ''}".rstrip())
        click.echo(f"  source: {rules.ce.source or rules.primary_source}")


# -- caqh -------------------------------------------------------------------------------------


@click.group()
def caqh():
    """CAQH ProView attestations (re-attest every 120 days)."""


@caqh.command("attest")
@click.option("--date", "on", type=DATE, help="Date of the attestation (default: today).")
@provider_option
@json_option
@pass_ctx
def caqh_attest(ctx, on, provider_id, as_json):
    """Record a CAQH ProView (re-)attestation."""
    att = ctx.app.attest(provider_id, on or today())
    emit_json(att.to_dict()) if as_json else click.echo(f"{att.id}  attested on {att.date}")


@caqh.command("list")
@provider_option
@json_option
@pass_ctx
def caqh_list(ctx, provider_id, as_json):
    """List recorded attestations."""
    atts = sorted(ctx.app.records(provider_id).attestations, key=lambda a: a.date)
    if as_json:
        emit_json([a.to_dict() for a in atts])
        return
    table([(a.id, a.date) for a in atts], ("ID", "DATE"))


def remove_command(group: click.Group, kind: str, help_text: str) -> None:
    """``GROUP remove ID [--yes]``: one shape for every removable kind; asks first on a
    terminal, needs --yes without one; 'credtrack undo' brings the record back."""

    @group.command("remove", help=help_text + " Asks first (--yes for scripts); "
                   "'credtrack undo' brings it back.")
    @click.argument("record_id", metavar="ID", shell_complete=complete_records(kind))
    @yes_option
    @provider_option
    @pass_ctx
    def remove(ctx, record_id, yes, provider_id):
        from credtrack.kinds import get  # not at import: --help stays light

        label = get(kind).label
        found = [r for r in ctx.app.list_records(provider_id, kind) if r.id == record_id]
        if not found:
            from credtrack.errors import NotFound, shown_id

            raise NotFound(f"no {label.lower()} {shown_id(record_id, 'with id ')} "
                           f"(see 'credtrack list {kind}')")
        confirm(yes, f"Remove {label.lower()} {record_id}?")
        ctx.app.remove_record(provider_id, kind, record_id)
        click.echo(f"{record_id}  removed ('credtrack undo' brings it back)")


remove_command(license, "license", "Remove a license record.")
remove_command(doc, "document", "Remove a document (its vault file too, unless another "
                                "record uses it).")
remove_command(ce, "ce", "Remove a CE credit.")
remove_command(caqh, "attestation", "Remove a recorded attestation.")


@doc.command("replace")
@click.argument("document_id", metavar="ID", shell_complete=complete_records("document"))
@click.argument("file", type=PathType(path_type=Path))
@click.option("--issued", type=DATE)
@click.option("--expires", type=DATE)
@click.option("--limits", type=LIMITS, help="Coverage PER_CLAIM/AGGREGATE (default: as before).")
@provider_option
@json_option
@pass_ctx
def doc_replace(ctx, document_id, file, issued, expires, limits, provider_id, as_json):
    """Renew a document with a new FILE (a new COI, W-9...): the old record goes, the new one
    keeps its kind, state and note."""
    d = ctx.app.replace_document(provider_id, document_id, file, issued, expires, limits,
                                 today())
    if as_json:
        emit_json(_doc_dict(ctx.app, d))
    else:
        click.echo(f"{d.id}  replaces {document_id} ({d.size} bytes)")


@ce.command("edit")
@click.argument("credit_id", metavar="ID", shell_complete=complete_records("ce"))
@click.option("--hours", type=HOURS)
@click.option("--subject")
@click.option("--completed", type=DATE)
@click.option("--course")
@click.option("--sponsor")
@click.option("--delivery", type=click.Choice(R.DELIVERIES))
@provider_option
@json_option
@pass_ctx
def ce_edit(ctx, credit_id, hours, subject, completed, course, sponsor, delivery, provider_id,
            as_json):
    """Correct a CE credit."""
    values = dict(hours=hours, subject=subject, completed=completed, course=course,
                  sponsor=sponsor, delivery=delivery)
    require_change(*values.values())
    c = ctx.app.edit_ce(provider_id, credit_id, **values)
    emit_json(c.to_dict()) if as_json else click.echo(f"{c.id}  updated")


class _KindName(click.ParamType):
    """A record kind's name (credtrack.kinds), read when the command runs, so a kind declared
    by a plugin or a test is accepted like the bundled ones."""

    name = "KIND"

    def convert(self, value, param, ctx):
        from credtrack.kinds import get, kinds

        try:
            return get(value.strip().lower())
        except KeyError:
            names = ", ".join(k.name for k in kinds())
            self.fail(f"unknown record kind (one of: {names})", param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        from credtrack.kinds import kinds

        return [CompletionItem(k.name) for k in kinds() if k.name.startswith(incomplete)]


@click.command("list")
@click.argument("kind", type=_KindName())
@provider_option
@json_option
@pass_ctx
def list_records(ctx, kind, provider_id, as_json):
    """List one provider's records of any kind (license, document, ce, application, ...)."""
    from credtrack.kinds import row

    found = ctx.app.list_records(provider_id, kind.name)
    if as_json:
        emit_json([(getattr(r, "public_dict", None) or r.to_dict)() for r in found])
        return
    if not found:
        click.echo(f"no {kind.plural} yet")
    table([[row(kind, r)[c] for c in kind.columns] for r in found],
          [c.upper().replace("_", " ") for c in kind.columns])


COMMANDS = (license, doc, ce, caqh, list_records)
