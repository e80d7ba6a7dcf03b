"""CE check: hours, subjects, caps and carry-over for each license's current cycle. Pure."""

from __future__ import annotations

import math
from dataclasses import field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Iterator

from credtrack import rules as R
from credtrack.compliance.core import Deadline, Finding, action, severity_for
from credtrack.compliance.licenses import LicenseView, renewal_context
from credtrack.models import CECredit, Provider
from credtrack.values import record

if TYPE_CHECKING:
    from credtrack.compliance.context import Context


@record
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
    confidence: str = R.CONFIRMED  # of the facts behind ``required`` and the window
    first_unknown: str = ""  # why the first period's hours are not known ('' when they are)
    done_before: list[str] = field(default_factory=list)  # one-time subjects already done
    shortfall_confidence: str = R.CONFIRMED  # also of the subjects missing and the caps that cut

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
                "source": (v.rules.ce.source or v.rules.primary_source) if v.rules else "",
                "confidence": self.confidence,
                "first_period_unknown": self.first_unknown or None,
                "done_before": self.done_before}


def _years_between(a: date, b: date) -> float:
    return (b - a).days / 365.25


@record
class _First:
    """What the first period changes: the hours, the subjects, why."""

    required: float | None
    subjects: list[R.SubjectMinimum]
    exempt: str = ""
    unknown: str = ""


def _cycle_start(view: LicenseView) -> date:
    rules = view.rules
    assert rules is not None and view.period_end is not None
    cycle = (rules.ce.period or rules.renewal).cycle_years or 2
    return R.add_months(view.period_end, -12 * cycle) + timedelta(days=1)


def _first_period(view: LicenseView, required: float | None,
                  subjects: list[R.SubjectMinimum]) -> _First:
    """The first period's hours by the state's shape (``CERequirement.first_period``)."""
    ce = view.rules.ce  # type: ignore[union-attr]
    end, issued = view.period_end, view.license.issued
    assert end is not None
    first_only = [s for s in subjects if s.in_first_period]
    shape = ce.first_period
    if shape == R.FIRST_EXEMPT:
        return _First(0.0, first_only, "no CE is required for the period of first licensure")
    if shape == R.FIRST_EXEMPT_IF_WITHIN and issued is not None:
        if issued > R.add_months(end, -ce.first_exempt_months):
            return _First(0.0, first_only, f"issued within {ce.first_exempt_months} months of "
                                           "the renewal date: no CE at this renewal")
        return _First(required, subjects)
    if shape == R.FIRST_PER_MONTH and required is not None:
        months = R.months_between(issued or end, end)
        return _First(min(required, math.ceil(months * ce.hours_per_month)), first_only,
                      f"first renewal: {ce.hours_per_month:g} hour per month licensed ({months})")
    if shape == R.FIRST_HALF_IF_LATE and required is not None:
        cycle_start = R.add_months(end, -12 * (view.rules.renewal.cycle_years or 2))  # type: ignore
        midpoint = cycle_start + (end - cycle_start) / 2
        if issued and issued > midpoint:
            return _First(required / 2, subjects, "licensed in the second half: half the hours")
        return _First(required, subjects)
    if shape == R.FIRST_CHART and issued is not None:
        if ce.chart_by == R.MONTHS_LICENSED:
            key = R.months_between(issued, end)
            what = f"{key} months licensed"
        else:
            cs = _cycle_start(view)
            key = (issued.year - cs.year) * 12 + issued.month - cs.month + 1
            what = f"licensed in month {key} of the cycle"
        hours = ce.chart_hours(key)
        if hours is not None:
            return _First(hours, subjects, f"first period, board chart: {what} -> {hours:g} h")
        return _First(required, subjects, unknown=f"the board's chart has no row for {what} in "
                                                  "the sources")
    if shape == R.FIRST_UNKNOWN:
        return _First(required, subjects, unknown="the CE owed for the period of first licensure "
                                                  "is not in the sources")
    return _First(required, subjects)


def renewal_number(view: LicenseView) -> int | None:
    """Which renewal the license's current period ends with (1: the first after licensure):
    the renewals recorded plus one, or, with none recorded, the cycles since the issue date
    (None when neither is known)."""
    lic, rules = view.license, view.rules
    if lic.renewals:
        return len(lic.renewals) + 1
    if lic.issued is None or view.period_end is None or rules is None:
        return None
    years = (rules.renewal.cycle_years or 1) if rules.ce.period is None \
        else (rules.ce.period.cycle_years or 1)
    return max(1, round((view.period_end - lic.issued).days / (365.25 * years)))


def _recurring(view: LicenseView, subjects: list[R.SubjectMinimum], credits: list[CECredit],
               end: date) -> tuple[list[R.SubjectMinimum], list[str]]:
    """Drop subjects not owed this period: an every-Nth-renewal subject at another renewal, an
    every-N-years subject done within its N years."""
    number = renewal_number(view)
    keep, done = [], []
    for s in subjects:
        if not s.owed_at(number):
            done.append(f"{s.subject} (owed every {s.every_nth_renewal}th renewal; this is "
                        f"renewal {number})")
            continue
        if s.every_years:
            since = R.add_months(end, -12 * s.every_years)
            recent = [c for c in credits if s.counts(c.subject) and since < c.completed <= end]
            if recent and sum(c.hours for c in recent) + 1e-9 >= (s.hours or 0):
                done.append(f"{s.subject} (done {max(c.completed for c in recent)}, within "
                            f"{s.every_years} years)")
                continue
        keep.append(s)
    return keep, done


