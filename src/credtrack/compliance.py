"""The compliance engine: (records, rules, as_of) -> deadlines and findings. Pure.

Every deadline and finding says which rule produced it and cites the source of that rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Mapping

from credtrack import rules as R
from credtrack.models import CECredit, Document, License, Provider, Records

DOC_WARN_DAYS = 30
RENEWAL_WARN_DAYS = 90
USER_DATE = "the expiry date entered from the license"


@dataclass(frozen=True, slots=True)
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

    @property
    def identity(self) -> str:
        """Stable across runs and date changes: provider, kind and key (else the record).

        A renewed COI is a new document but the same deadline; so is each CAQH attestation."""
        return "|".join((self.provider, self.kind, self.key or self.subject))

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "kind": self.kind, "title": self.title,
                "provider": self.provider, "subject": self.subject, "rule": self.rule,
                "source": self.source, "overdue": self.overdue}


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str  # error | warning | info
    code: str
    message: str
    provider: str
    subject: str
    rule: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "message": self.message,
                "provider": self.provider, "subject": self.subject, "rule": self.rule,
                "source": self.source}


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


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Report:
    as_of: date
    deadlines: list[Deadline] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

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


# ---------------------------------------------------------------------------------------------
# Licenses
# ---------------------------------------------------------------------------------------------

@dataclass
class LicenseView:
    """A license with its computed dates and the rule behind them."""

    license: License
    rules: R.StateRules | None
    expires: date | None
    expiry_basis: str  # "license" (the user's date) | "rule" | "plugin" | "unknown"
    rule_text: str
    source: str
    problem: str = ""  # why no date could be computed
    mismatch: date | None = None  # the rule's date when it disagrees with the user's
    period_start: date | None = None  # CE window (exclusive) ... end (inclusive)
    period_end: date | None = None
    first_period: bool = False


def _state_label(lic: License, rules: R.StateRules | None) -> str:
    return rules.name if rules else lic.state


def renewal_context(lic: License, provider: Provider) -> R.RenewalContext:
    return R.RenewalContext(issued=lic.issued, birth_date=provider.birth_date,
                            license_number=lic.number or None)


def view_license(lic: License, provider: Provider, rules: R.StateRules | None,
                 override: Callable[[License], date | None] | None = None) -> LicenseView:
    if rules is None:
        return LicenseView(lic, None, lic.expires, "license" if lic.expires else "unknown",
                           USER_DATE if lic.expires else "no rules for this state",
                           "", problem="" if lic.expires else "no plugin knows this state")
    rule = rules.renewal
    source = rule.source or rules.primary_source
    ctx = renewal_context(lic, provider)
    computed: date | None = None
    problem = ""
    if rule.computable:
        try:
            rule.check(ctx)
            if lic.expires is None:
                computed = rule.first_expiry(ctx)
        except R.RuleError as exc:
            problem = str(exc)
    else:
        problem = "the renewal date is not known for this state: enter the expiry date printed " \
                  "on the license"
    plugin_date = override(lic) if (override and lic.expires is None) else None
    view = LicenseView(lic, rules, None, "unknown", rule.describe(), source, problem)
    if lic.expires is not None:
        view.expires, view.expiry_basis, view.problem = lic.expires, "license", ""
        view.rule_text = f"{USER_DATE} (state rule: {rule.describe()})"
        if rule.computable and not problem and not rule.allows(lic.expires, ctx):
            near = [d for d in (rule.previous_before(lic.expires, ctx),
                                rule.next_after(lic.expires, ctx)) if d is not None]
            view.mismatch = min(near, key=lambda d: abs((d - lic.expires).days))
    elif plugin_date is not None:
        view.expires, view.expiry_basis, view.problem = plugin_date, "plugin", ""
    elif computed is not None:
        view.expires, view.expiry_basis = computed, "rule"
    _ce_window(view, provider)
    return view


def _ce_window(view: LicenseView, provider: Provider) -> None:
    rules = view.rules
    if rules is None or view.expires is None:
        return
    lic = view.license
    period_rule = rules.ce.period or rules.renewal
    ctx = renewal_context(lic, provider)
    end = view.expires
    start: date | None = None
    if rules.ce.period is not None and period_rule.computable:
        try:
            end = period_rule.next_after(view.expires - timedelta(days=366 * (period_rule.cycle_years or 1)),
                                         ctx, strictly=False)
            start = period_rule.previous_before(end, ctx)
        except R.RuleError:
            end, start = view.expires, None
    elif period_rule.computable and not view.problem:
        try:
            start = period_rule.previous_before(end, ctx)
            if start is not None and not (period_rule.allows(end, ctx)):
                start = None
        except R.RuleError:
            start = None
    if start is None and period_rule.cycle_years:
        start = R.add_months(end, -12 * period_rule.cycle_years)
        # Without a computable rule a first period may be prorated up to a year longer (NY):
        # a license never renewed, issued within cycle + 1 year of its expiry, is in it.
        if (lic.issued is not None and not lic.renewals
                and lic.issued > R.add_months(end, -12 * (period_rule.cycle_years + 1))):
            start = min(start, lic.issued - timedelta(days=1))
    if start is not None and lic.issued is not None and lic.issued > start:
        view.first_period = True
        start = lic.issued - timedelta(days=1)
    view.period_start, view.period_end = start, end


# ---------------------------------------------------------------------------------------------
# CE
# ---------------------------------------------------------------------------------------------

@dataclass
class CEProgress:
    """CE for one license's current cycle."""

    view: LicenseView
    required: float | None
    counted: float
    owed: float
    by_subject: dict[str, float]
    subject_gaps: list[str]  # human text per missing subject
    in_person: float
    in_person_gap: float
    capped: list[str]  # human text per cap that cut hours
    credits: list[CECredit]
    exempt_reason: str = ""
    note: str = ""

    @property
    def complete(self) -> bool:
        return self.required is not None and self.owed <= 0 and not self.subject_gaps \
            and self.in_person_gap <= 0

    def to_dict(self) -> dict[str, Any]:
        v = self.view
        return {"license": v.license.id, "state": v.license.state,
                "period_start": v.period_start.isoformat() if v.period_start else None,
                "period_end": v.period_end.isoformat() if v.period_end else None,
                "first_period": v.first_period, "required": self.required,
                "counted": self.counted, "owed": self.owed, "by_subject": self.by_subject,
                "missing_subjects": self.subject_gaps, "in_person": self.in_person,
                "in_person_owed": self.in_person_gap, "capped": self.capped,
                "credits": [c.id for c in self.credits], "exempt": self.exempt_reason or None,
                "note": self.note or None,
                "complete": self.complete,
                "rule": v.rules.ce.text if v.rules else "",
                "source": (v.rules.ce.source or v.rules.primary_source) if v.rules else ""}


