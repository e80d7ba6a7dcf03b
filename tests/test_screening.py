"""Exclusion screening (credtrack screen) against LEIE-format files written here."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest

from conftest import assert_clean_error

HEADER = ("LASTNAME,FIRSTNAME,MIDNAME,BUSNAME,GENERAL,SPECIALTY,UPIN,NPI,DOB,ADDRESS,CITY,"
          "STATE,ZIP,EXCLTYPE,EXCLDATE,REINDATE,WAIVERDATE,WVRSTATE")


def leie_row(last="", first="", npi="0000000000", dob="", excl="20200115", rein="00000000",
             bus=""):
    cells = [last, first, "", bus, "", "", "", npi, dob, "1 MAIN ST", "TAMPA", "FL", "33601",
             "1128b4", excl, rein, "00000000", ""]
    return ",".join(f'"{c}"' for c in cells)


def write_leie(path, rows):
    path.write_bytes(("\r\n".join(['"' + HEADER.replace(",", '","') + '"', *rows]) + "\r\n")
                     .encode())
    return path


@pytest.fixture
def practice(cli):
    for args in (("--name", "Dana Reyes", "--npi", "1003802901", "--birth-date", "1980-05-01"),
                 ("--name", "Sam Okafor", "--birth-date", "1975-01-02"),
                 ("--name", "Lee Kim", "--birth-date", "1990-03-03"),
                 ("--name", "Rosa Silva", "--birth-date", "1982-07-07"),
                 ("--name", "Ana Novak", "--birth-date", "1979-09-09",
                  "--former-name", "Ana Lopez")):
        assert cli("provider", "add", *args).code == 0


def test_one_excluded_one_possible_match_one_cleared_none_reinstated(cli, practice, tmp_path):
    leie = write_leie(tmp_path / "UPDATED.csv", [
        leie_row("REYES", "DONNA", npi="1003802901", dob="19600101"),  # NPI: excluded
        leie_row("OKAFOR", "SAM", dob="19750102"),  # name + same birth date: possible match
        leie_row("KIM", "LEE", dob="19910303"),  # name, another birth date: cleared
        leie_row("SILVA", "ROSA", dob="19820707", rein="20230301"),  # reinstated: ignored
        leie_row(bus="1 BEST CARE, INC"),  # a business
    ])
    r = cli("screen", "--leie", leie, "--date", "2026-11-03", "--json")
    assert r.code == 0, r.err
    receipt = r.json()
    assert receipt["counts"] == {"excluded": 1, "possible-match": 1, "cleared": 1}
    outcomes = {(m["provider"], m["outcome"]) for m in receipt["matches"]}
    assert outcomes == {("dana-reyes", "excluded"), ("sam-okafor", "possible-match"),
                        ("lee-kim", "cleared")}
    cleared = next(m for m in receipt["matches"] if m["outcome"] == "cleared")
    assert cleared["reason"] == "the name matches but the birth date differs"
    [source] = receipt["sources"]
    assert source["sha256"] == hashlib.sha256(leie.read_bytes()).hexdigest()
    assert (source["file"], source["rows"], source["not_counted"]) == ("UPDATED.csv", 5, 1)
    assert receipt["screened"] == 5 and receipt["version"]

    status = cli("status", "--all", "--as-of", "2026-11-10", "--json").json()
    codes = [(f["provider"], f["code"], f["severity"]) for f in status["findings"]
             if f["code"] in ("excluded", "possible-match")]
    assert sorted(codes) == [("dana-reyes", "excluded", "error"),
                             ("sam-okafor", "possible-match", "warning")]
    due = [d for d in status["deadlines"] if d["kind"] == "screening-due"]
    assert {d["date"] for d in due} == {"2026-12-03"}  # 30 days after 2026-11-03
    assert len(due) == 5
    text = cli("screen", "receipt").out
    assert source["sha256"] in text and "1 excluded, 1 possible-match, 1 cleared" in text
    assert "Lee Kim (lee-kim): LEIE line 4; the name matches but the birth date differs" in text


def test_former_names_are_searched_and_the_next_run_replaces_the_findings(cli, practice,
                                                                          tmp_path):
    leie = write_leie(tmp_path / "a.csv", [leie_row("LOPEZ", "ANA", dob="19790909")])
    r = cli("screen", "--leie", leie, "--date", "2026-10-01", "--json").json()
    assert [(m["provider"], m["outcome"]) for m in r["matches"]] == [("ana-novak",
                                                                       "possible-match")]
    overdue = cli("status", "--all", "--as-of", "2026-11-05", "--fail-on", "overdue",
                  "--kind", "screening")
    assert overdue.code == 3 and "screening-overdue" in overdue.out
    clean = write_leie(tmp_path / "b.csv", [])
    assert cli("screen", "--leie", clean, "--date", "2026-11-05").code == 0
    status = cli("status", "--all", "--as-of", "2026-11-06", "--json").json()
    assert not [f for f in status["findings"] if f["code"] in ("possible-match",
                                                                "screening-overdue")]
    listing = cli("screen", "receipts", "--json").json()
    assert [x["date"] for x in listing] == ["2026-11-05", "2026-10-01"]


def test_a_sam_extract_name_match_is_possible_without_birth_dates(cli, practice, tmp_path):
    leie = write_leie(tmp_path / "l.csv", [])
    sam = tmp_path / "sam.csv"
    sam.write_text("Classification,Name,Prefix,First,Middle,Last,Suffix,Exclusion Type,"
                   "Active Date,Termination Date,NPI\n"
                   "Individual,,,Rosa,,Silva,,Ineligible,01/05/2024,Indefinite,\n"
                   "Individual,,,Lee,,Kim,,Ineligible,01/05/2020,01/05/2021,\n"
                   "Firm,ROSA SILVA LLC,,,,,,Ineligible,01/05/2024,Indefinite,\n")
    r = cli("screen", "--leie", leie, "--sam", sam, "--date", "2026-11-01", "--json").json()
    assert [(m["provider"], m["list"], m["outcome"]) for m in r["matches"]] == \
        [("rosa-silva", "sam", "possible-match")]
    assert [s["list"] for s in r["sources"]] == ["leie", "sam"]
    assert r["sources"][1]["not_counted"] == 1  # the ended exclusion


def test_not_an_leie_file_is_bad_input(cli, practice, tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b,c\n1,2,3\n")
    r = cli("screen", "--leie", bad)
    assert_clean_error(r)
    assert "not an LEIE file" in r.err
    assert_clean_error(cli("screen", "--leie", tmp_path / "missing.csv"))
    assert cli("screen", "receipts").out.startswith("no screening yet")


def test_receipts_survive_an_export_and_import(cli, practice, tmp_path, monkeypatch):
    leie = write_leie(tmp_path / "UPDATED.csv", [leie_row("KIM", "LEE", dob="19910303")])
    first = cli("screen", "--leie", leie, "--date", "2026-11-03", "--json").json()
    assert cli("export", tmp_path / "all.json").code == 0
    monkeypatch.setenv("CREDTRACK_HOME", str(tmp_path / "other"))
    assert cli("import", tmp_path / "all.json").code == 0
    again = cli("screen", "receipt", "--json").json()
    assert again == first


def test_receipts_survive_a_backup_and_restore(cli, practice, tmp_path, monkeypatch):
    leie = write_leie(tmp_path / "UPDATED.csv", [leie_row("KIM", "LEE", dob="19910303")])
    first = cli("screen", "--leie", leie, "--date", "2026-11-03", "--json").json()
    assert cli("backup", tmp_path / "all.tar").code == 0
    monkeypatch.setenv("CREDTRACK_HOME", str(tmp_path / "other"))
    assert cli("restore", tmp_path / "all.tar").code == 0
    assert cli("screen", "receipt", "--json").json() == first
