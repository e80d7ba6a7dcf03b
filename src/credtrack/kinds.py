"""The record-kind table: every kind of record credtrack keeps is declared here once.

A :class:`RecordKind` names its model (a :class:`credtrack.models.Record` dataclass), the store
table it lives in, its labels, the deadline kinds it produces (with their labels, reminder
ladders and the action that settles them) and, optionally, an expiry field that the engine turns
into a deadline by itself. The store (tables, exports, shape checks), the engine, the CLI's
generic commands, the TUI and the calendar all read this table; adding a kind is one
:func:`register` call (see docs/architecture.md). Pure: no I/O.
"""

from __future__ import annotations

from typing import Any

from credtrack.models import (
    Application, Attestation, Authorization, Case, CECredit, Document, Enrollment, FollowUp,
    License, Provider, Record, Reference, Screening, Visit, WorkHistory,
)
from credtrack.values import value


@value
class DeadlineKind:
    """A kind of deadline: its label, the default reminder ladder (days before) and the action
    that settles it (an action id, see :data:`ACTIONS`)."""

    name: str
    label: str
    reminders: tuple[int, ...] = (30, 7)
    action: str = ""
    hint: str = ""  # what to do, in words (calendar descriptions)


@value
class RecordKind:
    name: str  # "license": the CLI's and the actions' word
    model: type[Record]
    attr: str  # the Records attribute: "licenses"
    label: str  # "License"
    plural: str  # "licenses"
    columns: tuple[str, ...] = ("id",)  # what a plain listing shows
    deadline_kinds: tuple[DeadlineKind, ...] = ()
    expiry_field: str = ""  # a date field the engine turns into a "<name>-expiry" deadline
    removable: bool = False  # `remove` is offered for it
    title_field: str = ""  # the field that names one record in a listing or an event

    @property
    def table(self) -> str:
        return self.model.TABLE

    @property
    def prefix(self) -> str:
        return self.model.PREFIX


# Action ids: "<kind>.<verb>". Findings and deadlines carry one (credtrack.compliance.Action);
# the CLI renders it as a command, the TUI as a key hint, the calendar as text.
ACTIONS: dict[str, str] = {
    "license.add": "record a state license",
    "license.renew": "record the renewal",
    "license.edit": "enter the expiry date printed on the license",
    "license.remove": "remove the license record",
    "document.add": "add the current document",
    "document.edit": "change the document's dates, limits or note",
    "document.replace": "renew the document with a new file",
    "document.remove": "remove the document",
    "ce.add": "log the CE credit",
    "ce.edit": "correct the CE credit",
    "ce.remove": "remove the CE credit",
    "application.add": "start an application to a payer",
    "application.status": "change the application's status",
    "application.edit": "change the application's note or states",
    "application.remove": "remove the application and its calls",
    "followup.add": "call the payer and log the call",
    "followup.edit": "correct the logged call",
    "followup.remove": "remove the logged call",
    "caqh.attest": "re-attest the CAQH profile and record it",
    "attestation.remove": "remove the attestation",
    "application.recredential": "complete the payer's recredentialing",
    "work.add": "record the missing job, or explain the gap in a signed letter",
    "reference.add": "record a professional reference",
    "document.edit": "correct what the document record says, or get a corrected document",
    "application.edit": "correct what the application states",
    "provider.edit": "change the provider's details",
    "case.rereferral": "ask the referring provider for a new prescription",
    "auth.add": "request or record a new authorization",
    "case.edit": "complete the case's paperwork",
    "enrollment.revalidate": "revalidate the enrollment in PECOS and record it",
    "enrollment.report": "report the change to Medicare (PECOS or CMS-855I) and record it",
    "screening.run": "screen the practice against the exclusion lists (LEIE, SAM)",
    "screening.verify": "verify the match on the list's own search page before acting on it",
    "provider.nppes": "compare the records with the NPI Registry and correct either side",
}

# Patient data (a client's name, member id, diagnoses): never kept in the change log, never
# offered by the desk's search or record details (the Cases tab shows the client's label only).
PATIENT_KINDS = ("case", "authorization", "visit")
PATIENT_DOCUMENT_KINDS = ("referral",)

