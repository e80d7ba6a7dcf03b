"""Issue 3: state rules drive renewal deadlines and CE findings, each with its source."""

from __future__ import annotations

from datetime import date

import pytest

from credtrack import rules as R
from credtrack.models import Provider
from credtrack.testing import check_state_plugin, state_problems
from credtrack_states import all_rules

AS_OF = "2026-11-22"

# the CLI contract, end to end: every test using `cli` runs once per store (conftest)
PER_STORE = True


def test_states_json_lists_51_jurisdictions_with_sources(cli):
    states = cli("states", "--json").json()
    assert len(states) == 51
    assert {s["code"] for s in states} >= {"DC", "FL", "NY", "TX", "ND", "WY"}
    for s in states:
        assert s["sources"] and all(u.startswith("http") for u in s["sources"])
        assert date.fromisoformat(s["verified"])
    unlicensed = {s["code"] for s in states if not s["licensed"]}
    assert {"KS", "MN", "WY", "CA"} <= unlicensed
    assert {s["code"]: s["regulation"] for s in states}["CA"] == "voluntary-certification"


@pytest.mark.parametrize("rules", all_rules(), ids=lambda r: r.code)
def test_every_bundled_state_conforms(rules):
    check_state_plugin(rules)


def test_conformance_fails_without_sources_or_computable_rule():
    fl = next(r for r in all_rules() if r.code == "FL")
    from dataclasses import replace

    no_sources = replace(fl, sources=())
    assert any("no sources" in p for p in state_problems(no_sources))
    with pytest.raises(AssertionError, match="no sources"):
        check_state_plugin(no_sources)
    broken = replace(fl, renewal=R.RenewalRule(basis=R.FIXED_DATE, cycle_years=2,
                                               source="https://x.example"))
    assert any("month" in p for p in state_problems(broken))
    never = replace(fl, renewal=R.RenewalRule(basis=R.FIXED_DATE, cycle_years=2, month=2, day=29,
                                              parity=R.ODD, source="https://x.example"))
    # Feb 29 of odd years does not exist: clamped to the 28th, so it still computes
    assert state_problems(never) == []
    bad_ce = replace(fl, ce=replace(fl.ce, subjects=(R.SubjectMinimum("ethics", 30),)))
    assert any("exceed the total" in p for p in state_problems(bad_ce))


def test_florida_renewal_from_issue_date_with_source(cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "FL", "--issued", "2025-10-01")
    report = cli("status", "--json", "--as-of", AS_OF).json()
    renewals = [d for d in report["deadlines"] if d["kind"] == "license-renewal"]
    assert [d["date"] for d in renewals] == ["2027-08-31"]
    assert renewals[0]["source"].startswith("https://floridasmassagetherapy.gov")
    assert "August 31 of odd-numbered years" in renewals[0]["rule"]
    ce_due = [d for d in report["deadlines"] if d["kind"] == "ce-due"]
    assert ce_due and ce_due[0]["date"] == "2027-08-31"
    # first renewal prorated: 23 months licensed (Oct 2025 .. Aug 2027) -> 23 hours
    assert "23 h" in ce_due[0]["title"]


def test_new_york_self_study_cap(cli):
    cli("init", "--name", "Dana Reyes")
    lic = cli("license", "add", "--state", "NY", "--number", "012345", "--issued", "2015-03-01",
              "--expires", "2027-06-30", "--json").json()
    for i, d in enumerate(("2024-09-01", "2025-01-15", "2025-06-10", "2026-02-01", "2026-10-01")):
        cli("ce", "add", "--hours", "4", "--subject", "general", "--completed", d, "--self-study")
    report = cli("status", "--json", "--as-of", AS_OF).json()
    shortfalls = [f for f in report["findings"] if f["code"] == "ce-shortfall"]
    assert len(shortfalls) == 1
    f = shortfalls[0]
    assert f["subject"] == lic["id"]
    assert "24 hours still owed" in f["message"] and "12 of 36 count" in f["message"]
    assert "self-study" in f["message"] and "8 h not counted" in f["message"]
    assert "nysed.gov" in f["source"]
    progress = cli("ce", "status", "--state", "NY", "--json", "--as-of", AS_OF).json()[0]
    assert progress["counted"] == 12 and progress["owed"] == 24


def test_new_york_first_registration_is_exempt(cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "NY", "--issued", "2026-03-01", "--expires", "2029-06-30")
    report = cli("status", "--json", "--as-of", AS_OF).json()
    assert not [f for f in report["findings"] if f["code"] == "ce-shortfall"]
    assert cli("ce", "status", "--json", "--as-of", AS_OF).json()[0]["exempt"]


