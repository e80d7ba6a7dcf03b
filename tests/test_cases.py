"""Issue 18: cases, prescriptions, authorizations, visits, claim checks, superbills, PHI."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from conftest import assert_clean_error

CLIENT_NAME = "Marisol Quintero-Vance"
MEMBER_ID = "ZQW98817344"


def _pdf(path: Path, text: str = "Rx") -> Path:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(612, 792)
    buf = io.BytesIO()
    w.write(buf)
    path.write_bytes(buf.getvalue().replace(b"%%EOF", f"% {text}\n%%EOF".encode()))
    return path


@pytest.fixture
def practice(cli, tmp_path):
    cli("init", "--name", "Dana Reyes", "--npi", "1234567893", "--tin", "12-3456789")
    cli("license", "add", "--state", "WA", "--number", "MA60123456", "--expires", "2027-06-14")
    rx = _pdf(tmp_path / "rx.pdf", "prescription-for-the-client")
    made = cli("case", "add", "--client", "Client A", "--payer", "regence", "--dx", "M54.50",
               "--start", "2026-03-01", "--end", "2026-06-01", "--visits", "12", "--state", "WA",
               "--referral", rx, "--client-name", CLIENT_NAME, "--member-id", MEMBER_ID,
               "--referring-name", "Dr. Okafor", "--no-phi-protection", "--json")
    assert made.code == 0, made.err
    case = made.json()
    cli("auth", "add", case["id"], "--number", "PA-77", "--visits", "4", "--start", "2026-03-01",
        "--end", "2026-06-01")
    return case


def _visit(cli, case_id, day, codes="97124x2", *extra):
    return cli("visit", "add", case_id, "--date", day, "--codes", codes, *extra)


def test_authorization_exhausted_refused_and_rereferral(cli, practice):
    """Must-show 1: 12-visit prescription 2026-03-01..06-01, 4-visit authorization."""
    cid = practice["id"]
    for day in ("2026-03-02", "2026-03-09", "2026-03-16"):
        assert _visit(cli, cid, day).code == 0
    before = cli("status", "--json", "--as-of", "2026-03-20").json()
    assert not [f for f in before["findings"] if f["code"] == "auth-exhausted"]
    assert _visit(cli, cid, "2026-03-23").code == 0  # the 4th of 4
    report = cli("status", "--json", "--as-of", "2026-03-24").json()
    exhausted = [f for f in report["findings"] if f["code"] == "auth-exhausted"]
    assert len(exhausted) == 1 and "4" in exhausted[0]["message"]
    assert exhausted[0]["rule"] and exhausted[0]["action"]["id"] == "auth.add"

    fifth = _visit(cli, cid, "2026-03-30")
    assert fifth.code == 1 and "--override" in fifth.err
    assert len(cli("case", "show", cid, "--json").json()["visits"]) == 4  # nothing saved
    forced = _visit(cli, cid, "2026-03-30", "97124x2", "--override", "--json")
    assert forced.code == 0 and forced.json()["override"] is True
    report = cli("status", "--json", "--as-of", "2026-03-31").json()
    over = [f for f in report["findings"] if f["code"] == "auth-exhausted"]
    assert over[0]["severity"] == "error" and "1 past the authorization" in over[0]["message"]

    rereferral = [d for d in report["deadlines"] if d["kind"] == "re-referral"]
    assert [d["date"] for d in rereferral] == ["2026-05-18"]  # 2026-06-01 - 14 days
    assert "14 days before" in rereferral[0]["rule"]
    expiry = [d for d in report["deadlines"] if d["kind"] == "prescription-expiry"]
    assert [d["date"] for d in expiry] == ["2026-06-01"] and expiry[0]["rule"]
    assert all("Client A" in d["title"] for d in rereferral + expiry)


def test_diagnosis_codes_are_checked(cli):
    """Must-show 2."""
    cli("init", "--name", "Dana Reyes")
    bad = cli("case", "add", "--client", "Client B", "--payer", "regence", "--dx", "M54.9Z",
              "--no-phi-protection")
    assert_clean_error(bad)
    assert "M54.9Z" in bad.err
    assert cli("case", "list", "--json").json() == []
    category = cli("case", "add", "--client", "Client B", "--payer", "regence", "--dx", "M54.5",
                   "--no-phi-protection")
    assert_clean_error(category)  # a category, not billable
    good = cli("case", "add", "--client", "Client B", "--payer", "regence", "--dx", "M54.50",
               "--no-phi-protection")
    assert good.code == 0 and "Low back pain, unspecified" in good.out


@pytest.mark.parametrize("minutes, units", [(7, 0), (8, 1), (22, 1), (23, 2), (37, 2), (38, 3)])
def test_the_eight_minute_rule(minutes, units):
    """CMS: 8-22 minutes = 1 unit, 23-37 = 2, 38-52 = 3; 7 or fewer = 0 (worked by hand)."""
    from credtrack.billing import parse_lines, units_from_minutes

    assert units_from_minutes(minutes) == units
    assert parse_lines(f"97124:{minutes}m")[0].units == units


def test_claim_check_flags_seven_minutes_and_an_unpaid_date(cli, practice):
    cid = practice["id"]
    seven = cli("claim", "check", cid, "--codes", "97124:7m", "--date", "2026-03-05", "--json")
    issues = {i["code"]: i for i in seven.json()["issues"]}
    assert "no-billable-units" in issues and issues["no-billable-units"]["source"]
    eight = cli("claim", "check", cid, "--codes", "97124:8m", "--date", "2026-03-05", "--json")
    assert "no-billable-units" not in {i["code"] for i in eight.json()["issues"]}
    # the therapist has no approved Regence application: a claim would not be paid in network
    assert "not-credentialed" in {i["code"] for i in eight.json()["issues"]}
    late = cli("claim", "check", cid, "--codes", "97124x2", "--date", "2026-06-10", "--json")
    assert "no-prescription" in {i["code"] for i in late.json()["issues"]}


def test_an_imported_ncci_file_adds_a_pair_edit(cli, practice, tmp_path):
    """Must-show 4: a small file in CMS's PTP layout (tab-delimited, YYYYMMDD dates)."""
    ptp = tmp_path / "ccipra-v324r0-f1-2026Q4.txt"
    ptp.write_text("CPT codes and descriptions only are copyright American Medical Association\n"
                   "Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\t"
                   "Deletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\t"
                   "PTP Edit Rationale\n"
                   "97140\t97124\t\t20200101\t*\t1\tMutually exclusive procedures\n"
                   "97110\t97010\t\t20150101\t20190101\t0\tdeleted edit\n")
    got = cli("ncci", "import", ptp, "--json").json()
    assert got == {"edits": 2, "quarter": "2026Q4", "file": ptp.name}
    check = cli("claim", "check", practice["id"], "--codes", "97124x2,97140x2", "--date",
                "2026-03-05", "--json").json()
    ncci = [i for i in check["issues"] if i["code"] == "ncci-pair"]
    assert len(ncci) == 1 and "2026Q4" in ncci[0]["source"] and ptp.name in ncci[0]["source"]
    with_59 = cli("claim", "check", practice["id"], "--codes", "97124x2,97140-59x2", "--date",
                  "2026-03-05", "--json").json()
    assert not [i for i in with_59["issues"] if i["code"] == "ncci-pair"]
    junk = tmp_path / "junk.txt"
    junk.write_text("not an edit file\n")
    assert_clean_error(cli("ncci", "import", junk))


