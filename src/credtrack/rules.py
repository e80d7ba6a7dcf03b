"""The rule vocabulary plugins speak. Pure data plus the date arithmetic of renewal rules.

A state plugin is mostly a :class:`StateRules` value; a payer plugin a :class:`PayerRules`.
Nothing here imports storage, CLI, TUI, PDF or calendar code.

Every rule object carries ``source`` (the URL that says so) and ``confidence``:

- ``confirmed``: read in a primary or official source (statute, code, board page);
- ``secondary``: only an association, CE provider or guide says so;
- ``unconfirmed``: not found, conflicting, or inferred. credtrack then asks the user for the
  date instead of trusting the rule (a user's date always wins).
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterator

from credtrack.vocab import (  # noqa: F401  (re-exported: plugins import them from here)
    CE_SUBJECTS, CONFIDENCES, CONFIRMED, DELIVERIES, DOCUMENT_KINDS, IN_PERSON, ONLINE,
    PROVIDER_TYPES, SECONDARY, SELF_STUDY, UNCONFIRMED,
)

# How a jurisdiction regulates the profession.
LICENSE = "license"
REGISTRATION = "registration"
VOLUNTARY = "voluntary-certification"
NONE = "none"
REGULATIONS = (LICENSE, REGISTRATION, VOLUNTARY, NONE)

# What a renewal date is computed from.
FIXED_DATE = "fixed-date"  # a statewide month/day (day None = last day of the month)
BIRTH_MONTH_END = "birth-month-end"  # last day of the licensee's birth month
BIRTH_MONTH_DAY = "birth-month-day"  # a fixed day of the birth month (MA: the 28th)
BIRTHDAY = "birthday"
ISSUE_ANNIVERSARY = "issue-anniversary"  # the anniversary of the date of issue
ISSUE_MONTH_END = "issue-month-end"  # last day of the month of issue
UNKNOWN = "unknown"  # no computable rule: the user gives the date from the license
BASES = (FIXED_DATE, BIRTH_MONTH_END, BIRTH_MONTH_DAY, BIRTHDAY, ISSUE_ANNIVERSARY,
         ISSUE_MONTH_END, UNKNOWN)

# Which years are renewal years (with cycle_years == 2).
ODD = "odd"
EVEN = "even"
BIRTH_YEAR = "birth-year"  # same parity as the birth year (VA)
LICENSE_NUMBER = "license-number"  # same parity as the license number (ND)
PARITIES = (ODD, EVEN, BIRTH_YEAR, LICENSE_NUMBER)

REMOTE = "remote"  # in caps: online + self-study together

# First renewal after licensure.
FIRST_FULL = "full"
FIRST_EXEMPT = "exempt"
FIRST_PER_MONTH = "per-month"  # hours_per_month for each month (or part) licensed (FL)
FIRST_HALF_IF_LATE = "half-if-second-year"  # half the hours if licensed in the period's 2nd half
FIRST_UNKNOWN = "unknown"
FIRST_PERIODS = (FIRST_FULL, FIRST_EXEMPT, FIRST_PER_MONTH, FIRST_HALF_IF_LATE, FIRST_UNKNOWN)




class RuleError(ValueError):
    """A rule that cannot be evaluated with what is known (e.g. no birth date)."""


# --------------------------------------------------------------------------------------------
# Date helpers
# --------------------------------------------------------------------------------------------

def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> date:
    """``date`` that clamps the day to the month's length (Feb 29 -> Feb 28 in common years)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return safe_date(total // 12, total % 12 + 1, d.day)


def months_between(start: date, end: date) -> int:
    """Months or part months from start to end (FL: 'per month or part of a month')."""
    if end <= start:
        return 0
    n = (end.year - start.year) * 12 + end.month - start.month
    if end.day > start.day:
        n += 1
    return max(n, 1)


# --------------------------------------------------------------------------------------------
# Renewal
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RenewalContext:
    """What a renewal rule may need to know about one license."""

    issued: date | None = None
    birth_date: date | None = None
    license_number: str | None = None


