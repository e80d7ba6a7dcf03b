"""Conformance checks for state and payer plugins (used by ``credtrack plugins check`` and by
:mod:`credtrack.testing`, which adds the pytest fixtures).

A problem has a severity. An *error* makes a plugin wrong or unsourced: ``check_*_plugin``
raise ``AssertionError`` and ``credtrack plugins check`` exits 1. A *warning* is work a person
still owes (a ``TODO`` left in a field, a placeholder source such as ``https://example.org``):
fresh scaffolds conform with warnings; ``strict=True`` / ``plugins check --strict`` fail on them.
*info* says what a plugin overrides. ``state_problems`` / ``payer_problems`` list the errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Iterator

from credtrack import rules as R
from credtrack.jurisdictions import CODES

ERROR, WARNING, INFO = "error", "warning", "info"
MAX_AGE_DAYS = 365  # ``plugins check``: facts verified longer ago than this are stale
PLACEHOLDER = re.compile(r"TODO|https?://([^/]*\.)?(example\.(com|net|org)"
                         r"|[^/]*\.(example|invalid|test)|localhost)([/:?#]|$)")
SOURCE_FIELDS = ("source", "sources", "board_url", "route_address")


@dataclass(frozen=True)
class Problem:
    severity: str  # error | warning | info
    subject: str  # "state VT", "payer acme-health", "plugin my_rules"
    message: str
    plugin: str = ""

    def __str__(self) -> str:
        where = f"{self.subject} ({self.plugin})" if self.plugin else self.subject
        return f"{self.severity}: {where}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"severity": self.severity, "subject": self.subject, "message": self.message,
                "plugin": self.plugin}


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
        problems.append(f"{label}: cannot compute a date: a computable rule needs "
                        "cycle_years >= 1")
        return problems
    if rule.parity == R.YEARS_UNKNOWN:
        return problems  # only the day is known: the user's date is checked against it
    if rule.parity and rule.cycle_years != 2:
        problems.append(f"{label}: year parity only makes sense with a two-year cycle")
    if rule.basis == R.FIXED_DATE and not (rule.month and 1 <= rule.month <= 12):
        problems.append(f"{label}: cannot compute a date: a fixed-date rule needs a month 1-12")
        return problems
    if not rule.source:
        problems.append(f"{label}: no source")
    today = today or date.today()
    limit = timedelta(days=366 * rule.cycle_years * (1 + max(rule.first_skip, 0))
                      + max(rule.min_first_term_days, 0) + 31 * max(rule.min_first_term_months, 0)
                      + 1)
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
    if ce.first_period == R.FIRST_EXEMPT_IF_WITHIN and ce.first_exempt_months <= 0:
        p.append("CE: an exempt-if-issued-within first period needs first_exempt_months > 0")
    if ce.first_period == R.FIRST_CHART and not ce.first_chart:
        p.append("CE: a chart first period needs first_chart rows")
    if ce.chart_by not in R.CHART_KEYS:
        p.append(f"CE: unknown chart_by {ce.chart_by!r}")
    for d in ce.live_deliveries:
        if d not in R.DELIVERIES:
            p.append(f"CE: unknown live delivery {d!r}")
    if ce.carry_over_fraction is not None and not 0 < ce.carry_over_fraction <= 1:
        p.append("CE: carry_over_fraction must be in (0, 1]")
    if ce.hours is None and ce.conflict is not None and len(ce.conflict.values) < 2:
        p.append("CE: a conflict lists at least two values")
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
        if cap.delivery not in (None, R.ONLINE, R.SELF_STUDY, R.LIVE_INTERACTIVE, R.REMOTE):
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


def provenance_problems(rules, kind: str, today: date | None = None) -> list[str]:
    """Where the facts come from, when they were read, how sure: shared by states and payers."""
    p: list[str] = []
    if not rules.sources:
        p.append(f"no sources: every {kind} plugin cites where its facts come from")
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
    return p


def state_problems(rules: R.StateRules, subjects: tuple[str, ...] = R.CE_SUBJECTS,
                   today: date | None = None) -> list[str]:
    """Everything wrong with a state plugin, in plain words (empty: it conforms)."""
    p: list[str] = []
    if rules.code not in CODES:
        p.append(f"code {rules.code!r} is not one of the 50 states or DC")
    if rules.regulation not in R.REGULATIONS:
        p.append(f"regulation must be one of {', '.join(R.REGULATIONS)}")
    p.extend(provenance_problems(rules, "state", today))
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


def state_report(rules: R.StateRules, *, today: date | None = None,
                 max_age_days: int | None = None,
                 subjects: tuple[str, ...] = R.CE_SUBJECTS) -> list[Problem]:
    """Errors and warnings for one state plugin's rules (see the module docstring)."""
    return _report(rules, R.StateRules, f"state {getattr(rules, 'code', '?')}",
                   lambda: state_problems(rules, subjects, today), today, max_age_days)


