"""Properties of the engine (hypothesis): deterministic, honest about overdue dates, blind to
record order, counting each CE hour once, and a renewal date for every date of issue.

Records are generated over 1990-2040 for the bundled states and payers; example counts are kept
modest so the suite stays fast (the exhaustive renewal sweep does the heavy lifting).
"""

from __future__ import annotations

import calendar
import copy
import json
import math
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credtrack import compliance
from credtrack import rules as R
from credtrack.kinds import Records
from credtrack.models import (
    APP_STATUSES, Application, Attestation, CECredit, Document, FollowUp, License, Provider,
)
from credtrack.vocab import CE_SUBJECTS, DELIVERIES, DOCUMENT_KINDS

SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FIRST, LAST = date(1990, 1, 1), date(2040, 12, 31)


@lru_cache(maxsize=1)
def rulebook():
    """The bundled states and payers, as the service registers them (no third parties)."""
    import os

    os.environ.setdefault("CREDTRACK_DISABLE_PLUGINS", "1")
    from credtrack.service import Credtrack

    app = Credtrack("/nonexistent-credtrack-home", entry_points=False)
    return app.states(), app.payers(), app


def states():
    return rulebook()[0]


def payers():
    return rulebook()[1]


# -- strategies -------------------------------------------------------------------------------

# a few dates recur often, so that ties (two records on one day) are common
TIES = [date(2024, 2, 29), date(2026, 1, 1), date(2026, 6, 30), date(2027, 8, 31)]
dates = st.sampled_from(TIES) | st.dates(FIRST, LAST)
ids = st.integers(0, 10**6).map(lambda n: f"{n:07d}")


def _expiry(draw, issued):
    """None, or a date after ``issued`` (none is left when it was issued on the last day)."""
    low = issued + timedelta(days=1) if issued else FIRST
    return None if low > LAST else draw(st.none() | st.dates(low, LAST))


@st.composite
def licenses(draw, n: int):
    issued = draw(st.none() | dates)
    expires = _expiry(draw, issued)
    number = draw(st.sampled_from(["", "12345", "MA43221", "0046", "LMT-7"]))
    return License(f"lic-{n}", draw(st.sampled_from(sorted(states()))), number, issued, expires)


@st.composite
def credits(draw, n: int):
    return CECredit(f"ce-{n}", draw(st.sampled_from([0.5, 1, 2, 3, 4, 6, 8, 12, 24])),
                    draw(st.sampled_from(CE_SUBJECTS)), draw(dates), f"course {n}", "",
                    draw(st.sampled_from(DELIVERIES)))


@st.composite
def documents(draw, n: int):
    issued = draw(st.none() | dates)
    expires = _expiry(draw, issued)
    kind = draw(st.sampled_from(DOCUMENT_KINDS))
    limits = draw(st.none() | st.sampled_from([(500_000, 1_000_000), (1_000_000, 3_000_000),
                                               (2_000_000, 6_000_000)]))
    sha = f"{n:064x}"
    return Document(f"doc-{n}", kind, sha, f"vault/{sha[:2]}/{sha}", f"{kind}.pdf", 100,
                    "application/pdf", draw(dates), issued, expires,
                    limits[0] if limits else None, limits[1] if limits else None,
                    draw(st.sampled_from(["", "FL", "NY", "TX"])))


@st.composite
def applications(draw, n: int):
    created = draw(dates)
    path = draw(st.lists(st.sampled_from(APP_STATUSES[1:]), max_size=3))
    history, day = [{"status": "draft", "date": created.isoformat(), "note": ""}], created
    for status in path:
        day = day + timedelta(days=draw(st.integers(0, 400)))
        history.append({"status": status, "date": day.isoformat(), "note": ""})
    return Application(f"app-{n}", draw(st.sampled_from(sorted(payers()))),
                       history[-1]["status"], draw(st.lists(st.sampled_from(["FL", "NY", "TX"]),
                                                            max_size=2, unique=True)),
                       created, history)