@dataclass(frozen=True)
class RenewalRule:
    """When a license expires, as a sequence of candidate dates.

    ``basis`` picks the day in a renewal year; ``cycle_years`` and ``parity`` / ``anchor_year``
    pick the years. Without either, years count from the year of issue (anniversary shapes).
    ``min_first_term_days`` skips a first candidate that comes too soon after issue.
    ``submit_by`` names an earlier filing date (``first-of-month``: the 1st of the expiry month;
    ``first-of-previous-month``: the 1st of the month before).
    """

    basis: str
    cycle_years: int | None = None
    month: int | None = None
    day: int | None = None
    parity: str | None = None
    anchor_year: int | None = None
    min_first_term_days: int = 0
    submit_by: str | None = None
    grace_days: int | None = None
    text: str = ""
    source: str = ""
    confidence: str = CONFIRMED
    note: str = ""

    @property
    def computable(self) -> bool:
        return self.basis != UNKNOWN and self.cycle_years is not None

    def needs(self) -> tuple[str, ...]:
        """The facts about a license this rule needs to compute a date."""
        need: list[str] = []
        if self.basis in (BIRTH_MONTH_END, BIRTH_MONTH_DAY, BIRTHDAY) or self.parity == BIRTH_YEAR:
            need.append("birth_date")
        if self.parity == LICENSE_NUMBER:
            need.append("license_number")
        if self.basis in (ISSUE_ANNIVERSARY, ISSUE_MONTH_END) or self._anchored_on_issue():
            need.append("issued")
        return tuple(need)

    def _anchored_on_issue(self) -> bool:
        return (self.cycle_years or 1) > 1 and self.parity is None and self.anchor_year is None

    def _year_ok(self, year: int, ctx: RenewalContext) -> bool:
        cycle = self.cycle_years or 1
        if self.anchor_year is not None:
            return (year - self.anchor_year) % cycle == 0
        if self.parity is not None:
            if self.parity == ODD:
                want = 1
            elif self.parity == EVEN:
                want = 0
            elif self.parity == BIRTH_YEAR:
                want = ctx.birth_date.year % 2  # type: ignore[union-attr]
            else:
                want = license_number_parity(ctx.license_number or "")
            return year % 2 == want
        if cycle == 1:
            return True
        return year != ctx.issued.year and (year - ctx.issued.year) % cycle == 0  # type: ignore

    def _day_in(self, year: int, ctx: RenewalContext) -> date:
        b = self.basis
        if b == FIXED_DATE:
            if self.month is None:
                raise RuleError("fixed-date rule without a month")
            return last_day(year, self.month) if self.day is None else safe_date(year, self.month, self.day)
        if b == BIRTH_MONTH_END:
            return last_day(year, ctx.birth_date.month)  # type: ignore[union-attr]
        if b == BIRTH_MONTH_DAY:
            return safe_date(year, ctx.birth_date.month, self.day or 1)  # type: ignore[union-attr]
        if b == BIRTHDAY:
            return safe_date(year, ctx.birth_date.month, ctx.birth_date.day)  # type: ignore
        if b == ISSUE_ANNIVERSARY:
            return safe_date(year, ctx.issued.month, ctx.issued.day)  # type: ignore[union-attr]
        if b == ISSUE_MONTH_END:
            return last_day(year, ctx.issued.month)  # type: ignore[union-attr]
        raise RuleError(f"no date can be computed for basis {b!r}")

    def check(self, ctx: RenewalContext) -> None:
        if not self.computable:
            raise RuleError("the renewal date is not known for this state: give the expiry "
                            "date printed on the license")
        missing = [n for n in self.needs() if getattr(ctx, n) in (None, "")]
        if self.parity == LICENSE_NUMBER and "license_number" not in missing:
            if license_number_parity(ctx.license_number or "") is None:
                missing.append("license_number")
        if missing:
            raise RuleError("this rule needs the " + " and ".join(m.replace("_", " ") for m in missing))

    def candidates(self, ctx: RenewalContext, start: date, end: date) -> Iterator[date]:
        """Every date the rule allows as an expiry, in [start, end], ascending."""
        self.check(ctx)
        for year in range(start.year, end.year + 1):
            if not self._year_ok(year, ctx):
                continue
            d = self._day_in(year, ctx)
            if start <= d <= end:
                yield d

    def first_expiry(self, ctx: RenewalContext) -> date:
        """The first expiry after the date of issue."""
        if ctx.issued is None:
            raise RuleError("this rule needs the issue date")
        return self.next_after(ctx.issued + timedelta(days=max(self.min_first_term_days, 0)), ctx,
                               strictly=self.min_first_term_days == 0)

    def next_after(self, after: date, ctx: RenewalContext, strictly: bool = True) -> date:
        start = after + timedelta(days=1) if strictly else after
        horizon = date(min(start.year + 4 * (self.cycle_years or 1) + 1, 9998), 12, 31)
        for d in self.candidates(ctx, start, horizon):
            return d
        raise RuleError("the rule gives no date within its cycle")

    def previous_before(self, before: date, ctx: RenewalContext) -> date | None:
        horizon = date(max(before.year - 4 * (self.cycle_years or 1) - 1, 1), 1, 1)
        found = [d for d in self.candidates(ctx, horizon, before - timedelta(days=1))]
        return found[-1] if found else None

    def allows(self, d: date, ctx: RenewalContext) -> bool:
        return d in set(self.candidates(ctx, d, d))

    def submit_date(self, expiry: date) -> date | None:
        if self.submit_by == "first-of-month":
            return expiry.replace(day=1)
        if self.submit_by == "first-of-previous-month":
            return add_months(expiry.replace(day=1), -1)
        return None

    def describe(self) -> str:
        if self.text:
            return self.text
        if self.basis == UNKNOWN:
            return "not known: credtrack uses the expiry date you enter from the license"
        every = {1: "every year", 2: "every two years", 3: "every three years",
                 4: "every four years"}.get(self.cycle_years or 0, f"every {self.cycle_years} years")
        day = {
            FIXED_DATE: f"{calendar.month_name[self.month or 1]} {self.day or 'last day'}",
            BIRTH_MONTH_END: "last day of the birth month",
            BIRTH_MONTH_DAY: f"day {self.day} of the birth month",
            BIRTHDAY: "the birthday",
            ISSUE_ANNIVERSARY: "the anniversary of issue",
            ISSUE_MONTH_END: "last day of the month of issue",
        }[self.basis]
        years = {ODD: " of odd-numbered years", EVEN: " of even-numbered years",
                 BIRTH_YEAR: ", in years of the birth year's parity",
                 LICENSE_NUMBER: ", in years of the license number's parity"}.get(self.parity or "", "")
        return f"{day}{years}, {every}"