def check_state_plugin(rules: R.StateRules, *, strict: bool = False, **kw) -> None:
    """Assert that a state plugin's rules conform: no errors (and no warnings if ``strict``).
    ``max_age_days=365`` also fails facts verified over a year before ``today``."""
    _assert(state_report(rules, **kw), strict)


def _assert(problems: list[Problem], strict: bool) -> None:
    failing = [p for p in problems if p.severity == ERROR or (strict and p.severity == WARNING)]
    assert not failing, "\n".join(str(p) for p in failing)


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
    p.extend(provenance_problems(rules, "payer", today))
    for s in rules.states:
        if s not in CODES:
            p.append(f"state {s!r} is not one of the 50 states or DC")
    p.extend(_credentialing_problems(rules))
    for d in rules.documents:
        if d.kind not in document_kinds:
            p.append(f"document kind {d.kind!r} is unknown")
        if d.min_per_claim and d.min_aggregate and d.min_aggregate < d.min_per_claim:
            p.append(f"{d.kind}: aggregate minimum below the per-claim minimum")
    for label, item in rules.sourced():
        p.extend(f"{label}: {m}" for m in fact_problems(item, rules.verified, today))
    p.extend(_billing_problems(rules))
    if rules.followup_days <= 0:
        p.append("followup_days must be positive")
    for name, topic in (("turnaround_days", "turnaround"), ("first_followup_days", ""),
                        ("escalate_after_days", ""), ("recredential_months", "recredentialing")):
        v = getattr(rules, name)
        if v is not None and v <= 0:
            p.append(f"{name} must be positive or None (unknown)")
        elif v is not None and topic and not any(
                re.search(rf"(?<!\d){v}(?!\d)", f.text) for f in rules.facts_about(topic)):
            p.append(f"{name} = {v} has no source: add a Fact(topic={topic!r}) whose text "
                     f"states {v}, or set it to None (unknown)")
    return p


