"""credtrack report -o FILE.xlsx | FILE.pdf, read back with openpyxl and pikepdf (libqpdf)."""

from __future__ import annotations

from datetime import date

import openpyxl
import pikepdf
import pytest

from conftest import assert_clean_error

AS_OF = "2026-11-22"


@pytest.fixture
def practice(cli):
    for name in ("Dana Reyes", "Sam Okafor", "Lee Kim"):
        assert cli("provider", "add", "--name", name).code == 0
    cli("license", "add", "--provider", "dana-reyes", "--state", "FL", "--number", "MA1",
        "--issued", "2023-09-01", "--expires", "2025-08-31")
    cli("license", "add", "--provider", "sam-okafor", "--state", "TX", "--number", "MT2",
        "--issued", "2026-08-31", "--expires", "2028-08-31")
    for pid, payer, on in (("dana-reyes", "aetna", "2026-10-01"), ("dana-reyes", "cigna",
                                                                   "2026-09-01"),
                           ("sam-okafor", "aetna", "2026-08-01")):
        assert cli("apply", payer, "--provider", pid, "--force", "--date", on).code == 0
    [app] = cli("app", "list", "--provider", "sam-okafor", "--json").json()
    assert cli("app", "status", app["id"], "submitted", "--provider", "sam-okafor",
               "--date", "2026-08-15").code == 0


def sheet_rows(path, name):
    ws = openpyxl.load_workbook(path)[name]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_xlsx_has_one_sheet_per_view_and_a_row_per_provider_and_application(
        cli, practice, tmp_path):
    out = tmp_path / "r.xlsx"
    r = cli("report", "-o", out, "--as-of", AS_OF)
    assert r.code == 0, r.err
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Licenses", "Applications", "Due", "Findings"]
    apps = sheet_rows(out, "Applications")
    assert apps[0][:7] == ["Provider", "NPI", "Payer", "Status", "States", "Created",
                           "Submitted"]
    day = lambda v: v.date() if v else None  # noqa: E731  (openpyxl reads datetimes)
    assert [(r[0], r[2], r[3], day(r[5]), day(r[6])) for r in apps[1:]] == [
        ("Dana Reyes", "Aetna", "draft", date(2026, 10, 1), None),
        ("Dana Reyes", "Cigna", "draft", date(2026, 9, 1), None),
        ("Sam Okafor", "Aetna", "submitted", date(2026, 8, 1), date(2026, 8, 15))]
    lic = sheet_rows(out, "Licenses")
    assert lic[0] == ["Provider", "NPI", "FL", "TX"]
    assert lic[1] == ["Dana Reyes", None, "EXPIRED 2025-08-31", None]
    assert lic[3] == ["Sam Okafor", None, None, "active to 2028-08-31"]
    assert lic[2][0] == "Lee Kim"
    due = sheet_rows(out, "Due")
    assert due[0][:3] == ["Date", "Overdue", "Provider"]
    assert all(row[0].date() <= date(2027, 2, 20) for row in due[1:])  # 2026-11-22 + 90 days
    assert ["OVERDUE", "Dana Reyes", "license-renewal"] in [row[1:4] for row in due[1:]]
    findings = sheet_rows(out, "Findings")
    severities = [row[0] for row in findings[1:]]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert out.stat().st_mode & 0o777 == 0o600


def test_filters_narrow_the_report(cli, practice, tmp_path):
    out = tmp_path / "aetna.xlsx"
    assert cli("report", "-o", out, "--as-of", AS_OF, "--payer", "aetna").code == 0
    apps = sheet_rows(out, "Applications")[1:]
    assert [(r[0], r[2]) for r in apps] == [("Dana Reyes", "Aetna"), ("Sam Okafor", "Aetna")]
    out = tmp_path / "one.xlsx"
    assert cli("report", "-o", out, "--as-of", AS_OF, "--provider", "sam-okafor",
               "--state", "TX").code == 0
    assert [r[0] for r in sheet_rows(out, "Licenses")[1:]] == ["Sam Okafor"]
    assert all(r[2] == "Sam Okafor" for r in sheet_rows(out, "Due")[1:])


def test_pdf_is_one_page_per_view_and_passes_qpdf_check(cli, practice, tmp_path):
    out = tmp_path / "r.pdf"
    r = cli("report", "-o", out, "--as-of", AS_OF)
    assert r.code == 0, r.err
    with pikepdf.open(out) as pdf:
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check
        assert list(check()) == []
        assert len(pdf.pages) == 4
    import pypdf

    text = [p.extract_text() for p in pypdf.PdfReader(out).pages]
    assert "Licenses: providers x states" in text[0] and "Aetna" in text[1]
    assert_clean_error(cli("report", "-o", out))  # exists: needs --force
    assert_clean_error(cli("report", "-o", tmp_path / "r.docx"))