def test_texas_human_trafficking_course(cli):
    cli("init", "--name", "Sam Okafor")
    cli("license", "add", "--state", "TX", "--number", "MT029757", "--issued", "2025-04-15")
    cli("ce", "add", "--hours", "12", "--subject", "general", "--completed", "2026-03-01")
    report = cli("status", "--json", "--as-of", AS_OF).json()
    ce = [f for f in report["findings"] if f["code"].startswith("ce-")]
    assert len(ce) == 1 and "human-trafficking course" in ce[0]["message"]
    assert "hours still owed" not in ce[0]["message"]
    renewal = [d for d in report["deadlines"] if d["kind"] == "license-renewal"][0]
    assert renewal["date"] == "2027-04-15"
    cli("ce", "add", "--hours", "1", "--subject", "human-trafficking", "--completed", "2026-04-01",
        "--online")
    report = cli("status", "--json", "--as-of", AS_OF).json()
    assert not [f for f in report["findings"] if f["code"].startswith("ce-")]


def test_texas_number_format_warns(cli):
    cli("init", "--name", "Sam Okafor")
    result = cli("license", "add", "--state", "TX", "--number", "12345")
    assert result.code == 0 and "MT029757" in result.err


@pytest.mark.parametrize("number,year", [("4471", 2027), ("4472", 2028), ("MT 1236", 2028)])
def test_north_dakota_renewal_year_follows_number_parity(cli, number, year):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "ND", "--number", number, "--issued", "2026-03-10")
    report = cli("status", "--json", "--as-of", AS_OF).json()
    renewal = [d for d in report["deadlines"] if d["kind"] == "license-renewal"][0]
    assert renewal["date"] == f"{year}-02-28"
    assert "parity" in renewal["rule"] or "odd-numbered licenses" in renewal["rule"]


def test_user_date_wins_and_mismatch_warns(cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "FL", "--issued", "2025-10-01", "--expires", "2027-09-30")
    report = cli("status", "--json", "--as-of", AS_OF).json()
    renewal = [d for d in report["deadlines"] if d["kind"] == "license-renewal"][0]
    assert renewal["date"] == "2027-09-30"
    mismatch = [f for f in report["findings"] if f["code"] == "rule-mismatch"]
    assert mismatch and "2027-08-31" in mismatch[0]["message"]


def test_expired_license_is_an_error_and_renew_moves_it(cli):
    cli("init", "--name", "Dana Reyes")
    lic = cli("license", "add", "--state", "FL", "--issued", "2023-01-10", "--json").json()
    report = cli("status", "--json", "--as-of", AS_OF).json()
    expired = [f for f in report["findings"] if f["code"] == "license-expired"]
    assert expired and expired[0]["severity"] == "error" and "2023-08-31" in expired[0]["message"]
    assert [d for d in report["deadlines"] if d["kind"] == "license-renewal"][0]["overdue"]
    renewed = cli("license", "renew", lic["id"], "--json").json()
    assert renewed["expires"] == "2025-08-31"
    renewed = cli("license", "renew", lic["id"], "--json").json()
    assert renewed["expires"] == "2027-08-31" and len(renewed["renewals"]) == 2
    report = cli("status", "--json", "--as-of", AS_OF).json()
    assert not [f for f in report["findings"] if f["code"] == "license-expired"]


def test_unknown_rule_asks_for_the_date(cli):
    cli("init", "--name", "Dana Reyes")
    lic = cli("license", "add", "--state", "NH", "--json").json()
    report = cli("status", "--json", "--as-of", AS_OF).json()
    f = [f for f in report["findings"] if f["code"] == "expiry-unknown"]
    assert f and f[0]["action"] == {"id": "license.edit", "record": lic["id"], "args": {}}
    text = cli("status", "--as-of", AS_OF).out
    assert f"run: credtrack license edit {lic['id']} --expires DATE" in text
    assert not [d for d in report["deadlines"] if d["kind"] == "license-renewal"]
    cli("license", "edit", lic["id"], "--expires", "2027-05-31")
    report = cli("status", "--json", "--as-of", AS_OF).json()
    assert [d["date"] for d in report["deadlines"] if d["kind"] == "license-renewal"] == ["2027-05-31"]


def test_birth_month_rule_needs_birth_date(cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "OR", "--issued", "2026-08-01")
    report = cli("status", "--json", "--as-of", AS_OF).json()
    assert any("birth date" in f["message"] for f in report["findings"])
    cli("provider", "edit", "--birth-date", "1986-06-14")
    report = cli("status", "--json", "--as-of", AS_OF).json()
    dates = sorted(d["date"] for d in report["deadlines"] if d["kind"] == "license-renewal")
    assert dates == ["2028-06-01", "2028-06-30"]  # file by the 1st; expires at month end


def test_due_within_filters(cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "FL", "--issued", "2025-10-01")
    soon = cli("due", "--within", "30d", "--as-of", AS_OF, "--json").json()
    assert soon["deadlines"] == []
    later = cli("due", "--within", "1y", "--as-of", AS_OF, "--json").json()
    assert {d["kind"] for d in later["deadlines"]} == {"license-renewal", "ce-due"}


def test_states_show_is_readable(cli):
    out = cli("states", "show", "FL").out
    assert "Florida (FL)" in out and "August 31 of odd-numbered years" in out
    assert "Verified: 2026-11-22" in out and "medical-errors: 2 h" in out
    assert "https://floridasmassagetherapy.gov" in out
    tx = cli("states", "show", "tx").out
    assert "human-trafficking: a course (separate from the total" in tx