def _one_time_done(subjects: list[R.SubjectMinimum], credits: list[CECredit],
                   start: date | None) -> tuple[list[R.SubjectMinimum], list[str]]:
    """Drop once-in-a-career subjects completed before this cycle (``every_renewal`` False)."""
    keep, done = [], []
    for s in subjects:
        if not s.every_renewal and start is not None:
            earlier = [c for c in credits if s.counts(c.subject) and c.completed <= start]
            if sum(c.hours for c in earlier) + 1e-9 >= (s.hours or 0) and earlier:
                done.append(f"{s.subject} (done {max(c.completed for c in earlier)})")
                continue
        keep.append(s)
    return keep, done


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
    confidence = R.weakest(ce.confidence, rules.ce.period.confidence if rules.ce.period else "")
    if view.first_period:
        first = _first_period(view, required, list(ce.subjects))
        confidence = R.weakest(confidence, ce.first_confidence)
        if first.unknown:
            confidence = R.UNCONFIRMED
    else:
        first = _First(required, [s for s in ce.subjects if not s.only_first_period])
    required, exempt = first.required, first.exempt
    subjects, done = _one_time_done(first.subjects, credits, start)
    subjects, recurring_done = _recurring(view, subjects, credits, end)
    done = done + recurring_done
    noncounting = {s.subject for s in subjects if not s.counts_toward_total}
    counted, in_person, by_subject, cut = _count(window, ce, required or 0, noncounting)
    carried = 0.0
    if ce.carry_over_max and required and start is not None and not view.first_period:
        carried = _carry_over(view, provider, credits, ce, required, noncounting)
        counted += carried
    capped = [f"{cap.describe()}: {cut[i]:g} h not counted" for i, cap in enumerate(ce.caps)
              if cut[i] > 0]
    gaps, gap_confidences = _subject_gaps(subjects, by_subject)
    cut_confidences = [cap.confidence for i, cap in enumerate(ce.caps) if cut[i] > 0]
    owed = max(0.0, (required or 0) - counted) if required is not None else 0.0
    in_person_req = ce.min_in_person_hours if not (view.first_period and exempt) else 0
    in_person_gap = max(0.0, in_person_req - in_person) if required else 0.0
    note = f"{carried:g} h carried over from earlier cycles" if carried else ""
    return CEProgress(view, required, round(counted, 2), round(owed, 2), by_subject, gaps,
                      in_person, round(in_person_gap, 2), capped, window, exempt, note,
                      confidence, first.unknown, done,
                      R.weakest(confidence, *gap_confidences, *cut_confidences))


def _subject_gaps(subjects: list[R.SubjectMinimum],
                  by_subject: dict[str, float]) -> tuple[list[str], list[str]]:
    """What each subject minimum still lacks (and the confidence of each such minimum); a
    credit counts toward every minimum that includes its subject (nested minimums and accepted
    equivalents)."""
    gaps, confidences = [], []
    for s in subjects:
        have = sum(h for subj, h in by_subject.items() if s.counts(subj))
        if s.hours is None:
            if have <= 0:
                gaps.append(f"{s.subject} course")
                confidences.append(s.confidence)
        elif have + 1e-9 < s.hours:
            gaps.append(f"{s.hours - have:g} h {s.subject}")
            confidences.append(s.confidence)
    return gaps, confidences


def _count(window: list[CECredit], ce: R.CERequirement, required: float,
           noncounting: set[str]) -> tuple[float, float, dict[str, float], list[float]]:
    """Hours that count toward the total, live (in-person) hours, hours by subject, hours cut
    by each cap. Each credit counts once, in date order, and each cap takes what it can."""
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
        if c.delivery in ce.live_deliveries:
            in_person += hours
    return counted, in_person, by_subject, cut


def _period_bounds(view: LicenseView, provider: Provider, ce: R.CERequirement,
                   start: date) -> list[date]:
    """``start`` and the starts of up to ``carry_over_periods`` earlier cycles, newest first."""
    rule = ce.period or view.rules.renewal  # type: ignore[union-attr]
    ctx = renewal_context(view.license, provider)
    bounds = [start]
    for _ in range(max(ce.carry_over_periods, 1)):
        previous = None
        if rule.computable:
            try:
                previous = rule.previous_before(bounds[-1], ctx)
            except R.RuleError:
                previous = None
        if previous is None and rule.cycle_years:
            previous = R.add_months(bounds[-1], -12 * rule.cycle_years)
        if previous is None:
            break
        bounds.append(previous)
    return bounds


