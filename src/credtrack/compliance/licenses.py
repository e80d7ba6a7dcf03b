"""License check: each license's expiry (the user's date, a plugin's, or the state rule's), its
CE window, and the renewal deadlines and findings. Pure."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable, Iterator

from credtrack import rules as R
from credtrack.compliance.core import (
    RENEWAL_WARN_DAYS, USER_DATE, Deadline, Finding, action,
)
from credtrack.models import License, Provider
from credtrack.values import record

if TYPE_CHECKING:
    from credtrack.compliance.context import Context


@record
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


def profession_of(lic: License, provider: Provider) -> str:
    """The profession a license is for: its own, else the provider's."""
    return lic.profession or provider.provider_type or "massage-therapist"


def rules_for(states, lic: License, provider: Provider) -> R.StateRules | None:
    """The state's rules for this license's profession (rules are keyed by both)."""
    return states.get(R.state_key(lic.state, profession_of(lic, provider)))


def license_views(licenses: list[License], provider: Provider, rules_of,
                  override: Callable[[License], date | None] | None = None,
                  as_of: date | None = None) -> list[LicenseView]:
    """Every license's view; a compact privilege's dates follow its home license's."""
    views = [view_license(lic, provider, rules_of(lic), override, as_of) for lic in licenses]
    by_id = {v.license.id: v for v in views}
    for v in views:
        if v.license.privilege_of:
            link_privilege(v, by_id.get(v.license.privilege_of), provider)
    return views


def link_privilege(view: LicenseView, home: LicenseView | None, provider: Provider) -> None:
    """A privilege is valid until its home license expires (never later), and lapses with it."""
    lic = view.license
    compact = R.COMPACTS.get(profession_of(lic, provider))
    view.period_start = view.period_end = None  # CE follows the home state's rules
    view.first_period, view.mismatch = False, None
    if home is None:
        view.expires, view.expiry_basis = lic.expires, "license" if lic.expires else "unknown"
        view.problem = "the home-state license of this compact privilege is not recorded"
        return
    home_expires = home.expires
    if home_expires is None:
        view.expires, view.expiry_basis = None, "unknown"
        view.problem = "the home license's expiry is not known, so the privilege's is not either"
        return
    view.expires = min(lic.expires, home_expires) if lic.expires else home_expires
    view.expiry_basis, view.problem = "home-license", ""
    view.rule_text = ((compact.text if compact else "a compact privilege ends with its home "
                       "license") + f" (home license: {home.license.state}, expires "
                      f"{home_expires})")
    view.source = compact.source if compact else home.source


def renewal_context(lic: License, provider: Provider) -> R.RenewalContext:
    return R.RenewalContext(issued=lic.issued, birth_date=provider.birth_date,
                            license_number=lic.number or None)


def view_license(lic: License, provider: Provider, rules: R.StateRules | None,
                 override: Callable[[License], date | None] | None = None,
                 as_of: date | None = None) -> LicenseView:
    """``as_of`` picks the CE cycle in progress where the CE cycle is not the license term."""
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
        elif not rule.computable:
            view.mismatch = rule.day_matches(lic.expires, ctx)
    elif plugin_date is not None:
        view.expires, view.expiry_basis, view.problem = plugin_date, "plugin", ""
    elif computed is not None:
        view.expires, view.expiry_basis = computed, "rule"
    _ce_window(view, provider, as_of)
    return view


def _renewed_before(lic: License, end: date) -> bool:
    """A renewal is recorded whose previous expiry falls before ``end``."""
    for r in lic.renewals:
        try:
            prev = date.fromisoformat(r.get("previous_expires") or "")
        except ValueError:
            continue
        if prev < end:
            return True
    return False


def in_first_term(view: LicenseView, provider: Provider) -> bool | None:
    """Whether the license's current expiry is its first (None: cannot tell). Decided by the
    renewals recorded and the rule's first expiry, not by the issue date alone."""
    lic, rules, end = view.license, view.rules, view.expires
    if rules is None or end is None or lic.issued is None:
        return None
    if _renewed_before(lic, end):
        return False
    rule = rules.renewal
    if rule.computable:
        try:
            return end <= rule.first_expiry(renewal_context(lic, provider))
        except R.RuleError:
            pass
    if rule.cycle_years:
        # Without a computable rule a first term may be prorated up to a year longer (NY).
        return end <= R.add_months(lic.issued, 12 * (rule.cycle_years + 1))
    return None