def _all_text(root: Path) -> bytes:
    out = b""
    for path in root.rglob("*"):
        if path.is_file():
            out += path.read_bytes()
    return out


def test_patient_data_stays_out_of_calendars_and_errors(cli, practice, tmp_path, home):
    """Must-show 5 (first half)."""
    cid = practice["id"]
    _visit(cli, cid, "2026-03-02")
    ics = tmp_path / "c.ics"
    assert cli("ical", "export", "-o", ics, "--as-of", "2026-03-10").code == 0
    text = ics.read_text()
    assert "Client A: prescription expires" in text.replace("\r\n ", "")
    for secret in (CLIENT_NAME, MEMBER_ID, "M54.50", "M5450", "Okafor"):
        assert secret not in text.replace("\r\n ", "")
    errors = [cli("case", "show", "case-nope"), cli("visit", "add", cid, "--date", "2026-02-30",
                                                   "--codes", "97124"),
              cli("auth", "add", cid), cli("case", "add", "--client", CLIENT_NAME, "--payer",
                                            "regence", "--client-name", CLIENT_NAME),
              cli("case", "add", "--client", "Client C", "--payer", "nopayer",
                  "--member-id", MEMBER_ID)]
    for result in errors:
        assert result.code != 0
        for secret in (CLIENT_NAME, MEMBER_ID, "M54.50"):
            assert secret not in result.err + result.out


