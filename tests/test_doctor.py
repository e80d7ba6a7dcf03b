"""credtrack doctor: finds what is wrong by name, repairs only what is safe, asks first."""

from __future__ import annotations

import json
import os
import stat
import time

import pytest

from conftest import assert_clean_error
from credtrack.demo import sample_pdf


@pytest.fixture
def desk(cli, home, tmp_path):
    """Two providers, a document each, a few writes (so there are backups)."""
    cli("init", "--name", "Dana Reyes", "--npi", "1234567893")
    cli("provider", "add", "--name", "Sam Lee")
    files = {}
    for name, content in (("w9.pdf", sample_pdf("w9", [os.urandom(32).hex()])),
                          ("coi.pdf", sample_pdf("coi", [os.urandom(32).hex()]))):
        path = tmp_path / name
        path.write_bytes(content)
        files[name] = path
    w9 = cli("doc", "add", "w9", files["w9.pdf"], "--json").json()
    coi = cli("doc", "add", "liability-coi", files["coi.pdf"], "--json").json()
    cli("doc", "add", "w9", files["w9.pdf"], "--provider", "sam-lee")
    for i in range(3):
        cli("ce", "add", "--hours", "1", "--subject", "general", "--completed", "2026-01-01",
            "--course", f"c{i}")
    return {"w9": w9, "coi": coi}


def problems(cli, *args) -> list[dict]:
    r = cli("doctor", "--json", *args)
    assert r.code in (0, 1), r.err
    return r.json()["problems"]


def codes(cli) -> set[str]:
    return {p["code"] for p in problems(cli) if p["severity"] != "info"}


def test_a_healthy_data_dir(cli, home, desk):
    r = cli("doctor")
    assert r.code == 0 and r.out.strip().endswith("healthy"), r.out
    report = cli("doctor", "--json").json()
    assert report["healthy"] and report["checked"]["provider_files"] == 2
    assert report["checked"]["documents"] == 3 and report["checked"]["vault_files"] == 2


def test_no_data_dir_yet(cli, home):
    r = cli("doctor")
    assert r.code == 0 and "nothing to check" in r.out
    assert not home.exists()  # looking created nothing


def test_a_tampered_and_a_missing_vault_file_are_named(cli, home, desk):
    tampered = home / desk["w9"]["vault_path"]
    tampered.write_bytes(tampered.read_bytes() + b"x")
    missing = home / desk["coi"]["vault_path"]
    missing.unlink()
    r = cli("doctor")
    assert r.code == 1
    lines = r.out.splitlines()
    bad = [l for l in lines if l.startswith("ERROR vault-file-tampered")]
    gone = [l for l in lines if l.startswith("ERROR vault-file-missing")]
    # the w9 file is shared by both providers' records: each record is named
    assert len(bad) == 2 and all(desk["w9"]["vault_path"] in l and "w9.pdf" in l for l in bad)
    assert any(desk["w9"]["id"] in l for l in bad)
    assert len(gone) == 1 and desk["coi"]["vault_path"] in gone[0]
    assert desk["coi"]["id"] in gone[0] and "coi.pdf" in gone[0]
    assert "3 errors, 0 warnings" in r.out
    assert cli("doctor", "--repair", "--yes").code == 1  # nothing doctor can do about them
    assert tampered.exists()  # and it did not try