def _years_between(a: date, b: date) -> float:
    return (b - a).days / 365.25


def ce_progress(view: LicenseView, provider: Provider, credits: list[CECredit],
                as_of: date) -> CEProgress | None:
    rules = view.rules
    if rules is None or not rules.licensed or view.period_end is None:
        return None
    ce = rules.ce
    start, end = view.period_start, view.period_end
    window = sorted((c for c in credits if (start is None or c.completed > start)
                     and c.completed <= end), key=lambda c: (c.completed, c.id))
    since = provider.practicing_since or view.license.issued
    years = _years_between(since, as_of) if since else None
    required = ce.total_for(years)
    subjects = list(ce.subjects)
    exempt = ""
    if view.first_period:
        if ce.first_period == R.FIRST_EXEMPT:
            required, exempt = 0.0, "no CE is required for the period of first licensure"
            subjects = [s for s in subjects if s.in_first_period]
        elif ce.first_period == R.FIRST_PER_MONTH and required is not None:
            months = R.months_between(view.license.issued or end, end)
            required = min(required, math.ceil(months * ce.hours_per_month))
            exempt = f"first renewal: {ce.hours_per_month:g} hour per month licensed ({months})"
            subjects = [s for s in subjects if s.in_first_period]
        elif ce.first_period == R.FIRST_HALF_IF_LATE and required is not None and start:
            cycle_start = R.add_months(end, -12 * (rules.renewal.cycle_years or 2))
            midpoint = cycle_start + (end - cycle_start) / 2
            if view.license.issued and view.license.issued > midpoint:
                required, exempt = required / 2, "licensed in the second half: half the hours"
    else:
        subjects = [s for s in subjects if not s.only_first_period]
    noncounting = {s.subject for s in subjects if not s.counts_toward_total}
    counted, in_person, by_subject, cut = _count(window, ce, required or 0, noncounting)
    carried = 0.0
    if ce.carry_over_max and required and start is not None and not view.first_period:
        carried = _carry_over(view, provider, credits, ce, required, noncounting)
        counted += carried
    capped = [f"{cap.describe()}: {cut[i]:g} h not counted" for i, cap in enumerate(ce.caps)
              if cut[i] > 0]
    gaps = []
    for s in subjects:
        have = by_subject.get(s.subject, 0)
        if s.hours is None:
            if have <= 0:
                gaps.append(f"{s.subject} course")
        elif have + 1e-9 < s.hours:
            gaps.append(f"{s.hours - have:g} h {s.subject}")
    owed = max(0.0, (required or 0) - counted) if required is not None else 0.0
    in_person_req = ce.min_in_person_hours if not (view.first_period and exempt) else 0
    in_person_gap = max(0.0, in_person_req - in_person) if required else 0.0
    note = f"{carried:g} h carried over from the last cycle" if carried else ""
    return CEProgress(view, required, round(counted, 2), round(owed, 2), by_subject, gaps,
                      in_person, round(in_person_gap, 2), capped, window, exempt, note)


