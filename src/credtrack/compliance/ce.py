"""CE check: hours, subjects, caps and carry-over for each license's current cycle. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Iterator

from credtrack import rules as R
from credtrack.compliance.core import Deadline, Finding, action, severity_for
from credtrack.compliance.licenses import LicenseView, renewal_context
from credtrack.models import CECredit, Provider

if TYPE_CHECKING:
    from credtrack.compliance.context import Context


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


def _ce_rule_text(ce: R.CERequirement) -> str:
    if ce.text:
        return ce.text
    return f"{ce.hours:g} hours per cycle" if ce.hours is not None else ""


def check_ce(ctx: Context) -> Iterator[Deadline | Finding]:
    """A CE deadline per license cycle that needs hours, and a finding for what is still owed."""
    p, as_of = ctx.records.provider, ctx.as_of
    for progress in ctx.ce:
        view = progress.view
        lic, rules = view.license, view.rules
        assert rules is not None
        label = rules.name
        ce = rules.ce
        ce_source = ce.source or rules.primary_source
        ce_rule = _ce_rule_text(ce)
        log = action("ce.add", lic.id)
        if progress.required is None:
            yield Finding("info", "ce-unknown",
                          f"{label}: the CE hours required are not known; check with the board",
                          p.id, lic.id, ce.text or "unknown", ce_source)
            continue
        end = view.period_end or view.expires
        assert end is not None
        if progress.required > 0 or progress.subject_gaps:
            yield Deadline(end, "ce-due", f"{label} CE due: {progress.required:g} h", p.id,
                           lic.id, ce_rule, ce_source, end < as_of, action=log)
        parts = _shortfall(progress)
        if parts:
            yield Finding(severity_for((end - as_of).days, 180), "ce-shortfall",
                          f"{label} CE by {end}: " + "; ".join(parts), p.id, lic.id, ce_rule,
                          ce_source, log)


def _shortfall(progress: CEProgress) -> list[str]:
    if progress.complete or not (progress.owed > 0 or progress.subject_gaps
                                 or progress.in_person_gap > 0):
        return []
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
    return parts