def _ce_window(view: LicenseView, provider: Provider, as_of: date | None) -> None:
    rules = view.rules
    if rules is None:
        return
    period_rule = rules.ce.period or rules.renewal
    decoupled = rules.ce.period is not None and period_rule.computable
    # A CE cycle of its own (TN: the same due date for every licensee) needs no license expiry.
    if view.expires is None and not (decoupled and as_of is not None):
        return
    lic = view.license
    ctx = renewal_context(lic, provider)
    end = view.expires or as_of
    assert end is not None
    start: date | None = None
    if decoupled:
        # The CE cycle in progress (or the one the unrenewed license still owes): the first CE
        # cycle end on or after the earlier of the expiry and today (SD, TN).
        anchor = min(view.expires, as_of) if as_of and view.expires else (view.expires or as_of)
        try:
            end = period_rule.next_after(anchor, ctx, strictly=False)
            start = period_rule.previous_before(end, ctx)
        except R.RuleError:
            if view.expires is None:
                return
            end, start, decoupled = view.expires, None, False
    elif period_rule.computable and not view.problem:
        try:
            start = period_rule.previous_before(end, ctx)
            if start is not None and not (period_rule.allows(end, ctx)):
                start = None
        except R.RuleError:
            start = None
    if start is None and period_rule.cycle_years:
        start = R.add_months(end, -12 * period_rule.cycle_years)
    first = None if decoupled else in_first_term(view, provider)
    if first is None:
        first = start is not None and lic.issued is not None and lic.issued > start
    if lic.issued is not None and (first or (start is not None and lic.issued > start)):
        start = lic.issued - timedelta(days=1)  # the first period runs from licensure
    view.first_period = bool(first)
    view.period_start, view.period_end = start, end


def _state_label(lic: License, rules: R.StateRules | None) -> str:
    return rules.name if rules else lic.state


def check_licenses(ctx: Context) -> Iterator[Deadline | Finding]:
    """Renewal deadlines (and file-by dates) and the findings about each license."""
    p = ctx.records.provider
    for view in ctx.licenses:
        lic, rules = view.license, view.rules
        label = _state_label(lic, rules)
        if rules is not None and not rules.licensed:
            if rules.regulation == R.VOLUNTARY and rules.renewal.computable \
                    and view.expires is not None:
                # A voluntary certificate the user holds (CA: CAMTC) still renews.
                yield from _renewal(ctx, view, label)
                continue
            yield Finding("info", "no-state-license",
                          f"{label} has no state license for massage therapists "
                          f"({rules.regulation.replace('-', ' ')}); nothing to renew with the "
                          "state", p.id, lic.id, rules.notes[:200] or rules.regulation,
                          rules.primary_source)
            continue
        if lic.privilege_of:
            yield from _privilege(ctx, view, label)
            continue
        if view.expires is None:
            yield Finding("warning", "expiry-unknown", f"{label} license: {view.problem}",
                          p.id, lic.id, view.rule_text, view.source,
                          action("license.edit", lic.id))
            continue
        yield from _renewal(ctx, view, label)


def _date_confidence(view: LicenseView) -> str:
    """The user's date is a fact; a computed one is as good as its rule."""
    if view.expiry_basis == "license" or view.rules is None:
        return R.CONFIRMED
    return view.rules.renewal.confidence


def _renewal(ctx: Context, view: LicenseView, label: str) -> Iterator[Deadline | Finding]:
    p, lic, rules, as_of = ctx.records.provider, view.license, view.rules, ctx.as_of
    assert view.expires is not None
    days_left = (view.expires - as_of).days
    overdue = days_left < 0
    renew = action("license.renew", lic.id)
    conf = _date_confidence(view)
    what = "registration" if rules is not None and rules.registration_renews else \
        "certificate" if rules is not None and rules.regulation == R.VOLUNTARY else "license"
    yield Deadline(view.expires, "license-renewal", f"Renew {label} {what}", p.id, lic.id,
                   view.rule_text, view.source, overdue, action=renew, confidence=conf)
    if rules is not None:
        submit = rules.renewal.submit_date(view.expires)
        if submit is not None:
            yield Deadline(submit, "license-renewal", f"File {label} renewal (due before expiry)",
                           p.id, lic.id, rules.renewal.describe(), view.source, submit < as_of,
                           key=f"file-by:{lic.id}", action=renew, confidence=conf)
    if conf != R.CONFIRMED and rules is not None:
        yield Finding("warning", "confirm-expiry",
                      f"{label} license: {view.expires} comes from a renewal rule that is "
                      f"{conf} ({rules.renewal.describe()}); check the expiry printed on the "
                      "license and enter it", p.id, lic.id, rules.renewal.describe(),
                      view.source, action("license.edit", lic.id), confidence=conf)
    if overdue:
        yield Finding("error", "license-expired",
                      f"{label} license expired on {view.expires}: renew it with the board, "
                      "then record the renewal", p.id, lic.id, view.rule_text, view.source, renew,
                      confidence=conf)
    elif days_left <= RENEWAL_WARN_DAYS:
        yield Finding("warning", "license-expiring",
                      f"{label} license expires on {view.expires} ({days_left} days)",
                      p.id, lic.id, view.rule_text, view.source, renew, confidence=conf)
    if view.mismatch is not None and rules is not None:
        yield Finding("warning", "rule-mismatch",
                      f"{label} license: the expiry you entered ({view.expires}) is not a date "
                      f"the state rule gives ({rules.renewal.describe()}; nearest "
                      f"{view.mismatch}); credtrack uses your date", p.id, lic.id,
                      rules.renewal.describe(), view.source, action("license.edit", lic.id),
                      confidence=rules.renewal.confidence)