def _count(window: list[CECredit], ce: R.CERequirement, required: float,
           noncounting: set[str]) -> tuple[float, float, dict[str, float], list[float]]:
    """Hours that count toward the total, in-person hours, hours by subject, hours cut by
    each cap. Each credit counts once, in date order, and each cap takes what it can."""
    caps_used = [0.0] * len(ce.caps)
    limits = [cap.limit(required) for cap in ce.caps]
    counted = in_person = 0.0
    by_subject: dict[str, float] = {}
    cut = [0.0] * len(ce.caps)
    for c in window:
        by_subject[c.subject] = by_subject.get(c.subject, 0) + c.hours
        if c.subject in noncounting:
            continue
        hours = c.hours
        matching = [i for i, cap in enumerate(ce.caps) if cap.matches(c.delivery, c.subject)]
        for i in matching:
            room = max(limits[i] - caps_used[i], 0)
            if hours > room:
                cut[i] += hours - room
                hours = room
        for i in matching:
            caps_used[i] += hours
        counted += hours
        if c.delivery == R.IN_PERSON:
            in_person += hours
    return counted, in_person, by_subject, cut


def _carry_over(view: LicenseView, provider: Provider, credits: list[CECredit],
                ce: R.CERequirement, required: float, noncounting: set[str]) -> float:
    """Hours beyond the last cycle's requirement that the state lets into this one."""
    start = view.period_start
    assert start is not None
    rule = ce.period or view.rules.renewal  # type: ignore[union-attr]
    previous = None
    if rule.computable:
        try:
            previous = rule.previous_before(start, renewal_context(view.license, provider))
        except R.RuleError:
            previous = None
    if previous is None and rule.cycle_years:
        previous = R.add_months(start, -12 * rule.cycle_years)
    if previous is None or (view.license.issued and view.license.issued > start):
        return 0.0
    window = sorted((c for c in credits if previous < c.completed <= start),
                    key=lambda c: (c.completed, c.id))
    counted, _, _, _ = _count(window, ce, required, noncounting)
    return min(max(counted - required, 0.0), ce.carry_over_max or 0.0)


# ---------------------------------------------------------------------------------------------
# The whole evaluation
# ---------------------------------------------------------------------------------------------