@st.composite
def practices(draw):
    provider = Provider("prv", "Dana Reyes", birth_date=draw(st.none() | dates),
                        practicing_since=draw(st.none() | dates))
    lics = [draw(licenses(i)) for i in range(draw(st.integers(0, 3)))]
    ces = [draw(credits(i)) for i in range(draw(st.integers(0, 12)))]
    docs = [draw(documents(i)) for i in range(draw(st.integers(0, 6)))]
    apps = [draw(applications(i)) for i in range(draw(st.integers(0, 3)))]
    fus = []
    for i in range(draw(st.integers(0, 4))):
        if apps:
            on = draw(dates)
            nxt = draw(st.none() | st.dates(on + timedelta(days=1), LAST + timedelta(days=400)))
            fus.append(FollowUp(f"fu-{i}", draw(st.sampled_from(apps)).id, on, "", f"R{i}", "",
                                nxt))
    atts = [Attestation(f"att-{i}", draw(dates)) for i in range(draw(st.integers(0, 3)))]
    return Records(provider, licenses=lics, documents=docs, ce=ces, applications=apps,
                   followups=fus, attestations=atts)


as_ofs = st.dates(date(1995, 1, 1), date(2045, 12, 31))


def evaluate(records: Records, as_of: date) -> compliance.Report:
    report, _ = compliance.evaluate(records, states(), payers(), as_of)
    return report.sort()


def canonical(report: compliance.Report) -> tuple[list[str], list[str]]:
    """The report as two multisets (order-free), for comparing runs."""
    return (sorted(json.dumps(d.to_dict(), sort_keys=True) for d in report.deadlines),
            sorted(json.dumps(f.to_dict(), sort_keys=True) for f in report.findings))


# -- properties -------------------------------------------------------------------------------

@SETTINGS
@given(practices(), as_ofs)
def test_evaluation_is_deterministic(records, as_of):
    first = evaluate(records, as_of)
    again = evaluate(copy.deepcopy(records), as_of)
    assert first.to_dict() == again.to_dict()
    assert first.to_dict() == evaluate(records, as_of).to_dict()  # nothing was mutated


@SETTINGS
@given(practices(), as_ofs)
def test_no_deadline_before_as_of_unless_marked_overdue(records, as_of):
    for d in evaluate(records, as_of).deadlines:
        assert d.overdue == (d.date < as_of), d
        assert d.rule, d  # and each says why


@SETTINGS
@given(practices(), as_ofs, st.randoms(use_true_random=False))
def test_stable_under_record_order(records, as_of, rnd):
    """What users see (the service's evaluation, which the CLI and TUI call) does not depend
    on the order records are kept in, ties included."""
    shuffled = copy.deepcopy(records)
    for name in ("licenses", "documents", "ce", "applications", "followups", "attestations"):
        rnd.shuffle(getattr(shuffled, name))
    service = rulebook()[2]
    first, _ = service.evaluate(records, as_of)
    second, _ = service.evaluate(shuffled, as_of)
    assert canonical(first) == canonical(second)


def test_the_pure_engine_is_stable_under_record_order_with_ties():
    p = Provider("prv", "Dana Reyes")
    day = date(2026, 1, 1)
    a = Records(p, attestations=[Attestation("att-0", day), Attestation("att-1", day)])
    b = Records(p, attestations=[Attestation("att-1", day), Attestation("att-0", day)])
    assert canonical(evaluate(a, date(2026, 3, 1))) == canonical(evaluate(b, date(2026, 3, 1)))


@SETTINGS
@given(practices(), as_ofs)
def test_ce_counting_never_double_counts(records, as_of):
    _, ctx = compliance.evaluate(records, states(), payers(), as_of)
    by_id = {c.id: c for c in records.ce}
    for p in ctx.ce:
        ids_ = [c.id for c in p.credits]
        assert len(ids_) == len(set(ids_))  # each credit at most once in a cycle
        start, end = p.view.period_start, p.view.period_end
        for c in p.credits:
            assert (start is None or c.completed > start) and c.completed <= end
        window = sum(c.hours for c in p.credits)
        assert math.isclose(sum(p.by_subject.values()), window, abs_tol=1e-6)
        carried = float(p.note.split(" h carried")[0]) if "carried" in p.note else 0.0
        assert p.counted <= window + carried + 1e-6
        assert p.counted >= 0 and p.owed >= 0
        assert sum(by_id[i].hours for i in ids_) == pytest.approx(window)


@SETTINGS
@given(st.lists(credits(0), max_size=15), st.sampled_from(sorted(
    code for code, r in rulebook()[0].items() if r.ce.caps)), st.sampled_from([0, 6, 12, 24]))