def license_number_parity(number: str) -> int | None:
    digits = "".join(c for c in number if c.isdigit())
    return int(digits[-1]) % 2 if digits else None


# --------------------------------------------------------------------------------------------
# Continuing education
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SubjectMinimum:
    """At least ``hours`` in ``subject`` per cycle (``hours`` None: one completed course).

    ``counts_toward_total`` False: a separate renewal condition (TX human trafficking).
    ``every_renewal`` False: once in a career (e.g. a one-time course).
    ``in_first_period``: still required when the first period is prorated or exempt.
    ``only_first_period``: required at the first renewal only (ND: 3 h ethics).
    """

    subject: str
    hours: float | None = None
    counts_toward_total: bool = True
    every_renewal: bool = True
    in_first_period: bool = False
    only_first_period: bool = False
    note: str = ""
    source: str = ""
    confidence: str = CONFIRMED


@dataclass(frozen=True)
class CECap:
    """At most ``max_hours`` (or ``max_fraction`` of the total) from a delivery or a subject."""

    delivery: str | None = None  # online | self-study | remote
    subjects: tuple[str, ...] = ()  # empty: any subject
    max_hours: float | None = None
    max_fraction: float | None = None
    note: str = ""
    source: str = ""
    confidence: str = CONFIRMED

    def limit(self, total_required: float) -> float:
        limits = []
        if self.max_hours is not None:
            limits.append(self.max_hours)
        if self.max_fraction is not None:
            limits.append(self.max_fraction * total_required)
        return min(limits) if limits else math.inf

    def matches(self, delivery: str, subject: str) -> bool:
        if self.subjects and subject not in self.subjects:
            return False
        if self.delivery is None:
            return True
        if self.delivery == REMOTE:
            return delivery in (ONLINE, SELF_STUDY)
        return delivery == self.delivery

    def describe(self) -> str:
        what = " or ".join(self.subjects) or {REMOTE: "online or self-study", ONLINE: "online",
                                SELF_STUDY: "self-study"}.get(self.delivery or "", self.delivery or "")
        amount = []
        if self.max_hours is not None:
            amount.append(f"{_h(self.max_hours)} h")
        if self.max_fraction is not None:
            amount.append(f"{self.max_fraction:.0%} of the total")
        return f"at most {' or '.join(amount)} {what}"