@dataclass
class Context:
    """What plugins' findings/deadlines hooks receive."""

    records: Records
    states: Mapping[str, R.StateRules]
    payers: Mapping[str, Any]
    as_of: date
    licenses: list[LicenseView] = field(default_factory=list)
    ce: list[CEProgress] = field(default_factory=list)


def _severity_for(days_left: int, warn_days: int) -> str:
    if days_left < 0:
        return "error"
    return "warning" if days_left <= warn_days else "info"


def evaluate(records: Records, states: Mapping[str, R.StateRules], payers: Mapping[str, Any],
             as_of: date, override: Callable[[License], date | None] | None = None) -> tuple[Report, Context]:
    p = records.provider
    report = Report(as_of)
    ctx = Context(records, states, payers, as_of)
    dl, fd = report.deadlines.append, report.findings.append
    for lic in records.licenses:
        rules = states.get(lic.state)
        view = view_license(lic, p, rules, override)
        ctx.licenses.append(view)
        label = _state_label(lic, rules)
        if rules is not None and not rules.licensed:
            fd(Finding("info", "no-state-license",
                       f"{label} has no state license for massage therapists "
                       f"({rules.regulation.replace('-', ' ')}); nothing to renew with the state",
                       p.id, lic.id, rules.notes[:200] or rules.regulation, rules.primary_source))
            continue
        if view.expires is None:
            fd(Finding("warning", "expiry-unknown",
                       f"{label} license: {view.problem}; run 'credtrack license edit {lic.id} "
                       "--expires DATE'", p.id, lic.id, view.rule_text, view.source))
            continue
        days_left = (view.expires - as_of).days
        overdue = days_left < 0
        dl(Deadline(view.expires, "license-renewal", f"Renew {label} license", p.id, lic.id,
                    view.rule_text, view.source, overdue))
        if rules is not None and view.expiry_basis != "license":
            submit = rules.renewal.submit_date(view.expires)
            if submit is not None:
                dl(Deadline(submit, "license-renewal", f"File {label} renewal (due before expiry)",
                            p.id, lic.id, rules.renewal.describe(), view.source, submit < as_of,
                            key=f"file-by:{lic.id}"))
        if overdue:
            fd(Finding("error", "license-expired",
                       f"{label} license expired on {view.expires}: renew it with the board, then "
                       f"run 'credtrack license renew {lic.id}'", p.id, lic.id, view.rule_text,
                       view.source))
        elif days_left <= RENEWAL_WARN_DAYS:
            fd(Finding("warning", "license-expiring",
                       f"{label} license expires on {view.expires} ({days_left} days)",
                       p.id, lic.id, view.rule_text, view.source))
        if view.mismatch is not None and rules is not None:
            fd(Finding("warning", "rule-mismatch",
                       f"{label} license: the expiry you entered ({view.expires}) is not a date "
                       f"the state rule gives ({rules.renewal.describe()}; nearest "
                       f"{view.mismatch}); credtrack uses your date", p.id, lic.id,
                       rules.renewal.describe(), view.source))
        progress = ce_progress(view, p, records.ce, as_of)
        if progress is None:
            continue
        ctx.ce.append(progress)
        ce = rules.ce  # type: ignore[union-attr]
        ce_source = ce.source or rules.primary_source  # type: ignore[union-attr]
        ce_rule = ce.text or f"{ce.hours:g} hours per cycle" if ce.hours is not None else ce.text
        if progress.required is None:
            fd(Finding("info", "ce-unknown",
                       f"{label}: the CE hours required are not known; check with the board",
                       p.id, lic.id, ce.text or "unknown", ce_source))
            continue
        if progress.required > 0 or progress.subject_gaps:
            dl(Deadline(view.period_end or view.expires, "ce-due",
                        f"{label} CE due: {progress.required:g} h", p.id, lic.id,
                        ce_rule, ce_source, (view.period_end or view.expires) < as_of))
        if not progress.complete and (progress.owed > 0 or progress.subject_gaps
                                      or progress.in_person_gap > 0):
            parts = []
            if progress.owed > 0:
                parts.append(f"{progress.owed:g} hours still owed ({progress.counted:g} of "
                             f"{progress.required:g} count)")
            if progress.in_person_gap > 0:
                parts.append(f"{progress.in_person_gap:g} more in-person hours")
            if progress.subject_gaps:
                parts.append("missing: " + ", ".join(progress.subject_gaps))
            if progress.capped:
                parts.append("; ".join(progress.capped))
            if progress.note:
                parts.append(progress.note)
            end = view.period_end or view.expires
            fd(Finding(_severity_for((end - as_of).days, 180), "ce-shortfall",
                       f"{label} CE by {end}: " + "; ".join(parts), p.id, lic.id, ce_rule,
                       ce_source))
    _documents(records, report, as_of)
    _applications(records, ctx, report, as_of)
    return report, ctx  # unsorted: callers sort once, after adding what plugins add


