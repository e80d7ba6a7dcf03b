"""Claim readiness: what would get a claim for a visit denied, rule by rule, each with its source.
Pure: (case, service lines, date, records, payer rules, imported NCCI edits) -> issues.

Payer facts come from the payer plugin's billing vocabulary (``code_rules``, ``limits``,
``pair_edits``, ``referrals``, ``authorizations``: see credtrack.rules); CMS NCCI
procedure-to-procedure edits come only from a file the user downloaded and imported
(``credtrack ncci import``): credtrack never ships that file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Iterator

from credtrack.billing import EIGHT_MINUTE_SOURCE, Line
from credtrack.compliance.cases import (
    auth_rule, auth_use, case_visits, covers, episode_numbers, exempt_from_authorization,
    referral_rule,
)
from credtrack.kinds import Records
from credtrack.models import Case, Visit

NCCI_MODIFIERS = ("59", "XE", "XS", "XP", "XU")  # the NCCI-associated modifiers
NCCI_SOURCE = "CMS National Correct Coding Initiative procedure-to-procedure edits"


@dataclass(frozen=True)
class Issue:
    severity: str  # error: would be denied | warning: may be denied | info: not known
    code: str
    message: str
    rule: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {"severity": self.severity, "code": self.code, "message": self.message,
                "rule": self.rule, "source": self.source}


@dataclass(frozen=True)
class NcciEdit:
    """One row of an imported NCCI PTP file: column 1 / column 2 codes, the dates it is in
    force, and its modifier indicator (0: never both; 1: both with an NCCI modifier; 9: not
    applicable)."""

    column1: str
    column2: str
    effective: date
    deleted: date | None
    indicator: str
    quarter: str
    file: str

    def active(self, on: date) -> bool:
        return self.effective <= on and (self.deleted is None or on <= self.deleted)


def check_claim(case: Case, lines: list[Line], on: date, records: Records, payer: Any,
                ncci: Iterable[NcciEdit] = (), provider_type: str = "massage-therapist",
                diagnoses: Iterable[str] = ()) -> list[Issue]:
    """Every reason the claim could be denied, most serious first."""
    issues = [*_units(lines), *_codes(lines, payer, provider_type, case.state),
              *_pairs(lines, payer, case.state), *_ncci(lines, ncci, on),
              *_limits(lines, payer, case.state), *_prescription(case, on, payer, diagnoses),
              *_authorization(case, lines, on, records, payer),
              *_credentialed(case, on, records, payer, provider_type)]
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(issues, key=lambda i: order.get(i.severity, 3))


def _units(lines: list[Line]) -> Iterator[Issue]:
    for line in lines:
        if line.minutes is not None and line.units == 0:
            yield Issue("error", "no-billable-units",
                        f"{line.code}: {line.minutes} minutes is 0 units (a unit needs at least "
                        "8 minutes)", "CMS 8-minute rule for timed codes", EIGHT_MINUTE_SOURCE)


def _codes(lines: list[Line], payer: Any, provider_type: str, state: str) -> Iterator[Issue]:
    finder = getattr(payer, "code_rule", None)
    for line in lines:
        rule = finder(line.code, provider_type, state or None) if finder else None
        if rule is None:
            continue
        if rule.paid is False:
            yield Issue("error", "code-not-paid",
                        f"{line.code}: {payer.short_name} does not pay "
                        f"{provider_type.replace('-', ' ')}s for this code",
                        rule.text or "codes the payer does not pay", rule.source)
        elif rule.paid is None:
            yield Issue("info", "code-unknown",
                        f"{line.code}: whether {payer.short_name} pays this code is not known",
                        rule.text or "not stated", rule.source)


def _pairs(lines: list[Line], payer: Any, state: str) -> Iterator[Issue]:
    for edit in getattr(payer, "pair_edits", ()) or ():
        if not edit.applies(state or None):
            continue
        for i, a in enumerate(lines):
            for b in lines[i + 1:]:
                if a.code == b.code or not edit.matches(a.code, b.code):
                    continue
                mods = set(a.modifiers) | set(b.modifiers)
                if edit.modifiers and mods & set(edit.modifiers):
                    continue
                allowed = (f"; allowed with modifier {' or '.join(edit.modifiers)} when the "
                           "record shows distinct services") if edit.modifiers else ""
                yield Issue("error", "pair-excluded",
                            f"{a.code} and {b.code} in one session: {payer.short_name} does "
                            f"not pay both{allowed}", edit.text or "same-session exclusion",
                            edit.source)


def _ncci(lines: list[Line], ncci: Iterable[NcciEdit], on: date) -> Iterator[Issue]:
    edits = [e for e in ncci if e.active(on) and e.indicator in ("0", "1")]
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            for e in edits:
                if {e.column1, e.column2} != {a.code, b.code}:
                    continue
                mods = set(a.modifiers) | set(b.modifiers)
                if e.indicator == "1" and mods & set(NCCI_MODIFIERS):
                    continue
                how = "never billed together" if e.indicator == "0" else \
                    "billed together only with an NCCI modifier (59, XE, XS, XP, XU)"
                yield Issue("error", "ncci-pair",
                            f"{e.column1} with {e.column2}: {how} (column 2 code denied)",
                            f"NCCI PTP edit, modifier indicator {e.indicator}, in force from "
                            f"{e.effective}",
                            f"{NCCI_SOURCE}, quarter {e.quarter} (imported from {e.file})")


def _limits(lines: list[Line], payer: Any, state: str) -> Iterator[Issue]:
    for limit in getattr(payer, "limits", ()) or ():
        if limit.per != "date-of-service" or limit.unit != "units" \
                or not limit.applies(state or None):
            continue
        from credtrack.rules import code_in

        total = sum(x.units for x in lines if not limit.codes or code_in(x.code, limit.codes))
        if total > limit.max:
            yield Issue("error", "units-over-limit",
                        f"{total} units on one date of service; {payer.short_name} pays at most "
                        f"{limit.max:g}", limit.text or "unit limit per date of service",
                        limit.source)


def _prescription(case: Case, on: date, payer: Any, diagnoses: Iterable[str]) -> Iterator[Issue]:
    rule = referral_rule(payer, case.state)
    source = getattr(rule, "source", "") if rule is not None else ""
    needed = rule is not None and getattr(rule, "required", None)
    if needed and not case.referral_document_id:
        yield Issue("error", "prescription-missing", f"{payer.short_name} requires a "
                    f"{rule.kind} and none is on file for this case",
                    rule.text or "prescription required", source)
    if (case.start and on < case.start) or (case.end and on > case.end):
        yield Issue("error" if needed or case.end else "warning", "no-prescription",
                    f"{on} is outside the prescription's dates ({case.start or '?'} to "
                    f"{case.end or '?'})", "the dates entered from the prescription", source)
    if not case.diagnoses and (needed or "diagnosis" in getattr(rule, "must_state", ())):
        yield Issue("error", "diagnosis-missing", "the prescription on file has no diagnosis "
                    "code", "a prescription must state the diagnosis", source)
    for code in diagnoses:
        if case.diagnoses and code not in case.diagnoses:
            yield Issue("error", "diagnosis-not-prescribed",
                        "a diagnosis on the claim is not on the prescription",
                        "the claim's diagnoses come from the prescription", source)


def _authorization(case: Case, lines: list[Line], on: date, records: Records,
                   payer: Any) -> Iterator[Issue]:
    auths = [a for a in records.authorizations if a.case_id == case.id]
    rule = auth_rule(payer, case.state)
    source = getattr(rule, "source", "") if rule is not None else ""
    current = [a for a in auths if covers(a, on)]
    visits = case_visits(case, records.visits)
    if any(v.date == on for v in visits):
        planned = visits
    else:
        planned = sorted([*visits, Visit("vis-planned", case.id, on,
                                         [x.to_dict() for x in lines])],
                         key=lambda v: (v.date, v.id))
    numbers = episode_numbers(planned, getattr(rule, "new_episode_days", None))
    this = next(v for v in planned if v.date == on)
    needed = bool(auths) or bool(getattr(rule, "required", None))
    if needed and not current and not exempt_from_authorization(this, numbers, rule):
        yield Issue("error", "no-authorization", f"no authorization covers {on} (treatment "
                    f"visit {numbers.get(this.id, 0)} of the episode)",
                    getattr(rule, "text", "") or "prior authorization required", source)
    for auth in current:
        use = auth_use(auth, [v for v in visits if v.date != on])
        if auth.visits is not None and use.used >= auth.visits:
            yield Issue("error", "auth-exhausted", f"authorization {auth.number or auth.id}: "
                        f"all {auth.visits} approved visits are used",
                        "the visits the payer approved", source)


def _credentialed(case: Case, on: date, records: Records, payer: Any,
                  provider_type: str) -> Iterator[Issue]:
    answer = payer.credential(provider_type) if hasattr(payer, "credential") else None
    if answer is not None and answer.answer == "no":
        yield Issue("error", "not-credentialed", f"{payer.short_name} does not credential "
                    f"{provider_type.replace('-', ' ')}s", answer.text or "credentialing",
                    answer.source)
        return
    approved = [a.status_date("approved") for a in records.applications
                if a.payer == case.payer and a.status == "approved"]
    if not any(d is not None and d <= on for d in approved):
        name = getattr(payer, "short_name", case.payer)
        yield Issue("error" if getattr(payer, "id", "") else "warning", "not-credentialed",
                    f"no approved {name} application on {on}: claims before the effective "
                    "date are paid out of network or not at all",
                    "the therapist must be credentialed with the payer on the date of service",
                    getattr(payer, "primary_source", ""))
