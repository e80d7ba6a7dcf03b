"""Issue 15: payer rules a therapist can trust: yes/no/unknown, dated sourced facts,
corrections, billing and referral rules, twelve more payers."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import credtrack_payers
from credtrack import rules as R
from credtrack.testing import payer_problems
from credtrack_payers import all_rules

PAYERS = {r.id: r for r in all_rules()}
MODULES = Path(credtrack_payers.__file__).parent
LMT = "massage-therapist"


@pytest.fixture
def wa_lmt(cli):
    cli("init", "--name", "Dana Reyes", "--npi", "1234567893")
    cli("license", "add", "--state", "WA", "--number", "MA60012345", "--issued", "2025-01-01",
        "--expires", "2027-06-14")


def test_credentials_are_three_valued_with_sources_in_json(cli):
    payers = {p["id"]: p for p in cli("payers", "--json").json()}
    assert len(payers) >= 28
    for p in payers.values():
        assert set(p["credentials"]) == set(R.PROVIDER_TYPES), p["id"]
        for answer in p["credentials"].values():
            assert answer["answer"] in ("yes", "no", "unknown")
            assert re.match(r"https?://", answer["source"]), p["id"]
            assert date.fromisoformat(answer["read"])
    # no source says these four credential massage therapists (payers-gaps audit)
    for pid in ("uhc", "optum", "aetna", "cigna"):
        lmt = payers[pid]["credentials"][LMT]
        assert lmt["answer"] == "unknown", pid
        assert payers[pid]["credentials_massage_therapists"] is None
        assert LMT not in payers[pid]["provider_types"]
    for pid in ("medicare", "tricare", "ny-wc", "fl-pip", "nv-wc"):
        assert payers[pid]["credentials"][LMT]["answer"] == "no"
        assert payers[pid]["credentials_massage_therapists"] is False
    for pid in ("ash", "premera", "wa-lni", "carpenters-wa", "wa-pip"):
        assert payers[pid]["credentials_massage_therapists"] is True


def test_payers_table_says_unknown_not_yes(cli):
    # piped, the table is tab-separated (a terminal gets a Rich table)
    rows = {line.split("\t")[0]: line.split("\t") for line in cli("payers").out.splitlines()[1:]}
    for pid in ("uhc", "optum", "aetna", "cigna"):
        assert "unknown" in rows[pid] and "yes" not in rows[pid]
    assert "NO" in rows["medicare"]


def test_apply_to_an_unknown_payer_explains_and_proceeds(cli, wa_lmt):
    result = cli("apply", "uhc", "--json")
    assert result.code == 0
    app = result.json()
    assert app["forced"] is False and app["payer"] == "uhc"
    assert "unknown whether UnitedHealthcare credentials massage therapists" in result.err
    assert "uhcprovider.com" in result.err
    assert [a["id"] for a in cli("app", "list", "--json").json()] == [app["id"]]


def test_apply_to_a_no_payer_still_needs_force(cli, wa_lmt):
    refused = cli("apply", "medicare")
    assert refused.code == 1 and "--force" in refused.err
    assert cli("app", "list", "--json").json() == []
    assert cli("apply", "nv-wc", "--state", "NV").code == 1  # NAC 616C.141


def test_an_answer_for_one_state_is_unknown_in_another(cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "OR", "--expires", "2027-12-31")
    result = cli("apply", "regence", "--state", "OR")
    assert result.code == 0
    assert "unknown whether Regence BlueShield credentials massage therapists in OR" in result.err
    assert PAYERS["regence"].credential(LMT, "WA").answer == R.YES


def test_rcw_48_43_016_is_six_visits_in_every_module():
    cited = [p for p in PAYERS.values() for a in p.authorizations if "48.43.016" in a.law]
    assert {p.id for p in cited} >= {"premera", "regence", "kaiser"}
    for p in cited:
        rule = next(a for a in p.authorizations if "48.43.016" in a.law)
        assert rule.after_visits == 6 and rule.plus_evaluation and rule.new_episode_days == 90
        assert "Laws of 2020, ch. 193, s. 2" in rule.law and rule.states == ("WA",)
    for module in MODULES.glob("*.py"):
        text = " ".join(module.read_text().split())
        assert not re.search(r"(up to|plus) (8|eight) (treatment )?visits", text), module.name


def test_at_least_28_modules_and_every_fact_is_sourced_and_dated():
    modules = [m for m in MODULES.glob("*.py") if not m.name.startswith("_")]
    assert len(modules) >= 28 and len(PAYERS) == len(modules)
    for new in ("moda", "providence", "chp-group", "scan-ash", "hmsa-ccr", "hi-wc", "hi-pip",
                "wa-pip", "or-pip", "or-wc", "carpenters-wa", "nv-wc"):
        assert new in PAYERS, new
    for p in PAYERS.values():
        assert payer_problems(p) == [], p.id
        facts = list(p.sourced())
        assert facts, p.id
        for label, item in facts:
            assert item.source.startswith("http"), (p.id, label)
            assert date.fromisoformat(item.read), (p.id, label)  # its own read date
            assert item.confidence in R.CONFIDENCES


def test_payers_show_prints_each_fact_with_its_dates(cli):
    out = cli("payers", "show", "carpenters-wa").out
    assert "read 2026-12-01, source dated 2019-08-16" in out
    assert "at most 24 visits per calendar-year, shared with chiropractic, acupuncture" in out
    ny = cli("payers", "show", "ny-wc").out
    assert "S5421" in ny and "2020-11-27" in ny and "S4612" in ny
    rules = PAYERS["premera"]
    shown = cli("payers", "show", "premera").out
    assert shown.count("(confidence ") == len(list(rules.sourced())) + len(R.PROVIDER_TYPES) - 1
    assert "ended 2023-12-31" in shown and "source dated 2023" in shown


def test_conformance_fails_a_fact_without_a_source():
    ash = PAYERS["ash"]
    unsourced = replace(ash, facts=ash.facts + (R.Fact(topic="route", text="call them"),))
    assert any("no source" in p for p in payer_problems(unsourced))
    doc = replace(ash, documents=(R.DocumentRequirement("w9", "W-9"),))
    assert any("documents[0] (w9): no source" in p for p in payer_problems(doc))
    guessed = replace(PAYERS["regence"], turnaround_days=45)
    assert any("turnaround_days = 45 has no source" in p for p in payer_problems(guessed))
    invented = replace(ash, recredential_months=36)  # ASH states no cycle
    assert any("recredential_months = 36 has no source" in p for p in payer_problems(invented))
    late = replace(ash, facts=(replace(ash.facts[0], source_date="2027-01-01"),))
    assert any("is after the date it was read" in p for p in payer_problems(late))
    bad = replace(ash, credentialing=(replace(ash.credentialing[0], answer="maybe"),))
    assert any("answer must be one of yes, no, unknown" in p for p in payer_problems(bad))


def test_regence_shows_the_lmp_billing_rules_with_sources(cli):
    out = cli("payers", "show", "regence").out
    manual = "wa.regence.com/provider/library/manual/administrative-manual/alternative-care/massage"
    assert "99202-99499: NOT payable to massage-therapists" in out
    assert "98940-98943: NOT payable" in out and "98925-98929: NOT payable" in out
    assert "at most 4 units per date-of-service" in out
    assert "must state diagnosis; kept on file" in out
    assert out.count(manual) >= 5
    assert "DocuSign" in out and "10 business days" in out and "out of network" in out
    regence = PAYERS["regence"]
    assert regence.code_rule("99213", state="WA").paid is False
    assert regence.code_rule("97124", state="WA") is None  # nothing says it is unpaid
    assert regence.code_rule("99213", state="OR") is None  # the WA manual only


def test_ump_authorization_after_six_visits_exempts_97124_and_97140():
    ump = next(a for a in PAYERS["regence"].authorizations if a.plan == "Uniform Medical Plan")
    assert ump.after_visits == 6 and ump.vendor == "eviCore"
    assert ump.covers("97112") and ump.covers("97530") and ump.covers("97163")
    assert not ump.covers("97124") and not ump.covers("97140")
    providence = PAYERS["providence"].authorizations[0]
    assert providence.covers("97140") and not providence.covers("97124")


def test_code_ranges_and_pair_edits():
    assert R.code_in("98941", ("98940-98942",)) and not R.code_in("98943", ("98940-98942",))
    assert R.code_in("98940", ("98940-98942",)) and R.code_in("98942", ("98940-98942",))
    assert R.code_in("97124", ("97001-97799",)) and not R.code_in("G0283", ("97001-97799",))
    edit = R.PairEdit(codes=("97124",), with_codes=("98940-98942",), modifiers=("59",),
                      source="https://x.test")
    assert edit.matches("98941", "97124") and not edit.matches("97124", "97140")
    nv = PAYERS["nv-wc"]
    assert nv.code_rule("97124").paid is False and nv.code_rule("98941").paid is False
    assert PAYERS["fl-pip"].code_rule("97140").paid is False  # every code


def test_recredentialing_unknown_invents_no_deadline(cli, wa_lmt):
    app = cli("apply", "ash", "--date", "2026-07-01", "--json").json()["id"]
    cli("app", "status", app, "submitted", "--date", "2026-10-01")
    cli("app", "status", app, "approved", "--date", "2026-11-01")
    report = cli("status", "--json", "--as-of", "2026-11-22").json()
    assert not [d for d in report["deadlines"] if d["kind"] == "recredentialing"]
    unknown = [f for f in report["findings"] if f["code"] == "recredentialing-unknown"]
    assert unknown and unknown[0]["severity"] == "info"
    assert "ask it for your recredentialing date" in unknown[0]["message"]
    assert "ashlink.com" in unknown[0]["source"]


def test_new_payers_carry_their_sourced_rules():
    carpenters = PAYERS["carpenters-wa"]
    assert {(lim.max, lim.unit, lim.per) for lim in carpenters.limits} == {
        (24, "visits", "calendar-year"), (1, "visits", "date-of-service")}
    hmsa = PAYERS["hmsa-ccr"].referrals[0]
    assert hmsa.must_state == ("reason", "duration", "frequency") and hmsa.required
    scan = PAYERS["scan-ash"]
    assert scan.referrals[0].required is False and scan.authorizations[0].after_visits == 1
    orpip = PAYERS["or-pip"].referrals[0]
    assert set(orpip.must_state) == {"diagnosis", "visits", "codes"}
    assert PAYERS["wa-pip"].credential(LMT).answer == R.YES
    assert PAYERS["hi-wc"].credential(LMT).answer == R.UNKNOWN
    assert PAYERS["va-ccn-triwest"].states == ("AK", "AZ", "CA", "CO", "HI", "ID", "MT", "NV",
                                               "NM", "OR", "TX", "UT", "WA", "WY")
    assert any("2025-12-15" in f.text for f in PAYERS["va-ccn-optum"].facts)


def test_rules_in_scope_for_a_claim_check():
    regence = PAYERS["regence"]
    edit = R.PairEdit(codes=("97124", "97140"), with_codes=("98940-98942",), modifiers=("59",),
                      scope="same-region", states=("WA",), source="https://x.test")
    with_edit = replace(regence, pair_edits=(edit,))
    assert with_edit.pair_edit("98941", "97140", state="WA") is edit
    assert with_edit.pair_edit("98941", "97140", state="OR") is None
    ump = with_edit.applicable("referrals", state="WA", plan="Uniform Medical Plan")
    assert len(ump) == 2  # the WA LMP manual's rule and UMP's own
    assert len(with_edit.applicable("referrals", state="WA", plan="LifeWise")) == 1
    assert with_edit.applicable("limits", state="ID") == ()


def test_payers_show_uhc_says_unknown_with_the_reason(cli):
    out = cli("payers", "show", "uhc").out
    assert "massage-therapist: unknown - No source says UnitedHealthcare credentials" in out
    assert "MD/DO/DPM" in out and "join-get-started" in out and "5 business days" in out