def test_caps_cut_hours_but_never_add_or_repeat_them(window, code, required):
    window = [replace(c, id=f"ce-{i}") for i, c in enumerate(window)]
    ce = states()[code].ce
    counted, in_person, by_subject, cut = compliance.ce._count(window, ce, required, set())
    total = sum(c.hours for c in window)
    assert math.isclose(counted + sum(cut), total, abs_tol=1e-6)  # every hour: counted or cut
    assert 0 <= in_person <= counted + 1e-6
    assert math.isclose(sum(by_subject.values()), total, abs_tol=1e-6)
    # hours counted per credit (the engine counts in order, so prefixes tell them apart):
    # what each cap lets through stays within its limit
    prefix = [compliance.ce._count(window[:k], ce, required, set())[0]
              for k in range(len(window) + 1)]
    each = [b - a for a, b in zip(prefix, prefix[1:])]
    for c, n in zip(window, each):
        assert -1e-6 <= n <= c.hours + 1e-6
    for cap in ce.caps:
        through = sum(n for c, n in zip(window, each) if cap.matches(c.delivery, c.subject))
        assert through <= cap.limit(required) + 1e-6


# -- renewal: every date of issue in 1990-2040, every bundled state -----------------------------

def _issue_days():
    for year in range(1990, 2041):
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            for day in sorted({1, 15, 28, last}):
                yield date(year, month, day)


BIRTHS = (date(1970, 1, 31), date(1984, 2, 29), date(1991, 7, 14), date(2001, 12, 1))


def _context(rule: R.RenewalRule, issued: date, n: int) -> R.RenewalContext:
    return R.RenewalContext(issued=issued, birth_date=BIRTHS[n % len(BIRTHS)],
                            license_number=str(10000 + n))


LICENSED = sorted(code for code, r in rulebook()[0].items() if r.licensed)
COMPUTABLE = [code for code in LICENSED if rulebook()[0][code].renewal.computable]


def test_the_sweep_covers_most_states():
    assert len(LICENSED) >= 45 and len(COMPUTABLE) >= 25  # a sweep of nothing proves nothing


@pytest.mark.parametrize("code", COMPUTABLE)
def test_every_state_gives_a_renewal_date_for_every_date_of_issue(code):
    rule = states()[code].renewal
    cycle = rule.cycle_years or 1
    for n, issued in enumerate(_issue_days()):
        ctx = _context(rule, issued, n)
        expiry = rule.first_expiry(ctx)
        earliest = issued + timedelta(days=max(rule.min_first_term_days, 1))
        assert earliest <= expiry, (code, issued, expiry)
        assert expiry <= date(issued.year + cycle + 2, 12, 31), (code, issued, expiry)
        assert rule.allows(expiry, ctx)
        assert rule.next_after(expiry, ctx) > expiry


@pytest.mark.parametrize("code", LICENSED)
def test_unknown_rules_ask_the_user_and_never_give_a_date(code):
    rules = states()[code]
    provider = Provider("prv", "Dana Reyes", birth_date=date(1984, 2, 29))
    for issued in (date(1990, 1, 1), date(2000, 2, 29), date(2024, 2, 29), date(2040, 12, 31)):
        lic = License("lic-1", code, "12345", issued, None)
        report = evaluate(Records(provider, licenses=[lic]), date(2026, 11, 22))
        renewals = [d for d in report.deadlines
                    if d.kind == "license-renewal" and not d.key.startswith("file-by")]
        unknown = [f for f in report.findings if f.code == "expiry-unknown"]
        if rules.renewal.computable:
            assert renewals and not unknown, (code, issued)
            assert renewals[0].date == rules.renewal.first_expiry(
                compliance.renewal_context(lic, provider))
        else:
            assert unknown and not renewals, (code, issued)


@SETTINGS
@given(st.sampled_from(sorted(rulebook()[0])), dates, st.none() | dates,
       st.sampled_from(["", "7", "12346", "A-1"]))
def test_a_renewal_date_or_an_expiry_unknown_finding_never_neither(code, issued, birth,
                                                                    number):
    provider = Provider("prv", "Dana Reyes", birth_date=birth)
    lic = License("lic-1", code, number, issued, None)
    report = evaluate(Records(provider, licenses=[lic]), date(2026, 11, 22))
    renewals = [d for d in report.deadlines if d.kind == "license-renewal" and d.subject == lic.id
                and not d.key.startswith("file-by")]
    unknown = [f for f in report.findings if f.code == "expiry-unknown"]
    unlicensed = [f for f in report.findings if f.code == "no-state-license"]
    assert len([x for x in (renewals, unknown, unlicensed) if x]) == 1, (code, issued, birth)
    if renewals:
        assert renewals[0].date > issued
