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
from dataclasses import field
from datetime import date, timedelta
from typing import Iterator

from credtrack.values import value
from credtrack.vocab import (  # noqa: F401  (re-exported: plugins import them from here)
    CE_SUBJECTS, CONFIDENCES, CONFIRMED, DELIVERIES, DOCUMENT_KINDS, IN_PERSON,
    LIVE_INTERACTIVE, ONLINE, PROVIDER_TYPES, SECONDARY, SELF_STUDY, UNCONFIRMED,
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
YEARS_UNKNOWN = "years-unknown"  # the day is known (e.g. the birthday), the renewal years are not
PARITIES = (ODD, EVEN, BIRTH_YEAR, LICENSE_NUMBER, YEARS_UNKNOWN)

REMOTE = "remote"  # in caps: online + self-study together

# carry_over_max when the source states no cap (LA: excess "may be applied to the following
# year"): a plain number, so that rules stay literal data
NO_CAP = 1_000_000.0

# First renewal after licensure.
FIRST_FULL = "full"
FIRST_EXEMPT = "exempt"
FIRST_PER_MONTH = "per-month"  # hours_per_month for each month (or part) licensed (FL)
FIRST_HALF_IF_LATE = "half-if-second-year"  # half the hours if licensed in the period's 2nd half
# exempt if issued within ``first_exempt_months`` months before the period's end (MD), else full
FIRST_EXEMPT_IF_WITHIN = "exempt-if-issued-within"
FIRST_CHART = "chart"  # hours from the board's chart (``first_chart`` rows; TN, NC)
FIRST_UNKNOWN = "unknown"
FIRST_PERIODS = (FIRST_FULL, FIRST_EXEMPT, FIRST_PER_MONTH, FIRST_HALF_IF_LATE,
                 FIRST_EXEMPT_IF_WITHIN, FIRST_CHART, FIRST_UNKNOWN)

# What a first-period chart row is keyed by.
CYCLE_MONTH = "cycle-month"  # month of licensure within the CE cycle: 1 = the cycle's first month
MONTHS_LICENSED = "months-licensed"  # months (or part) from licensure to the period's end
CHART_KEYS = (CYCLE_MONTH, MONTHS_LICENSED)


def weakest(*confidences: str) -> str:
    """The lowest of some confidences (confirmed > secondary > unconfirmed); '' is ignored."""
    order = {CONFIRMED: 0, SECONDARY: 1, UNCONFIRMED: 2}
    known = [c for c in confidences if c]
    return max(known, key=lambda c: order.get(c, 2)) if known else CONFIRMED




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

@value
class RenewalContext:
    """What a renewal rule may need to know about one license."""

    issued: date | None = None
    birth_date: date | None = None
    license_number: str | None = None


@value
class RenewalRule:
    """When a license expires, as a sequence of candidate dates.

    ``basis`` picks the day in a renewal year; ``cycle_years`` and ``parity`` / ``anchor_year``
    pick the years. Without either, years count from the year of issue (anniversary shapes).
    ``min_first_term_days`` / ``min_first_term_months`` skip a first candidate that comes too
    soon after issue (MA: "valid for a minimum of 12 months": calendar months, not 365 days);
    ``first_skip`` skips that many candidates after issue (ID: "twelve months after the holder's
    next birthday following the initial licensure" is the second birthday after issue).
    ``read`` is the date the source was read, ``source_date`` the source's own date (its
    "current through", effective or post date) where it shows one.
    ``years_from_first`` counts the cycle's years from that first expiry instead of from the
    year of issue.
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
    years_from_first: bool = False  # cycles count from the first expiry, not the year of issue
    submit_by: str | None = None
    grace_days: int | None = None
    text: str = ""
    source: str = ""
    confidence: str = CONFIRMED
    note: str = ""
    min_first_term_months: int = 0
    first_skip: int = 0
    read: str = ""
    source_date: str = ""

    @property
    def computable(self) -> bool:
        return self.basis != UNKNOWN and self.cycle_years is not None \
            and self.parity != YEARS_UNKNOWN

    def day_matches(self, d: date, ctx: RenewalContext) -> date | None:
        """Where only the day is known (``parity=YEARS_UNKNOWN``): the rule's day in ``d``'s
        year when ``d`` is not it (None: it is, or it cannot be told)."""
        if self.basis == UNKNOWN:
            return None
        try:
            want = self._day_in(d.year, ctx)
        except (RuleError, AttributeError):
            return None
        return None if want == d else want

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
        if self.years_from_first:
            first = self._first_year(ctx)
            return year >= first and (year - first) % cycle == 0
        return year != ctx.issued.year and (year - ctx.issued.year) % cycle == 0  # type: ignore

    def _first_year(self, ctx: RenewalContext) -> int:
        """With ``years_from_first``: the year of the first date of the basis that falls at least
        ``min_first_term_days`` after issue (TX PT: the first birth-month end on or after the
        license's second anniversary)."""
        earliest = ctx.issued + timedelta(days=max(self.min_first_term_days, 1))  # type: ignore
        year = earliest.year
        while self._day_in(year, ctx) < earliest:
            year += 1
        return year

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
        earliest = max(ctx.issued + timedelta(days=max(self.min_first_term_days, 0)),
                       add_months(ctx.issued, max(self.min_first_term_months, 0)))
        found = self.next_after(earliest, ctx, strictly=earliest == ctx.issued)
        for _ in range(max(self.first_skip, 0)):
            found = self.next_after(found, ctx)
        return found

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

@value
class SubjectMinimum:
    """At least ``hours`` in ``subject`` per cycle (``hours`` None: one completed course).

    ``counts_toward_total`` False: a separate renewal condition (TX human trafficking).
    ``every_renewal`` False: once in a career (e.g. a one-time course).
    ``in_first_period``: still required when the first period is prorated or exempt.
    ``only_first_period``: required at the first renewal only (ND: 3 h ethics).
    ``includes``: other subjects whose hours also count toward this minimum: a nested minimum
    (WA: the 2 boundaries hours are part of the 4 ethics hours) or an accepted equivalent (HI:
    CPR for the first-aid/emergency topic).
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
    includes: tuple[str, ...] = ()
    read: str = ""
    source_date: str = ""
    # Requirements on a cycle of their own (professions.md's modelling notes):
    every_nth_renewal: int = 1  # owed at every Nth renewal after licensure (FL LMHC: 3)
    every_years: int | None = None  # owed once in each N years, whatever the CE cycle (WA: 6)
    within_months_of_licensure: int | None = None  # due N months after licensure (FL: 6)

    def counts(self, subject: str) -> bool:
        return subject == self.subject or subject in self.includes

    def owed_at(self, renewal: int | None) -> bool:
        """Whether a subject with ``every_nth_renewal`` is owed at renewal number ``renewal``
        (1: the first after licensure; None: not known, so owed, to be safe)."""
        n = max(self.every_nth_renewal, 1)
        return n == 1 or renewal is None or renewal % n == 0


@value
class CECap:
    """At most ``max_hours`` (or ``max_fraction`` of the total) from a delivery or a subject."""

    delivery: str | None = None  # online | self-study | remote
    subjects: tuple[str, ...] = ()  # empty: any subject
    max_hours: float | None = None
    max_fraction: float | None = None
    note: str = ""
    source: str = ""
    confidence: str = CONFIRMED
    read: str = ""
    source_date: str = ""

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
            return delivery in (ONLINE, SELF_STUDY, LIVE_INTERACTIVE)
        if self.delivery == ONLINE:  # live interactive is online too
            return delivery in (ONLINE, LIVE_INTERACTIVE)
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


@value
class Tier:
    """A different total after years in practice (ND: 6 h after 15 years)."""

    years_in_practice: int
    hours: float


@value
class ChartRow:
    """One row of a board's first-period chart: ``hours`` owed when the key (``chart_by``) is
    between ``first`` and ``last`` inclusive. Keys no row covers are reported as unknown."""

    first: int
    last: int
    hours: float
    note: str = ""


@value
class Conflict:
    """Sources that disagree on one fact: credtrack shows every value and picks none."""

    fact: str
    values: tuple[str, ...]
    sources: tuple[str, ...] = ()
    note: str = ""


@value
class CERequirement:
    """CE owed per cycle. ``hours`` None means unknown (reported, never guessed); with
    ``conflict`` set the sources disagree (each value is shown, none is picked).

    ``period`` is a separate renewal rule for the CE cycle when it differs from the license's
    (TN's calendar biennium, SD's Oct 1 even year .. Sep 30 next even year, CT's four years);
    None means the license period.
    ``live_deliveries``: the deliveries that count toward ``min_in_person_hours`` (IA: in person
    or live, real-time interactive).
    Carry-over: excess hours of a past cycle count in the next, at most ``carry_over_max``
    (None or 0: none; :data:`NO_CAP`: no cap stated), ``carry_over_fraction`` of the excess (IA:
    50 percent), from up to ``carry_over_periods`` cycles back (NV's pool over three years).
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
    live_deliveries: tuple[str, ...] = (IN_PERSON,)
    carry_over_fraction: float | None = None
    carry_over_periods: int = 1
    first_exempt_months: int = 0
    first_chart: tuple[ChartRow, ...] = ()
    chart_by: str = CYCLE_MONTH
    first_source: str = ""
    first_confidence: str = ""
    conflict: Conflict | None = None
    read: str = ""
    source_date: str = ""

    def chart_hours(self, key: int) -> float | None:
        for row in self.first_chart:
            if row.first <= key <= row.last:
                return row.hours
        return None

    def carry(self, excess: float) -> float:
        """What the state lets through of ``excess`` hours (never negative)."""
        if not self.carry_over_max or excess <= 0:
            return 0.0
        allowed = excess * self.carry_over_fraction if self.carry_over_fraction is not None \
            else excess
        return min(allowed, self.carry_over_max)

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

@value
class LiabilityMandate:
    """Professional liability insurance a state requires of a licensee (None: unknown)."""

    required: bool | None
    per_claim: int | None = None
    aggregate: int | None = None
    text: str = ""
    source: str = ""
    confidence: str = CONFIRMED
    read: str = ""
    source_date: str = ""
    note: str = ""


@value
class Compact:
    """An interstate licensure compact: a privilege to practise in a remote member state rests
    on a home-state license and is valid until that license expires."""

    name: str
    profession: str
    text: str
    source: str
    confidence: str = CONFIRMED
    lost_if_encumbered: str = ""
    jurisprudence: str = ""  # what a privilege holder owes the remote state
    jurisprudence_source: str = ""


# shared/reference/professions.md section 3 (compact section 4(b) and 4(e) as enacted).
COMPACTS = {
    "physical-therapist": Compact(
        "PT Licensure Compact", "physical-therapist",
        "a compact privilege is valid until the expiration date of the home license; privilege "
        "holders renew on the home-license date",
        "https://docs-preview.legis.wisconsin.gov/scroll/down/112/2019/related/acts/100 "
        "(compact section 4(b)); https://ptcompact.org/How-to-Get-Privileges",
        lost_if_encumbered="privileges in every remote state are lost until the home license "
                           "is unencumbered and two years have passed (compact section 4(e))",
        jurisprudence="meet the remote state's jurisprudence requirement (the Commission's "
                      "table says which states have one, and when) (compact section 4(a))",
        jurisprudence_source="https://ptcompact.org/compact-privilege-fee-jurisprudence-and-"
                             "waiver-table"),
    "physical-therapist-assistant": Compact(
        "PT Licensure Compact", "physical-therapist-assistant",
        "a compact privilege is valid until the expiration date of the home license",
        "https://ptcompact.org/How-to-Get-Privileges (compact section 4(b))",
        lost_if_encumbered="privileges are lost while the home license is encumbered "
                           "(compact section 4(e))",
        jurisprudence="meet the remote state's jurisprudence requirement (compact section 4(a))",
        jurisprudence_source="https://ptcompact.org/compact-privilege-fee-jurisprudence-and-"
                             "waiver-table"),
    "counselor": Compact(
        "Counseling Compact", "counselor",
        "the privilege to practice is valid until the expiration date of the home state license",
        "https://preview.code.dccouncil.gov/us/dc/council/code/sections/3-1281.04 (compact "
        "section 4(b))",
        lost_if_encumbered="a home license with an encumbrance or restriction in the last two "
                           "years makes the holder ineligible (compact section 4(a))",
        jurisprudence="meet the remote state's jurisprudence requirement (compact section 4(a))",
        jurisprudence_source="https://preview.code.dccouncil.gov/us/dc/council/code/sections/"
                             "3-1281.04"),
}


def state_key(code: str, profession: str | None = None) -> str:
    """Rules are keyed by (state, profession); massage therapists' keys are the bare code."""
    code = (code or "").upper()
    if not profession or profession == "massage-therapist":
        return code
    return f"{code}/{profession}"


@value
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
    # (url, the date the source itself shows: "current through ...", effective or post date)
    source_dates: tuple[tuple[str, str], ...] = ()

    def dated(self, url: str) -> str:
        """The date a source shows, where the reference noted one ('' otherwise)."""
        return next((d for u, d in self.source_dates if u == url), "")

    def provenance(self, fact: object) -> tuple[str, str]:
        """(read, source date) of one fact: its own, else the record's verified date and its
        source's date."""
        read = getattr(fact, "read", "") or self.verified
        dated = getattr(fact, "source_date", "") or self.dated(getattr(fact, "source", "") or "")
        return read, dated
    profession: str = "massage-therapist"  # whom these rules license (PROVIDER_TYPES)
    compact_member: bool | None = None  # in the profession's compact (None: unknown)
    registration_renews: bool = False  # the license is for life; a registration renews (NY)

    @property
    def key(self) -> str:
        """The registry key: the state code for massage therapists ("FL"), else code and
        profession ("FL/physical-therapist")."""
        return state_key(self.code, self.profession)

    @property
    def licensed(self) -> bool:
        return self.regulation in (LICENSE, REGISTRATION)

    def facts(self) -> list[tuple[str, object]]:
        """Every rule object with a confidence, labelled: the renewal rule, the CE requirement
        and its period, subjects and caps, and the liability mandate when one is stated."""
        out: list[tuple[str, object]] = [("renewal", self.renewal)]
        if self.licensed or self.regulation == VOLUNTARY:
            out.append(("CE", self.ce))
            if self.ce.period is not None:
                out.append(("CE period", self.ce.period))
            out += [(f"CE subject {s.subject}", s) for s in self.ce.subjects]
            out += [(f"CE cap {c.describe()}", c) for c in self.ce.caps]
        if self.liability.required is not None:
            out.append(("liability insurance", self.liability))
        return out

    @property
    def overall_confidence(self) -> str:
        """The record as a whole is as good as its weakest stated fact (and never better than
        it declares)."""
        parts = [getattr(obj, "confidence", CONFIRMED) for _, obj in self.facts()]
        if self.ce.first_confidence:
            parts.append(self.ce.first_confidence)
        return weakest(self.confidence, *parts)

    @property
    def primary_source(self) -> str:
        return self.sources[0] if self.sources else ""


# --------------------------------------------------------------------------------------------
# Payers
# --------------------------------------------------------------------------------------------
#
# A payer plugin states facts, and every fact says where it comes from (``Sourced``): the URL,
# the date credtrack's authors read it (``read``), the source's own date where it shows one
# (``source_date``: YYYY, YYYY-MM or YYYY-MM-DD; "" when undated) and a confidence. Whether a
# payer takes a provider type is three-valued (``Credentialing``: yes, no or unknown); the
# billing and referral rules (``CodeRule``, ``Limit``, ``PairEdit``, ``ReferralRule``,
# ``AuthRule``) are what a claim check reads. A rule may be limited to some states or one plan.

YES, NO = "yes", "no"
ANSWERS = (YES, NO, UNKNOWN)

# What a general payer fact is about (``Fact.topic``).
FACT_TOPICS = ("credentialing", "route", "turnaround", "recredentialing", "contract",
               "network", "coverage", "law", "billing", "referral", "authorization", "payment",
               "history")

# Billing vocabulary.
LIMIT_UNITS = ("units", "visits", "dollars")
LIMIT_PERIODS = ("date-of-service", "calendar-year", "plan-year", "prescription",
                 "authorization")
PAIR_SCOPES = ("same-date", "same-region")  # same-region: same body region on the same date
REFERRAL_KINDS = ("prescription", "referral", "order", "treatment-plan",
                  "medical-necessity-review", "letter-of-medical-necessity")
REFERRAL_CONTENTS = ("diagnosis", "visits", "duration", "frequency", "body-area", "codes",
                     "modalities", "reason", "treatment-plan", "goals")
CODE_PATTERN = r"[0-9]{4}[0-9FTU]|[A-Z][0-9]{4}"  # a CPT or HCPCS level II code


def code_in(code: str, specs: tuple[str, ...]) -> bool:
    """Whether a CPT/HCPCS code is one of ``specs``: codes or inclusive ranges ("98940-98942").

    >>> code_in("98941", ("97124", "98940-98942"))
    True
    """
    code = code.strip().upper()
    for spec in specs:
        low, _, high = spec.upper().partition("-")
        if code == low or (high and len(code) == len(low) and low <= code <= high):
            return True
    return False


@value(kw_only=True)
class Sourced:
    """Where a payer fact comes from, and where it applies.

    ``read``: the ISO date the source was read ("" falls back to the payer's ``verified``);
    ``source_date``: the source's own date where it shows one ("" when undated or unknown);
    ``states`` / ``plan``: where the fact applies (empty: wherever the payer operates, every
    plan).
    """

    source: str = ""
    read: str = ""
    source_date: str = ""
    confidence: str = CONFIRMED
    note: str = ""
    states: tuple[str, ...] = ()
    plan: str = ""

    def applies(self, state: str | None = None, plan: str | None = None) -> bool:
        """True unless the fact is limited to other states or to another plan."""
        if state and self.states and state.upper() not in self.states:
            return False
        return not (plan is not None and self.plan and plan.lower() != self.plan.lower())

    def dated(self, fallback: str = "") -> str:
        """'read 2026-12-01, source dated 2019-08-16' (or 'source undated')."""
        read = self.read or fallback
        own = f"source dated {self.source_date}" if self.source_date else "source undated"
        return f"read {read}, {own}" if read else own


@value(kw_only=True)
class Fact(Sourced):
    """A statement about a payer, with its topic (one of ``FACT_TOPICS``)."""

    topic: str
    text: str


@value(kw_only=True)
class Credentialing(Sourced):
    """Whether the payer credentials (or pays directly) a provider type: yes, no or unknown.

    ``text`` says why in a sentence; a "no" or an "unknown" must have one.
    """

    provider_type: str
    answer: str
    text: str = ""


@value(kw_only=True)
class CodeRule(Sourced):
    """CPT/HCPCS ``codes`` (codes or ranges; empty: every code) the payer pays a provider type
    for (``paid`` True), does not pay it for (False), or may not (None: unknown)."""

    codes: tuple[str, ...]
    paid: bool | None
    provider_type: str = "massage-therapist"
    text: str = ""


@value(kw_only=True)
class Limit(Sourced):
    """At most ``max`` ``unit`` (units, visits, dollars) ``per`` period, for ``codes`` (empty:
    everything the provider bills). ``shared_with`` names other benefits counted in the same
    limit (e.g. chiropractic, acupuncture)."""

    max: float
    unit: str
    per: str
    codes: tuple[str, ...] = ()
    shared_with: tuple[str, ...] = ()
    text: str = ""


@value(kw_only=True)
class PairEdit(Sourced):
    """``codes`` and ``with_codes`` billed together (``scope``: same date, or same region on the
    same date) are not both paid, unless the claim carries one of ``modifiers`` and the record
    supports a distinct service (empty ``modifiers``: never both paid; NCCI indicator 0)."""

    codes: tuple[str, ...]
    with_codes: tuple[str, ...]
    modifiers: tuple[str, ...] = ()
    scope: str = "same-date"
    effective: str = ""  # ISO dates an edit file gives (NCCI); "" : not stated
    deleted: str = ""
    text: str = ""

    def matches(self, a: str, b: str) -> bool:
        return ((code_in(a, self.codes) and code_in(b, self.with_codes))
                or (code_in(b, self.codes) and code_in(a, self.with_codes)))


@value(kw_only=True)
class ReferralRule(Sourced):
    """A prescription, referral or order the payer wants (``required`` None: unknown).

    ``must_state`` lists what it has to say (``REFERRAL_CONTENTS``); ``valid_days`` and
    ``max_visits`` how long and for how many visits one is good (None: not stated);
    ``on_file`` True: kept in the therapist's records, not sent with the claim;
    ``remind_days``: how early the payer wants a re-referral requested (None: not stated).
    """

    required: bool | None
    kind: str = "prescription"
    prescribers: tuple[str, ...] = ()
    must_state: tuple[str, ...] = ()
    valid_days: int | None = None
    max_visits: int | None = None
    on_file: bool | None = None
    remind_days: int | None = None  # ask for a new one this many days before it ends
    form: str = ""
    text: str = ""


@value(kw_only=True)
class AuthRule(Sourced):
    """Prior authorization (``required`` None: unknown).

    ``after_visits``: treatment visits allowed before authorization is needed (0: from the
    first; None: not stated), plus an initial evaluation when ``plus_evaluation``; a new
    episode of care starts after ``new_episode_days`` without treatment by the same profession.
    ``codes`` / ``exempt_codes`` limit it to or exempt codes; ``within_days``: obtained within
    so many days of the first visit. ``law`` cites the statute that sets it, if one does.
    """

    required: bool | None
    after_visits: int | None = None
    plus_evaluation: bool = False
    new_episode_days: int | None = None
    codes: tuple[str, ...] = ()
    exempt_codes: tuple[str, ...] = ()
    vendor: str = ""
    within_days: int | None = None
    law: str = ""
    text: str = ""

    def covers(self, code: str) -> bool:
        if self.exempt_codes and code_in(code, self.exempt_codes):
            return False
        return not self.codes or code_in(code, self.codes)


@value
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
    read: str = ""  # ISO date the source was read ("" : the payer's verified date)
    source_date: str = ""  # the source's own date, where it shows one

    def dated(self, fallback: str = "") -> str:
        return Sourced.dated(self, fallback)  # type: ignore[arg-type]


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
               "medicaid", "military", "va", "workers-comp", "auto", "health-trust")


@value
class PayerRules:
    """What a payer or network asks of a provider who wants to join it, and how it pays.

    ``credentialing`` answers yes/no/unknown per provider type, each with its source;
    ``provider_types`` (the "yes" types) and ``excluded_reason`` (why massage therapists are
    not taken) are the older, unsourced form, still read when a type has no answer.
    ``states`` limits where it credentials (empty: everywhere it operates). Days are calendar
    days; None means unknown (the user sets dates by hand): ``turnaround_days`` and
    ``recredential_months`` each need a ``Fact`` of that topic saying so.
    ``verified`` is when the record was last reviewed as a whole; each fact has its own dates.
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
    recredential_months: int | None = None
    phone: str = ""
    notes: str = ""
    confidence: str = CONFIRMED
    packet_template: str | None = None
    work_history_gap_months: int | None = None  # None: the NCQA/CAQH default (6)
    work_history_years: int | None = None  # None: the default (5)
    references_required: int | None = None  # professional references the payer wants (None: none)
    credentialing: tuple[Credentialing, ...] = ()
    facts: tuple[Fact, ...] = ()
    code_rules: tuple[CodeRule, ...] = ()
    limits: tuple[Limit, ...] = ()
    pair_edits: tuple[PairEdit, ...] = ()
    referrals: tuple[ReferralRule, ...] = ()
    authorizations: tuple[AuthRule, ...] = ()

    @property
    def primary_source(self) -> str:
        return self.sources[0] if self.sources else ""

    @property
    def short_name(self) -> str:
        """The name without its parenthesised detail: 'American Specialty Health'."""
        return self.name.split(" (")[0]

    def credential(self, provider_type: str, state: str | None = None) -> Credentialing:
        """The payer's answer for a provider type (in a state): its own entry, else the older
        fields. An entry limited to other states does not answer for this one (unknown)."""
        limited = None
        for c in self.credentialing:
            if c.provider_type == provider_type:
                if c.applies(state):
                    return c
                limited = c
        if limited is not None:
            where = ", ".join(limited.states)
            return Credentialing(provider_type=provider_type, answer=UNKNOWN,
                                 text=f"{self.short_name}'s answer ({limited.answer}) is for "
                                      f"{where} only; {state} is not known",
                                 source=limited.source, read=limited.read,
                                 source_date=limited.source_date, confidence=UNCONFIRMED)
        if provider_type in self.provider_types:
            return Credentialing(provider_type=provider_type, answer=YES,
                                 source=self.primary_source, confidence=self.confidence)
        if provider_type == "massage-therapist" and self.excluded_reason:
            return Credentialing(provider_type=provider_type, answer=NO,
                                 text=self.excluded_reason, source=self.primary_source,
                                 confidence=self.confidence)
        return Credentialing(provider_type=provider_type, answer=UNKNOWN,
                             text=f"this payer's rules say nothing about "
                                  f"{provider_type.replace('-', ' ')}s: ask {self.short_name}",
                             source=self.primary_source, confidence=UNCONFIRMED)

    def credentials(self, provider_type: str, state: str | None = None) -> bool:
        """True only when the answer is yes (an unknown is not a yes)."""
        return self.credential(provider_type, state).answer == YES

    def facts_about(self, topic: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.topic == topic)

    def fact(self, topic: str) -> Fact | None:
        found = self.facts_about(topic)
        return found[0] if found else None

    def sourced(self) -> Iterator[tuple[str, Sourced | DocumentRequirement]]:
        """Every fact with a source, labelled for messages: 'documents[2] (w9)'."""
        for name in ("credentialing", "facts", "code_rules", "limits", "pair_edits",
                     "referrals", "authorizations", "documents"):
            for i, item in enumerate(getattr(self, name)):
                what = getattr(item, "provider_type", "") or getattr(item, "topic", "") \
                    or getattr(item, "kind", "") or ",".join(getattr(item, "codes", ()))
                yield f"{name}[{i}]" + (f" ({what})" if what else ""), item

    def applicable(self, name: str, state: str | None = None,
                   plan: str | None = None) -> tuple:
        """The rules of one kind (``"referrals"``, ``"authorizations"``, ``"limits"``,
        ``"pair_edits"``, ``"code_rules"``, ``"facts"``) that apply in a state and plan."""
        return tuple(r for r in getattr(self, name) if r.applies(state, plan))

    def pair_edit(self, a: str, b: str, state: str | None = None,
                  plan: str | None = None) -> PairEdit | None:
        """The first same-session edit that applies to codes ``a`` and ``b``."""
        return next((e for e in self.applicable("pair_edits", state, plan) if e.matches(a, b)),
                    None)

    def code_rule(self, code: str, provider_type: str = "massage-therapist",
                  state: str | None = None, plan: str | None = None) -> CodeRule | None:
        """The first rule saying whether this code is paid to this provider type here."""
        for rule in self.code_rules:
            if (rule.provider_type == provider_type and rule.applies(state, plan)
                    and (not rule.codes or code_in(code, rule.codes))):
                return rule
        return None


def rules_key(rules: object, kind: str) -> str:
    """The key the registry files a rules value under: a state's :func:`state_key` (its code,
    with its profession unless massage therapy), a payer's id in lower case; "" if it has none."""
    if kind == "state":
        return state_key(str(getattr(rules, "code", "") or ""), getattr(rules, "profession", None))
    return str(getattr(rules, "id", "") or "").lower()


class RulesModule:
    """A rules module not imported yet: the key it provides (a state code such as ``TX`` or
    ``TX/physical-therapist``, or a payer id) and the module that defines its ``RULES``.

    A plugin hook may return these in place of rules values (:func:`package_index` makes them
    for a package): credtrack imports such a module only when a command needs its key, so a
    package of many modules costs nothing at start-up. Loading checks that the module's
    ``RULES`` is for the key its name promised."""

    __slots__ = ("key", "module", "profession")

    def __init__(self, key: str, module: str, profession: str | None = None):
        self.key, self.module, self.profession = key, module, profession

    def __repr__(self) -> str:
        return f"RulesModule({self.key!r}, {self.module!r})"

    def load(self):
        import importlib

        rules = importlib.import_module(self.module).RULES
        if self.profession and isinstance(rules, StateRules) \
                and rules.profession == "massage-therapist" and self.profession != rules.profession:
            from dataclasses import replace

            rules = replace(rules, profession=self.profession)
        return rules


def _package_modules(package: str, path: list[str], profession: str | None):
    """(module name, its name in the package, profession) of every rules module of a package
    and its subpackages, in module-name order; names starting with ``_`` are helpers."""
    import importlib
    import pkgutil

    for info in sorted(pkgutil.iter_modules(path), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        name = f"{package}.{info.name}"
        if info.ispkg:
            sub = importlib.import_module(name)  # its __init__ declares PROFESSION
            yield from _package_modules(name, list(sub.__path__),
                                        getattr(sub, "PROFESSION", profession))
        else:
            yield name, info.name, profession


def package_rules(package: str, path: list[str], profession: str | None = None) -> list:
    """The ``RULES`` of every module in a plugin package, in module-name order (modules whose
    names start with ``_`` are helpers). A bundled or third-party package of many small rule
    modules calls this from its hook: ``return package_rules(__name__, __path__)``.

    A package of one profession's state rules declares it once (``profession=``): each module's
    ``StateRules`` gets it unless the module names another. Subpackages are read the same way,
    with their own ``PROFESSION`` if they declare one."""
    return [RulesModule("", module, prof).load()
            for module, _name, prof in _package_modules(package, path, profession)]


def package_index(package: str, path: list[str], kind: str) -> list[RulesModule]:
    """The package's rules modules, not imported: what :func:`package_rules` reads, for a hook
    to return instead (``return package_index(__name__, __path__, "state")``) so that only the
    modules a command needs are imported. Each module is named for its key: a state module by
    its code (``tx.py``: TX; in a subpackage with ``PROFESSION``: TX/that profession), a payer
    module by its id with ``_`` for ``-`` (``nv_wc.py``: nv-wc)."""
    if kind not in ("state", "payer"):
        raise ValueError(f"kind is 'state' or 'payer', not {kind!r}")
    out = []
    for module, name, profession in _package_modules(package, path, None):
        key = state_key(name, profession) if kind == "state" else name.replace("_", "-")
        out.append(RulesModule(key, module, profession))
    return out
