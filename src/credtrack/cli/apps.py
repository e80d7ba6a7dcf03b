"""payers, apply, app list|show|status, followup add."""

from __future__ import annotations

from dataclasses import replace

import click

from credtrack.cli.common import (
    DATE, STATE, as_of_option, complete_payers, complete_records, emit_json, fmt_date,
    json_option, pass_ctx, provider_option, require_change, table, today, warn,
)
from credtrack.cli.info import _jsonable, _line, show_diff
from credtrack.vocab import APP_STATUSES


def _answer(rules, provider_type: str) -> dict:
    c = rules.credential(provider_type)
    return {"answer": c.answer, "source": c.source, "read": c.read or rules.verified,
            "source_date": c.source_date or None, "confidence": c.confidence, "text": c.text,
            "states": list(c.states)}


def payer_dict(entry) -> dict:
    """A payer's rules as JSON: every field, plus ``credentials`` (yes/no/unknown with its
    source, per provider type) and ``credentials_massage_therapists`` (true, false, or null
    when unknown)."""
    from credtrack.rules import PROVIDER_TYPES, UNKNOWN, YES

    d = _jsonable(entry.rules)
    d["plugin"] = entry.plugin.name
    d["plugin_origin"] = entry.plugin.origin
    d["credentials"] = {t: _answer(entry.rules, t) for t in PROVIDER_TYPES}
    lmt = d["credentials"]["massage-therapist"]["answer"]
    d["credentials_massage_therapists"] = None if lmt == UNKNOWN else lmt == YES
    return d


@click.group(invoke_without_command=True)
@json_option
@click.pass_context
def payers(click_ctx, as_json):
    """Payers and networks credtrack knows ('payers show ID' for one).

    LMT: does the payer take massage therapists: yes, NO, or unknown (no source says; an
    unknown is not a yes)."""
    if click_ctx.invoked_subcommand is not None:
        return
    from credtrack.cli.common import Ctx

    reg = click_ctx.find_object(Ctx).app.registry
    if as_json:
        emit_json([payer_dict(e) for e in reg.payers.values()])
        return
    shown = {"yes": "yes", "no": "NO", "unknown": "unknown"}
    table([(e.key, e.rules.name, e.rules.kind,
            shown[e.rules.credential("massage-therapist").answer],
            _states_cell(e.rules.states), e.rules.confidence, e.rules.verified)
           for e in reg.payers.values()],
          ("ID", "NAME", "KIND", "LMT", "STATES", "CONFIDENCE", "VERIFIED"))


def _states_cell(states: tuple[str, ...]) -> str:
    return "any" if not states else ",".join(states) if len(states) <= 6 else f"{len(states)} states"


def _cite(item, verified: str) -> None:
    """The indented provenance line under a fact: confidence, source, dates, scope."""
    scope = ", ".join(x for x in (getattr(item, "plan", "") and f"plan {item.plan}",
                                  getattr(item, "states", ()) and
                                  f"in {','.join(item.states)}") if x)
    bits = [f"confidence {item.confidence}", item.source and f"source {item.source}",
            item.dated(verified), scope]
    click.echo("      (" + "; ".join(b for b in bits if b) + ")")
    if getattr(item, "note", ""):
        click.echo(f"      note: {item.note}")


def _codes(codes) -> str:
    return ", ".join(codes) or "every code"


def _show_credentials(r) -> None:
    from credtrack.rules import PROVIDER_TYPES

    click.echo("Credentials (yes / no / unknown, each with its source):")
    for t in PROVIDER_TYPES:
        c = r.credential(t)
        click.echo(f"  - {t}: {c.answer}" + (f" - {c.text}" if c.text else ""))
        _cite(c, r.verified)


