"""Work history: the jobs of the last years as months, and the gaps a payer wants explained.
Pure.

Payers and CAQH want a history of the last 5 years with every gap over 6 months explained in
writing (NCQA-aligned CVO practice; see ``credtrack.rules.WORK_HISTORY_*``). A payer or state
plugin can set its own threshold (``work_history_gap_months``) or span (``work_history_years``,
payers); the strictest of the provider's open applications and license states applies.
Overlapping or adjoining jobs are merged before gaps are measured; a job without an end month
goes on to the current month.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

from credtrack import rules as R
from credtrack.compliance.context import Context
from credtrack.compliance.core import Finding, action
from credtrack.compliance.licenses import rules_for
from credtrack.kinds import Records
from credtrack.models import APP_OPEN, WorkHistory, month_index, month_name
from credtrack.values import value


@value
class Gap:
    first: str  # YYYY-MM, the first month without work
    last: str  # YYYY-MM, the last one
    months: int
    before: WorkHistory | None  # the job that ended before it (None: a gap at the start)
    after: WorkHistory | None  # the job that began after it (None: it runs to now)


@value
class Threshold:
    months: int
    years: int
    rule: str
    source: str
    confidence: str = R.SECONDARY


def jobs(records: Records) -> list[WorkHistory]:
    """Every job: the work-history records, then the provider's older free-form entries
    (``provider.work_history``: from/to/employer/title), oldest first."""
    out = list(records.of(WorkHistory.TABLE))
    for n, entry in enumerate(getattr(records.provider, "work_history", None) or []):
        start = str(entry.get("from", ""))
        end = str(entry.get("to", ""))
        try:
            month_index(start)
            if end and end.lower() not in ("present", "current"):
                month_index(end)
            else:
                end = ""
        except ValueError:
            continue
        out.append(WorkHistory(f"profile-{n + 1}", str(entry.get("employer", "")), start, end,
                               str(entry.get("title", "") or entry.get("role", ""))))
    return sorted(out, key=lambda j: (j.start, j.end or "9999-99", j.employer))


def gaps(history: list[WorkHistory], as_of: date, years: int = R.WORK_HISTORY_YEARS) -> list[Gap]:
    """Months without a job in the last ``years`` years up to ``as_of``'s month, after merging
    overlapping jobs. No jobs at all: no gaps (nothing to measure)."""
    now = as_of.year * 12 + as_of.month - 1
    start = now - 12 * years + 1
    spans = []
    for job in history:
        first = month_index(job.start)
        last = month_index(job.end) if job.end else now
        if last < start or first > now:
            continue
        spans.append((max(first, start), min(last, now), job))
    if not spans:
        return []
    spans.sort(key=lambda s: (s[0], s[1]))
    out: list[Gap] = []
    covered_to, before = start - 1, None
    for first, last, job in spans:
        if first > covered_to + 1:
            out.append(Gap(month_name(covered_to + 1), month_name(first - 1),
                           first - covered_to - 1, before, job))
        if last > covered_to:
            covered_to, before = last, job
    if covered_to < now:
        out.append(Gap(month_name(covered_to + 1), month_name(now), now - covered_to, before,
                       None))
    return out


def threshold(ctx: Context) -> Threshold:
    """The strictest gap rule among the open applications' payers and the license states."""
    best = Threshold(R.WORK_HISTORY_GAP_MONTHS, R.WORK_HISTORY_YEARS,
                     f"gaps over {R.WORK_HISTORY_GAP_MONTHS} months in the last "
                     f"{R.WORK_HISTORY_YEARS} years are explained in writing (NCQA/CAQH "
                     "practice)", R.WORK_HISTORY_SOURCE)
    for app in ctx.records.applications:
        payer = ctx.payers.get(app.payer) if app.status in APP_OPEN else None
        if payer is None:
            continue
        months = getattr(payer, "work_history_gap_months", None)
        years = getattr(payer, "work_history_years", None)
        if (months is not None and months < best.months) or \
                (years is not None and years > best.years):
            m, y = min(best.months, months or best.months), max(best.years, years or 0)
            best = Threshold(m, y, f"{payer.short_name}: gaps over {m} months in the last "
                             f"{y} years are explained in writing", payer.primary_source,
                             payer.confidence)
    for lic in ctx.records.licenses:
        rules = rules_for(ctx.states, lic, ctx.records.provider)
        months = getattr(rules, "work_history_gap_months", None) if rules else None
        if months is not None and months < best.months:
            best = Threshold(months, best.years, f"{rules.name}: gaps over {months} months "
                             f"in the last {best.years} years are explained in writing",
                             rules.primary_source, rules.confidence)
    return best


def check_work_history(ctx: Context) -> Iterator[Finding]:
    """A ``work-history-gap`` warning per gap longer than the threshold."""
    history = jobs(ctx.records)
    if not history:
        return
    rule = threshold(ctx)
    p = ctx.records.provider
    for gap in gaps(history, ctx.as_of, rule.years):
        if gap.months <= rule.months:
            continue
        around = [f"after {gap.before.employer}" if gap.before else "",
                  f"before {gap.after.employer}" if gap.after else "up to now"]
        yield Finding("warning", "work-history-gap",
                      f"Work history: {gap.months} months without a job, {gap.first} to "
                      f"{gap.last} ({' '.join(b for b in around if b)}); payers want gaps over "
                      f"{rule.months} months explained in a signed letter",
                      p.id, (gap.after or gap.before).id if (gap.after or gap.before) else p.id,
                      rule.rule, rule.source, action("work.add"), rule.confidence)


def check_references(ctx: Context) -> Iterator[Finding]:
    """``references-missing`` for an open application whose payer wants more professional
    references than are recorded (``PayerRules.references_required``)."""
    have = len(ctx.records.of("references"))
    p = ctx.records.provider
    for app in ctx.records.applications:
        payer = ctx.payers.get(app.payer) if app.status in APP_OPEN else None
        wanted = getattr(payer, "references_required", None) if payer else None
        if wanted and have < wanted:
            yield Finding("warning", "references-missing",
                          f"{payer.short_name}: {wanted} professional references wanted, "
                          f"{have} recorded", p.id, app.id,
                          f"{payer.short_name} asks for {wanted} professional references",
                          payer.primary_source, action("reference.add"), payer.confidence)