@dataclass(frozen=True)
class Tier:
    """A different total after years in practice (ND: 6 h after 15 years)."""

    years_in_practice: int
    hours: float


@dataclass(frozen=True)
class CERequirement:
    """CE owed per cycle. ``hours`` None means unknown (reported, never guessed).

    ``period`` is a separate renewal rule for the CE cycle when it differs from the license's
    (TN's calendar biennium, CT's four years); None means the license period.
    """

    hours: float | None
    subjects: tuple[SubjectMinimum, ...] = ()
    caps: tuple[CECap, ...] = ()
    min_in_person_hours: float = 0
    first_period: str = FIRST_FULL
    hours_per_month: float = 0
    carry_over_max: float | None = 0
    tiers: tuple[Tier, ...] = ()
    period: RenewalRule | None = None
    text: str = ""
    source: str = ""
    confidence: str = CONFIRMED
    note: str = ""

    def total_for(self, years_in_practice: float | None) -> float | None:
        if self.hours is None:
            return None
        total = self.hours
        for tier in sorted(self.tiers, key=lambda t: t.years_in_practice):
            if years_in_practice is not None and years_in_practice >= tier.years_in_practice:
                total = tier.hours
        return total


def _h(x: float) -> str:
    return f"{x:g}"


# --------------------------------------------------------------------------------------------
# Insurance, states
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LiabilityMandate:
    """Professional liability insurance a state requires of a licensee (None: unknown)."""

    required: bool | None
    per_claim: int | None = None
    aggregate: int | None = None
    text: str = ""
    source: str = ""
    confidence: str = CONFIRMED


@dataclass(frozen=True)
class StateRules:
    code: str
    name: str
    regulation: str
    renewal: RenewalRule
    ce: CERequirement
    sources: tuple[str, ...]
    verified: str  # ISO date the facts were read
    board: str = ""
    board_url: str = ""
    credential: str = ""
    liability: LiabilityMandate = field(default_factory=lambda: LiabilityMandate(None, confidence=UNCONFIRMED))
    license_number_pattern: str | None = None  # a regular expression, full match
    license_number_example: str = ""
    license_number_confidence: str = UNCONFIRMED
    other_requirements: tuple[str, ...] = ()
    document_kinds: tuple[str, ...] = ()  # extra documents this state's licensees keep
    notes: str = ""
    confidence: str = CONFIRMED  # the record as a whole
    work_history_gap_months: int | None = None  # None: the NCQA/CAQH default (6)

    @property
    def licensed(self) -> bool:
        return self.regulation in (LICENSE, REGISTRATION)

    @property
    def primary_source(self) -> str:
        return self.sources[0] if self.sources else ""


