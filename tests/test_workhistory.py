"""Issue 17: work history and references as record kinds; the work-history-gap finding (gaps over
6 months in the last 5 years, NCQA/CAQH; a payer or state plugin may be stricter; overlapping
jobs merged)."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import assert_clean_error
from credtrack.compliance.workhistory import gaps
from credtrack.models import WorkHistory

AS_OF = "2026-11-22"


@pytest.fixture
def dana(cli, monkeypatch):
    monkeypatch.setenv("CREDTRACK_TODAY", AS_OF)
    assert cli("init", "--name", "Dana Reyes").code == 0


def work_add(cli, employer, start, end=None, **extra):
    args = ["work", "add", "--employer", employer, "--from", start]
    if end:
        args += ["--to", end]
    for k, v in extra.items():
        args += [f"--{k}", v]
    result = cli(*args, "--json")
    assert result.code == 0, result.err
    return result.json()["id"]


def gap_findings(cli):
    report = cli("status", "--json", "--as-of", AS_OF).json()
    return [f for f in report["findings"] if f["code"] == "work-history-gap"]


def test_a_seven_month_gap_is_flagged_and_a_five_month_gap_is_not(cli, dana):
    spa = work_add(cli, "Bayside Spa", "2019-01", "2022-03", role="Massage therapist")
    work_add(cli, "Reyes Bodywork", "2022-11", role="Owner")
    found = gap_findings(cli)
    # April..October 2022: 7 months without a job
    assert len(found) == 1, found
    assert "7 months" in found[0]["message"]
    assert "2022-04 to 2022-10" in found[0]["message"]
    assert found[0]["severity"] == "warning" and found[0]["action"]["id"] == "work.add"
    assert found[0]["source"]  # the rule cites where it comes from
    # six months (May..October) is not over six: nothing to explain
    assert cli("work", "edit", spa, "--to", "2022-04").code == 0
    assert gap_findings(cli) == []
    # the first job ran two months longer: June..October, 5 months, nothing to explain
    assert cli("work", "edit", spa, "--to", "2022-05").code == 0
    assert gap_findings(cli) == []


def test_overlapping_jobs_are_merged_before_gaps_are_measured():
    on = date(2026, 11, 22)
    long_job = WorkHistory("job-a", "Clinic", "2021-01", "2025-09")
    inside = WorkHistory("job-b", "Weekend spa", "2022-01", "2023-01")  # within the clinic job
    now = WorkHistory("job-c", "Own practice", "2025-11", "")
    # only October 2025 is uncovered (the weekend job's end is not a gap)
    got = gaps([inside, long_job, now], on)
    assert [(g.first, g.last, g.months) for g in got] == [("2025-10", "2025-10", 1)]
    # a job that ended in May 2026 leaves June..November 2026 open: 6 months, up to now
    got = gaps([WorkHistory("job-d", "Clinic", "2019-01", "2026-05")], on)
    assert [(g.first, g.last, g.months, g.after) for g in got] == [("2026-06", "2026-11", 6,
                                                                      None)]
    # the window is the last 5 years: Dec 2021 .. Nov 2026; a gap before it is not counted
    got = gaps([WorkHistory("job-e", "Old", "2010-01", "2015-01"),
                WorkHistory("job-f", "New", "2021-12", "")], on)
    assert got == []


STRICT_PAYER = '''
from credtrack import hookimpl
from credtrack.rules import PayerRules

@hookimpl
def credtrack_payers():
    return [PayerRules(id="strict", name="Strict Health", kind="network",
                       provider_types=("massage-therapist",), documents=(),
                       sources=("https://example.org/s",),
                       verified="2026-01-01", work_history_gap_months=3,
                       references_required=3)]
'''


def test_a_payer_plugin_sets_a_stricter_threshold(cli, dana, home, monkeypatch):
    work_add(cli, "Bayside Spa", "2019-01", "2022-05")
    work_add(cli, "Reyes Bodywork", "2022-11")
    assert gap_findings(cli) == []  # 5 months: within the default 6
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "")
    (home / "plugins").mkdir(parents=True)
    (home / "plugins" / "strict.py").write_text(STRICT_PAYER)
    assert cli("apply", "strict", "--date", "2026-11-01").code == 0
    found = gap_findings(cli)
    assert len(found) == 1 and "5 months" in found[0]["message"]
    assert "over 3 months" in found[0]["message"] and "Strict Health" in found[0]["rule"]
    # the same payer wants three references: one is not enough, three are
    cli("reference", "add", "--name", "Pat Kim")
    missing = [f for f in cli("status", "--json").json()["findings"]
               if f["code"] == "references-missing"]
    assert len(missing) == 1 and "3 professional references wanted, 1 recorded" in \
        missing[0]["message"]
    cli("reference", "add", "--name", "Lee Park")
    cli("reference", "add", "--name", "Sam Ortiz")
    assert [f for f in cli("status", "--json").json()["findings"]
            if f["code"] == "references-missing"] == []


def test_work_and_reference_commands(cli, dana):
    job = work_add(cli, "Bayside Spa", "2019-01", "2022-03", role="Massage therapist",
                   address="1 Bay Rd, Tampa FL", contact="Lee Park, 555-0102")
    listed = cli("work", "list", "--json").json()
    assert [(j["id"], j["employer"], j["start"], j["end"], j["role"], j["contact"])
            for j in listed] == [(job, "Bayside Spa", "2019-01", "2022-03", "Massage therapist",
                                  "Lee Park, 555-0102")]
    assert "Bayside Spa" in cli("work", "list").out
    assert cli("work", "edit", job, "--to", "present").code == 0
    assert cli("work", "list", "--json").json()[0]["end"] == ""
    assert_clean_error(cli("work", "add", "--employer", "X", "--from", "2022-13"), 2)
    assert_clean_error(cli("work", "add", "--employer", "X", "--from", "2022-05",
                           "--to", "2021-01"), 2)
    assert_clean_error(cli("work", "add", "--employer", "X", "--from", "2030-01"), 2)
    assert_clean_error(cli("work", "edit", job), 2)
    ref = cli("reference", "add", "--name", "Pat Kim", "--role", "Physical therapist",
              "--organization", "Tampa PT", "--contact", "555-0103", "--json").json()["id"]
    assert cli("reference", "edit", ref, "--relationship", "Colleague since 2020").code == 0
    refs = cli("reference", "list", "--json").json()
    assert [(r["name"], r["relationship"]) for r in refs] == [("Pat Kim", "Colleague since 2020")]
    # the generic listing knows both kinds (declared once in credtrack.kinds)
    assert [r["id"] for r in cli("list", "work", "--json").json()] == [job]
    assert [r["id"] for r in cli("list", "reference", "--json").json()] == [ref]
    assert cli("reference", "remove", ref, "--yes").code == 0
    assert cli("work", "remove", job, "--yes").code == 0
    assert cli("undo").code == 0  # the job comes back
    assert [j["id"] for j in cli("work", "list", "--json").json()] == [job]
    assert cli("work", "remove", job, "--yes").code == 0
    assert cli("work", "list", "--json").json() == []
    assert cli("reference", "list", "--json").json() == []


def test_the_desk_records_a_job_and_a_reference(home):
    from credtrack.models import Provider
    from credtrack.service import Credtrack
    from credtrack.tui.app import make_app
    from test_tui import fill, run, save

    service = Credtrack(home)
    service.add_provider(Provider("prv-dana", "Dana Reyes"), use=True)

    async def scenario():
        desk = make_app(service, as_of=date(2026, 11, 22))
        async with desk.run_test(size=(100, 30)) as pilot:
            desk.action_add_job()
            await pilot.pause()
            await fill(pilot, {"employer": "Bayside Spa", "start": "2019-13"})
            await save(pilot)
            assert service.records().of("work_history") == []  # refused: not a month
            await fill(pilot, {"start": "2019-01", "end": "2022-03"})
            await save(pilot)
            desk.action_add_reference()
            await pilot.pause()
            await fill(pilot, {"name": "Pat Kim", "contact": "555-0103"})
            await save(pilot)
            await pilot.press("q")

    run(scenario())
    records = service.records()
    assert [(j.employer, j.start, j.end) for j in records.of("work_history")] == [
        ("Bayside Spa", "2019-01", "2022-03")]
    assert [(r.name, r.contact) for r in records.of("references")] == [("Pat Kim", "555-0103")]
