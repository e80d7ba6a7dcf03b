"""License check: each license's expiry (the user's date, a plugin's, or the state rule's), its
CE window, and the renewal deadlines and findings. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable, Iterator

from credtrack import rules as R
from credtrack.compliance.core import (
    RENEWAL_WARN_DAYS, USER_DATE, Deadline, Finding, action,
)
from credtrack.models import License, Provider

if TYPE_CHECKING:
    from credtrack.compliance.context import Context


@dataclass
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
                  override: Callable[[License], date | None] | None = None) -> list[LicenseView]:
    """Every license's view; a compact privilege's dates follow its home license's."""
    views = [view_license(lic, provider, rules_of(lic), override) for lic in licenses]
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
                 override: Callable[[License], date | None] | None = None) -> LicenseView:
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
    elif plugin_date is not None:
        view.expires, view.expiry_basis, view.problem = plugin_date, "plugin", ""
    elif computed is not None:
        view.expires, view.expiry_basis = computed, "rule"
    _ce_window(view, provider)
    return view


def _ce_window(view: LicenseView, provider: Provider) -> None:
    rules = view.rules
    if rules is None or view.expires is None:
        return
    lic = view.license
    period_rule = rules.ce.period or rules.renewal
    ctx = renewal_context(lic, provider)
    end = view.expires
    start: date | None = None
    if rules.ce.period is not None and period_rule.computable:
        try:
            end = period_rule.next_after(view.expires - timedelta(days=366 * (period_rule.cycle_years or 1)),
                                         ctx, strictly=False)
            start = period_rule.previous_before(end, ctx)
        except R.RuleError:
            end, start = view.expires, None
    elif period_rule.computable and not view.problem:
        try:
            start = period_rule.previous_before(end, ctx)
            if start is not None and not (period_rule.allows(end, ctx)):
                start = None
        except R.RuleError:
            start = None
    if start is None and period_rule.cycle_years:
        start = R.add_months(end, -12 * period_rule.cycle_years)
        # Without a computable rule a first period may be prorated up to a year longer (NY):
        # a license never renewed, issued within cycle + 1 year of its expiry, is in it.
        if (lic.issued is not None and not lic.renewals
                and lic.issued > R.add_months(end, -12 * (period_rule.cycle_years + 1))):
            start = min(start, lic.issued - timedelta(days=1))
    if start is not None and lic.issued is not None and lic.issued > start:
        view.first_period = True
        start = lic.issued - timedelta(days=1)
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


def _renewal(ctx: Context, view: LicenseView, label: str) -> Iterator[Deadline | Finding]:
    p, lic, rules, as_of = ctx.records.provider, view.license, view.rules, ctx.as_of
    assert view.expires is not None
    days_left = (view.expires - as_of).days
    overdue = days_left < 0
    renew = action("license.renew", lic.id)
    what = "registration" if rules is not None and rules.registration_renews else "license"
    yield Deadline(view.expires, "license-renewal", f"Renew {label} {what}", p.id, lic.id,
                   view.rule_text, view.source, overdue, action=renew)
    if rules is not None and view.expiry_basis != "license":
        submit = rules.renewal.submit_date(view.expires)
        if submit is not None:
            yield Deadline(submit, "license-renewal", f"File {label} renewal (due before expiry)",
                           p.id, lic.id, rules.renewal.describe(), view.source, submit < as_of,
                           key=f"file-by:{lic.id}", action=renew)
    if overdue:
        yield Finding("error", "license-expired",
                      f"{label} license expired on {view.expires}: renew it with the board, "
                      "then record the renewal", p.id, lic.id, view.rule_text, view.source, renew)
    elif days_left <= RENEWAL_WARN_DAYS:
        yield Finding("warning", "license-expiring",
                      f"{label} license expires on {view.expires} ({days_left} days)",
                      p.id, lic.id, view.rule_text, view.source, renew)
    if view.mismatch is not None and rules is not None:
        yield Finding("warning", "rule-mismatch",
                      f"{label} license: the expiry you entered ({view.expires}) is not a date "
                      f"the state rule gives ({rules.renewal.describe()}; nearest "
                      f"{view.mismatch}); credtrack uses your date", p.id, lic.id,
                      rules.renewal.describe(), view.source, action("license.edit", lic.id))


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
