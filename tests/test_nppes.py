"""NPPES prefill and cross-check, on the saved responses in ../shared/reference."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from conftest import assert_clean_error

# a copy of ../shared/reference/nppes-examples.json, so a clean clone runs it too
REFERENCE = Path(__file__).resolve().parent / "data" / "nppes-examples.json"


@pytest.fixture
def saved(tmp_path):
    """Each example's response, saved as the API returned it: saved(2) -> path."""
    examples = {e["id"]: e["response"] for e in json.loads(REFERENCE.read_text())["examples"]}

    def write(n: int, change=None) -> Path:
        data = json.loads(json.dumps(examples[n]))
        if change:
            change(data)
        path = tmp_path / f"nppes-{n}.json"
        path.write_text(json.dumps(data))
        return path

    return write


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("network access without --online")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return calls


def test_v21_shape_fills_the_profile(cli, saved, no_network):
    r = cli("provider", "add", "--from-nppes", saved(2), "--json")
    assert r.code == 0, r.err
    p = r.json()
    assert (p["name"], p["npi"], p["credentials"], p["taxonomy"]) == \
        ("Neeti Bhatia Goel", "1003802901", "MD", "2085R0202X")
    assert p["address"] == "629D LOWTHER RD, LEWISBERRY, PA 17339-9527"
    assert p["locations"] == ["629D LOWTHER RD, LEWISBERRY, PA 17339-9527"]
    assert p["phone"] == "717-932-5200"
    assert p["registry"]["found"] and not p["registry"]["deactivated"]
    assert no_network == []


def test_older_shape_with_an_integer_number(cli, saved, no_network):
    r = cli("provider", "add", "--from-nppes", saved(3), "--json")
    assert r.code == 0, r.err
    p = r.json()
    assert (p["name"], p["npi"], p["credentials"], p["taxonomy"]) == \
        ("Brij Mohan", "1689872012", "M.D.", "208600000X")  # the primary taxonomy (NY)
    assert p["address"] == "191 N LEHIGH AVE, CRANFORD, NJ 07016-3040"
    assert p["locations"] == ["68 HARRIS BUSHVILLE RD, MONTICELLO, NY 12701-3027"]
    # options given win over the file
    r = cli("provider", "add", "--from-nppes", saved(3), "--name", "Brij Mohan Jr", "--json")
    assert r.json()["name"] == "Brij Mohan Jr"
    assert no_network == []


def test_several_results_need_an_npi_and_bad_answers_are_refused(cli, saved, no_network):
    assert_clean_error(cli("provider", "add", "--from-nppes", saved(4)))
    r = cli("provider", "add", "--from-nppes", saved(4), "--npi", "1497758122", "--json")
    assert r.code == 0 and r.json()["name"] == "John Michael Smith"
    for n, words in ((1, "organization"), (5, "Wildcards"), (6, "no record")):
        r = cli("provider", "add", "--from-nppes", saved(n))
        assert_clean_error(r)
        assert words in r.err
    assert no_network == []


def mismatches(cli):
    return [f["message"] for f in cli("status", "--json").json()["findings"]
            if f["code"] == "nppes-mismatch"]


def test_a_changed_license_number_gives_nppes_mismatch(cli, saved, no_network):
    assert cli("provider", "add", "--from-nppes", saved(2), "--use").code == 0
    assert cli("license", "add", "--state", "PA", "--number", "MD424020",
               "--expires", "2027-10-31").code == 0
    assert mismatches(cli) == []
    changed = saved(2, lambda d: d["results"][0]["taxonomies"][0].update(license="MD999999"))
    assert cli("provider", "nppes", "--from", changed).code == 0
    found = mismatches(cli)
    assert found == ["the PA license number differs from the NPI Registry's"]
    assert "MD999999" not in " ".join(found)


def test_deactivated_or_missing_npi_and_taxonomy(cli, saved, no_network):
    assert cli("provider", "add", "--from-nppes", saved(2), "--use").code == 0
    inactive = saved(2, lambda d: d["results"][0]["basic"].update(status="D"))
    assert cli("provider", "nppes", "--from", inactive).code == 0
    assert "the NPI Registry shows the NPI as deactivated" in mismatches(cli)
    assert cli("provider", "nppes", "--from", saved(6)).code == 0
    assert mismatches(cli) == ["the NPI is not in the NPI Registry: check the number, or "
                               "whether it was deactivated"]
    assert cli("provider", "nppes", "--from", saved(2)).code == 0
    assert cli("provider", "edit", "--taxonomy", "225700000X").code == 0
    assert sorted(mismatches(cli)) == ["the NPI Registry lists a PA license that credtrack "
                                       "has no record of", "the taxonomy code 225700000X is "
                                       "not among the registry's (2085R0202X)"]
    severities = {f["severity"] for f in cli("status", "--json").json()["findings"]
                  if f["code"] == "nppes-mismatch"}
    assert severities == {"warning"}


def test_online_is_the_only_way_to_the_network(cli, saved, monkeypatch, no_network):
    from credtrack import nppes

    body = json.loads(saved(2).read_text())
    asked = []

    def fake_fetch(npi, timeout=15.0):
        asked.append(npi)
        return body

    monkeypatch.setattr(nppes, "fetch", fake_fetch)
    r = cli("provider", "add", "--npi", "1003802901")  # no --online, no file: a plain add
    assert_clean_error(r)  # needs --name
    r = cli("provider", "add", "--npi", "1003802901", "--name", "Neeti Goel", "--json")
    assert r.code == 0 and r.json()["registry"] == {} and r.json()["taxonomy"] == "225700000X"
    assert_clean_error(cli("provider", "nppes", "neeti-goel"))  # a file or --online
    assert asked == []
    r = cli("provider", "add", "--npi", "1003802901", "--online", "--name", "N. Goel",
            "--json")
    assert r.code == 0 and r.json()["registry"]["source"] == "NPI Registry API"
    assert asked == ["1003802901"] and no_network == []


def test_fetch_builds_the_registry_query(monkeypatch):
    from credtrack import nppes

    seen = []

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def read(self, n):
            return b'{"result_count": 0, "results": []}'

    def urlopen(url, timeout):
        seen.append(url)
        return Answer()

    import urllib.request

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    assert nppes.fetch("1003802901") == {"result_count": 0, "results": []}
    assert seen == ["https://npiregistry.cms.hhs.gov/api/?version=2.1&number=1003802901"]


def test_a_known_taxonomy_sets_the_provider_type(cli, saved, no_network):
    def lmt(d):
        d["results"][0]["taxonomies"][0].update(code="225700000X", desc="Massage Therapist")

    p = cli("provider", "add", "--from-nppes", saved(2, lmt), "--json").json()
    assert (p["taxonomy"], p["provider_type"]) == ("225700000X", "massage-therapist")

    def pt(d):
        d["results"][0]["taxonomies"][0].update(code="225100000X", desc="Physical Therapist")

    p = cli("provider", "add", "--from-nppes", saved(2, pt), "--npi", "1003802901",
            "--json").json()
    assert (p["taxonomy"], p["provider_type"]) == ("225100000X", "physical-therapist")


def test_a_fifo_is_refused_not_read(cli, tmp_path):
    import os

    fifo = tmp_path / "answer.json"
    os.mkfifo(fifo)
    for args in (("provider", "add", "--from-nppes", fifo), ("screen", "--leie", fifo),
                 ("roster", "import", fifo)):
        r = cli(*args)
        assert r.code == 2 and "credtrack: error:" in r.err, (args, r.err)
