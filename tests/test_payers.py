"""Issue 4: payers, applications, checklists, follow-ups, CAQH and recredentialing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from credtrack.demo import sample_pdf

from credtrack.testing import check_payer_plugin, payer_problems
from credtrack_payers import all_rules

AS_OF = "2026-11-22"

# the CLI contract, end to end: every test using `cli` runs once per store (conftest)
PER_STORE = True


@pytest.fixture
def dana(cli, tmp_path):
    cli("init", "--name", "Dana Reyes", "--npi", "1234567893")
    cli("license", "add", "--state", "WA", "--number", "MA60012345", "--issued", "2025-01-01",
        "--expires", "2027-06-14")
    return tmp_path


def _pdf(path):
    path.write_bytes(sample_pdf(path.stem, ["test document"]))
    return path


def findings(cli, code=None, as_of=AS_OF):
    report = cli("status", "--json", "--as-of", as_of).json()
    return [f for f in report["findings"] if code is None or f["code"] == code]


def deadlines(cli, kind, as_of=AS_OF):
    report = cli("status", "--json", "--as-of", as_of).json()
    return [d for d in report["deadlines"] if d["kind"] == kind]


@pytest.mark.parametrize("rules", all_rules(), ids=lambda r: r.id)
def test_every_bundled_payer_conforms(rules):
    check_payer_plugin(rules)


def test_payer_conformance_catches_problems():
    from dataclasses import replace

    ash = next(r for r in all_rules() if r.id == "ash")
    assert any("no sources" in p for p in payer_problems(replace(ash, sources=())))
    bare = replace(ash, provider_types=(), credentialing=())
    assert any("must say why" in p for p in payer_problems(bare))
    assert any("exactly the types answered yes" in p
               for p in payer_problems(replace(ash, provider_types=())))


def test_payers_json_lists_requirements_sources_and_dates(cli):
    payers = {p["id"]: p for p in cli("payers", "--json").json()}
    for pid in ("ash", "optum", "premera", "regence", "kaiser", "aetna", "cigna", "wa-lni",
                "va-ccn-optum", "va-ccn-triwest", "medicare-advantage", "medicare", "tricare",
                "ny-wc", "fl-pip"):
        assert pid in payers, pid
    for p in payers.values():
        assert p["sources"] and date.fromisoformat(p["verified"])
        assert "documents" in p and "followup_days" in p
    for pid in ("medicare", "tricare", "ny-wc", "fl-pip"):
        assert not payers[pid]["credentials_massage_therapists"]
        assert payers[pid]["excluded_reason"]
    ash_docs = {d["kind"]: d for d in payers["ash"]["documents"]}
    assert ash_docs["liability-coi"]["min_per_claim"] == 1_000_000


def test_missing_documents_then_satisfied_then_below_minimum(cli, dana):
    app = cli("apply", "ash", "--date", "2026-11-01", "--json").json()
    missing = {f["message"].split(": ", 1)[1] for f in findings(cli, "missing-document")
               if f["subject"] == app["id"]}
    assert any("W-9" in m for m in missing)
    assert any("liability" in m.lower() for m in missing)
    cli("doc", "add", "w9", _pdf(dana / "w9.pdf"))
    cli("doc", "add", "license", _pdf(dana / "wa.pdf"), "--state", "WA", "--expires", "2027-06-14")
    cli("doc", "add", "liability-coi", _pdf(dana / "coi.pdf"), "--limits", "1000000/3000000",
        "--expires", "2027-03-01")
    left = [f["message"] for f in findings(cli) if f["subject"] == app["id"]]
    assert len(left) == 1 and "services agreement" in left[0]
    cli("doc", "add", "other", _pdf(dana / "agreement.pdf"), "--note", "ASH services agreement")
    assert [f for f in findings(cli) if f["subject"] == app["id"]] == []
    cli("doc", "add", "liability-coi", _pdf(dana / "coi2.pdf"), "--limits", "500000/1000000",
        "--expires", "2027-09-01")
    below = findings(cli, "coverage-below-minimum")
    assert below and "$1,000,000/$3,000,000" in below[0]["message"]
    assert "$500,000/$1,000,000" in below[0]["message"]
    shown = cli("app", "show", app["id"], "--json", "--as-of", AS_OF).json()
    coi = next(i for i in shown["checklist"] if i["kind"] == "liability-coi")
    assert coi["status"] == "below-minimum"


def test_expired_document_on_the_submission_date(cli, dana):
    app = cli("apply", "ash", "--date", "2026-07-01", "--json").json()
    cli("doc", "add", "w9", _pdf(dana / "w9.pdf"))
    cli("doc", "add", "liability-coi", _pdf(dana / "coi.pdf"), "--limits", "1000000/3000000",
        "--expires", "2026-09-15")
    cli("app", "status", app["id"], "gathering", "--date", "2026-09-01")
    cli("app", "status", app["id"], "submitted", "--date", "2026-10-01")
    expired = [f for f in findings(cli, "expired-document") if f["subject"] == app["id"]]
    assert expired and "2026-09-15" in expired[0]["message"]


def test_follow_up_cadence_ledger_and_reference(cli, dana):
    from credtrack_payers import all_rules as payers

    ash = next(r for r in payers() if r.id == "ash")
    app = cli("apply", "ash", "--date", "2026-07-01", "--json").json()["id"]
    cli("app", "status", app, "submitted", "--date", "2026-10-01")
    first = deadlines(cli, "follow-up")
    expected = date(2026, 10, 1) + timedelta(days=ash.first_followup_days or ash.followup_days)
    assert [d["date"] for d in first] == [expected.isoformat()]
    assert "2026-10-01" in first[0]["rule"]
    cli("followup", "add", app, "--date", "2026-10-20", "--contact", "Maria (provider services)",
        "--ref", "CR-48213", "--note", "received, in review")
    moved = deadlines(cli, "follow-up")
    assert [d["date"] for d in moved] == [(date(2026, 10, 20) + timedelta(days=ash.followup_days)).isoformat()]
    shown = cli("app", "show", app).out
    assert "CR-48213" in shown and "Maria" in shown
    cli("followup", "add", app, "--date", "2026-11-03", "--next", "2026-12-01")
    assert [d["date"] for d in deadlines(cli, "follow-up")] == ["2026-12-01"]
    assert not findings(cli, "follow-up-overdue")
    assert findings(cli, "follow-up-overdue", as_of="2026-12-05")


def test_escalation_after_the_published_turnaround(cli, dana):
    app = cli("apply", "premera", "--date", "2026-07-01", "--json").json()["id"]
    cli("app", "status", app, "submitted", "--date", "2026-08-01")
    stalled = findings(cli, "application-stalled")
    assert stalled and "escalate" in stalled[0]["message"]


def test_recredentialing_36_months_after_approval(cli, dana):
    # UnitedHealthcare's 2021 Administrative Guide: "at least every 36 months"
    app = cli("apply", "uhc", "--date", "2026-07-01", "--json").json()["id"]
    cli("app", "status", app, "submitted", "--date", "2026-10-01")
    cli("app", "status", app, "approved", "--date", "2026-11-01")
    recred = deadlines(cli, "recredentialing")
    assert [d["date"] for d in recred] == ["2029-11-01"]
    assert "ch15-cred-recred-2021" in recred[0]["source"]
    assert not deadlines(cli, "follow-up")
    history = cli("app", "show", app, "--json").json()["history"]
    assert [h["status"] for h in history] == ["draft", "submitted", "approved"]


def test_status_transitions_are_checked(cli, dana):
    from conftest import assert_clean_error

    app = cli("apply", "ash", "--date", "2026-07-01", "--json").json()["id"]
    assert_clean_error(cli("app", "status", app, "approved", "--date", "2026-11-01"), 2)
    cli("app", "status", app, "submitted", "--date", "2026-10-01")
    assert_clean_error(cli("app", "status", app, "in-review", "--date", "2026-09-01"), 2)


def test_caqh_attestation_due_120_days_later(cli, dana):
    cli("caqh", "attest", "--date", "2026-09-01")
    due = deadlines(cli, "caqh-attestation")
    assert [d["date"] for d in due] == ["2026-12-30"]
    assert "15, 10, 5" in due[0]["rule"] and "caqh.org" in due[0]["source"]
    assert findings(cli, "caqh-expired", as_of="2027-01-02")


def test_caqh_illinois_180_days(cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "IL", "--expires", "2026-12-31")
    cli("caqh", "attest", "--date", "2026-09-01")
    assert [d["date"] for d in deadlines(cli, "caqh-attestation")] == ["2027-02-28"]


def test_apply_medicare_refuses_without_force(cli, dana):
    result = cli("apply", "medicare")
    assert result.code == 1 and "Traceback" not in result.err
    assert "Original Medicare does not recognize massage therapists" in result.err
    assert "http" in result.err and "--force" in result.err
    assert cli("app", "list", "--json").json() == []
    forced = cli("apply", "medicare", "--force", "--json")
    assert forced.code == 0 and forced.json()["forced"] is True
    assert "Original Medicare" in forced.err


def test_apply_outside_payer_states_needs_force(cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "FL", "--expires", "2027-08-31")
    result = cli("apply", "premera")
    assert result.code == 1 and "only in WA" in result.err
    assert cli("apply", "premera", "--state", "WA").code == 0


def test_unknown_payer_suggests(cli, dana):
    from conftest import assert_clean_error

    result = cli("apply", "ahs")
    assert_clean_error(result, 2)
    assert "ash" in result.err
