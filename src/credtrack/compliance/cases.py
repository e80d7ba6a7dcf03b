"""Case checks: the prescription or referral behind a plan of care, its prior authorizations and
the visits logged against them. Pure.

Messages and titles name the client only by the label the user chose (``Case.client``): never
the client's name, member id or diagnoses.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Iterator

from credtrack.compliance.core import Deadline, Finding, action
from credtrack.models import Authorization, Case, Visit
from credtrack.values import record

if TYPE_CHECKING:
    from credtrack.compliance.context import Context

REREFERRAL_DAYS = 14  # default: ask for a new prescription two weeks before it ends
LOW_VISITS = 2  # "running low": this many visits or fewer left
AUTH_WARN_DAYS = 14
EVALUATION_CODES = ("97161", "97162", "97163", "97164")
CASE_RULE = "the dates and visits entered from the prescription or referral"


def referral_rule(payer: Any, state: str = ""):
    """The payer's prescription/referral rule for this state (None: the payer says nothing)."""
    for rule in getattr(payer, "referrals", ()) or ():
        if rule.applies(state or None):
            return rule
    return None


def auth_rule(payer: Any, state: str = ""):
    for rule in getattr(payer, "authorizations", ()) or ():
        if rule.applies(state or None):
            return rule
    return None


@record
class AuthUse:
    """How much of one authorization the case's visits have used."""

    auth: Authorization
    visits: list[Visit]
    units: dict[str, int]

    @property
    def used(self) -> int:
        return len(self.visits)

    @property
    def left(self) -> int | None:
        return None if self.auth.visits is None else self.auth.visits - self.used

    def to_dict(self) -> dict[str, Any]:
        return {"authorization": self.auth.id, "visits_approved": self.auth.visits,
                "visits_used": self.used, "visits_left": self.left,
                "units_approved": dict(self.auth.units), "units_used": dict(self.units)}


def covers(auth: Authorization, day: date) -> bool:
    return (auth.start is None or auth.start <= day) and (auth.end is None or day <= auth.end)


def case_visits(case: Case, visits: list[Visit]) -> list[Visit]:
    return sorted((v for v in visits if v.case_id == case.id), key=lambda v: (v.date, v.id))


def auth_use(auth: Authorization, visits: list[Visit]) -> AuthUse:
    mine = [v for v in visits if covers(auth, v.date)]
    units: dict[str, int] = {}
    for v in mine:
        for line in v.lines:
            code = str(line.get("code", ""))
            units[code] = units.get(code, 0) + int(line.get("units") or 0)
    return AuthUse(auth, mine, units)


def episode_numbers(visits: list[Visit], new_episode_days: int | None) -> dict[str, int]:
    """Each visit's number in its episode of care (1, 2, ...): a gap of more than
    ``new_episode_days`` without treatment starts a new episode. Evaluation-only visits
    (97161-97164) are not treatment visits and get 0."""
    numbers: dict[str, int] = {}
    n, last = 0, None
    for v in visits:
        treatment = any(str(line.get("code")) not in EVALUATION_CODES for line in v.lines) \
            or not v.lines
        if last is not None and new_episode_days is not None \
                and (v.date - last).days > new_episode_days:
            n = 0
        if treatment:
            n += 1
            last = v.date
        numbers[v.id] = n if treatment else 0
    return numbers


def exempt_from_authorization(visit: Visit, numbers: dict[str, int], rule: Any) -> bool:
    """Whether the payer's rule lets this visit happen without an authorization (WA: the first
    six treatment visits of a new episode of care, RCW 48.43.016; an evaluation besides)."""
    if rule is None:
        return False
    if getattr(rule, "required", None) is False:
        return True
    after = getattr(rule, "after_visits", None)
    n = numbers.get(visit.id, 0)
    if n == 0:  # an evaluation visit
        return bool(getattr(rule, "plus_evaluation", False)) or after is not None
    return after is not None and n <= after


def check_cases(ctx: "Context") -> Iterator[Deadline | Finding]:
    records = ctx.records
    for case in records.cases:
        if case.status != "open":
            continue
        payer = ctx.payers.get(case.payer)
        visits = case_visits(case, records.visits)
        auths = sorted((a for a in records.authorizations if a.case_id == case.id),
                       key=lambda a: (a.start or date.min, a.id))
        yield from _prescription(ctx, case, payer, visits)
        yield from _authorizations(ctx, case, payer, visits, auths)


def _prescription(ctx: "Context", case: Case, payer: Any,
                  visits: list[Visit]) -> Iterator[Deadline | Finding]:
    p, as_of = ctx.records.provider.id, ctx.as_of
    rule = referral_rule(payer, case.state)
    source = getattr(rule, "source", "") if rule is not None else ""
    confidence = getattr(rule, "confidence", "confirmed") if rule is not None else "confirmed"
    again = action("case.rereferral", case.id)
    if case.end is not None:
        days = REREFERRAL_DAYS  # no bundled payer states a re-referral lead time
        ask = case.end - timedelta(days=days)
        why = f"{days} days before the prescription ends on {case.end} (credtrack's default)"
        yield Deadline(ask, "re-referral", f"{case.client}: ask for a new prescription", p,
                       case.id, why, source, ask < as_of, key=f"rereferral:{case.id}",
                       action=again, confidence=confidence)
        yield Deadline(case.end, "prescription-expiry", f"{case.client}: prescription expires",
                       p, case.id, CASE_RULE, source, case.end < as_of,
                       key=f"prescription:{case.id}", action=again, confidence=confidence)
        if case.end < as_of:
            yield Finding("error", "prescription-expired",
                          f"{case.client}: the prescription ended on {case.end}; visits after it "
                          "are not covered", p, case.id, CASE_RULE, source, again, confidence)
    if rule is not None and getattr(rule, "required", None) and not case.referral_document_id:
        yield Finding("error", "prescription-missing",
                      f"{case.client}: {getattr(payer, 'short_name', case.payer)} requires a "
                      f"{getattr(rule, 'kind', 'prescription')} and none is on file", p, case.id,
                      getattr(rule, "text", "") or "the payer requires a prescription", source,
                      action("case.edit", case.id), confidence)
    yield from _visits_against_prescription(ctx, case, visits, source)