# The actions offered on one record of a kind (the TUI's record detail and palette); the
# settling actions of deadlines and findings are in each DeadlineKind.
RECORD_ACTIONS: dict[str, tuple[str, ...]] = {
    "license": ("license.renew", "license.edit", "license.remove"),
    "document": ("document.replace", "document.edit", "document.remove"),
    "ce": ("ce.edit", "ce.remove"),
    "application": ("application.status", "followup.add", "application.edit",
                    "application.remove"),
    "followup": ("followup.edit", "followup.remove"),
    "attestation": ("attestation.remove",),
}

_KINDS: dict[str, RecordKind] = {}
_BY_ATTR: dict[str, RecordKind] = {}
_BY_TABLE: dict[str, RecordKind] = {}


def register(kind: RecordKind) -> RecordKind:
    """Declare a record kind (once). Returns it, so a module can keep a name for it."""
    for index, key in ((_KINDS, kind.name), (_BY_ATTR, kind.attr), (_BY_TABLE, kind.table)):
        if key in index and index[key] is not kind:
            raise ValueError(f"record kind {key!r} is declared twice")
    _KINDS[kind.name], _BY_ATTR[kind.attr], _BY_TABLE[kind.table] = kind, kind, kind
    return kind


def unregister(name: str) -> None:
    """Forget a kind (tests that declare one clean up with this)."""
    kind = _KINDS.pop(name)
    _BY_ATTR.pop(kind.attr, None)
    _BY_TABLE.pop(kind.table, None)


def kinds() -> tuple[RecordKind, ...]:
    return tuple(_KINDS.values())


def get(name: str) -> RecordKind:
    return _KINDS[name]


def by_attr(attr: str) -> RecordKind:
    return _BY_ATTR[attr]


def by_table(table: str) -> RecordKind:
    return _BY_TABLE[table]


def by_model(model: type) -> RecordKind:
    for kind in _KINDS.values():
        if kind.model is model:
            return kind
    raise KeyError(model.__name__)


def record_types() -> tuple[type[Record], ...]:
    return tuple(k.model for k in _KINDS.values())


def deadline_kinds() -> dict[str, DeadlineKind]:
    """Every deadline kind any record kind declares, by name."""
    out: dict[str, DeadlineKind] = {}
    for kind in _KINDS.values():
        for dk in kind.deadline_kinds:
            out[dk.name] = dk
        if kind.expiry_field and f"{kind.name}-expiry" not in out:
            out[f"{kind.name}-expiry"] = DeadlineKind(f"{kind.name}-expiry",
                                                      f"{kind.label} expiry")
    return out


def row(kind: RecordKind, record: Record) -> dict[str, Any]:
    """A record as a plain listing row (the kind's columns)."""
    d = record.to_dict()
    return {c: d.get(c) for c in kind.columns}


class Records:
    """Everything known about one provider: the engine's input.

    One list per record kind (see :mod:`credtrack.kinds`), reached by the kind's attribute name
    (``records.licenses``, ``records.ce``...). A kind declared later (a plugin's, a test's) gets
    its list the same way, with no change here."""

    __slots__ = ("provider", "tables")

    def __init__(self, provider: Provider, tables: dict[str, list[Any]] | None = None,
                 **lists: list[Any]):
        self.provider = provider
        self.tables: dict[str, list[Any]] = dict(tables or {})
        for attr, items in lists.items():
            self.tables[by_attr(attr).table] = list(items)

    def __getattr__(self, attr: str) -> list[Any]:
        try:
            kind = by_attr(attr)
        except KeyError:
            raise AttributeError(attr) from None
        return self.tables.setdefault(kind.table, [])

    def of(self, table: str) -> list[Any]:
        return self.tables.setdefault(table, [])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Records):
            return NotImplemented
        return self.provider == other.provider and \
            {k: v for k, v in self.tables.items() if v} == \
            {k: v for k, v in other.tables.items() if v}

    def __repr__(self) -> str:
        return f"Records({self.provider.id!r}, {sorted(k for k, v in self.tables.items() if v)})"


