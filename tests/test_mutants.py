"""Issue 14: tests that kill the mutants listed in the issue (bench/mutants.py plants each one
and checks that these fail). Expected values come from the sources or hand arithmetic."""

from __future__ import annotations

from datetime import date

from credtrack import rules as R
from credtrack.compliance import ce_progress, view_license
from credtrack.models import CECredit, License, Provider
from credtrack.demo import sample_pdf

AS_OF = "2026-11-22"


def _pdf(path):
    path.write_bytes(sample_pdf(path.stem, ["test document"]))
    return path


def _report(cli, as_of=AS_OF):
    return cli("status", "--json", "--as-of", as_of).json()


def test_every_matching_cap_records_the_hours_it_let_through():
    """Mutant 'cap usage recorded only for the first matching cap': an online credit uses both
    the online cap (4) and the remote cap (6). 3 h online, then 5 h self-study: the remote cap
    has 6 - 3 = 3 h left, so 3 + 3 = 6 h count (not 3 + 5)."""
    rules = R.StateRules(
        "XX", "Test", R.LICENSE,
        R.RenewalRule(R.FIXED_DATE, 2, month=8, day=31, parity=R.ODD, source="https://x"),
        R.CERequirement(20, caps=(R.CECap(delivery=R.ONLINE, max_hours=4),
                                  R.CECap(delivery=R.REMOTE, max_hours=6)), source="https://x"),
        ("https://x",), "2026-01-01")
    p = Provider("p", "P")
    view = view_license(License("l", "XX", issued=date(2015, 1, 1), expires=date(2027, 8, 31)),
                        p, rules)
    credits = [CECredit("a", 3, "general", date(2026, 1, 1), delivery=R.ONLINE),
               CECredit("b", 5, "general", date(2026, 2, 1), delivery=R.SELF_STUDY)]
    prog = ce_progress(view, p, credits, date(2026, 11, 22))
    assert prog.counted == 6 and prog.owed == 14
    assert any("2 h not counted" in c for c in prog.capped)


def test_illinois_180_days_with_licenses_in_other_states_too(cli):
    """Mutant 'IL 180-day CAQH window only when all licenses are IL': CAQH gives 180 days to a
    provider with an Illinois license (payers.md); a second, Washington license changes
    nothing. 2026-09-01 + 180 days = 2027-02-28."""
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "IL", "--expires", "2026-12-31")
    cli("license", "add", "--state", "WA", "--expires", "2027-06-14")
    cli("caqh", "attest", "--date", "2026-09-01")
    due = [d["date"] for d in _report(cli)["deadlines"] if d["kind"] == "caqh-attestation"]
    assert due == ["2027-02-28"]


def test_uhc_recredentials_36_months_after_approval(cli):
    """Mutant 'a payer's 36-month recredentialing changed to 24': UnitedHealthcare resumed the
    36-month recredentialing on 2021-07-01 (UHC COVID-19 credentialing update, payers-gaps.md).
    Approved 2026-03-15 -> 2029-03-15."""
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "WA", "--expires", "2027-06-14")
    app = cli("apply", "uhc", "--date", "2026-01-05", "--force", "--json").json()["id"]
    cli("app", "status", app, "submitted", "--date", "2026-02-01")
    cli("app", "status", app, "approved", "--date", "2026-03-15")
    due = [d["date"] for d in _report(cli)["deadlines"] if d["kind"] == "recredentialing"]
    assert due == ["2029-03-15"]


def test_coi_aggregate_below_the_aggregate_minimum(cli, tmp_path):
    """Mutant 'COI aggregate compared with the per-claim minimum': ASH asks $1M/$3M
    (payers.md); a $1M/$2M certificate meets the per-claim limit but not the aggregate."""
    cli("init", "--name", "Dana Reyes", "--npi", "1234567893")
    cli("license", "add", "--state", "WA", "--expires", "2027-06-14")
    app = cli("apply", "ash", "--date", "2026-11-01", "--json").json()["id"]
    cli("doc", "add", "liability-coi", _pdf(tmp_path / "coi.pdf"), "--limits", "1000000/2000000",
        "--expires", "2027-09-01")
    shown = cli("app", "show", app, "--json", "--as-of", AS_OF).json()
    coi = next(i for i in shown["checklist"] if i["kind"] == "liability-coi")
    assert coi["status"] == "below-minimum"


