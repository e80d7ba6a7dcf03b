"""What goes into a calendar, planned from records: pure (no files, no store, no clock).

The service (``Credtrack.calendar`` / ``export_calendar`` / ``push_calendar``) reads the
records, evaluates them and keeps the calendar state file; this module turns each provider's
records and deadlines into what ``credtrack.calendar.render`` needs: the texts that must never
appear (redaction), the opt-in identifier lines, the occurrence keys that end a to-do when the
user does the thing (a renewal, a logged call), and which records still exist. It imports no
icalendar: import ``credtrack.calendar`` only where a calendar is made.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any

from credtrack.values import record

STATE_FILE = "calendar-state.json"
DEFAULT_FILE = "credtrack.ics"
CACHE_DIR = "cache/calendar"


def target_key(provider_ids: list[str], everyone: bool, include_identifiers: bool) -> str:
    """The state key of an export target: each keeps its own SEQUENCE history."""
    key = "all" if everyone else f"provider:{provider_ids[0]}"
    return key + ("+identifiers" if include_identifiers else "")


def cache_name(target: str) -> str:
    """The file (under ``CACHE_DIR``) that keeps a target's last output."""
    import hashlib  # here: OpenSSL's start costs every command 2 ms

    return hashlib.sha256(target.encode()).hexdigest()[:24] + ".ics"


def private_values(records) -> list[str]:
    """Everything about a provider that must not reach a calendar file by default."""
    p = records.provider
    tin = re.sub(r"\D", "", p.tin or "")
    values = [p.npi, p.tin, p.caqh_id, p.email, p.phone, p.address]
    if tin:  # as stored, and as an EIN or SSN is written
        values += [tin, f"{tin[:2]}-{tin[2:]}", f"{tin[:3]}-{tin[3:5]}-{tin[5:]}"]
    if p.birth_date:
        values += [p.birth_date.isoformat(), p.birth_date.strftime("%m/%d/%Y")]
    values += [lic.number for lic in records.licenses]
    values += [v for f in records.followups for v in (f.ref, f.contact)]
    for case in records.tables.get("cases", []):  # patient data: never in a calendar (the
        # client's label, the user's own pseudonym for them, is how a case is named there)
        values += [case.client_name, case.member_id, case.referring_name, case.referring_npi,
                   *case.diagnoses]
    values += [a.number for a in records.tables.get("authorizations", [])]
    return [v for v in values if isinstance(v, str) and v]


def identifier_lines(records, deadlines) -> dict[str, list[str]]:
    """--include-identifiers: the NPI, license number, CAQH id and call reference numbers."""
    p = records.provider
    licenses = {lic.id: lic for lic in records.licenses}
    refs: dict[str, list[str]] = {}
    for f in sorted(records.followups, key=lambda f: (f.date, f.id)):
        if f.ref:
            refs.setdefault(f.application_id, []).append(f.ref)
    out = {}
    for d in deadlines:
        lines = [f"NPI: {p.npi}"] if p.npi else []
        lic = licenses.get(d.subject)
        if lic is not None and lic.number:
            lines.append(f"{lic.state} license number: {lic.number}")
        if d.kind == "caqh-attestation" and p.caqh_id:
            lines.append(f"CAQH ProView ID: {p.caqh_id}")
        if refs.get(d.subject):
            lines.append("Call reference numbers: " + ", ".join(refs[d.subject]))
        out[d.identity] = lines
    return out


def occurrences(records, deadlines) -> dict[str, str]:
    """Per deadline identity, the key of its current occurrence: a renewal of the license (for
    its renewal and CE deadlines) or a call logged on the application starts a new one; a new
    document or attestation is a new record, so its subject already tells."""
    renewals = {lic.id: len(lic.renewals or []) for lic in records.licenses}
    calls: dict[str, int] = {}
    for f in records.followups:
        calls[f.application_id] = calls.get(f.application_id, 0) + 1
    out = {}
    for d in deadlines:
        if d.subject in renewals:
            out[d.identity] = f"renewals={renewals[d.subject]}"
        elif d.kind == "follow-up":
            out[d.identity] = f"calls={calls.get(d.subject, 0)}"
    return out


def record_ids(records) -> set[str]:
    """The ids of every record of every kind (a to-do whose record is gone was cancelled)."""
    return {r.id for rows in records.tables.values() for r in rows}


@record
class Plan:
    """Everything ``calendar.render`` needs besides the state, gathered provider by provider."""
    include_identifiers: bool = False
    deadlines: list = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    private: dict[str, list[str]] = field(default_factory=dict)
    identifiers: dict[str, list[str]] = field(default_factory=dict)
    occurrences: dict[str, str] = field(default_factory=dict)
    existing: set[str] = field(default_factory=set)

    def add(self, records, deadlines) -> None:
        pid = records.provider.id
        self.deadlines += deadlines
        self.names[pid] = records.provider.name
        self.private[pid] = private_values(records)
        self.occurrences.update(occurrences(records, deadlines))
        self.existing |= record_ids(records)
        if self.include_identifiers:
            self.identifiers.update(identifier_lines(records, deadlines))

    def options(self, as_of, reminders, overdue_every: int, prefix_names: bool) -> Any:
        from credtrack import calendar

        return calendar.Options(as_of, reminders if reminders is not None
                                else calendar.default_reminders(), overdue_every, self.names,
                                prefix_names, self.identifiers, self.occurrences,
                                frozenset(self.existing))
