"""What the engine produces (deadlines, findings, actions) and what checks read (Context). Pure."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import Any, Callable, Iterable, Mapping

from credtrack import rules as R
from credtrack.models import License
from credtrack.values import record, value

DOC_WARN_DAYS = 30
RENEWAL_WARN_DAYS = 90
USER_DATE = "the expiry date entered from the license"


@value(slots=True)
class Action:
    """What the user does about a deadline or finding: an action id (credtrack.kinds.ACTIONS,
    the same ids as the TUI's bindings), the record it is about, and named arguments."""

    id: str
    record: str = ""
    args: tuple[tuple[str, str], ...] = ()

    def arg(self, name: str, default: str = "") -> str:
        return dict(self.args).get(name, default)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "record": self.record or None, "args": dict(self.args)}


def action(action_id: str, record: str = "", **args: str) -> Action:
    return Action(action_id, record, tuple(sorted(args.items())))


@value(slots=True)
class Deadline:
    date: date
    kind: str
    title: str
    provider: str
    subject: str
    rule: str
    source: str
    overdue: bool = False
    key: str = ""  # what the deadline is about when that outlives one record (stable across runs)
    action: Action | None = None
    confidence: str = R.CONFIRMED  # of the facts that produced the date

    @property
    def identity(self) -> str:
        """Stable across runs and date changes: provider, kind and key (else the record).

        A renewed COI is a new document but the same deadline; so is each CAQH attestation."""
        return "|".join((self.provider, self.kind, self.key or self.subject))

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "kind": self.kind, "title": self.title,
                "provider": self.provider, "subject": self.subject, "rule": self.rule,
                "source": self.source, "overdue": self.overdue,
                "action": self.action.to_dict() if self.action else None,
                "confidence": self.confidence}


@value(slots=True)
class Finding:
    severity: str  # error | warning | info
    code: str
    message: str
    provider: str
    subject: str
    rule: str
    source: str
    action: Action | None = None
    confidence: str = R.CONFIRMED

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "message": self.message,
                "provider": self.provider, "subject": self.subject, "rule": self.rule,
                "source": self.source,
                "action": self.action.to_dict() if self.action else None,
                "confidence": self.confidence}


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@record
class Report:
    as_of: date
    deadlines: list[Deadline] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, items: Iterable[Deadline | Finding] | None) -> None:
        for item in items or ():
            if isinstance(item, Deadline):
                self.deadlines.append(item)
            elif isinstance(item, Finding):
                self.findings.append(item)

    def sort(self) -> "Report":
        self.deadlines.sort(key=lambda d: (d.date, d.provider, d.kind, d.subject, d.title))
        self.findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.provider,
                                          f.code, f.subject, f.message))
        return self

    def extend(self, other: "Report") -> None:
        self.deadlines.extend(other.deadlines)
        self.findings.extend(other.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(),
                "deadlines": [d.to_dict() for d in self.deadlines],
                "findings": [f.to_dict() for f in self.findings]}


DOCUMENT_LABELS = {
    "license": "License copy", "w9": "W-9", "liability-coi": "Liability insurance certificate",
    "general-coi": "General liability certificate", "ce-certificate": "CE certificate",
    "cpr": "CPR certification", "first-aid": "First aid certification", "resume": "Resume",
    "reference": "Reference", "diploma": "Diploma", "transcript": "Transcript",
    "photo-id": "Photo ID", "npi-letter": "NPI letter", "irs-ein-letter": "IRS EIN letter",
    "caqh-attestation": "CAQH attestation", "referral": "Referral", "other": "Document",
}


def document_label(kind: str) -> str:
    return DOCUMENT_LABELS.get(kind, kind.replace("-", " ").capitalize())


def severity_for(days_left: int, warn_days: int) -> str:
    if days_left < 0:
        return "error"
    return "warning" if days_left <= warn_days else "info"


Override = Callable[[License], "date | None"]
