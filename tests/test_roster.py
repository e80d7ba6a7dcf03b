"""Roster import/export (credtrack.roster) through the CLI, on a real store and real XLSX files
read back with openpyxl."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest

from credtrack.models import License
from credtrack.service import Credtrack
from credtrack.validate import npi_valid

from conftest import assert_clean_error


def npi(n: int) -> str:
    base = f"1{n:08d}"
    return next(base + str(d) for d in range(10) if npi_valid(base + str(d)))


def headers(path, sheet):
    wb = openpyxl.load_workbook(path)
    return [c.value for c in wb[sheet][1]]


def practice_workbook(template, out, n=300, bad_row=None):
    """A roster of ``n`` providers in the template's workbook (its headers, its sheets), each
    with one FL license and one CE credit; row ``bad_row`` of Licenses gets an impossible date."""
    wb = openpyxl.load_workbook(template)
    for ws in (wb[s] for s in ("Providers", "Licenses", "CE", "Applications")):
        ws.delete_rows(2, ws.max_row)  # the example rows
    for i in range(n):
        key = [npi(i), f"Pat Provider{i:03d}", date(1970 + i % 30, 1 + i % 12, 1 + i % 28)]
        wb["Providers"].append(key + ["LMT", "massage-therapist"])
        wb["Licenses"].append(key + ["FL", f"MA{10000 + i}", "LMT", date(2024, 9, 1),
                                     date(2027, 8, 31)])
        wb["CE"].append(key + [date(2026, 3, 14), 3, "ethics", "online", "Ethics"])
    if bad_row:
        wb["Licenses"].cell(row=bad_row, column=8).value = "2027-02-30"
    wb.save(out)
    return out


@pytest.fixture
def template(cli, tmp_path):
    path = tmp_path / "template.xlsx"
    assert cli("roster", "template", path).code == 0
    return path


def test_template_has_headers_lists_and_an_example_row(template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["Providers", "Licenses", "Documents", "CE", "Applications", "Lists"]
    assert headers(template, "Licenses")[:8] == ["NPI", "Name", "Birth date", "State", "Number",
                                                 "Credential", "Issued", "Expires"]
    lic = wb["Licenses"]
    assert lic["D2"].value == "FL"  # the example row
    formulas = {dv.formula1: str(dv.sqref) for dv in lic.data_validations.dataValidation}
    states = [c.value for c in wb["Lists"]["A"][1:] if c.value]
    assert len(states) == 51 and "DC" in states and "WY" in states
    assert formulas == {"=Lists!$A$2:$A$52": "D2:D2000"}
    kinds = {dv.formula1 for dv in wb["Documents"].data_validations.dataValidation}
    statuses = {dv.formula1 for dv in wb["Applications"].data_validations.dataValidation}
    assert "=Lists!$B$2:$B$18" in kinds  # 17 document kinds
    assert "=Lists!$E$2:$E$8" in statuses  # 7 application statuses


def test_the_example_row_is_refused(cli, template, home):
    r = cli("roster", "import", template)
    assert_clean_error(r)
    assert "sheet Providers, row 2, column NPI (A)" in r.err and "example row" in r.err
    assert not (home / "practice.json").exists()


def test_300_providers_import_and_reimport_changes_nothing(cli, template, tmp_path, home):
    path = practice_workbook(template, tmp_path / "practice.xlsx")
    r = cli("roster", "import", path)
    assert r.code == 0, r.err
    assert "300 provider(s) added" in r.out
    app = Credtrack(home)
    assert len(app.store.entries()) == 300
    p = app.store.read(app.store.entries()[0].id).records()
    assert [(x.state, x.expires) for x in p.licenses] == [("FL", date(2027, 8, 31))]
    before = app.export_data()
    again = cli("roster", "import", path, "--json")
    assert again.json()["changes"] == 0 and again.json()["providers_added"] == 0
    assert Credtrack(home).export_data() == before


def test_a_bad_date_in_row_117_names_sheet_row_and_column_and_writes_nothing(
        cli, template, tmp_path, home):
    good = practice_workbook(template, tmp_path / "good.xlsx", n=120)
    assert cli("roster", "import", good).code == 0
    app = Credtrack(home)
    before = app.export_data()
    # the same practice with a changed license, an added provider, and one bad date
    bad = practice_workbook(template, tmp_path / "bad.xlsx", n=121, bad_row=117)
    wb = openpyxl.load_workbook(bad)
    wb["Licenses"]["H3"].value = date(2028, 8, 31)
    wb.save(bad)
    r = cli("roster", "import", bad)
    assert_clean_error(r)
    assert "sheet Licenses, row 117, column Expires (H): not a date" in r.err
    assert "2027-02-30" not in r.err
    assert Credtrack(home).export_data() == before


def test_update_and_dry_run(cli, template, tmp_path, home):
    path = practice_workbook(template, tmp_path / "p.xlsx", n=3)
    assert cli("roster", "import", path).code == 0
    wb = openpyxl.load_workbook(path)
    wb["Licenses"]["H2"].value = date(2029, 8, 31)  # provider 0's license
    wb["Providers"].append([None, "New Person", date(1990, 1, 1)])
    wb.save(path)
    before = Credtrack(home).export_data()
    dry = cli("roster", "import", path, "--dry-run")
    assert dry.code == 0
    assert dry.out.splitlines()[:2] == ["would add provider New Person",
                                        "would update FL license of Pat Provider000: expires"]
    assert Credtrack(home).export_data() == before
    assert cli("roster", "import", path).code == 0
    app = Credtrack(home)
    pid = next(e.id for e in app.store.entries() if e.name == "Pat Provider000")
    assert [x.expires for x in app.store.read(pid).all(License)] == [date(2029, 8, 31)]
    assert len(app.store.entries()) == 4


def test_rows_are_matched_by_name_and_birth_date_without_npi(cli, tmp_path, home):
    prov = tmp_path / "r.csv"
    prov.write_text("Name,Birth date,Email\nDana Reyes,1980-05-01,dana@example.org\n")
    (tmp_path / "r.licenses.csv").write_text(
        "Name,Birth date,State,Number,Expires\n dana  REYES ,1980-05-01,TX,123,2027-01-31\n")
    assert cli("roster", "import", prov).code == 0
    app = Credtrack(home)
    [e] = app.store.entries()
    assert [(x.state, x.number) for x in app.store.read(e.id).all(License)] == [("TX", "123")]
    # another birth date is another provider: the license row names no known provider
    (tmp_path / "r.licenses.csv").write_text(
        "Name,Birth date,State,Number\nDana Reyes,1980-05-02,TX,124\n")
    r = cli("roster", "import", prov)
    assert_clean_error(r)
    assert "r.licenses.csv, row 2, column Name (A): no such provider" in r.err


def test_export_roundtrip_in_csv_and_xlsx(cli, tmp_path, home):
    cli("init", "--name", "Dana Reyes", "--npi", npi(7), "--birth-date", "1980-05-01")
    cli("license", "add", "--state", "FL", "--number", "MA1", "--expires", "2027-08-31")
    cli("ce", "add", "--hours", "2", "--subject", "ethics", "--completed", "2026-01-05")
    # three credits with one key (date, subject, hours, course): each row is its own record
    for delivery in ("--online", "--self-study", "--online"):
        cli("ce", "add", "--hours", "1", "--subject", "general", "--completed", "2026-02-05",
            delivery)
    cli("apply", "aetna", "--force")
    before = Credtrack(home).export_data()
    for name in ("out.xlsx", "out.csv"):
        assert cli("roster", "export", tmp_path / name).code == 0
        r = cli("roster", "import", tmp_path / name)
        assert "nothing to change" in r.out, r.out
    assert Credtrack(home).export_data() == before
    rows = list(csv.reader((tmp_path / "out.applications.csv").open()))
    assert rows[1][:4] == [npi(7), "Dana Reyes", "1980-05-01", "aetna"]
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o600
    again = cli("roster", "export", tmp_path / "out.xlsx")
    assert_clean_error(again)