def _documents(records: Records, report: Report, as_of: date) -> None:
    p = records.provider
    latest: dict[tuple[str, str], Document] = {}
    for doc in records.documents:
        if doc.expires is None:
            continue
        key = (doc.kind, doc.state)
        have = latest.get(key)
        if have is None or (doc.expires, doc.added, doc.id) > (have.expires, have.added, have.id):
            latest[key] = doc  # ties broken by record, not by list order
    for doc in sorted(latest.values(), key=lambda d: (d.expires, d.id)):  # type: ignore
        assert doc.expires is not None
        days = (doc.expires - as_of).days
        label = document_label(doc.kind) + (f" ({doc.state})" if doc.state else "")
        rule = "expiry date entered for the document"
        report.deadlines.append(Deadline(doc.expires, "document-expiry", f"{label} expires",
                                         p.id, doc.id, rule, "", days < 0,
                                         key=f"document:{doc.kind}:{doc.state}"))
        if days < 0:
            report.findings.append(Finding("error", "expired-document",
                                           f"{label} expired on {doc.expires}: add the current one "
                                           f"with 'credtrack doc add {doc.kind} FILE'", p.id,
                                           doc.id, rule, ""))
        elif days <= DOC_WARN_DAYS:
            report.findings.append(Finding("warning", "document-expiring",
                                           f"{label} expires on {doc.expires} ({days} days)",
                                           p.id, doc.id, rule, ""))


# ---------------------------------------------------------------------------------------------
# Payer applications, follow-ups, CAQH, recredentialing
# ---------------------------------------------------------------------------------------------

CAQH_SOURCE = "https://www.caqh.org/solutions/caqh-proview-resources"
CAQH_DAYS, CAQH_DAYS_IL = 120, 180
CAQH_REMINDERS = (15, 10, 5)


@dataclass(slots=True)
class ChecklistItem:
    """One thing an application needs, and the document (if any) that satisfies it."""

    key: str  # stable: kind or kind:STATE or caqh
    label: str
    kind: str
    state: str = ""
    document: Document | None = None
    status: str = "missing"  # ok | missing | expired | below-minimum | optional
    detail: str = ""
    min_per_claim: int | None = None
    min_aggregate: int | None = None
    source: str = ""
    optional: bool = False

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "optional")

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {"key": self.key, "label": self.label, "kind": self.kind, "state": self.state,
                "status": self.status, "detail": self.detail, "optional": self.optional,
                "document": d.id if d else None,
                "document_expires": d.expires.isoformat() if d and d.expires else None,
                "min_per_claim": self.min_per_claim, "min_aggregate": self.min_aggregate,
                "source": self.source}


def caqh_period(records: Records) -> int:
    return CAQH_DAYS_IL if any(lic.state == "IL" for lic in records.licenses) else CAQH_DAYS


def caqh_due(records: Records) -> date | None:
    if not records.attestations:
        return None
    last = max(a.date for a in records.attestations)
    return last + timedelta(days=caqh_period(records))


def application_states(app, records: Records) -> list[str]:
    if app.states:
        return list(app.states)
    return sorted({lic.state for lic in records.licenses})


