"""Issue 23: physical therapists and counselors. Expected values come from
shared/reference/professions.md (cited per test) and arithmetic done by hand."""

from __future__ import annotations

import pytest

from conftest import assert_clean_error


def _status(cli, as_of):
    return cli("status", "--json", "--as-of", as_of).json()


def _renewal(report, lic_id):
    return [d for d in report["deadlines"] if d["kind"] == "license-renewal"
            and d["subject"] == lic_id and not d["title"].startswith("File")]


@pytest.mark.parametrize("kind, hours", [("physical-therapist", 30),
                                         ("physical-therapist-assistant", 20)])
def test_texas_pt_and_pta(cli, kind, hours):
    """22 TAC 341.1(a): every two years by the end of the birth month; Tex. Occ. Code 453.251:
    not before the second anniversary. Issued 2025-05-10, born in August: the second anniversary
    is 2027-05-10, the next end of August 2027-08-31. 341.2(c): 30 CCUs (PT), 20 (PTA), with the
    jurisprudence module and a human-trafficking course."""
    cli("init", "--name", "Ana Ruiz", "--birth-date", "1985-08-20", "--type", kind)
    lic = cli("license", "add", "--state", "TX", "--number", "1234", "--issued", "2025-05-10",
              "--json").json()
    report = _status(cli, "2026-12-01")
    assert [d["date"] for d in _renewal(report, lic["id"])] == ["2027-08-31"]
    ce = [d for d in report["deadlines"] if d["kind"] == "ce-due"]
    assert [(d["date"], d["title"]) for d in ce] == [("2027-08-31", f"Texas CE due: {hours} h")]
    shortfall = next(f for f in report["findings"] if f["code"] == "ce-shortfall")
    assert "jurisprudence" in shortfall["message"] and "human-trafficking" in shortfall["message"]
    renewed = cli("license", "renew", lic["id"], "--json").json()
    assert renewed["expires"] == "2029-08-31"  # two years from the first expiry


def test_florida_pt(cli):
    """64B17-9.001 and the board's renewal page: November 30 of odd years; 24 hours including
    2 on medical errors; at most 12 self-paced. Issued 2026-02-01: the next odd-year Nov 30 is
    2027-11-30. 20 self-paced hours + 2 live medical-errors hours: 12 + 2 = 14 count, 10 owed."""
    cli("init", "--name", "Ana Ruiz", "--type", "physical-therapist")
    lic = cli("license", "add", "--state", "FL", "--issued", "2026-02-01", "--json").json()
    cli("ce", "add", "--hours", "20", "--subject", "general", "--completed", "2026-06-01",
        "--self-study")
    cli("ce", "add", "--hours", "2", "--subject", "medical-errors", "--completed", "2026-06-02")
    report = _status(cli, "2026-12-01")
    assert [d["date"] for d in _renewal(report, lic["id"])] == ["2027-11-30"]
    ce = cli("ce", "status", "--json", "--as-of", "2026-12-01").json()
    assert len(ce) == 1
    assert (ce[0]["required"], ce[0]["counted"], ce[0]["owed"]) == (24, 14, 10)
    assert ce[0]["missing_subjects"] == ["1 h hiv-aids"]  # the first renewal's HIV/AIDS hour


def test_washington_lmhc_annual_license_two_year_ce(cli):
    """WAC 246-809-990: annual renewal on the birthday; WAC 246-809-630: 36 hours every two
    years (secondary). Born 1980-05-03, issued 2025-01-10: the first birthday after issue is
    2025-05-03; a later license expiring 2027-05-03 has its CE counted over the two years
    2025-05-03..2027-05-03."""
    cli("init", "--name", "Ana Ruiz", "--birth-date", "1980-05-03", "--type", "counselor")
    first = cli("license", "add", "--state", "WA", "--issued", "2025-01-10", "--json").json()
    report = _status(cli, "2025-02-01")
    assert [d["date"] for d in _renewal(report, first["id"])] == ["2025-05-03"]
    renewed = cli("license", "renew", first["id"], "--json").json()
    assert renewed["expires"] == "2026-05-03"  # annual
    cli("license", "remove", first["id"], "--yes")
    lic = cli("license", "add", "--state", "WA", "--issued", "2020-01-10", "--expires",
              "2027-05-03", "--json").json()
    ce = cli("ce", "status", "--json", "--as-of", "2026-12-01").json()
    mine = next(p for p in ce if p["license"] == lic["id"])
    assert (mine["period_start"], mine["period_end"], mine["required"]) == \
        ("2025-05-03", "2027-05-03", 36)
    shown = cli("states", "show", "WA", "--profession", "lmhc").out
    assert "every year on the practitioner's birthday" in shown and "36 hours" in shown