def check_liability(ctx: Context) -> Iterator[Finding]:
    """A state that requires liability insurance of given limits: the newest liability COI
    (for that state, or for no state) must meet them."""
    p, as_of = ctx.records.provider, ctx.as_of
    cois = [d for d in ctx.records.documents if d.kind == "liability-coi"
            and (d.expires is None or d.expires >= as_of)]
    for view in ctx.licenses:
        rules = view.rules
        if rules is None or not rules.licensed or not rules.liability.required:
            continue
        lm = rules.liability
        if not (lm.per_claim or lm.aggregate):
            continue
        mine = [d for d in cois if d.state in ("", view.license.state)]
        if not mine:
            continue  # no certificate at all: the document checks and checklists ask for one
        best = max(mine, key=lambda d: (d.expires or date.max, d.added, d.id))
        low_claim = bool(lm.per_claim) and (best.per_claim or 0) < (lm.per_claim or 0)
        low_total = bool(lm.aggregate) and (best.aggregate or 0) < (lm.aggregate or 0)
        if low_claim or low_total:
            have = (f"${best.per_claim or 0:,} / ${best.aggregate or 0:,}"
                    if best.per_claim or best.aggregate else "no limits recorded")
            yield Finding("warning", "liability-below-minimum",
                          f"{rules.name} requires liability insurance of at least "
                          f"${lm.per_claim or 0:,} per claim / ${lm.aggregate or 0:,} aggregate; "
                          f"the certificate on file has {have}", p.id, best.id,
                          lm.text or "state liability insurance minimum",
                          lm.source or rules.primary_source,
                          action("document.add", best.id, kind="liability-coi"),
                          confidence=lm.confidence)


def _privilege(ctx: Context, view: LicenseView, label: str) -> Iterator[Deadline | Finding]:
    """A compact privilege: renewed with the home license; lapses when it expires; lost while
    it is encumbered; the remote state's jurisprudence requirement is tracked."""
    p, lic, as_of = ctx.records.provider, view.license, ctx.as_of
    home = next((v for v in ctx.licenses if v.license.id == lic.privilege_of), None)
    compact = R.COMPACTS.get(profession_of(lic, p))
    source = compact.source if compact else view.source
    if view.expires is None:
        yield Finding("warning", "expiry-unknown", f"{label} compact privilege: {view.problem}",
                      p.id, lic.id, view.rule_text, source, action("license.edit", lic.id))
        return
    renew = action("license.renew", lic.privilege_of)
    yield Deadline(view.expires, "license-renewal", f"Renew {label} compact privilege", p.id,
                   lic.id, view.rule_text, source, view.expires < as_of, action=renew)
    if view.expires < as_of:
        yield Finding("error", "privilege-lapsed",
                      f"{label} compact privilege lapsed on {view.expires} with the home "
                      "license: no practice there until the home license is renewed", p.id,
                      lic.id, view.rule_text, source, renew)
    if home is not None and home.license.encumbered:
        why = compact.lost_if_encumbered if compact else "the home license is encumbered"
        yield Finding("error", "privilege-lost",
                      f"{label} compact privilege: the home license ({home.license.state}) is "
                      f"encumbered: {why}", p.id, lic.id, why, source)
    if compact is not None and compact.jurisprudence and lic.jurisprudence is None:
        yield Finding("warning", "jurisprudence-missing",
                      f"{label} compact privilege: {compact.jurisprudence}; record it when done",
                      p.id, lic.id, compact.jurisprudence, compact.jurisprudence_source,
                      action("license.edit", lic.id), R.CONFIRMED)
