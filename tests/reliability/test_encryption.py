"""Encryption at rest: on disk nothing readable, every command still works with the passphrase,
and one clear line without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import assert_clean_error
from reliability.practice import IDS, seed

PASSPHRASE = "correct horse battery staple"
SECRETS = [IDS["npi"], IDS["tin"], IDS["birth_date"], IDS["caqh"], IDS["license_fl"],
           IDS["ref"], "Dana Reyes"]


@pytest.fixture
def encrypted(cli, home, tmp_path, monkeypatch):
    from credtrack import crypto

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**12)  # the key file records it
    ids = seed(home, tmp_path / "files")
    monkeypatch.setenv("CREDTRACK_PASSPHRASE", PASSPHRASE)
    before = cli("export", "-").json()
    r = cli("encryption", "enable")
    assert r.code == 0, r.err
    return ids, before


def _plaintext_files(home):
    from credtrack import crypto

    out = []
    for path in home.rglob("*"):
        if path.is_file() and path.suffix != ".lock" and path.name not in (
                crypto.KEYFILE, "calendar-state.json", "credtrack.ics") \
                and "packets" not in path.parts:
            if not crypto.is_sealed(path.read_bytes()):
                out.append(str(path.relative_to(home)))
    return out


def test_everything_kept_is_sealed_and_reads_back(cli, home, encrypted):
    ids, before = encrypted
    assert _plaintext_files(home) == []
    for path in home.rglob("*"):
        if path.is_file() and path.name != "encryption.json":
            data = path.read_bytes()
            for secret in SECRETS:
                assert secret.encode() not in data, (path, secret)
    key_file = json.loads((home / "encryption.json").read_text())
    assert key_file["kdf"]["name"] == "scrypt" and "wrapped_key" in key_file
    assert PASSPHRASE not in (home / "encryption.json").read_text()
    assert cli("export", "-").json() == before  # every record, as it was
    assert cli("status").code == 0
    assert cli("doctor").code == 0  # hashes checked through the encryption
    status = cli("encryption", "status", "--json").json()
    assert status["enabled"] and status["plaintext_files"] == 0 and status["sealed_files"] > 10


def test_new_writes_documents_and_packets_work_encrypted(cli, home, encrypted, tmp_path):
    ids, _ = encrypted
    from credtrack.demo import sample_pdf

    src = tmp_path / "cert.pdf"
    src.write_bytes(sample_pdf("CE certificate", ["SAMPLE", IDS["license_fl"]]))
    assert cli("ce", "add", "--hours", "2", "--subject", "general", "--completed",
               "2026-02-01", "--file", src).code == 0
    assert cli("license", "add", "--state", "TX", "--number", "TX55555", "--expires",
               "2028-01-31").code == 0
    assert _plaintext_files(home) == []
    built = cli("packet", "build", ids["draft"], "--draft", "--json")
    assert built.code == 0, built.err
    import pypdf

    reader = pypdf.PdfReader(built.json()["path"])
    assert len(reader.pages) > 4  # the attachments were opened and merged
    report = cli("doctor", "--json").json()
    assert report["healthy"], report["problems"]


def test_without_the_passphrase_one_line_and_nothing_changed(cli, home, encrypted,
                                                              monkeypatch):
    monkeypatch.delenv("CREDTRACK_PASSPHRASE")
    files = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    for args in (["status"], ["ce", "list"], ["provider", "list"],
                 ["ce", "add", "--hours", "1", "--subject", "general", "--completed",
                  "2026-01-01"]):
        r = cli(*args)
        assert_clean_error(r, 1)
        assert "CREDTRACK_PASSPHRASE" in r.err
    monkeypatch.setenv("CREDTRACK_PASSPHRASE", "not the passphrase")
    r = cli("status")
    assert_clean_error(r, 2)
    assert "wrong passphrase" in r.err
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file() and p.suffix != ".lock"} \
        == {p: b for p, b in files.items() if p.suffix != ".lock"}


def test_the_tui_stops_before_it_starts_without_the_passphrase(home, encrypted):
    env = {k: v for k, v in os.environ.items() if k != "CREDTRACK_PASSPHRASE"}
    proc = subprocess.run([sys.executable, "-m", "credtrack"], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "CREDTRACK_PASSPHRASE" in proc.stderr
    assert "Traceback" not in proc.stderr and "\x1b[" not in proc.stdout  # Textual never ran


def test_disable_and_change_the_passphrase(cli, home, encrypted, monkeypatch):
    ids, before = encrypted
    monkeypatch.setenv("CREDTRACK_NEW_PASSPHRASE", "another long passphrase")
    assert cli("encryption", "passphrase").code == 0
    r = cli("status")
    assert_clean_error(r, 2)  # the old one no longer opens it
    monkeypatch.setenv("CREDTRACK_PASSPHRASE", "another long passphrase")
    assert cli("status").code == 0
    r = cli("encryption", "disable")
    assert r.code == 0, r.err
    assert not (home / "encryption.json").exists()
    assert cli("encryption", "status", "--json").json()["sealed_files"] == 0
    monkeypatch.delenv("CREDTRACK_PASSPHRASE")
    assert cli("export", "-").json() == before


def test_enable_refuses_a_short_passphrase_and_needs_one(cli, home, monkeypatch):
    cli("init", "--name", "Dana Reyes")
    monkeypatch.setenv("CREDTRACK_PASSPHRASE", "short")
    r = cli("encryption", "enable")
    assert_clean_error(r, 2)
    assert not (home / "encryption.json").exists()
    monkeypatch.delenv("CREDTRACK_PASSPHRASE")
    r = cli("encryption", "enable")
    assert_clean_error(r, 1)
    assert "needs a passphrase" in r.err


def test_an_interrupted_enable_or_disable_reads_and_finishes(cli, home, encrypted, monkeypatch):
    """A file is sealed or not by its own header: a half-converted data dir reads, and running
    the command again finishes it (the kills themselves: harness.py 'encryption')."""
    ids, before = encrypted
    from credtrack.service import Credtrack

    app = Credtrack(home, entry_points=False)
    path = home / "providers" / f"{ids['provider']}.json"
    path.write_bytes(app.store.unseal(path.read_bytes(), path))  # as if cut short
    assert cli("export", "-").json() == before
    report = cli("doctor", "--json").json()
    assert [p["code"] for p in report["problems"] if p["severity"] != "info"] == \
        ["plaintext-file"]
    assert cli("encryption", "enable").code == 0
    assert _plaintext_files(home) == []
    os.replace(home / "encryption.json", home / "encryption-off.json")  # a disable cut short
    assert cli("export", "-").json() == before
    assert cli("encryption", "disable").code == 0
    assert cli("encryption", "status", "--json").json()["sealed_files"] == 0


def test_status_on_a_plain_store_does_not_load_cryptography(home, cli):
    from test_cli_basics import imported_modules

    cli("init", "--name", "Dana Reyes")
    mods = imported_modules("status", env={"CREDTRACK_HOME": str(home)})
    assert "cryptography" not in mods