def _show_billing(r) -> None:
    """The billing, referral and authorization rules, each with its source."""
    if r.code_rules:
        click.echo("Codes:")
    for c in r.code_rules:
        paid = {True: "paid", False: "NOT payable", None: "unknown"}[c.paid]
        click.echo(f"  - {_codes(c.codes)}: {paid} to {c.provider_type}s - {c.text}")
        _cite(c, r.verified)
    if r.limits:
        click.echo("Limits:")
    for lim in r.limits:
        shared = f", shared with {', '.join(lim.shared_with)}" if lim.shared_with else ""
        click.echo(f"  - at most {lim.max:g} {lim.unit} per {lim.per}"
                   f"{' for ' + _codes(lim.codes) if lim.codes else ''}{shared} - {lim.text}")
        _cite(lim, r.verified)
    if r.pair_edits:
        click.echo("Same-session edits:")
    for e in r.pair_edits:
        allow = (f"unless modifier {' or '.join(e.modifiers)}" if e.modifiers
                 else "never both paid")
        click.echo(f"  - {_codes(e.codes)} with {_codes(e.with_codes)} ({e.scope}): {allow}"
                   f" - {e.text}")
        _cite(e, r.verified)
    if r.referrals:
        click.echo("Referral / prescription:")
    for ref in r.referrals:
        need = {True: "required", False: "not required", None: "unknown"}[ref.required]
        bits = [ref.kind.replace("-", " ") + f" {need}",
                ref.prescribers and "from " + " or ".join(ref.prescribers),
                ref.must_state and "must state " + ", ".join(ref.must_state),
                ref.valid_days and f"valid {ref.valid_days} days",
                ref.max_visits and f"covers {ref.max_visits} visits",
                ref.on_file and "kept on file", ref.form and f"form: {ref.form}"]
        click.echo("  - " + "; ".join(b for b in bits if b) + f" - {ref.text}")
        _cite(ref, r.verified)
    if r.authorizations:
        click.echo("Prior authorization:")
    for a in r.authorizations:
        need = {True: "required", False: "not required", None: "plan's rule"}[a.required]
        bits = [need, a.after_visits is not None and f"after {a.after_visits} visits"
                + (" plus the evaluation" if a.plus_evaluation else ""),
                a.new_episode_days and f"new episode after {a.new_episode_days} days without "
                "treatment", a.codes and f"codes {_codes(a.codes)}",
                a.exempt_codes and f"exempt {_codes(a.exempt_codes)}",
                a.vendor and f"vendor {a.vendor}", a.within_days and
                f"within {a.within_days} days", a.law and f"law {a.law}"]
        click.echo("  - " + "; ".join(b for b in bits if b) + f" - {a.text}")
        _cite(a, r.verified)


@payers.command("show")
@click.argument("payer_id", shell_complete=complete_payers)
@json_option
@pass_ctx
def payers_show(ctx, payer_id, as_json):
    """Everything credtrack knows about one payer: each fact with its source, the date it
    was read and the source's own date."""
    rules = ctx.app.payer_rules(payer_id)
    entry = ctx.app.registry.payers[rules.id]
    if as_json:
        emit_json(payer_dict(entry))
        return
    r = rules
    click.echo(f"{r.name} ({r.id}) - {r.kind}" + (f" - {', '.join(r.states)}" if r.states else ""))
    click.echo(f"Reviewed: {r.verified}   Confidence: {r.confidence}   Plugin: {entry.plugin.name}")
    _show_credentials(r)
    if r.route != "none":
        click.echo(f"Apply via: {r.route}" + (f" - {r.route_address}" if r.route_address else ""))
    if r.phone:
        click.echo(f"Phone: {r.phone}")
    if r.caqh_required:
        click.echo("CAQH ProView: profile attested and the payer authorized")
    if r.documents:
        click.echo("Documents:")
    for d in r.documents:
        limits = (f" (min ${d.min_per_claim:,}/${d.min_aggregate:,})"
                  if d.min_per_claim and d.min_aggregate else "")
        per = " - one per state of practice" if d.per_state else ""
        opt = " (optional)" if d.optional else ""
        click.echo(f"  - {d.label or d.kind} [{d.kind}]{limits}{per}{opt}"
                   + (f": {d.note}" if d.note else ""))
        _cite(replace(d, note=""), r.verified)
    if r.route != "none":
        click.echo("Turnaround: " + (f"about {r.turnaround_days} days" if r.turnaround_days
                                     else "unknown"))
        first = f"{r.first_followup_days} days after submitting, then " if r.first_followup_days else ""
        click.echo(f"Follow up: {first}every {r.followup_days} days"
                   + (f"; escalate after {r.escalate_after_days} days" if r.escalate_after_days else ""))
        click.echo("Recredentialing: " + (f"every {r.recredential_months} months"
                                          if r.recredential_months else "unknown"))
    _show_billing(r)
    _show_facts(r)
    if r.notes:
        click.echo(f"Notes: {r.notes}")
    click.echo("Sources:")
    for s in r.sources:
        click.echo(f"  {s}")


