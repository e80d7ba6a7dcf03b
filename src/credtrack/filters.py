"""Filters over the engine's report (``status``/``due --kind/--severity/--state/--payer/
--provider``) and the ``--fail-on`` test scripts and cron use. Pure: no I/O.

A :class:`Filter` keeps an item when it passes every criterion given (criteria left empty pass
everything); within one criterion the values are alternatives (``--state FL --state TX``: either).

- kind: a deadline kind (``license-renewal``), a finding code (``license-expired``), a record
  kind (``license``, ``ce``...: every deadline and finding about such a record, or whose kind or
  code is that record kind's), or a code prefix (``caqh`` matches ``caqh-expired``).
- severity: findings of that severity (error, warning, info); deadlines carry no severity and
  are left out when a severity is asked for.
- state: items about a record in one of the states (a license, a document kept for a state, an
  application and its calls for the states it covers, CE of a license). Items about no state
  (a CAQH attestation) are left out.
- payer: items about an application to one of the payers, or a call about one.
- provider: the providers to look at (the service reads only those).
"""

from __future__ import annotations

from typing import Iterable

from credtrack.compliance import Deadline, Finding, Report, application_states
from credtrack.kinds import Records, deadline_kinds, kinds

from credtrack.values import value
from credtrack.vocab import FAIL_ON, SEVERITIES  # noqa: F401,E402


@value
class Filter:
    kinds: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    payers: tuple[str, ...] = ()
    providers: tuple[str, ...] = ()

    @property
    def on_items(self) -> bool:
        """Whether any criterion looks at the items (providers only choose whom to read)."""
        return bool(self.kinds or self.severities or self.states or self.payers)


@value
class Subject:
    """What an item's subject record is about: its kind, states and payer."""

    kind: str
    states: frozenset[str]
    payer: str = ""


def subjects(records: Records) -> dict[str, Subject]:
    """Record id -> :class:`Subject`, for one provider's records."""
    out: dict[str, Subject] = {}
    apps = {}
    for kind in kinds():
        for rec in records.of(kind.table):
            state = getattr(rec, "state", "") or ""
            out[rec.id] = Subject(kind.name, frozenset([state] if state else []))
    for app in records.applications:
        apps[app.id] = Subject("application", frozenset(application_states(app, records)),
                               app.payer)
        out[app.id] = apps[app.id]
    for fu in records.followups:
        parent = apps.get(fu.application_id)
        if parent is not None:
            out[fu.id] = Subject("followup", parent.states, parent.payer)
    return out


def _owner() -> dict[str, str]:
    """Deadline kind -> the record kind that declares it."""
    out = {}
    for kind in kinds():
        for dk in kind.deadline_kinds:
            out[dk.name] = kind.name
        if kind.expiry_field:
            out[f"{kind.name}-expiry"] = kind.name
    return out


def _kind_match(word: str, wanted: tuple[str, ...], owner: str, subject: Subject | None) -> bool:
    for k in wanted:
        if word == k or word.startswith(k + "-") or owner == k or \
                (subject is not None and subject.kind == k):
            return True
    return False


def _place_match(f: Filter, subject: Subject | None) -> bool:
    if f.states and (subject is None or not subject.states & set(f.states)):
        return False
    if f.payers and (subject is None or subject.payer not in f.payers):
        return False
    return True


def apply(report: Report, records: Records, f: Filter) -> Report:
    """The items of one provider's ``report`` that pass ``f`` (the report is changed in place
    and returned)."""
    if not f.on_items:
        return report
    subs = subjects(records)
    owners = _owner()

    def keep_deadline(d: Deadline) -> bool:
        if f.severities:
            return False
        subject = subs.get(d.subject)
        if f.kinds and not _kind_match(d.kind, f.kinds, owners.get(d.kind, ""), subject):
            return False
        return _place_match(f, subject)

    def keep_finding(x: Finding) -> bool:
        if f.severities and x.severity not in f.severities:
            return False
        subject = subs.get(x.subject)
        if f.kinds and not _kind_match(x.code, f.kinds, "", subject):
            return False
        return _place_match(f, subject)

    report.deadlines = [d for d in report.deadlines if keep_deadline(d)]
    report.findings = [x for x in report.findings if keep_finding(x)]
    return report


def failing(report: Report, fail_on: Iterable[str]) -> list[str]:
    """Which of the ``--fail-on`` conditions the report meets: ``error`` (a finding of severity
    error), ``warning`` (a warning or an error), ``overdue`` (an overdue deadline)."""
    met = []
    for cond in fail_on:
        if cond == "error" and any(x.severity == "error" for x in report.findings):
            met.append(cond)
        elif cond == "warning" and any(x.severity in ("error", "warning")
                                       for x in report.findings):
            met.append(cond)
        elif cond == "overdue" and any(d.overdue for d in report.deadlines):
            met.append(cond)
    return met


def known_kinds() -> tuple[str, ...]:
    """Record kinds and deadline kinds (for help texts; finding codes are accepted too)."""
    return tuple(k.name for k in kinds()) + tuple(deadline_kinds())