def fact_problems(item: Any, verified: str = "", today: date | None = None) -> list[str]:
    """A payer fact without a source, or with malformed dates, confidence or states."""
    p = []
    if not item.source:
        p.append("no source: every payer fact cites the page that states it")
    elif not re.match(r"https?://\S+$", item.source):
        p.append(f"source {item.source[:60]!r} is not a URL")
    if not _confidence_ok(item.confidence):
        p.append("confidence must be one of " + ", ".join(R.CONFIDENCES))
    read = item.read or verified
    try:
        if read and date.fromisoformat(read) > (today or date.today()):
            p.append(f"read date {read} is in the future")
    except ValueError:
        p.append(f"read {read!r} is not an ISO date (YYYY-MM-DD)")
    own = item.source_date
    if own and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", own):
        p.append(f"source_date {own!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    elif own and read and own > read:
        p.append(f"source_date {own} is after the date it was read ({read})")
    for s in getattr(item, "states", ()):
        if s not in CODES:
            p.append(f"state {s!r} is not one of the 50 states or DC")
    if isinstance(item, R.Fact) and item.topic not in R.FACT_TOPICS:
        p.append(f"topic must be one of {', '.join(R.FACT_TOPICS)}")
    return p


def _credentialing_problems(rules: R.PayerRules) -> list[str]:
    p = []
    for t in rules.provider_types:
        if t not in R.PROVIDER_TYPES:
            p.append(f"unknown provider type {t!r}")
    answered = {}
    for c in rules.credentialing:
        if c.provider_type not in R.PROVIDER_TYPES:
            p.append(f"credentialing: unknown provider type {c.provider_type!r}")
        if c.answer not in R.ANSWERS:
            p.append(f"credentialing {c.provider_type}: answer must be one of "
                     f"{', '.join(R.ANSWERS)}")
        if c.answer != R.YES and not c.text:
            p.append(f"credentialing {c.provider_type}: a {c.answer!r} must say why (text)")
        answered.setdefault(c.provider_type, set()).add(c.answer)
    for t, answers in answered.items():
        if (R.YES in answers) != (t in rules.provider_types):
            p.append(f"credentialing {t}: provider_types must list exactly the types answered "
                     "yes")
    if "massage-therapist" not in answered and "massage-therapist" not in rules.provider_types \
            and not rules.excluded_reason:
        p.append("a payer that does not credential massage therapists must say why "
                 "(excluded_reason, or a Credentialing answer with its text and source)")
    return p


def _billing_problems(rules: R.PayerRules) -> list[str]:
    p = []
    code = re.compile(rf"(?:{R.CODE_PATTERN})(?:-(?:{R.CODE_PATTERN}))?")
    for label, item in rules.sourced():
        for spec in (getattr(item, "codes", ()) + getattr(item, "with_codes", ())
                     + getattr(item, "exempt_codes", ())):
            if not code.fullmatch(spec):
                p.append(f"{label}: {spec!r} is not a CPT/HCPCS code or range (97124, "
                         "98940-98942)")
    for i, lim in enumerate(rules.limits):
        if lim.unit not in R.LIMIT_UNITS or lim.per not in R.LIMIT_PERIODS:
            p.append(f"limits[{i}]: unit must be one of {', '.join(R.LIMIT_UNITS)} and per one "
                     f"of {', '.join(R.LIMIT_PERIODS)}")
        if lim.max <= 0:
            p.append(f"limits[{i}]: max must be positive")
    for i, e in enumerate(rules.pair_edits):
        if e.scope not in R.PAIR_SCOPES or not e.codes or not e.with_codes:
            p.append(f"pair_edits[{i}]: needs codes, with_codes and a scope in "
                     f"{', '.join(R.PAIR_SCOPES)}")
    for i, r in enumerate(rules.referrals):
        if r.kind not in R.REFERRAL_KINDS:
            p.append(f"referrals[{i}]: kind must be one of {', '.join(R.REFERRAL_KINDS)}")
        bad = [m for m in r.must_state if m not in R.REFERRAL_CONTENTS]
        if bad:
            p.append(f"referrals[{i}]: must_state {bad} not in {', '.join(R.REFERRAL_CONTENTS)}")
        if any(v is not None and v <= 0 for v in (r.valid_days, r.max_visits, r.remind_days)):
            p.append(f"referrals[{i}]: valid_days, max_visits and remind_days must be positive "
                     "or None")
    for i, a in enumerate(rules.authorizations):
        if any(v is not None and v < 0 for v in (a.after_visits, a.new_episode_days,
                                                  a.within_days)):
            p.append(f"authorizations[{i}]: visit and day counts cannot be negative")
    return p


def payer_report(rules: R.PayerRules, *, today: date | None = None,
                 max_age_days: int | None = None,
                 document_kinds: tuple[str, ...] = R.DOCUMENT_KINDS) -> list[Problem]:
    """Errors and warnings for one payer plugin's rules (see the module docstring)."""
    return _report(rules, R.PayerRules, f"payer {getattr(rules, 'id', '?')}",
                   lambda: payer_problems(rules, document_kinds, today), today, max_age_days)


def _report(rules, cls: type, subject: str, problems, today: date | None,
            max_age_days: int | None) -> list[Problem]:
    if not isinstance(rules, cls):
        hook = "credtrack_states" if cls is R.StateRules else "credtrack_payers"
        return [Problem(ERROR, subject, f"{hook} returned a {type(rules).__name__}, "
                                        f"not a {cls.__name__}")]
    found = [Problem(ERROR, subject, m) for m in problems()]
    found += [Problem(ERROR, subject, m) for m in stale(rules.verified, today, max_age_days)]
    return found + [Problem(WARNING, subject, m) for m in todo_warnings(rules)]


def check_payer_plugin(rules: R.PayerRules, *, strict: bool = False, **kw) -> None:
    """Assert that a payer plugin's rules conform: no errors (and no warnings if ``strict``)."""
    _assert(payer_report(rules, **kw), strict)


def stale(verified: str, today: date | None, max_age_days: int | None) -> list[str]:
    """An error when the facts were last verified more than ``max_age_days`` ago."""
    if max_age_days is None:
        return []
    try:
        when = date.fromisoformat(verified)
    except (TypeError, ValueError):
        return []  # reported as a malformed date already
    today = today or date.today()
    if (today - when).days > max_age_days:
        span = "a year" if max_age_days == 365 else f"{max_age_days} days"
        return [f"unverified for over {span}: verified {verified}, {(today - when).days} days "
                f"before {today}; re-read the sources and update verified"]
    return []


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    from dataclasses import fields, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from _strings(getattr(value, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def todo_warnings(rules: Any) -> list[str]:
    """What a person still owes: fields that say TODO, sources that are placeholders."""
    out, placeholders = [], {}
    for path, text in _strings(rules):
        name = re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]
        if name in SOURCE_FIELDS and PLACEHOLDER.search(text):
            placeholders.setdefault(text, []).append(path)
        elif "TODO" in text:
            out.append(f"{path} still says {text[:70]!r}")
    for url, paths in placeholders.items():
        out.append(f"placeholder source {url} (in {', '.join(paths)}): cite the page that "
                   "states the fact")
    return out


# -- credtrack plugins check ------------------------------------------------------------------

def check_target(target: str, app: Any, today: date,
                 max_age_days: int | None = MAX_AGE_DAYS) -> list[Problem]:
    """Every problem of the plugin(s) at ``target``: a ``.py`` file, a package folder, a project
    folder with a ``pyproject.toml``, a folder of modules, or the name of a loaded plugin.

    ``app`` is the service whose plugins the target is compared with: a state or payer that a
    plugin at the same priority also provides is an error naming it.
    """
    found: list[Problem] = []
    for info, plugin in _resolve(target, app.host):
        if isinstance(plugin, BaseException):
            found.append(Problem(ERROR, f"plugin {info.name}", "cannot be loaded: "
                                 + _one_line(plugin), info.name))
            continue
        found += _check_plugin(info, plugin, app.registry, today, max_age_days,
                               app.document_kinds())
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(found, key=lambda p: order.get(p.severity, 3))


def _one_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip().splitlines()[0]


def _resolve(target: str, host: Any) -> list[tuple[Any, Any]]:
    """(PluginInfo, plugin object or the exception that stopped its import) for a target."""
    from credtrack.errors import BadInput
    from credtrack.plugins import PluginInfo

    path = Path(target).expanduser()
    if not path.exists():
        wanted = target.strip().lower().replace("_", "-")
        for info in host.infos:
            if wanted in (info.name.lower().replace("_", "-"),
                          info.location.lower().replace("_", "-")):
                plugin = host.pm.get_plugin(info.name)
                return [(info, plugin if plugin is not None else ImportError(info.error))]
        raise BadInput(f"no plugin or file named {target[:60]!r} (see 'credtrack plugins list')")
    out = []
    for name, file, origin, location in _plugin_files(path):
        loaded = next((i for i in host.infos if i.location and (
            i.location == location or _same_file(i.location, file))), None)
        if loaded is not None:  # already loaded by the host: check that one, not a copy
            plugin = host.pm.get_plugin(loaded.name)
            out.append((loaded, plugin if plugin is not None else ImportError(loaded.error)))
            continue
        owner = next((i for i in host.infos if i.location and file.is_file()
                      and _same_file(i.location, file.parent)), None)
        if owner is not None:  # a module of a loaded package (fl.py of credtrack_states)
            info = PluginInfo(owner.name, owner.origin, location)
        else:
            info = PluginInfo(name, origin, location)
        try:
            out.append((info, _import(file, name)))
        except Exception as exc:
            out.append((info, exc))
    return out


def _import(file: Path, name: str) -> Any:
    """A module of an importable package (``credtrack_payers/ash.py``, with its relative
    imports) by its name; anything else by path under a name of its own."""
    import importlib
    import importlib.util

    from credtrack.plugins import load_module

    if file.is_file() and (file.parent / "__init__.py").is_file():
        modname = f"{file.parent.name}.{file.stem}"
        try:
            spec = importlib.util.find_spec(modname)
        except ImportError:
            spec = None  # its package is not importable: load the file by path
        if spec is not None and spec.origin and _same_file(spec.origin, file):
            return importlib.import_module(modname)
    return load_module(file, "credtrack_checked_" + re.sub(r"\W", "_", name))


def _same_file(location: str, file: Path) -> bool:
    try:
        target = file / "__init__.py" if file.is_dir() else file
        return Path(location).resolve() == target.resolve()
    except OSError:
        return False


def _plugin_files(path: Path) -> list[tuple[str, Path, str, str]]:
    """(name, file or package folder, origin, location) of the plugins at ``path``."""
    from credtrack.errors import BadInput

    if path.is_file():
        if path.suffix != ".py":
            raise BadInput(f"{path.name} is not a .py file, a folder or a plugin name")
        return [(path.stem, path, "directory", str(path))]
    if (path / "__init__.py").is_file():
        return [(path.name, path, "entry-point", str(path))]
    if (path / "pyproject.toml").is_file():
        return _project_plugins(path)
    modules = [m for m in sorted(path.glob("*.py")) if not m.name.startswith("_")]
    if not modules:
        raise BadInput(f"no plugin modules in {path}")
    return [(m.stem, m, "directory", str(m)) for m in modules]


def _project_plugins(path: Path) -> list[tuple[str, Path, str, str]]:
    """The ``credtrack`` entry points a project folder declares, found in its source tree."""
    import tomllib

    from credtrack.errors import BadInput

    try:
        project = tomllib.loads((path / "pyproject.toml").read_text())["project"]
    except (OSError, ValueError, KeyError) as exc:
        raise BadInput(f"cannot read the [project] table of {path / 'pyproject.toml'}: "
                       f"{_one_line(exc)}") from None
    points = project.get("entry-points", {}).get("credtrack", {})
    if not points:
        raise BadInput(f"{path / 'pyproject.toml'} declares no [project.entry-points.credtrack]")
    out = []
    for name, value in points.items():
        parts = value.split(":")[0].strip().split(".")
        for root in (path / "src", path):
            base = root.joinpath(*parts)
            file = base if (base / "__init__.py").is_file() else base.with_suffix(".py")
            if file.exists():
                out.append((name, file, "entry-point", project.get("name", name)))
                break
        else:
            raise BadInput(f"entry point {name} = {value!r}: no such module under {path}")
    return out


def _loaded(batch: list | tuple, hook: str, label: str, name: str,
            found: list[Problem]) -> list[Any]:
    """A hook's results with each ``RulesModule`` imported: its module's ``RULES``, which must
    be for the key the module's name promises (a problem for each that is not)."""
    out = []
    for item in batch:
        if not isinstance(item, R.RulesModule):
            out.append(item)
            continue
        try:
            rules = item.load()
        except Exception as exc:
            found.append(Problem(ERROR, label, f"{hook}: {item.module} cannot be loaded: "
                                 f"{_one_line(exc)}", name))
            continue
        key = R.rules_key(rules, "state" if hook == "credtrack_states" else "payer")
        if key != item.key:
            found.append(Problem(ERROR, label, f"{hook}: {item.module} is named for "
                                 f"{item.key!r} but its RULES are for {key!r}", name))
        out.append(rules)
    return out


def _check_plugin(info: Any, plugin: Any, registry: Any, today: date,
                  max_age_days: int | None, host_kinds: tuple[str, ...]) -> list[Problem]:
    import pluggy

    from credtrack import hookspecs

    label = f"plugin {info.name}"
    pm = pluggy.PluginManager("credtrack")
    pm.add_hookspecs(hookspecs)
    try:
        pm.register(plugin, name=info.name)
        pm.check_pending()  # a misspelled hook, a hook with arguments the spec lacks
    except (pluggy.PluginValidationError, ValueError) as exc:
        return [Problem(ERROR, label, _one_line(exc), info.name)]
    found: list[Problem] = []
    results: dict[str, list[Any]] = {}
    for hook in ("credtrack_document_kinds", "credtrack_states", "credtrack_payers"):
        results[hook] = []
        try:
            batches = getattr(pm.hook, hook)()
        except Exception as exc:
            found.append(Problem(ERROR, label, f"{hook} raised {_one_line(exc)}", info.name))
            continue
        for batch in batches:
            if isinstance(batch, (list, tuple)):
                results[hook].extend(_loaded(batch, hook, label, info.name, found))
            elif batch is not None:
                found.append(Problem(ERROR, label, f"{hook} returned a {type(batch).__name__}, "
                                     "not a list", info.name))
    data = getattr(plugin, "RULES", None)  # a bundled-style module: data, no hook
    if not pm.get_hookcallers(plugin) and isinstance(data, (R.StateRules, R.PayerRules)):
        results["credtrack_states" if isinstance(data, R.StateRules) else "credtrack_payers"] = [
            data]
    elif not pm.get_hookcallers(plugin):
        return [Problem(ERROR, label, "provides no credtrack hook (no @hookimpl function such "
                        "as credtrack_states or credtrack_payers) and no RULES value: there is "
                        "nothing to check", info.name)]
    kinds = R.DOCUMENT_KINDS + host_kinds + tuple(map(str, results["credtrack_document_kinds"]))
    seen: set[str] = set()
    for kind, hook, entries in (("state", "credtrack_states", registry.states),
                                ("payer", "credtrack_payers", registry.payers)):
        for rules in results[hook]:
            if kind == "state":
                report = state_report(rules, today=today, max_age_days=max_age_days)
            else:
                report = payer_report(rules, today=today, max_age_days=max_age_days,
                                      document_kinds=kinds)
            key = R.rules_key(rules, kind)
            found += [Problem(p.severity, p.subject, p.message, info.name) for p in report]
            if f"{kind} {key}" in seen:
                found.append(Problem(ERROR, f"{kind} {key}", "provided twice by this plugin",
                                     info.name))
            seen.add(f"{kind} {key}")
            if key in entries:
                found += _collisions(info, kind, key, entries[key])
    if not results["credtrack_states"] and not results["credtrack_payers"] and not found:
        hooks = ", ".join(sorted(h.name for h in pm.get_hookcallers(plugin) or [])) or "none"
        found.append(Problem(INFO, label, f"provides no states or payers (hooks: {hooks})",
                             info.name))
    return found


def _collisions(info: Any, kind: str, key: str, entry: Any) -> list[Problem]:
    """How the checked plugin stands against the others providing the same key."""
    from credtrack.plugins import PRIORITY

    found = []
    for _rules, other in entry.providers():
        if other.name == info.name and other.origin == info.origin:
            continue  # itself, as the host loaded it
        mine, theirs = PRIORITY.get(info.origin, 1), PRIORITY.get(other.origin, 1)
        where = f"{other.name!r} ({other.origin}" + (
            f", {other.location})" if other.location else ")")
        if mine == theirs:
            found.append(Problem(ERROR, f"{kind} {key}", f"also provided by {where}: two "
                                 f"plugins at one priority cannot provide the same {kind}",
                                 info.name))
        elif mine > theirs:
            found.append(Problem(INFO, f"{kind} {key}", f"overrides {where}; 'credtrack "
                                 f"{kind}s diff' shows what changes", info.name))
        else:
            found.append(Problem(WARNING, f"{kind} {key}", f"overridden by {where}: these "
                                 "rules are not used", info.name))
    return found