# --------------------------------------------------------------------------------------------
# Payers
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentRequirement:
    """A document a payer (or state) requires in an application."""

    kind: str
    label: str = ""
    per_state: bool = False  # one per state of practice (licenses)
    min_per_claim: int | None = None
    min_aggregate: int | None = None
    optional: bool = False
    per_patient: bool = False  # kept per patient (referrals, authorizations), not sent to join
    # the document that fills another item may fill this one too (the payer says one document
    # serves both); otherwise each document fills one item at most
    reuse: bool = False
    note: str = ""
    source: str = ""
    confidence: str = CONFIRMED


# NCQA-aligned default for work history (used when no payer or state plugin says otherwise):
# 5 years of history, gaps over 6 months explained in writing.
WORK_HISTORY_YEARS = 5
WORK_HISTORY_GAP_MONTHS = 6
WORK_HISTORY_SOURCE = ("https://support.andros.co/hc/en-us/articles/"
                       "360040660892-What-Makes-a-Credentialing-Application-Compliant")
# Typical payer turnaround when a payer's own is not known: 90-120 days (industry blogs;
# shared/reference/field.md).
TYPICAL_TURNAROUND_DAYS = 90
TURNAROUND_SOURCE = "https://a2zbillings.com/credentialing-insurance-timeline"


TAXONOMY_TYPES = {"225700000X": "massage-therapist", "225100000X": "physical-therapist",
                  "225X00000X": "occupational-therapist", "101YM0800X": "counselor"}

# How an application reaches the payer.
ROUTES = ("caqh", "portal", "paper", "email", "phone", "network", "unknown", "none")
PAYER_KINDS = ("commercial", "network", "blue-plan", "medicare", "medicare-advantage",
               "medicaid", "military", "va", "workers-comp", "auto")


@dataclass(frozen=True)
class PayerRules:
    """What a payer or network asks of a provider who wants to join it.

    ``provider_types`` lists the types it credentials (empty: none); ``excluded_reason``
    says why a type is not credentialed (shown with ``source`` when a user applies anyway).
    ``states`` limits where it credentials (empty: everywhere it operates).
    Days are calendar days; None means unknown (the user sets dates by hand).
    """

    id: str
    name: str
    kind: str
    provider_types: tuple[str, ...]
    documents: tuple[DocumentRequirement, ...]
    sources: tuple[str, ...]
    verified: str
    states: tuple[str, ...] = ()
    excluded_reason: str = ""
    caqh_required: bool = False
    route: str = "portal"
    route_address: str = ""
    turnaround_days: int | None = None
    followup_days: int = 14
    first_followup_days: int | None = None
    escalate_after_days: int | None = None
    recredential_months: int | None = 36
    phone: str = ""
    notes: str = ""
    confidence: str = CONFIRMED
    packet_template: str | None = None
    work_history_gap_months: int | None = None  # None: the NCQA/CAQH default (6)
    work_history_years: int | None = None  # None: the default (5)
    references_required: int | None = None  # professional references the payer wants (None: none)

    @property
    def primary_source(self) -> str:
        return self.sources[0] if self.sources else ""

    @property
    def short_name(self) -> str:
        """The name without its parenthesised detail: 'American Specialty Health'."""
        return self.name.split(" (")[0]

    def credentials(self, provider_type: str) -> bool:
        return provider_type in self.provider_types


def package_rules(package: str, path: list[str]) -> list:
    """The ``RULES`` of every module in a plugin package, in module-name order (modules whose
    names start with ``_`` are helpers). A bundled or third-party package of many small rule
    modules calls this from its hook: ``return package_rules(__name__, __path__)``."""
    import importlib
    import pkgutil

    found = []
    for info in sorted(pkgutil.iter_modules(path), key=lambda i: i.name):
        if not info.name.startswith("_"):
            found.append(importlib.import_module(f"{package}.{info.name}").RULES)
    return found