def _show_facts(r) -> None:
    from credtrack.rules import FACT_TOPICS

    for topic in FACT_TOPICS:
        facts = r.facts_about(topic)
        if facts:
            click.echo(f"{topic.capitalize()}:")
        for f in facts:
            click.echo(f"  - {f.text}")
            _cite(f, r.verified)


@payers.command("diff", short_help="What plugins change in the bundled rules.")
@json_option
@pass_ctx
def payers_diff(ctx, as_json):
    """What installed or plugins-directory plugins change in the bundled payer rules.

    Priority decides who wins: bundled < installed (entry point) < plugins directory; two
    plugins at one priority providing the same payer are an error naming both."""
    show_diff(ctx.app.registry.payers, "payer", as_json)


@click.command()
@click.argument("payer_id", shell_complete=complete_payers)
@click.option("--state", "states", type=STATE, multiple=True,
              help="State of practice for this application (repeatable; default: every "
                   "state you hold a license in).")
@click.option("--date", "on", type=DATE, help="Date started (default: today).")
@click.option("--note", default="")
@click.option("--force", is_flag=True, help="Track it even if the payer does not credential "
              "your provider type or state.")
@provider_option
@json_option
@pass_ctx
def apply(ctx, payer_id, states, on, note, force, provider_id, as_json):
    """Start an application to PAYER; its checklist comes from the payer's rules."""
    app, reasons = ctx.app.apply(provider_id, payer_id, states, force, on or today(), note)
    for r in reasons:
        warn(r)
    if as_json:
        emit_json(app.public_dict())
    else:
        click.echo(f"{app.id}  application to {app.payer} started (draft); "
                   f"'credtrack app show {app.id}' lists what it needs")


@click.group("app")
def app_group():
    """Applications: list, show (checklist and calls), status changes."""


@app_group.command("list")
@provider_option
@json_option
@pass_ctx
def app_list(ctx, provider_id, as_json):
    """List applications with their status."""
    apps = sorted(ctx.app.records(provider_id).applications, key=lambda a: (a.created, a.id))
    if as_json:
        emit_json([a.public_dict() for a in apps])
        return
    if not apps:
        click.echo("no applications yet: 'credtrack apply PAYER'")
    table([(a.id, a.payer, a.status, a.history[-1]["date"] if a.history else "",
            ",".join(a.states)) for a in apps], ("ID", "PAYER", "STATUS", "SINCE", "STATES"))


