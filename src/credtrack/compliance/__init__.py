"""The compliance engine: (records, rules, as_of) -> deadlines and findings. Pure.

The engine is a tuple of **checks** (:data:`CHECKS`). A check is a small function
``check(ctx: Context) -> Iterable[Deadline | Finding]`` over one provider's records, the rules and
the date (``ctx``: :class:`Context`); :func:`evaluate` runs every registered check and collects
what they yield. Plugins' ``credtrack_findings`` / ``credtrack_deadlines`` hooks have the same
shape (they receive the context, return items). Every deadline and finding says which rule
produced it, cites the source of that rule, and carries an :class:`Action` saying what settles it.

Modules: :mod:`.core` (the types), :mod:`.licenses`, :mod:`.ce`, :mod:`.documents`,
:mod:`.applications`, :mod:`.caqh`, :mod:`.screening`, :mod:`.nppes`, and :func:`check_expiring_records` for any record kind that
declares an expiry field (credtrack.kinds).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Iterable, Iterator, Mapping

from credtrack import rules as R
from credtrack.compliance.applications import (  # noqa: F401  (the engine's public API)
    ChecklistItem, application_states, check_checklists, check_follow_ups,
    check_recredentialing, checklist, checklist_date, checklist_findings, document_expiry,
    documents_by_kind, find_item, license_expiries, next_follow_up,
)
from credtrack.compliance.caqh import (  # noqa: F401
    CAQH_DAYS, CAQH_DAYS_IL, CAQH_REMINDERS, CAQH_SOURCE, caqh_due, caqh_period, check_caqh,
)
from credtrack.compliance.cases import check_cases  # noqa: F401
from credtrack.compliance.ce import CEProgress, ce_progress, check_ce  # noqa: F401
from credtrack.compliance.core import (  # noqa: F401
    DOC_WARN_DAYS, RENEWAL_WARN_DAYS, USER_DATE, Action, Deadline, Finding, Override,
    Report, action, document_label, severity_for,
)
from credtrack.compliance.context import Context  # noqa: F401
from credtrack.compliance.documents import check_documents  # noqa: F401
from credtrack.compliance.enrollments import check_enrollments  # noqa: F401
from credtrack.compliance.nppes import check_nppes  # noqa: F401
from credtrack.compliance.screening import SCREENING_DAYS, check_screening  # noqa: F401
from credtrack.compliance.licenses import (  # noqa: F401
    LicenseView, check_liability, check_licenses, in_first_term, renewal_context, view_license,
)
from credtrack.compliance.workhistory import check_references, check_work_history  # noqa: F401
from credtrack.kinds import Records

Check = Callable[[Context], Iterable["Deadline | Finding"]]


def check_expiring_records(ctx: Context) -> Iterator[Deadline | Finding]:
    """For every record kind that declares ``expiry_field`` (and has no check of its own): a
    ``<kind>-expiry`` deadline per record, and a finding once it has expired."""
    from credtrack.kinds import kinds

    p = ctx.records.provider
    for kind in kinds():
        if not kind.expiry_field:
            continue
        for record in ctx.records.of(kind.table):
            when = getattr(record, kind.expiry_field, None)
            if not isinstance(when, date):
                continue
            title = str(getattr(record, kind.title_field, "") or "") if kind.title_field else ""
            label = f"{kind.label} {title}".strip()
            rule = f"the {kind.expiry_field.replace('_', ' ')} date entered for the record"
            overdue = when < ctx.as_of
            yield Deadline(when, f"{kind.name}-expiry", f"{label} expires", p.id, record.id,
                           rule, "", overdue, action=action(f"{kind.name}.edit", record.id))
            if overdue:
                yield Finding("error", f"{kind.name}-expired", f"{label} expired on {when}",
                              p.id, record.id, rule, "", action(f"{kind.name}.edit", record.id))


CHECKS: list[tuple[str, Check]] = [
    ("licenses", check_licenses),
    ("liability", check_liability),
    ("ce", check_ce),
    ("documents", check_documents),
    ("checklists", check_checklists),
    ("follow-ups", check_follow_ups),
    ("recredentialing", check_recredentialing),
    ("caqh", check_caqh),
    ("cases", check_cases),
    ("enrollments", check_enrollments),
    ("screening", check_screening),
    ("nppes", check_nppes),
    ("expiring-records", check_expiring_records),
    ("work-history", check_work_history),
    ("references", check_references),
]


def register_check(name: str, check: Check) -> None:
    """Add a check (a new record kind's, say); a name already registered is replaced."""
    for i, (have, _) in enumerate(CHECKS):
        if have == name:
            CHECKS[i] = (name, check)
            return
    CHECKS.append((name, check))


def evaluate(records: Records, states: Mapping[str, R.StateRules], payers: Mapping[str, Any],
             as_of: date, override: Override | None = None) -> tuple[Report, Context]:
    """Run every check over one provider's records; the report is unsorted (callers sort once,
    after adding what plugins add)."""
    ctx = Context(records, states, payers, as_of, override)
    report = Report(as_of)
    for _name, check in CHECKS:
        report.add(check(ctx))
    return report, ctx