def _builtin() -> None:
    register(RecordKind(
        "license", License, "licenses", "License", "licenses",
        ("id", "state", "number", "issued", "expires"), removable=True, title_field="state",
        deadline_kinds=(DeadlineKind(
            "license-renewal", "license", (90, 30, 7), "license.renew",
            "renew the license with the state board before this date, then record it"),)))
    register(RecordKind(
        "document", Document, "documents", "Document", "documents",
        ("id", "kind", "original_name", "issued", "expires"), removable=True,
        title_field="kind",
        deadline_kinds=(DeadlineKind(
            "document-expiry", "document", (60, 30, 7), "document.add",
            "get the current document before this one expires and add it"),)))
    register(RecordKind(
        "ce", CECredit, "ce", "CE credit", "CE credits",
        ("id", "hours", "subject", "completed", "delivery"), removable=True,
        title_field="subject",
        deadline_kinds=(DeadlineKind(
            "ce-due", "CE", (90, 30, 7), "ce.add",
            "complete the continuing education the state requires by this date and log "
            "each credit"),)))
    register(RecordKind(
        "application", Application, "applications", "Application", "applications",
        ("id", "payer", "status", "states", "created"), title_field="payer", removable=True,
        deadline_kinds=(DeadlineKind(
            "recredentialing", "recredential", (120, 90, 30), "application.recredential",
            "complete the payer's recredentialing before this date"),)))
    register(RecordKind(
        "followup", FollowUp, "followups", "Follow-up call", "follow-up calls",
        ("id", "application_id", "date", "contact", "ref", "next"), title_field="contact",
        removable=True,
        deadline_kinds=(DeadlineKind(
            "follow-up", "follow-up", (0,), "followup.add",
            "call the payer about the application and log the call"),)))
    register(RecordKind(
        "attestation", Attestation, "attestations", "CAQH attestation", "CAQH attestations",
        ("id", "date", "state"), title_field="date", removable=True,
        deadline_kinds=(DeadlineKind(
            "caqh-attestation", "CAQH", (15, 10, 5), "caqh.attest",
            "re-attest the CAQH ProView profile, then record it"),)))
    register(RecordKind(
        "work", WorkHistory, "work_history", "Job", "jobs (work history)",
        ("id", "start", "end", "employer", "role"), removable=True, title_field="employer"))
    register(RecordKind(
        "reference", Reference, "references", "Reference", "references",
        ("id", "name", "role", "organization", "contact"), removable=True,
        title_field="name"))
    register(RecordKind(
        "screening", Screening, "screenings", "Exclusion screening", "exclusion screenings",
        ("id", "date", "sources", "matches"), title_field="date",
        deadline_kinds=(DeadlineKind(
            "screening-due", "screening", (7, 0), "screening.run",
            "screen the practice against this month's LEIE (and SAM) files"),)))


_builtin()


def _paying_work() -> None:
    """Cases, authorizations and visits (getting paid: credtrack.compliance.cases)."""
    register(RecordKind(
        "case", Case, "cases", "Case", "cases", ("id", "client", "payer", "start", "end",
                                                 "status"), title_field="client",
        deadline_kinds=(
            DeadlineKind("re-referral", "re-referral", (7, 0), "case.rereferral",
                         "ask the referring provider for a new prescription or referral"),
            DeadlineKind("prescription-expiry", "prescription", (7, 0), "case.rereferral",
                         "the prescription or referral ends: no visits after this date"))))
    register(RecordKind(
        "authorization", Authorization, "authorizations", "Authorization", "authorizations",
        ("id", "case_id", "vendor", "visits", "start", "end"), title_field="vendor",
        deadline_kinds=(DeadlineKind(
            "authorization-expiry", "authorization", (14, 3), "auth.add",
            "the prior authorization ends: request an extension before this date"),)))
    register(RecordKind(
        "visit", Visit, "visits", "Visit", "visits", ("id", "case_id", "date"),
        title_field="date"))


_paying_work()


def _enrollments() -> None:
    register(RecordKind(
        "enrollment", Enrollment, "enrollments", "Enrollment", "enrollments",
        ("id", "program", "enrolled", "revalidated", "revalidation_due"), title_field="program",
        deadline_kinds=(
            DeadlineKind("medicare-revalidation", "revalidation", (210, 90, 30),
                         "enrollment.revalidate",
                         "revalidate the Medicare enrollment (PECOS or CMS-855I) by this date"),
            DeadlineKind("medicare-change-report", "report a change", (14, 3),
                         "enrollment.report",
                         "report the change to Medicare by this date"))))


_enrollments()
