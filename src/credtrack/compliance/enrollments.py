"""Program enrollment checks: Original Medicare revalidation every 5 years and the changes an
enrolled practitioner must report within 30 or 90 days. Pure.

Sources (shared/reference/professions.md section 4): revalidation every 5 years, due dates
posted on CMS's Medicare Revalidation List about 7 months ahead, no extensions (42 CFR 424.515;
CMS guidance; MACs); changes of ownership or control, adverse legal actions and practice
locations within 30 days, all other changes within 90 days (42 CFR 424.516(d), read through
summaries of CMS's MLN notice: secondary).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterator

from credtrack import rules as R
from credtrack.compliance.core import Deadline, Finding, action

if TYPE_CHECKING:
    from credtrack.compliance.context import Context

REVALIDATION_MONTHS = 60
POSTED_AHEAD_MONTHS = 7
REVALIDATION_SOURCE = ("https://hhs.gov/guidance/document/provider-enrollment-and-certification-"
                       "revalidations-renewing-your-enrollment (42 CFR 424.515); "
                       "https://ngsmedicare.com/web/ngs/revalidating-your-enrollment?"
                       "selectedArticleId=2090636")
CHANGES_SOURCE = "https://wp.hallrender.com/?p=25235 (42 CFR 424.516(d), CMS MLN Connects)"
THIRTY_DAY = ("ownership", "adverse-action", "location")


def revalidation_due(enrollment) -> tuple[date, str, str]:
    """(due date, the rule, its confidence): CMS's posted date when entered, else five years
    from the last revalidation or the enrollment."""
    if enrollment.revalidation_due is not None:
        return (enrollment.revalidation_due, "the revalidation due date CMS posted (entered)",
                R.CONFIRMED)
    base = enrollment.revalidated or enrollment.enrolled
    what = "revalidated" if enrollment.revalidated else "enrolled"
    return (R.add_months(base, REVALIDATION_MONTHS),
            f"{what} {base} + 5 years (revalidation every 5 years; CMS posts the exact due date "
            f"about {POSTED_AHEAD_MONTHS} months ahead on the Medicare Revalidation List)",
            R.SECONDARY)


def check_enrollments(ctx: "Context") -> Iterator[Deadline | Finding]:
    p, as_of = ctx.records.provider.id, ctx.as_of
    for e in ctx.records.enrollments:
        if e.program != "medicare":
            continue
        due, rule, confidence = revalidation_due(e)
        revalidate = action("enrollment.revalidate", e.id)
        yield Deadline(due, "medicare-revalidation", "Revalidate Medicare enrollment", p, e.id,
                       rule, REVALIDATION_SOURCE, due < as_of, key=f"revalidation:{e.id}",
                       action=revalidate, confidence=confidence)
        posted = R.add_months(due, -POSTED_AHEAD_MONTHS)
        if due < as_of:
            yield Finding("error", "medicare-revalidation-overdue",
                          f"Medicare revalidation was due {due}: payments are held or the "
                          "enrollment deactivated until it is done", p, e.id, rule,
                          REVALIDATION_SOURCE, revalidate, confidence)
        elif posted <= as_of and e.revalidation_due is None:
            yield Finding("warning", "medicare-revalidation-posted",
                          f"Medicare revalidation due about {due}: CMS posts the due date "
                          f"{POSTED_AHEAD_MONTHS} months ahead; look it up on data.cms.gov and "
                          "enter it", p, e.id, rule, REVALIDATION_SOURCE, revalidate, confidence)
        yield from _changes(p, e, as_of)


def _changes(p: str, e, as_of: date) -> Iterator[Deadline | Finding]:
    for i, change in enumerate(e.changes):
        if change.get("reported"):
            continue
        kind = change.get("kind", "other")
        days = 30 if kind in THIRTY_DAY else 90
        happened = date.fromisoformat(change["date"])
        due = happened + timedelta(days=days)
        rule = (f"a {kind.replace('-', ' ')} change is reported to Medicare within {days} days "
                f"({happened} + {days} days)")
        report = action("enrollment.report", e.id)
        yield Deadline(due, "medicare-change-report", f"Report the {kind.replace('-', ' ')} "
                       "change to Medicare", p, e.id, rule, CHANGES_SOURCE, due < as_of,
                       key=f"change:{e.id}:{i}", action=report, confidence=R.SECONDARY)
        if due < as_of:
            yield Finding("error", "medicare-change-late",
                          f"the {kind.replace('-', ' ')} change of {happened} was due to be "
                          f"reported to Medicare by {due}", p, e.id, rule, CHANGES_SOURCE,
                          report, R.SECONDARY)