def test_new_jersey_halves_the_hours_when_licensed_in_the_second_year(cli):
    """Mutant 'half-hours-if-licensed-late not halved': New Jersey, 20 h per biennium ending
    Nov 30 of even years, 10 if first licensed in the biennium's second year (N.J.A.C. 13:37A,
    as in nj.py). Licensed 2026-01-15 (biennium 2024-12-01..2026-11-30, second year from
    2025-12-01): 10 h by 2026-11-30."""
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "NJ", "--issued", "2026-01-15")
    due = [d for d in _report(cli)["deadlines"] if d["kind"] == "ce-due"]
    assert [(d["date"], d["title"]) for d in due] == [("2026-11-30", "New Jersey CE due: 10 h")]
    cli("init", "--name", "Lee Park")
    cli("license", "add", "--state", "NJ", "--issued", "2025-06-15")  # first year: full 20
    due = [d for d in _report(cli)["deadlines"] if d["kind"] == "ce-due"]
    assert [(d["date"], d["title"]) for d in due] == [("2026-11-30", "New Jersey CE due: 20 h")]


def test_north_dakota_seniority_tiers(cli):
    """Mutant 'ND seniority tiers ignored': NDCC 43-25-09: 24 h, 6 h after 15 years of active
    practice, 3 h after 25. In practice since 2005-01-01 (21.9 years at 2026-11-22): 6 h."""
    cli("init", "--name", "Dana Reyes")
    cli("provider", "edit", "--practicing-since", "2005-01-01")
    cli("license", "add", "--state", "ND", "--number", "4471", "--issued", "2005-01-01",
        "--expires", "2027-02-28")
    progress = cli("ce", "status", "--json", "--as-of", AS_OF).json()[0]
    assert progress["required"] == 6
    cli("provider", "edit", "--practicing-since", "2000-01-01")  # 26.9 years: 3 h
    assert cli("ce", "status", "--json", "--as-of", AS_OF).json()[0]["required"] == 3


def test_document_warning_starts_30_days_before_expiry(cli, tmp_path):
    """Mutant '30-day document warning made 29': a document expiring 30 days after today
    (2026-11-22 + 30 = 2026-12-22) is already 'expiring'; at 31 days it is not."""
    cli("init", "--name", "Dana Reyes")
    cli("doc", "add", "w9", _pdf(tmp_path / "w9.pdf"), "--expires", "2026-12-22")
    codes = [f["code"] for f in _report(cli)["findings"]]
    assert "document-expiring" in codes
    codes = [f["code"] for f in _report(cli, "2026-11-21")["findings"]]
    assert "document-expiring" not in codes


def test_colorado_renews_in_even_years(cli):
    """Mutant 'Colorado's parity flipped': renewal due 2016-12-31, then (inferred) Dec 31 of
    even years (ABMP grace-period notice): issued 2025-01-10 -> 2026-12-31."""
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "CO", "--issued", "2025-01-10")
    renewal = [d["date"] for d in _report(cli)["deadlines"] if d["kind"] == "license-renewal"]
    assert renewal == ["2026-12-31"]


def test_every_planted_mutant_still_applies():
    """bench/mutants.py plants each mutant by an exact text match: if the code moves, the
    mutant must move with it (a mutant that matches nothing would count as nothing)."""
    import importlib.util
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("mutants", root / "bench" / "mutants.py")
    mutants = importlib.util.module_from_spec(spec)
    sys.modules["mutants"] = mutants  # dataclasses look their module up
    try:
        spec.loader.exec_module(mutants)
    finally:
        sys.modules.pop("mutants", None)
    assert len(mutants.MUTANTS) >= 8
    for m in mutants.MUTANTS:
        text = (root / m.path).read_text()
        assert text.count(m.old) == 1, f"{m.name}: matches {text.count(m.old)} times in {m.path}"
        assert m.old != m.new