def test_case_add_needs_encryption_or_a_recorded_opt_out(cli, home):
    cli("init", "--name", "Dana Reyes")
    refused = cli("case", "add", "--client", "Client A", "--payer", "regence")
    assert_clean_error(refused)
    assert "encryption enable" in refused.err
    assert cli("case", "list", "--json").json() == []
    assert cli("case", "add", "--client", "Client A", "--payer", "regence",
               "--no-phi-protection").code == 0
    recorded = json.loads((home / "phi-unprotected.json").read_text())
    assert recorded["accepted"]
    assert cli("case", "add", "--client", "Client B", "--payer", "regence").code == 0  # once


def test_case_add_with_encryption_on(cli, home, monkeypatch):
    cli("init", "--name", "Dana Reyes")
    monkeypatch.setenv("CREDTRACK_PASSPHRASE", "a long passphrase for the test")
    assert cli("encryption", "enable").code == 0, "encryption enable failed"
    made = cli("case", "add", "--client", "Client A", "--payer", "regence", "--member-id",
               MEMBER_ID)
    assert made.code == 0, made.err
    assert MEMBER_ID.encode() not in _all_text(home)


def test_case_purge_leaves_no_trace(cli, practice, home):
    """Must-show 5 (second half): store, vault and backups."""
    cid = practice["id"]
    for day in ("2026-03-02", "2026-03-09"):
        _visit(cli, cid, day)
    assert CLIENT_NAME.encode() in _all_text(home)  # the test can see a trace when there is one
    refused = cli("case", "purge", cid)
    assert refused.code == 2 and CLIENT_NAME.encode() in _all_text(home)
    assert cli("case", "purge", cid, "--yes").code == 0
    data = _all_text(home)
    for secret in (CLIENT_NAME, MEMBER_ID, "M54.50", "prescription-for-the-client", cid,
                   "Dr. Okafor"):
        assert secret.encode() not in data, secret
    assert cli("case", "list", "--json").json() == []
    assert cli("doctor").code == 0


def test_superbill_pdf(cli, practice, tmp_path):
    """Must-show 6."""
    import pikepdf
    from pypdf import PdfReader

    cid = practice["id"]
    _visit(cli, cid, "2026-03-02", "97124x2,97140x1", "--charge", "97124=90", "--charge",
           "97140=45")
    out = tmp_path / "sb.pdf"
    made = cli("superbill", cid, "-o", out)
    assert made.code == 0, made.err
    assert (out.stat().st_mode & 0o777) == 0o600
    with pikepdf.open(out) as pdf:  # qpdf's own check (check() became check_pdf_syntax())
        assert list((getattr(pdf, "check_pdf_syntax", None) or pdf.check)()) == []
    text = PdfReader(out).pages[0].extract_text()
    for expected in ("97124", "97140", "M54.50", "2026-03-02", "$90.00", "$135.00",
                     "1234567893", "Signature"):
        assert expected in text, expected
    assert "12-3456789" not in text and "*****6789" in text
    shown = tmp_path / "sb-tin.pdf"
    assert cli("superbill", cid, "-o", shown, "--show-tin").code == 0
    assert "Tax ID 123456789" in PdfReader(shown).pages[0].extract_text()
    default = cli("superbill", cid)
    assert Path(default.out.strip()).name.startswith("PHI-superbill-")
    letter = tmp_path / "lmn.pdf"
    assert cli("superbill", cid, "--letter", "-o", letter).code == 0
    assert "medically necessary" in PdfReader(letter).pages[0].extract_text()