def _visits_against_prescription(ctx: "Context", case: Case, visits: list[Visit],
                                 source: str) -> Iterator[Finding]:
    p = ctx.records.provider.id
    for v in visits:
        if (case.start and v.date < case.start) or (case.end and v.date > case.end):
            yield Finding("error", "visit-outside-prescription",
                          f"{case.client}: the visit of {v.date} is outside the prescription's "
                          f"dates ({case.start or '?'} to {case.end or '?'})", p, v.id,
                          CASE_RULE, source)
    if case.visits_prescribed is not None:
        left = case.visits_prescribed - len(visits)
        if left < 0:
            yield Finding("error", "visits-over-prescription",
                          f"{case.client}: {len(visits)} visits logged, the prescription allows "
                          f"{case.visits_prescribed}", p, case.id, CASE_RULE, source,
                          action("case.rereferral", case.id))
        elif left <= LOW_VISITS:
            yield Finding("warning", "visits-low",
                          f"{case.client}: {left} of {case.visits_prescribed} prescribed visits "
                          "left", p, case.id, CASE_RULE, source,
                          action("case.rereferral", case.id))


def _authorizations(ctx: "Context", case: Case, payer: Any, visits: list[Visit],
                    auths: list[Authorization]) -> Iterator[Deadline | Finding]:
    p, as_of = ctx.records.provider.id, ctx.as_of
    rule = auth_rule(payer, case.state)
    rule_source = getattr(rule, "source", "") if rule is not None else ""
    for auth in auths:
        use = auth_use(auth, visits)
        label = f"{case.client}: authorization {auth.number or auth.id}".strip()
        more = action("auth.add", case.id)
        text = "the visits, units and dates the payer approved"
        if auth.end is not None:
            yield Deadline(auth.end, "authorization-expiry", f"{case.client}: authorization "
                           "ends", p, auth.id, text, rule_source, auth.end < as_of,
                           key=f"authorization:{auth.id}", action=more)
            if 0 <= (auth.end - as_of).days <= AUTH_WARN_DAYS:
                yield Finding("warning", "auth-expiring", f"{label} ends on {auth.end}", p,
                              auth.id, text, rule_source, more)
        yield from _auth_counts(p, label, auth, use, text, rule_source, more)
    yield from _unauthorized(ctx, case, visits, auths, rule, payer)


def _auth_counts(p: str, label: str, auth: Authorization, use: AuthUse, text: str, source: str,
                 more) -> Iterator[Finding]:
    if auth.visits is not None:
        if use.used > auth.visits:
            yield Finding("error", "auth-exhausted",
                          f"{label}: {use.used} visits logged against {auth.visits} approved "
                          f"({use.used - auth.visits} past the authorization)", p, auth.id, text,
                          source, more)
        elif use.used == auth.visits:
            yield Finding("warning", "auth-exhausted",
                          f"{label}: all {auth.visits} approved visits used; request more "
                          "before the next visit", p, auth.id, text, source, more)
        elif auth.visits - use.used <= 1:
            yield Finding("warning", "visits-low",
                          f"{label}: {auth.visits - use.used} of {auth.visits} approved visits "
                          "left", p, auth.id, text, source, more)
    for code, approved in sorted(auth.units.items()):
        used = use.units.get(code, 0)
        if used > approved:
            yield Finding("error", "auth-units-exhausted",
                          f"{label}: {used} units of {code} billed, {approved} approved", p,
                          auth.id, text, source, more)


def _unauthorized(ctx: "Context", case: Case, visits: list[Visit], auths: list[Authorization],
                  rule: Any, payer: Any) -> Iterator[Finding]:
    """Visits no authorization covers, where one is needed (the case has authorizations, or
    the payer requires them) and the payer's rule does not exempt the visit."""
    required = bool(auths) or bool(getattr(rule, "required", None))
    if not required:
        return
    p = ctx.records.provider.id
    numbers = episode_numbers(visits, getattr(rule, "new_episode_days", None))
    source = getattr(rule, "source", "") if rule is not None else ""
    why = getattr(rule, "text", "") or "the payer's prior-authorization rule"
    for v in visits:
        if any(covers(a, v.date) for a in auths):
            continue
        if exempt_from_authorization(v, numbers, rule):
            continue
        yield Finding("error", "visit-outside-authorization",
                      f"{case.client}: the visit of {v.date} (treatment visit "
                      f"{numbers.get(v.id, 0)} of the episode) is not covered by an "
                      "authorization", p, v.id, why, source, action("auth.add", case.id))