def _pick(docs: list[Document], on: date) -> tuple[Document | None, Document | None]:
    """(the best current document, the newest expired one) among candidates, in one pass."""
    best = old = None
    best_key = old_key = None
    for d in docs:
        if d.expires is None or d.expires >= on:
            key = (d.expires or date.max, d.added, d.id)
            if best_key is None or key > best_key:
                best, best_key = d, key
        else:
            key = (d.expires, d.added, d.id)
            if old_key is None or key > old_key:
                old, old_key = d, key
    return best, old


def documents_by_kind(records: Records) -> dict[str, list[Document]]:
    by_kind: dict[str, list[Document]] = {}
    for d in records.documents:
        by_kind.setdefault(d.kind, []).append(d)
    return by_kind


def checklist(app, records: Records, payer, states: Mapping[str, R.StateRules],
              on: date, by_kind: dict[str, list[Document]] | None = None) -> list[ChecklistItem]:
    """What ``app`` needs on ``on``: the payer's documents, each state's license, CAQH."""
    if by_kind is None:
        by_kind = documents_by_kind(records)
    reqs = [r for r in (payer.documents if payer else ()) if not r.per_patient]
    if not any(r.kind == "license" and r.per_state for r in reqs):
        reqs.insert(0, R.DocumentRequirement("license", "State license", per_state=True,
                                             note="every state of practice"))
    app_states = application_states(app, records)
    items: list[ChecklistItem] = []
    for req in reqs:
        for state in (app_states if req.per_state else [""]):
            label = (req.label or req.kind) + (f" ({state})" if state else "")
            item = ChecklistItem(f"{req.kind}:{state}" if state else req.kind, label, req.kind,
                                 state, min_per_claim=req.min_per_claim,
                                 min_aggregate=req.min_aggregate,
                                 source=req.source or (payer.primary_source if payer else ""),
                                 optional=req.optional)
            docs = by_kind.get(req.kind, [])
            if state:
                docs = [d for d in docs
                        if d.state == state or (not d.state and len(app_states) == 1)]
            best, old = _pick(docs, on)
            if best is not None:
                item.document = best
                if (req.min_per_claim and (best.per_claim or 0) < req.min_per_claim) or \
                        (req.min_aggregate and (best.aggregate or 0) < req.min_aggregate):
                    item.status = "below-minimum"
                    have = (f"${best.per_claim:,}/${best.aggregate:,}" if best.per_claim
                            else "limits not recorded (add them with --limits)")
                    item.detail = (f"needs ${req.min_per_claim or 0:,}/${req.min_aggregate or 0:,}; "
                                   f"has {have}")
                else:
                    item.status = "ok"
                    item.detail = f"expires {best.expires}" if best.expires else ""
            elif old is not None:
                item.document, item.status = old, "expired"
                item.detail = f"expired {old.expires}"
            elif req.optional:
                item.status = "optional"
            items.append(item)
    for state in app_states:
        rules = states.get(state)
        for kind in (rules.document_kinds if rules else ()):
            if any(i.kind == kind for i in items):
                continue
            best, old = _pick(by_kind.get(kind, []), on)
            items.append(ChecklistItem(kind, f"{kind} ({state})", kind, state, best or old,
                                       "ok" if best else ("expired" if old else "missing"),
                                       source=rules.primary_source))
    if payer is not None and payer.caqh_required:
        due = caqh_due(records)
        item = ChecklistItem("caqh", "CAQH ProView profile attested, payer authorized", "caqh",
                             source=CAQH_SOURCE)
        if due is None:
            item.detail = "no attestation recorded ('credtrack caqh attest')"
        elif due < on:
            item.status, item.detail = "expired", f"re-attestation was due {due}"
        else:
            item.status, item.detail = "ok", f"re-attest by {due}"
        items.append(item)
    return items


