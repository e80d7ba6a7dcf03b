"""Conformance checks any state or payer plugin can run in its own tests.

``state_problems(rules)`` returns plain-language problems (empty when the plugin conforms);
``check_state_plugin(rules)`` raises ``AssertionError`` listing them, for use in pytest.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from credtrack import rules as R
from credtrack.jurisdictions import CODES

SAMPLE_BIRTH_DATES = (date(1980, 1, 15), date(1985, 6, 30), date(1992, 2, 29), date(1971, 12, 31))
SAMPLE_NUMBERS = ("1234", "2345", "MT000101", "MA43222")


def _sample_issues(today: date) -> list[date]:
    out = []
    for year in range(today.year - 10, today.year):
        for month, day in ((1, 1), (3, 31), (8, 15), (12, 31)):
            out.append(date(year, month, day))
    return out


def _confidence_ok(value: str) -> bool:
    return value in R.CONFIDENCES


def renewal_problems(rule: R.RenewalRule, label: str = "renewal rule",
                     today: date | None = None) -> list[str]:
    problems = []
    if rule.basis not in R.BASES:
        problems.append(f"{label}: unknown basis {rule.basis!r}")
        return problems
    if not _confidence_ok(rule.confidence):
        problems.append(f"{label}: confidence must be one of {', '.join(R.CONFIDENCES)}")
    if rule.parity is not None and rule.parity not in R.PARITIES:
        problems.append(f"{label}: unknown parity {rule.parity!r}")
    if rule.basis == R.UNKNOWN:
        if rule.confidence == R.CONFIRMED:
            problems.append(f"{label}: an unknown rule cannot be 'confirmed'")
        return problems
    if rule.cycle_years is None or rule.cycle_years < 1:
        problems.append(f"{label}: a computable rule needs cycle_years >= 1")
        return problems
    if rule.parity and rule.cycle_years != 2:
        problems.append(f"{label}: year parity only makes sense with a two-year cycle")
    if rule.basis == R.FIXED_DATE and not (rule.month and 1 <= rule.month <= 12):
        problems.append(f"{label}: a fixed-date rule needs a month 1-12")
        return problems
    if not rule.source:
        problems.append(f"{label}: no source")
    today = today or date.today()
    limit = timedelta(days=366 * rule.cycle_years + max(rule.min_first_term_days, 0) + 1)
    for issued in _sample_issues(today):
        for birth in SAMPLE_BIRTH_DATES:
            for number in SAMPLE_NUMBERS:
                ctx = R.RenewalContext(issued=issued, birth_date=birth, license_number=number)
                try:
                    first = rule.first_expiry(ctx)
                    second = rule.next_after(first, ctx)
                except R.RuleError as exc:
                    return problems + [f"{label}: cannot compute a date for a license issued "
                                       f"{issued}: {exc}"]
                if not issued < first <= issued + limit:
                    return problems + [f"{label}: first expiry {first} for a license issued "
                                       f"{issued} is outside one cycle"]
                gap = (second - first).days
                if not (365 * rule.cycle_years - 2 <= gap <= 366 * rule.cycle_years + 31):
                    return problems + [f"{label}: renewals {first} and {second} are not one "
                                       f"cycle apart"]
                if not rule.allows(first, ctx):
                    return problems + [f"{label}: the rule does not accept its own date {first}"]
    return problems


def ce_problems(ce: R.CERequirement, subjects: tuple[str, ...] = R.CE_SUBJECTS) -> list[str]:
    p = []
    if not _confidence_ok(ce.confidence):
        p.append("CE: confidence must be one of " + ", ".join(R.CONFIDENCES))
    if ce.hours is not None and ce.hours < 0:
        p.append("CE: hours cannot be negative")
    if ce.first_period not in R.FIRST_PERIODS:
        p.append(f"CE: unknown first_period {ce.first_period!r}")
    if ce.first_period == R.FIRST_PER_MONTH and ce.hours_per_month <= 0:
        p.append("CE: a per-month first period needs hours_per_month > 0")
    if ce.hours and not ce.source:
        p.append("CE: no source")
    for s in ce.subjects:
        if s.subject not in subjects:
            p.append(f"CE: unknown subject {s.subject!r} (known: {', '.join(subjects)})")
        if s.hours is not None and s.hours <= 0:
            p.append(f"CE: subject {s.subject!r} needs hours > 0 or None (a completed course)")
        if not _confidence_ok(s.confidence):
            p.append(f"CE: subject {s.subject!r} has an unknown confidence")
    counted = sum(s.hours or 0 for s in ce.subjects if s.counts_toward_total and not s.only_first_period)
    if ce.hours is not None and counted > ce.hours + 1e-9:
        p.append(f"CE: subject minimums ({counted:g} h) exceed the total ({ce.hours:g} h)")
    if ce.hours is not None and ce.min_in_person_hours > ce.hours:
        p.append("CE: in-person minimum exceeds the total")
    for cap in ce.caps:
        if cap.delivery not in (None, R.ONLINE, R.SELF_STUDY, R.REMOTE):
            p.append(f"CE: cap with unknown delivery {cap.delivery!r}")
        if cap.max_hours is None and cap.max_fraction is None:
            p.append("CE: a cap needs max_hours or max_fraction")
        if cap.max_fraction is not None and not 0 < cap.max_fraction <= 1:
            p.append("CE: max_fraction must be in (0, 1]")
        for s in cap.subjects:
            if s not in subjects:
                p.append(f"CE: cap on unknown subject {s!r}")
    hours = [t.hours for t in sorted(ce.tiers, key=lambda t: t.years_in_practice)]
    if ce.hours is not None and any(h > ce.hours for h in hours):
        p.append("CE: a seniority tier asks for more than the base hours")
    if ce.carry_over_max is not None and ce.carry_over_max < 0:
        p.append("CE: carry_over_max cannot be negative")
    if ce.period is not None:
        p.extend(renewal_problems(ce.period, "CE period"))
    return p


def state_problems(rules: R.StateRules, subjects: tuple[str, ...] = R.CE_SUBJECTS,
                   today: date | None = None) -> list[str]:
    """Everything wrong with a state plugin, in plain words (empty: it conforms)."""
    p: list[str] = []
    if rules.code not in CODES:
        p.append(f"code {rules.code!r} is not one of the 50 states or DC")
    if rules.regulation not in R.REGULATIONS:
        p.append(f"regulation must be one of {', '.join(R.REGULATIONS)}")
    if not rules.sources:
        p.append("no sources: every state plugin cites where its facts come from")
    for url in rules.sources:
        if not re.match(r"https?://\S+$", url):
            p.append(f"source {url!r} is not a URL")
    try:
        verified = date.fromisoformat(rules.verified)
        if verified > (today or date.today()):
            p.append("verified date is in the future")
    except (TypeError, ValueError):
        p.append(f"verified {rules.verified!r} is not an ISO date (YYYY-MM-DD)")
    if not _confidence_ok(rules.confidence):
        p.append("confidence must be one of " + ", ".join(R.CONFIDENCES))
    if rules.licensed:
        p.extend(renewal_problems(rules.renewal, today=today))
        p.extend(ce_problems(rules.ce, subjects))
    if rules.license_number_pattern:
        try:
            pattern = re.compile(rules.license_number_pattern)
            if rules.license_number_example and not pattern.fullmatch(rules.license_number_example):
                p.append("license number example does not match its pattern")
        except re.error as exc:
            p.append(f"license number pattern does not compile: {exc}")
    lm = rules.liability
    if lm.required and lm.per_claim and lm.aggregate and lm.aggregate < lm.per_claim:
        p.append("liability: aggregate is below the per-claim limit")
    return p


def check_state_plugin(rules: R.StateRules, **kw) -> None:
    problems = state_problems(rules, **kw)
    assert not problems, f"{rules.code}: " + "; ".join(problems)


def payer_problems(rules: R.PayerRules, document_kinds: tuple[str, ...] = R.DOCUMENT_KINDS,
                   today: date | None = None) -> list[str]:
    """Everything wrong with a payer plugin, in plain words (empty: it conforms)."""
    p: list[str] = []
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", rules.id or ""):
        p.append(f"id {rules.id!r} must be a lowercase slug (letters, digits, dashes)")
    if not rules.name:
        p.append("no name")
    if rules.kind not in R.PAYER_KINDS:
        p.append(f"kind must be one of {', '.join(R.PAYER_KINDS)}")
    if rules.route not in R.ROUTES:
        p.append(f"route must be one of {', '.join(R.ROUTES)}")
    if not rules.sources:
        p.append("no sources: every payer plugin cites where its facts come from")
    for url in rules.sources:
        if not re.match(r"https?://\S+$", url):
            p.append(f"source {url!r} is not a URL")
    try:
        if date.fromisoformat(rules.verified) > (today or date.today()):
            p.append("verified date is in the future")
    except (TypeError, ValueError):
        p.append(f"verified {rules.verified!r} is not an ISO date (YYYY-MM-DD)")
    if not _confidence_ok(rules.confidence):
        p.append("confidence must be one of " + ", ".join(R.CONFIDENCES))
    for t in rules.provider_types:
        if t not in R.PROVIDER_TYPES:
            p.append(f"unknown provider type {t!r}")
    if "massage-therapist" not in rules.provider_types and not rules.excluded_reason:
        p.append("a payer that does not credential massage therapists must say why "
                 "(excluded_reason)")
    for s in rules.states:
        if s not in CODES:
            p.append(f"state {s!r} is not one of the 50 states or DC")
    for d in rules.documents:
        if d.kind not in document_kinds:
            p.append(f"document kind {d.kind!r} is unknown")
        if d.min_per_claim and d.min_aggregate and d.min_aggregate < d.min_per_claim:
            p.append(f"{d.kind}: aggregate minimum below the per-claim minimum")
        if not _confidence_ok(d.confidence):
            p.append(f"{d.kind}: unknown confidence")
    if rules.followup_days <= 0:
        p.append("followup_days must be positive")
    for name in ("turnaround_days", "first_followup_days", "escalate_after_days",
                 "recredential_months"):
        v = getattr(rules, name)
        if v is not None and v <= 0:
            p.append(f"{name} must be positive or None (unknown)")
    return p


def check_payer_plugin(rules: R.PayerRules, **kw) -> None:
    problems = payer_problems(rules, **kw)
    assert not problems, f"{rules.id}: " + "; ".join(problems)