def test_orphans_temps_and_permissions_are_repaired_after_asking(cli, home, desk):
    orphan = home / "vault" / "ab" / ("ab" + "0" * 62)
    orphan.parent.mkdir(mode=0o700, exist_ok=True)
    orphan.write_bytes(b"left by a killed doc add")
    orphan.chmod(0o600)
    fresh = home / "vault" / "ab" / ("ab" + "1" * 62)  # a doc add may be under way
    fresh.write_bytes(b"just copied in")
    fresh.chmod(0o600)
    os.utime(orphan, (time.time() - 2 * 86400, time.time() - 2 * 86400))  # past the grace
    temp = home / "providers" / ".dana-reyes.json.999999.1.tmp"
    temp.write_bytes(b"{")
    os.utime(temp, (time.time() - 7200, time.time() - 7200))
    (home / "practice.json").chmod(0o644)
    (home / "backups").chmod(0o755)
    assert codes(cli) == {"vault-orphan", "stale-temp", "permissions"}
    refused = cli("doctor", "--repair")
    assert_clean_error(refused, 2)
    assert "--yes" in refused.err and orphan.exists() and temp.exists()
    r = cli("doctor", "--repair", "--yes")
    assert r.code == 0, r.out
    assert "repaired:" in r.out and r.out.strip().endswith("healthy")
    assert not orphan.exists() and not temp.exists()
    # an orphan is set aside, never deleted; one inside the grace period is not touched
    assert (home / "quarantine" / orphan.name).read_bytes() == b"left by a killed doc add"
    assert fresh.read_bytes() == b"just copied in"
    assert stat.S_IMODE((home / "practice.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "backups").stat().st_mode) == 0o700


def test_orphans_are_kept_while_a_provider_file_is_unreadable(cli, home, desk):
    path = home / "providers" / "dana-reyes.json"
    path.write_bytes(b"{not json")  # its documents now look unreferenced, and are not
    found = problems(cli)
    assert {p["code"] for p in found if p["severity"] == "info"} >= {"vault-unreferenced"}
    assert "vault-orphan" not in {p["code"] for p in found}
    assert cli("doctor", "--repair", "--yes").code == 0
    assert (home / desk["coi"]["vault_path"]).exists()
    assert {d["id"] for d in cli("doc", "list", "--json").json()} >= {desk["w9"]["id"]}


def test_a_corrupt_provider_file_is_restored_and_kept(cli, home, desk):
    path = home / "providers" / "dana-reyes.json"
    path.write_bytes(b"\0" * 100)
    found = [p for p in problems(cli) if p["code"] == "corrupt-file"]
    assert found and found[0]["path"] == "providers/dana-reyes.json"
    assert "backups/dana-reyes/" in found[0]["repair"]
    r = cli("doctor", "--repair", "--yes")
    assert r.code == 0 and "restored providers/dana-reyes.json" in r.out
    assert [p.read_bytes() for p in (home / "backups" / "dana-reyes").glob("*.corrupt")] \
        == [b"\0" * 100]
    assert len(cli("ce", "list", "--json").json()) == 2  # the version before the last write


def test_a_missing_index_is_rebuilt_with_every_provider(cli, home, desk):
    cli("provider", "use", "sam-lee")
    cli("provider", "add", "--name", "Ann Park")  # listed only in the index just deleted
    (home / "practice.json").unlink()
    r = cli("status")
    assert_clean_error(r, 1)
    assert "practice.json is missing" in r.err
    assert cli("doctor", "--repair", "--yes").code == 0
    listed = cli("provider", "list", "--json").json()
    assert {p["id"] for p in listed} == {"dana-reyes", "sam-lee", "ann-park"}
    assert [p["id"] for p in listed if p["current"]] == ["sam-lee"]


def test_a_removal_cut_short_is_finished_not_undone(cli, home, desk):
    from credtrack.service import Credtrack
    from credtrack.fsio import keep_backup

    path = home / "providers" / "sam-lee.json"
    kept = keep_backup(path, home / "backups")  # the file went to backups/ ...
    with Credtrack(home).store.index_transaction() as index:  # ... and the index let go,
        index["providers"].pop("sam-lee")  # then the process died before deleting it
    assert codes(cli) == {"removed-provider"}
    assert cli("doctor", "--repair", "--yes").code == 0
    assert not path.exists() and kept.exists()
    assert {p["id"] for p in cli("provider", "list", "--json").json()} == {"dana-reyes"}


def test_an_addition_cut_short_is_listed(cli, home, desk):
    index = home / "practice.json"
    data = json.loads(index.read_bytes())
    data["providers"].pop("sam-lee")
    index.write_text(json.dumps(data))
    index.chmod(0o600)
    assert codes(cli) == {"unindexed-provider"}
    assert cli("doctor", "--repair", "--yes").code == 0
    assert {p["id"] for p in cli("provider", "list", "--json").json()} == {"dana-reyes",
                                                                          "sam-lee"}


def test_a_newer_schema_is_reported_and_left_alone(cli, home, desk):
    path = home / "providers" / "sam-lee.json"
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = 99
    path.write_text(json.dumps(data))
    raw = path.read_bytes()
    found = [p for p in problems(cli) if p["code"] == "newer-schema"]
    assert found and not found[0]["repair"]
    cli("doctor", "--repair", "--yes")
    assert path.read_bytes() == raw


def test_a_record_of_the_wrong_shape_is_named_by_field(cli, home, desk):
    path = home / "providers" / "dana-reyes.json"
    data = json.loads(path.read_bytes())
    row = next(iter(data["ce"].values()))
    row["hours"] = "twelve"
    path.write_text(json.dumps(data))
    found = [p for p in problems(cli) if p["code"] == "malformed-record"]
    assert found and found[0]["record"] == row["id"] and "'hours'" in found[0]["message"]
    assert "twelve" not in found[0]["message"]
    r = cli("ce", "list")
    assert_clean_error(r, 1)
    assert "malformed" in r.err and "'hours'" in r.err


def test_a_held_lock_is_reported(cli, home, desk):
    from filelock import FileLock

    with FileLock(str(home / "providers" / "dana-reyes.json.lock")):
        found = problems(cli)
    assert any(p["code"] == "locked" and p["severity"] == "info" for p in found)


def test_repair_never_deletes_a_record(cli, home, desk):
    before = cli("export", "-").json()
    (home / "practice.json").chmod(0o666)
    orphan = home / "vault" / "cd" / ("cd" + "1" * 62)
    orphan.parent.mkdir(mode=0o700, exist_ok=True)
    orphan.write_bytes(b"x")
    (home / "providers" / ".sam-lee.json.999999.2.tmp").write_bytes(b"{")
    assert cli("doctor", "--repair", "--yes").code == 0
    assert cli("export", "-").json() == before