def test_washington_first_six_visits_need_no_authorization(home):
    """RCW 48.43.016 as amended by 2020 c 193 s 2: no utilization review for the initial
    evaluation and up to six treatment visits of a new episode of care (no treatment in the last
    90 days). Visits 1-6 of an episode are covered without an authorization, the 7th is not;
    after a 91-day gap the count starts again."""
    from credtrack.compliance.cases import episode_numbers, exempt_from_authorization
    from credtrack.models import Visit

    class WaRule:
        required, after_visits, plus_evaluation, new_episode_days = True, 6, True, 90

    days = [date(2026, 1, d) for d in (5, 6, 7, 8, 9, 12, 13)] + [date(2026, 4, 14)]
    visits = [Visit(f"vis-{i}", "case-1", d, [{"code": "97124", "units": 2}])
              for i, d in enumerate(days)]
    evaluation = Visit("vis-eval", "case-1", date(2026, 1, 2), [{"code": "97161", "units": 1}])
    everything = [evaluation, *visits]
    numbers = episode_numbers(everything, 90)
    assert [numbers[v.id] for v in everything] == [0, 1, 2, 3, 4, 5, 6, 7, 1]
    exempt = [exempt_from_authorization(v, numbers, WaRule) for v in everything]
    assert exempt == [True, True, True, True, True, True, True, False, True]


def test_the_cases_tab_shows_visits_against_the_authorization(cli, practice, home):
    import asyncio

    from textual.widgets import Static

    from credtrack.service import Credtrack
    from credtrack.tui.app import make_app

    for day in ("2026-03-02", "2026-03-09"):
        _visit(cli, practice["id"], day)

    async def go():
        app = make_app(Credtrack(home), as_of=date(2026, 3, 10))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("7")
            await pilot.pause()
            body = str(app.query_one("#cases-body", Static).render())
            assert "Client A" in body and "2/12 visits" in body and "2/4 visits" in body
            assert "83 days left" in body  # 2026-03-10 -> 2026-06-01
            assert CLIENT_NAME not in body and MEMBER_ID not in body

    asyncio.run(go())


def test_claim_check_reads_the_payers_billing_rules(cli, practice):
    """Regence's WA LMP rules (plugins/payers/credtrack_payers/regence.py): chiropractic
    manipulation codes are not payable to LMPs; four units per date of service in all."""
    cid = practice["id"]
    unpaid = cli("claim", "check", cid, "--codes", "98940", "--date", "2026-03-05",
                 "--json").json()
    flagged = [i for i in unpaid["issues"] if i["code"] == "code-not-paid"]
    assert len(flagged) == 1 and flagged[0]["source"].startswith("http")
    assert not unpaid["ready"]
    five = cli("claim", "check", cid, "--codes", "97124x3,97140x2", "--date", "2026-03-05",
               "--json").json()
    over = [i for i in five["issues"] if i["code"] == "units-over-limit"]
    assert len(over) == 1 and "5 units" in over[0]["message"] and "4" in over[0]["message"]
    four = cli("claim", "check", cid, "--codes", "97124x2,97140x2", "--date", "2026-03-05",
               "--json").json()
    assert not [i for i in four["issues"] if i["code"] == "units-over-limit"]


class PairPayer:
    """A payer whose published rules exclude 97124 with 97140 in one session."""

    from credtrack import hookimpl

    @hookimpl
    def credtrack_payers(self):
        from credtrack.rules import PairEdit, PayerRules

        return [PayerRules(
            id="pairplan", name="Pair Plan", kind="commercial",
            provider_types=("massage-therapist",), documents=(), route="portal",
            sources=("https://example.org/pairplan-manual",), verified="2026-12-01",
            pair_edits=(PairEdit(codes=("97124",), with_codes=("97140",), modifiers=("59",),
                                 text="97124 and 97140 are not paid for one session unless "
                                      "distinct (modifier 59)",
                                 source="https://example.org/pairplan-manual#p12",
                                 read="2026-12-01"),))]


def test_claim_check_flags_an_excluded_pair_with_the_payers_source(cli, register_plugin):
    """Must-show 3."""
    register_plugin(PairPayer(), "pair-payer")
    cli("init", "--name", "Dana Reyes")
    case = cli("case", "add", "--client", "Client P", "--payer", "pairplan",
               "--no-phi-protection", "--json").json()
    check = cli("claim", "check", case["id"], "--codes", "97124x2,97140x2", "--date",
                "2026-03-05", "--json").json()
    pair = [i for i in check["issues"] if i["code"] == "pair-excluded"]
    assert len(pair) == 1 and pair[0]["source"] == "https://example.org/pairplan-manual#p12"
    assert "modifier 59" in pair[0]["message"]
    distinct = cli("claim", "check", case["id"], "--codes", "97124x2,97140-59x2", "--date",
                   "2026-03-05", "--json").json()
    assert not [i for i in distinct["issues"] if i["code"] == "pair-excluded"]