@app_group.command("show")
@click.argument("app_id", shell_complete=complete_records("application"))
@as_of_option
@provider_option
@json_option
@pass_ctx
def app_show(ctx, app_id, as_of, provider_id, as_json):
    """An application's checklist, history, follow-up ledger and next call."""
    info = ctx.app.application(provider_id, app_id, as_of or today())
    app, payer = info["application"], info["payer"]
    if as_json:
        emit_json({**app.public_dict(), "payer_name": payer.name if payer else app.payer,
                   "checklist": [i.to_dict() for i in info["checklist"]],
                   "followups": [f.to_dict() for f in info["followups"]],
                   "next_follow_up": fmt_date(info["next_follow_up"]) or None,
                   "next_follow_up_rule": info["next_follow_up_rule"] or None,
                   "states": info["states"]})
        return
    click.echo(f"{app.id}: {payer.name if payer else app.payer} - {app.status}")
    if app.forced:
        click.echo("  (tracked with --force: the payer may not credential you)")
    click.echo("Checklist:")
    marks = {"ok": "[x]", "optional": "[ ]", "missing": "[!]", "expired": "[!]",
             "below-minimum": "[!]"}
    for n, i in enumerate(info["checklist"], 1):
        doc = (f" <- {i.document.original_name} ({i.document.id}"
               + (", assigned" if i.assigned else "") + ")") if i.document else ""
        status = "" if i.status == "ok" else f" {i.status.upper()}"
        click.echo(f"  {n:>2}. {marks[i.status]} {i.label}{status}{doc}"
                   + (f"  ({i.detail})" if i.detail else "") + f"  [item {i.key}]")
    if app.reference or app.payer_number:
        click.echo("References: " + "; ".join(b for b in (
            app.reference and f"yours {app.reference}",
            app.payer_number and f"payer's {app.payer_number}") if b))
    click.echo("History:")
    for h in app.history:
        click.echo(f"  {h['date']}  {h['status']}" + (f"  {h['note']}" if h.get("note") else ""))
    if info["followups"]:
        click.echo("Calls:")
        for f in info["followups"]:
            bits = [f"{f.date}", f.contact and f"spoke with {f.contact}",
                    f.ref and f"ref {f.ref}", f.note]
            click.echo("  " + "  ".join(b for b in bits if b))
    if info["next_follow_up"]:
        click.echo(f"Next call: {info['next_follow_up']} ({info['next_follow_up_rule']})")


@app_group.command("status")
@click.argument("app_id", shell_complete=complete_records("application"))
@click.argument("new_status", type=click.Choice(APP_STATUSES))
@click.option("--date", "on", type=DATE, help="Date of the change (default: today).")
@click.option("--note", default="")
@provider_option
@json_option
@pass_ctx
def app_status(ctx, app_id, new_status, on, note, provider_id, as_json):
    """Move an application to NEW_STATUS (dated; the history is kept)."""
    app = ctx.app.set_status(provider_id, app_id, new_status, on or today(), note)
    emit_json(app.public_dict()) if as_json else click.echo(f"{app.id}  now {app.status}")


@app_group.command("attach")
@click.argument("app_id")
@click.argument("item")
@click.argument("document_id", metavar="DOC")
@as_of_option
@provider_option
@json_option
@pass_ctx
def app_attach(ctx, app_id, item, document_id, as_of, provider_id, as_json):
    """Assign document DOC to checklist ITEM of APP_ID (its key, label or number, as
    'app show' lists them). Without an assignment an item takes the newest current document
    of its kind; one document fills one item."""
    _, now = ctx.app.attach(provider_id, app_id, item, document_id, as_of or today())
    if as_json:
        emit_json(now.to_dict())
        return
    status = "" if now.status == "ok" else f" ({now.status}: {now.detail})"
    click.echo(f"{now.label} <- {now.document.original_name} ({document_id}){status}")


@app_group.command("detach")
@click.argument("app_id")
@click.argument("item")
@as_of_option
@provider_option
@json_option
@pass_ctx
def app_detach(ctx, app_id, item, as_of, provider_id, as_json):
    """Forget ITEM's assigned document: the newest current document of its kind fills it."""
    _, now = ctx.app.attach(provider_id, app_id, item, None, as_of or today())
    if as_json:
        emit_json(now.to_dict())
        return
    doc = now.document.original_name if now.document else "nothing"
    click.echo(f"{now.label} <- {doc} ({now.status})")


@app_group.command("edit")
@click.argument("app_id", shell_complete=complete_records("application"))
@click.option("--note", default=None)
@click.option("--state", "states", type=STATE, multiple=True, help="States of practice "
              "(repeatable; replaces the list).")