def next_follow_up(app, payer, followups: list) -> tuple[date | None, str]:
    """When to call next, and why (the rule)."""
    submitted = app.status_date("submitted")
    mine = sorted((f for f in followups if f.application_id == app.id),
                  key=lambda f: (f.date, f.id))
    if mine:
        last = mine[-1]
        if last.next is not None:
            return last.next, f"next call date set at the follow-up of {last.date}"
        days = payer.followup_days if payer else 14
        return last.date + timedelta(days=days), f"last contact {last.date} + {days} days " \
                                                  "(payer follow-up cadence)"
    if submitted is None:
        return None, ""
    days = (payer.first_followup_days or payer.followup_days) if payer else 14
    return submitted + timedelta(days=days), f"submitted {submitted} + {days} days " \
                                             "(payer follow-up cadence)"


def _applications(records: Records, ctx: "Context", report: Report, as_of: date) -> None:
    from credtrack.models import APP_OPEN

    p = records.provider
    dl, fd = report.deadlines.append, report.findings.append
    by_kind = documents_by_kind(records)
    for app in records.applications:
        payer = ctx.payers.get(app.payer)
        name = payer.short_name if payer else app.payer
        source = payer.primary_source if payer else ""
        if app.status in APP_OPEN:
            on = app.status_date("submitted") if app.status in ("submitted", "in-review") else None
            items = checklist(app, records, payer, ctx.states, on or as_of, by_kind)
            for item in items:
                if item.ok:
                    continue
                code = {"missing": "missing-document", "expired": "expired-document",
                        "below-minimum": "coverage-below-minimum"}[item.status]
                sev = "error" if app.status in ("submitted", "in-review") else "warning"
                msg = {"missing": f"{name}: {item.label} is missing",
                       "expired": f"{name}: {item.label} {item.detail}",
                       "below-minimum": f"{name}: {item.label} {item.detail}"}[item.status]
                if item.kind == "caqh" and item.status == "missing":
                    msg = f"{name}: {item.label}: {item.detail}"
                fd(Finding(sev, code, msg, p.id, app.id, f"{name} requires {item.label}",
                           item.source))
        if app.status in ("submitted", "in-review"):
            nxt, why = next_follow_up(app, payer, records.followups)
            if nxt is not None:
                dl(Deadline(nxt, "follow-up", f"Call {name} about the application", p.id,
                            app.id, why, source, nxt < as_of))
                if nxt < as_of:
                    fd(Finding("warning", "follow-up-overdue",
                               f"{name}: follow-up was due {nxt}; call and log it with "
                               f"'credtrack followup add {app.id}'", p.id, app.id, why, source))
            submitted = app.status_date("submitted")
            if payer and payer.escalate_after_days and submitted:
                waited = (as_of - submitted).days
                if waited > payer.escalate_after_days:
                    fd(Finding("warning", "application-stalled",
                               f"{name}: no decision {waited} days after submission (published "
                               f"turnaround about {payer.escalate_after_days} days): escalate",
                               p.id, app.id, f"escalate after {payer.escalate_after_days} days",
                               source))
        if app.status == "approved":
            approved = app.status_date("approved")
            months = payer.recredential_months if payer else 36
            if approved and months:
                due = R.add_months(approved, months)
                dl(Deadline(due, "recredentialing", f"Recredential with {name}", p.id, app.id,
                            f"approved {approved} + {months} months (recredentialing cycle)",
                            source, due < as_of))
    due = caqh_due(records)
    if due is not None:
        days = caqh_period(records)
        last = due - timedelta(days=days)
        rule = (f"CAQH ProView re-attestation every {days} days (last {last}); CAQH e-mails "
                f"reminders {', '.join(map(str, CAQH_REMINDERS))} days before")
        dl(Deadline(due, "caqh-attestation", "Re-attest CAQH ProView", p.id,
                    max(records.attestations, key=lambda a: (a.date, a.id)).id, rule, CAQH_SOURCE,
                    due < as_of, key="caqh"))
        if due < as_of:
            fd(Finding("error", "caqh-expired", f"CAQH ProView attestation expired {due}: "
                       "payers cannot pull the profile; re-attest and run 'credtrack caqh attest'",
                       p.id, "", rule, CAQH_SOURCE))