# -- the rule shapes, directly ----------------------------------------------------------------

def ctx(issued=None, birth=None, number=None):
    return R.RenewalContext(issued=issued, birth_date=birth, license_number=number)


def test_rule_shapes():
    birth = date(1985, 6, 14)
    assert R.RenewalRule(R.BIRTH_MONTH_END, 2, parity=R.EVEN).first_expiry(
        ctx(date(2025, 3, 1), birth)) == date(2026, 6, 30)
    assert R.RenewalRule(R.BIRTH_MONTH_END, 2, parity=R.BIRTH_YEAR).first_expiry(
        ctx(date(2025, 8, 1), birth)) == date(2027, 6, 30)
    assert R.RenewalRule(R.BIRTHDAY, 1).first_expiry(ctx(date(2025, 8, 1), birth)) == date(2026, 6, 14)
    assert R.RenewalRule(R.BIRTH_MONTH_DAY, 1, day=28).first_expiry(
        ctx(date(2025, 6, 29), birth)) == date(2026, 6, 28)
    assert R.RenewalRule(R.ISSUE_ANNIVERSARY, 2).first_expiry(ctx(date(2024, 2, 29))) == date(2026, 2, 28)
    assert R.RenewalRule(R.ISSUE_MONTH_END, 2, min_first_term_days=730).first_expiry(
        ctx(date(2026, 1, 15))) == date(2028, 1, 31)
    assert R.RenewalRule(R.FIXED_DATE, 4, month=5, day=15, anchor_year=2017).first_expiry(
        ctx(date(2025, 10, 1))) == date(2029, 5, 15)
    assert R.RenewalRule(R.FIXED_DATE, 1, month=3, day=None).first_expiry(
        ctx(date(2025, 10, 1))) == date(2026, 3, 31)
    wi = R.RenewalRule(R.FIXED_DATE, 2, month=2, day=None, parity=R.ODD)
    assert wi.first_expiry(ctx(date(2026, 1, 1))) == date(2027, 2, 28)
    with pytest.raises(R.RuleError, match="birth date"):
        R.RenewalRule(R.BIRTHDAY, 1).first_expiry(ctx(date(2025, 1, 1)))
    ar = R.RenewalRule(R.BIRTHDAY, 2, submit_by="first-of-previous-month")
    assert ar.submit_date(date(2027, 6, 14)) == date(2027, 5, 1)


def test_ce_caps_and_subjects_do_not_double_count():
    from credtrack.compliance import ce_progress, view_license
    from credtrack.models import CECredit, License

    rules = R.StateRules(
        "FL", "Test", R.LICENSE,
        R.RenewalRule(R.FIXED_DATE, 2, month=8, day=31, parity=R.ODD, source="https://x"),
        R.CERequirement(20, caps=(R.CECap(delivery=R.REMOTE, max_hours=6),
                                  R.CECap(delivery=R.ONLINE, max_hours=4)),
                        min_in_person_hours=10, source="https://x"),
        ("https://x",), "2026-01-01")
    p = Provider("p", "P")
    lic = License("l", "FL", issued=date(2015, 1, 1), expires=date(2027, 8, 31))
    view = view_license(lic, p, rules)
    credits = [CECredit(f"c{i}", h, "general", date(2026, 1, i + 1), delivery=d)
               for i, (h, d) in enumerate([(3, "online"), (3, "online"), (3, "self-study"),
                                           (5, "in-person")])]
    prog = ce_progress(view, p, credits, date(2026, 11, 22))
    assert prog.counted == 11  # online 4 (cap), remote 6 total (4 + 2 self-study), + 5 in person
    assert prog.owed == 9 and prog.in_person_gap == 5


def test_carry_over_counts_last_cycles_extra_hours_up_to_the_cap():
    from credtrack.compliance import ce_progress, view_license
    from credtrack.models import CECredit, License

    rules = R.StateRules(
        "NJ", "Test", R.LICENSE,
        R.RenewalRule(R.FIXED_DATE, 2, month=11, day=30, parity=R.EVEN, source="https://x"),
        R.CERequirement(20, carry_over_max=6, source="https://x"),
        ("https://x",), "2026-01-01")
    p = Provider("p", "P")
    lic = License("l", "NJ", issued=date(2015, 1, 1), expires=date(2028, 11, 30))
    view = view_license(lic, p, rules)
    assert (view.period_start, view.period_end) == (date(2026, 11, 30), date(2028, 11, 30))
    last_cycle = [CECredit(f"o{i}", 10, "general", date(2025, 1, 1 + i)) for i in range(3)]  # 30 h
    this_cycle = [CECredit("n1", 5, "general", date(2027, 2, 1))]
    prog = ce_progress(view, p, last_cycle + this_cycle, date(2027, 3, 1))
    assert prog.counted == 11  # 5 now + 6 of the 10 extra hours (cap 6)
    assert prog.owed == 9 and "6 h carried over" in prog.note
    none_extra = ce_progress(view, p, last_cycle[:2] + this_cycle, date(2027, 3, 1))
    assert none_extra.counted == 5 and not none_extra.note  # 20 h last cycle: nothing extra