@click.option("--reference", default=None, help="Your own reference for this application "
              "(printed on the cover letter).")
@click.option("--payer-number", default=None, help="The payer's application or tracking "
              "number, once known (printed on the cover letter).")
@click.option("--tin", default=None, help="The TIN/EIN the application form states.")
@click.option("--policy-number", default=None, help="The liability policy number it states.")
@click.option("--named-insured", default=None, help="The named insured it states.")
@click.option("--coi-expires", default=None, help="The COI expiry date it states "
              "(YYYY-MM-DD).")
@click.option("--name", default=None, help="The provider's name as the form states it.")
@click.option("--address", default=None, help="The address the form states.")
@provider_option
@json_option
@pass_ctx
def app_edit(ctx, app_id, note, states, provider_id, as_json, **changes):
    """Change an application's note or states of practice, your reference, the payer's
    application number, or what the application form states ("" clears a value; 'credtrack
    check' compares them with the documents)."""
    require_change(note, states or None, *changes.values())
    app = ctx.app.edit_application(provider_id, app_id, note, list(states) or None, **changes)
    if as_json:
        emit_json(app.public_dict())
        return
    click.echo(f"{app.id}  updated")


@click.group()
def followup():
    """The follow-up ledger: every call, with its reference number."""


@followup.command("add")
@click.argument("app_id", shell_complete=complete_records("application"))
@click.option("--date", "on", type=DATE, help="Date of the call (default: today).")
@click.option("--contact", default="", help="Who you spoke with.")
@click.option("--ref", default="", help="The call's reference number.")
@click.option("--note", default="")
@click.option("--next", "next_date", type=DATE, help="When to call next (default: the payer's "
              "cadence).")
@provider_option
@json_option
@pass_ctx
def followup_add(ctx, app_id, on, contact, ref, note, next_date, provider_id, as_json):
    """Log a call or message about an application (append-only)."""
    fu = ctx.app.add_followup(provider_id, app_id, on or today(), contact, ref, note, next_date)
    emit_json(fu.to_dict()) if as_json else click.echo(f"{fu.id}  logged for {app_id}")


@followup.command("list")
@click.argument("app_id", required=False, shell_complete=complete_records("application"))
@provider_option
@json_option
@pass_ctx
def followup_list(ctx, app_id, provider_id, as_json):
    """The call ledger: every logged call (of APP_ID, or of every application)."""
    calls = ctx.app.followups(provider_id, app_id)
    if as_json:
        emit_json([f.to_dict() for f in calls])
        return
    if not calls:
        click.echo("no calls logged yet: 'credtrack followup add APP'")
    table([(f.id, f.application_id, f.date, f.contact, f.ref, fmt_date(f.next), f.note)
           for f in calls], ("ID", "APPLICATION", "DATE", "CONTACT", "REF", "NEXT", "NOTE"))


@followup.command("edit")
@click.argument("followup_id", metavar="ID", shell_complete=complete_records("followup"))
@click.option("--date", "on", type=DATE)
@click.option("--contact")
@click.option("--ref")
@click.option("--note")
@click.option("--next", "next_date", type=DATE)
@provider_option
@json_option
@pass_ctx
def followup_edit(ctx, followup_id, on, contact, ref, note, next_date, provider_id, as_json):
    """Correct a logged call."""
    values = dict(date=on, contact=contact, ref=ref, note=note, next=next_date)
    require_change(*values.values())
    fu = ctx.app.edit_followup(provider_id, followup_id, **values)
    emit_json(fu.to_dict()) if as_json else click.echo(f"{fu.id}  updated")


def _register_removals() -> None:
    from credtrack.cli.records import remove_command

    remove_command(app_group, "application", "Remove an application and its logged calls.")
    remove_command(followup, "followup", "Remove a logged call.")


_register_removals()

COMMANDS = (payers, apply, app_group, followup)