def test_a_pt_compact_privilege_follows_its_home_license(cli):
    """Compact section 4(b): valid until the home license expires; lapses with it."""
    cli("init", "--name", "Ana Ruiz", "--birth-date", "1985-08-20", "--type",
        "physical-therapist")
    home = cli("license", "add", "--state", "TX", "--issued", "2025-05-10", "--json").json()
    priv = cli("license", "add", "--state", "WA", "--privilege-of", home["id"], "--json")
    assert priv.code == 0, priv.err
    priv = priv.json()
    report = _status(cli, "2026-12-01")
    assert [d["date"] for d in _renewal(report, priv["id"])] == ["2027-08-31"]
    assert "home license" in _renewal(report, priv["id"])[0]["rule"]
    assert not [p for p in cli("ce", "status", "--json", "--as-of", "2026-12-01").json()
                if p["license"] == priv["id"]]  # CE follows the home state

    lapsed = _status(cli, "2027-09-15")
    assert [f["code"] for f in lapsed["findings"] if f["subject"] == priv["id"]
            and f["severity"] == "error"] == ["privilege-lapsed"]
    cli("license", "renew", home["id"])  # the home license moves to 2029-08-31
    moved = _status(cli, "2027-09-15")
    assert [d["date"] for d in _renewal(moved, priv["id"])] == ["2029-08-31"]
    assert not [f for f in moved["findings"] if f["code"] == "privilege-lapsed"]
    assert_clean_error(cli("license", "renew", priv["id"]))  # it renews with the home license

    own = cli("license", "add", "--state", "CO", "--privilege-of", home["id"], "--expires",
              "2026-12-31", "--json").json()
    assert [d["date"] for d in _renewal(_status(cli, "2026-12-01"), own["id"])] == ["2026-12-31"]
    cli("license", "edit", home["id"], "--encumbered")
    lost = _status(cli, "2026-12-01")
    assert {f["subject"] for f in lost["findings"] if f["code"] == "privilege-lost"} == \
        {priv["id"], own["id"]}


def test_a_privilege_needs_a_home_license_elsewhere(cli):
    cli("init", "--name", "Ana Ruiz", "--type", "physical-therapist")
    home = cli("license", "add", "--state", "TX", "--expires", "2027-08-31", "--json").json()
    assert_clean_error(cli("license", "add", "--state", "TX", "--privilege-of", home["id"]))
    assert_clean_error(cli("license", "add", "--state", "WA", "--privilege-of", "lic-nope"))
    assert len(cli("license", "list", "--json").json()) == 1


def test_medicare_enrollment_and_apply_per_profession(cli):
    """42 CFR 424.515: revalidation every 5 years; enrolled 2022-03-01 -> 2027-03-01."""
    cli("init", "--name", "Ana Ruiz", "--type", "physical-therapist")
    assert cli("medicare", "enroll", "--date", "2022-03-01").code == 0
    report = _status(cli, "2026-12-01")
    reval = [d for d in report["deadlines"] if d["kind"] == "medicare-revalidation"]
    assert [d["date"] for d in reval] == ["2027-03-01"]
    assert "424.515" in reval[0]["source"] and reval[0]["confidence"] == "secondary"
    # posted about 7 months ahead: from 2026-08-01 on, look the date up and enter it
    assert [f["code"] for f in report["findings"]
            if f["code"].startswith("medicare")] == ["medicare-revalidation-posted"]
    cli("medicare", "change", "--kind", "location", "--date", "2026-11-20")
    report = _status(cli, "2026-12-01")
    change = [d for d in report["deadlines"] if d["kind"] == "medicare-change-report"]
    assert [d["date"] for d in change] == ["2026-12-20"]  # 30 days for a location change
    applied = cli("apply", "medicare")
    assert applied.code == 0, applied.err

    cli("provider", "add", "--name", "Lee Park", "--use")
    assert cli("apply", "medicare").code == 1  # a massage therapist: no, without --force
    assert cli("medicare", "enroll", "--date", "2022-03-01").code == 1
