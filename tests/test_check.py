"""Issue 17: 'credtrack check', cross-document consistency before a packet goes out. Findings
name both documents and never print an identifier in full."""

from __future__ import annotations

import pytest

from conftest import assert_clean_error
from credtrack.compliance.consistency import compare_names, normal_address, parse_name
from credtrack.demo import sample_pdf

AS_OF = "2026-11-22"


@pytest.fixture
def dana(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CREDTRACK_TODAY", AS_OF)
    assert cli("init", "--name", "Dana Reyes", "--npi", "1234567893", "--tin",
               "12-3456789").code == 0
    cli("provider", "edit", "--address", "12 Palm Ave, Tampa, FL 33602")
    cli("license", "add", "--state", "FL", "--number", "MA43221", "--expires", "2027-08-31")
    return tmp_path


def pdf(folder, name):
    path = folder / name
    path.write_bytes(sample_pdf(name, ["x"]))
    return path


def check(cli, *args):
    result = cli("check", *args, "--json")
    assert result.code in (0, 1), result.err
    return result.code, result.json()


def test_names_normalised_middle_name_warns_surname_errs(cli, dana):
    cli("doc", "add", "w9", pdf(dana, "w9.pdf"), "--name-as-printed", "Dana M Reyes LLC")
    cli("doc", "add", "liability-coi", pdf(dana, "coi.pdf"), "--named-insured", "DANA REYES",
        "--expires", "2027-06-30")
    code, found = check(cli)
    names = [f for f in found if f["code"] == "name-mismatch"]
    assert code == 0  # warnings only
    assert len(names) == 1, names
    assert names[0]["severity"] == "warning"
    message = names[0]["message"]
    assert "W-9 (w9.pdf)" in message and "(coi.pdf)" in message  # both documents named
    assert "Dana M Reyes LLC" in message and "middle name" in message
    # a license copy printed for another surname: an error, and 'check' exits 1
    cli("doc", "add", "license", pdf(dana, "fl.pdf"), "--state", "FL", "--name-as-printed",
        "Dana M. Ortiz")
    code, found = check(cli)
    errors = [f for f in found if f["code"] == "name-mismatch" and f["severity"] == "error"]
    assert code == 1 and errors
    assert all("surname" in f["message"] for f in errors)
    assert any("License copy (FL) (fl.pdf)" in f["message"] for f in errors)
    text = cli("check")
    assert text.code == 1 and "error   name-mismatch" in text.out


def test_name_normalisation_rules():
    def cmp(a, b):
        return compare_names(parse_name(a), parse_name(b))

    assert cmp("Dana M. Reyes, LMT", "dana m reyes") is None  # case, punctuation, credential
    assert cmp("Reyes, Dana Maria", "Dana M Reyes") is None  # "Last, First" and an initial
    assert cmp("Dana Reyes LLC", "Dana Reyes") is None  # a business suffix
    assert cmp("Dana M Reyes", "Dana J Reyes") == ("warning", "a different middle name")
    assert cmp("Dana M Reyes", "Dana Reyes") == ("warning",
                                                  "a middle name on one and not the other")
    assert cmp("Dana Reyes", "Dana Ortiz")[0] == "error"
    assert normal_address("12 Palm Avenue, Suite 4") == normal_address("12 palm ave ste 4")


def test_a_coi_expiring_during_the_payers_turnaround(cli, dana):
    # Optum's typical turnaround is 60 days (its plugin); submitted 2026-11-01
    app_id = cli("apply", "optum", "--date", "2026-10-15", "--json").json()["id"]
    cli("doc", "add", "liability-coi", pdf(dana, "coi.pdf"), "--expires", "2026-12-01")
    cli("app", "status", app_id, "submitted", "--date", "2026-11-01")
    _, found = check(cli, app_id)
    during = [f for f in found if f["code"] == "expires-during-review"]
    assert len(during) == 1, found
    assert "30 days after submission (2026-11-01)" in during[0]["message"]
    assert "60 days" in during[0]["message"] and "(coi.pdf)" in during[0]["message"]
    # one that outlasts the review (expires the day after 2026-11-01 + 60 = 2026-12-31) is fine
    cli("doc", "add", "liability-coi", pdf(dana, "coi-renewed.pdf"), "--expires", "2027-01-01")
    _, found = check(cli, app_id)
    assert [f for f in found if f["code"] == "expires-during-review"] == []
    # a packet build says what 'check' says, without stopping
    cli("doc", "add", "liability-coi", pdf(dana, "coi-short.pdf"), "--expires", "2026-12-15")
    built = cli("packet", "build", app_id, "--draft")
    assert built.code == 0, built.err
    assert "credtrack: warning: check: warning: the Liability insurance certificate " \
           "(coi-short.pdf) expires 2026-12-15" in built.err


def test_identifiers_are_compared_and_shown_masked(cli, dana):
    app_id = cli("apply", "optum", "--json").json()["id"]
    cli("doc", "add", "w9", pdf(dana, "w9.pdf"), "--tin", "98-7654321",
        "--address", "12 Palm Avenue, Tampa FL 33602")
    cli("doc", "add", "liability-coi", pdf(dana, "coi.pdf"), "--policy-number", "PL-0012345",
        "--expires", "2027-06-30", "--address", "400 Bay St, Tampa FL 33606")
    assert cli("app", "edit", app_id, "--policy-number", "PL-0099999", "--coi-expires",
               "2027-07-31").code == 0
    code, found = check(cli, app_id)
    by_code = {f["code"]: f for f in found}
    assert code == 1
    tin = by_code["tin-mismatch"]["message"]
    assert "ending 4321" in tin and "ending 6789" in tin and "your profile" in tin
    policy = by_code["policy-number-mismatch"]["message"]
    assert "ending 2345" in policy and "ending 9999" in policy
    assert "2027-06-30" in by_code["coi-expiry-mismatch"]["message"]
    assert "2027-07-31" in by_code["coi-expiry-mismatch"]["message"]
    # the W-9's address is the profile's (Avenue = Ave); the COI's is not
    addresses = [f for f in found if f["code"] == "address-mismatch"]
    assert len(addresses) == 1 and "(coi.pdf)" in addresses[0]["message"]
    said = cli("check", app_id).out + str(found)
    for full in ("987654321", "98-7654321", "123456789", "0012345", "0099999"):
        assert full not in said, full
    # the stated TIN is masked wherever the application is shown
    cli("app", "edit", app_id, "--tin", "55-5123456")
    for shown in (cli("app", "show", app_id, "--json").out, cli("app", "list", "--json").out,
                  cli("list", "application", "--json").out):
        assert "555123456" not in shown and "*****3456" in shown
    # the application states the W-9's TIN: that one is compared now
    assert cli("app", "edit", app_id, "--tin", "98-7654321").code == 0
    _, found = check(cli, app_id)
    assert "tin-mismatch" not in {f["code"] for f in found}
    assert_clean_error(cli("app", "edit", app_id, "--tin", "12"), 2)
    assert_clean_error(cli("app", "edit", app_id, "--coi-expires", "soon"), 2)


def test_documents_that_agree_give_nothing(cli, dana):
    cli("doc", "add", "w9", pdf(dana, "w9.pdf"), "--name-as-printed", "Reyes, Dana",
        "--tin", "123456789")
    result = cli("check")
    assert result.code == 0 and "nothing to fix" in result.out