def _carry_over(view: LicenseView, provider: Provider, credits: list[CECredit],
                ce: R.CERequirement, required: float, noncounting: set[str]) -> float:
    """Hours beyond earlier cycles' requirement that the state lets into this one, passed
    forward cycle by cycle from the oldest it allows (a pool: NV; a fraction: IA)."""
    start = view.period_start
    assert start is not None
    issued = view.license.issued
    bounds = _period_bounds(view, provider, ce, start)
    carry = 0.0
    for hi, lo in reversed(list(zip(bounds, bounds[1:]))):
        if issued and issued > hi:
            continue  # a cycle that ended before licensure
        window = sorted((c for c in credits if lo < c.completed <= hi),
                        key=lambda c: (c.completed, c.id))
        counted, _, _, _ = _count(window, ce, required, noncounting)
        carry = ce.carry(counted + carry - required)
    return carry


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
        end = view.period_end or view.expires
        assert end is not None
        yield from _after_licensure(ctx, view, label, log)
        if progress.required is None:
            yield from _unknown_hours(ctx, progress, end)
            continue
        conf = progress.confidence
        if progress.first_unknown:
            yield Finding("warning", "ce-first-period-unknown",
                          f"{label} CE by {end}: {progress.first_unknown} "
                          f"({ce.first_period.replace('-', ' ')}); credtrack shows the full "
                          f"{progress.required:g} h as an upper bound: check with the board",
                          p.id, lic.id, ce_rule, ce.first_source or ce_source, log,
                          confidence=R.UNCONFIRMED)
        if progress.required > 0 or progress.subject_gaps:
            yield Deadline(end, "ce-due", f"{label} CE due: {progress.required:g} h", p.id,
                           lic.id, ce_rule, ce_source, end < as_of, action=log, confidence=conf)
        parts = _shortfall(progress)
        if parts:
            yield Finding(severity_for((end - as_of).days, 180), "ce-shortfall",
                          f"{label} CE by {end}: " + "; ".join(parts), p.id, lic.id, ce_rule,
                          ce_source, log, confidence=progress.shortfall_confidence)


def _after_licensure(ctx: Context, view: LicenseView, label: str,
                     log) -> Iterator[Deadline | Finding]:
    """Courses due within N months of licensure (FL LMHC: 2 h domestic violence within 6
    months), while the license is in its first period."""
    lic, rules = view.license, view.rules
    if lic.issued is None or lic.renewals or rules is None or not view.first_period:
        return
    p = ctx.records.provider.id
    for s in rules.ce.subjects:
        if not s.within_months_of_licensure:
            continue
        due = R.add_months(lic.issued, s.within_months_of_licensure)
        done = sum(c.hours for c in ctx.records.ce
                   if s.counts(c.subject) and lic.issued <= c.completed <= due)
        if done + 1e-9 >= (s.hours or 0) and done > 0:
            continue
        what = f"{s.hours:g} h {s.subject}" if s.hours else f"a {s.subject} course"
        rule = (f"{what} within {s.within_months_of_licensure} months of licensure "
                f"({lic.issued} + {s.within_months_of_licensure} months)")
        yield Deadline(due, "ce-due", f"{label}: {what} after licensure", p, lic.id, rule,
                       s.source or rules.ce.source, due < ctx.as_of,
                       key=f"after-licensure:{lic.id}:{s.subject}", action=log,
                       confidence=s.confidence)
        if due < ctx.as_of:
            yield Finding("error", "ce-after-licensure-overdue",
                          f"{label}: {what} was due within {s.within_months_of_licensure} months "
                          f"of licensure, by {due}", p, lic.id, rule,
                          s.source or rules.ce.source, log, s.confidence)


def _unknown_hours(ctx: Context, progress: CEProgress, end: date) -> Iterator[Deadline | Finding]:
    """Hours not known, or sources in conflict (shown, never picked)."""
    p, view = ctx.records.provider, progress.view
    rules = view.rules
    assert rules is not None
    ce, lic = rules.ce, view.license
    ce_source = ce.source or rules.primary_source
    if ce.conflict is None:
        yield Finding("info", "ce-unknown",
                      f"{rules.name}: the CE hours required are not known; check with the board",
                      p.id, lic.id, ce.text or "unknown", ce_source, confidence=R.UNCONFIRMED)
        return
    values = " vs ".join(ce.conflict.values)
    log = action("ce.add", lic.id)
    yield Deadline(end, "ce-due", f"{rules.name} CE due: {' or '.join(ce.conflict.values)} "
                   "(sources conflict)", p.id, lic.id, _ce_rule_text(ce), ce_source,
                   end < ctx.as_of, action=log, confidence=R.UNCONFIRMED)
    yield Finding("warning", "ce-conflict",
                  f"{rules.name} CE by {end}: the sources disagree on the {ce.conflict.fact} "
                  f"({values}); credtrack does not pick one: {progress.counted:g} h counted "
                  "so far; confirm the requirement with the board", p.id, lic.id,
                  _ce_rule_text(ce), " ; ".join(ce.conflict.sources) or ce_source, log,
                  confidence=R.UNCONFIRMED)


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
