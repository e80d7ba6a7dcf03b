"""Issue 20 on the command line: undo and history, removal confirmation, the new record
commands, completion, spans in calendar months, tables, the config file, demo clean-up,
the bare command without a terminal, and the sdist."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BIN, ROOT, assert_clean_error, run_process


@pytest.fixture
def two_licenses(cli):
    assert cli("init", "--name", "Dana Reyes").code == 0
    fl = cli("license", "add", "--state", "FL", "--number", "MA43221", "--issued",
             "2025-10-01", "--json").json()
    ny = cli("license", "add", "--state", "NY", "--number", "012345", "--expires",
             "2027-06-30", "--json").json()
    return fl, ny


def listing(cli) -> str:
    r = cli("license", "list", "--json")
    assert r.code == 0, r.err
    return r.out


def test_undo_after_remove_brings_the_license_back_byte_identical(cli, two_licenses):
    fl, ny = two_licenses
    cli("license", "renew", fl["id"])  # a renewal history, so the record is not trivial
    before = listing(cli)
    assert json.loads(before)[0]["id"] == fl["id"]  # the first of two: its place matters
    r = cli("license", "remove", fl["id"], "--yes")
    assert r.code == 0 and fl["id"] not in listing(cli)
    undone = cli("undo")
    assert undone.code == 0 and "license.remove" in undone.out
    assert listing(cli) == before
    # undo walks back: the renewal next, then nothing of it is left
    assert cli("undo").code == 0
    renewed = json.loads(listing(cli))[0]
    assert renewed["renewals"] == [] and renewed["id"] == fl["id"]


def test_remove_needs_yes_without_a_terminal_and_changes_nothing(cli, two_licenses):
    fl, _ = two_licenses
    before = listing(cli)
    r = cli("license", "remove", fl["id"])
    assert_clean_error(r, 2)
    assert "--yes" in r.err
    assert listing(cli) == before
    history = cli("changes", "--json").json()
    assert [c["action"] for c in history] == ["license.add", "license.add"]


def test_history_names_fields_never_values(cli, two_licenses):
    fl, _ = two_licenses
    assert cli("license", "edit", fl["id"], "--number", "MA99887").code == 0
    out = cli("changes").out
    assert "license.edit" in out and "changed number" in out
    assert "MA99887" not in out and "MA43221" not in out
    data = cli("changes", "--json", "-n", "1").json()
    assert data[0]["records"] == [{"table": "licenses", "id": fl["id"], "op": "edit",
                                   "fields": ["number"]}]
    assert data[0]["who"] and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data[0]["at"])
    assert "MA99887" not in json.dumps(data)


def test_undo_refuses_when_the_record_changed_since(cli, home, two_licenses):
    fl, _ = two_licenses
    assert cli("license", "edit", fl["id"], "--number", "MA11111").code == 0
    path = next((home / "providers").glob("*.json"))
    data = json.loads(path.read_bytes())  # changed behind credtrack's back
    row = next(r for r in data["licenses"].values() if r["id"] == fl["id"])
    row["number"] = "MA22222"
    path.write_text(json.dumps(data))
    r = cli("undo")
    assert_clean_error(r, 1)
    assert "changed after" in r.err and "MA2" not in r.err
    assert json.loads(listing(cli))[0]["number"] == "MA22222"  # nothing undone


def test_undo_of_a_document_removal_brings_its_file_back(cli, home, tmp_path):
    from credtrack.demo import sample_pdf

    cli("init", "--name", "Dana Reyes")
    src = tmp_path / "w9.pdf"
    src.write_bytes(sample_pdf("W-9", ["SAMPLE"]))
    doc = cli("doc", "add", "w9", src, "--json").json()
    vault_file = Path(doc["vault_file"])
    assert cli("doc", "remove", doc["id"], "--yes").code == 0
    assert not vault_file.exists()  # nothing else used it
    assert cli("undo").code == 0
    [back] = cli("doc", "list", "--json").json()
    assert back == doc
    assert vault_file.read_bytes() == src.read_bytes()
    assert cli("doctor").code == 0


def test_doc_replace_and_edit_and_their_undo(cli, tmp_path):
    from credtrack.demo import sample_pdf

    cli("init", "--name", "Dana Reyes")
    old, new = tmp_path / "coi-2026.pdf", tmp_path / "coi-2027.pdf"
    old.write_bytes(sample_pdf("COI 2026", ["SAMPLE"]))
    new.write_bytes(sample_pdf("COI 2027", ["SAMPLE"]))
    first = cli("doc", "add", "liability-coi", old, "--limits", "1000000/3000000",
                "--expires", "2026-12-01", "--json").json()
    edited = cli("doc", "edit", first["id"], "--expires", "2026-12-15", "--json").json()
    assert edited["expires"] == "2026-12-15" and edited["per_claim"] == 1_000_000
    r = cli("doc", "replace", first["id"], new, "--expires", "2027-12-01", "--json")
    assert r.code == 0, r.err
    second = r.json()
    assert (second["kind"], second["per_claim"], second["aggregate"]) == (
        "liability-coi", 1_000_000, 3_000_000)
    assert [d["id"] for d in cli("doc", "list", "--json").json()] == [second["id"]]
    assert cli("undo").code == 0  # the replacement, as one change
    [back] = cli("doc", "list", "--json").json()
    assert back["id"] == first["id"] and back["expires"] == "2026-12-15"
    assert Path(back["vault_file"]).read_bytes() == old.read_bytes()
    assert_clean_error(cli("doc", "edit", first["id"]), 2)  # nothing to change


def test_app_remove_takes_its_calls_and_followup_list(cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "FL", "--expires", "2027-08-31")
    app = cli("apply", "ash", "--state", "FL", "--json").json()
    other = cli("apply", "aetna", "--state", "FL", "--json").json()
    cli("followup", "add", app["id"], "--date", "2026-11-20", "--ref", "CR-1", "--contact", "Maria")
    cli("followup", "add", other["id"], "--date", "2026-11-21", "--ref", "CR-2")
    calls = cli("followup", "list", "--json").json()
    assert [(c["application_id"], c["ref"]) for c in calls] == [(app["id"], "CR-1"),
                                                                (other["id"], "CR-2")]
    assert [c["ref"] for c in cli("followup", "list", app["id"], "--json").json()] == ["CR-1"]
    assert cli("app", "remove", app["id"], "--yes").code == 0
    assert [a["id"] for a in cli("app", "list", "--json").json()] == [other["id"]]
    assert [c["ref"] for c in cli("followup", "list", "--json").json()] == ["CR-2"]
    assert cli("undo").code == 0
    assert len(cli("app", "list", "--json").json()) == 2
    assert [c["ref"] for c in cli("followup", "list", "--json").json()] == ["CR-1", "CR-2"]
    assert_clean_error(cli("followup", "list", "app-nosuch"), 2)


def test_due_within_months_counts_calendar_months(cli):
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "NY", "--number", "012345", "--expires", "2027-02-28")

    def dates(span):
        r = cli("due", "--within", span, "--as-of", "2026-08-31", "--json")
        assert r.code == 0, r.err
        return [d["date"] for d in r.json()["deadlines"] if d["kind"] == "license-renewal"]

    # 2026-08-31 + 6 calendar months = 2027-02-28; + 180 days = 2027-02-27 (by hand)
    assert dates("6m") == ["2027-02-28"]
    assert dates("180d") == []
    assert dates("1y") == ["2027-02-28"]
    assert_clean_error(cli("due", "--within", "6x"), 2)


def test_tables_are_tab_separated_when_piped(cli, two_licenses):
    out = cli("license", "list").out.splitlines()
    assert out[0].split("\t") == ["ID", "STATE", "NUMBER", "ISSUED", "EXPIRES", "DATE FROM"]
    assert out[2].split("\t")[1:4] == ["NY", "012345", ""]
    payers = cli("payers").out.splitlines()
    ash = next(line.split("\t") for line in payers if line.startswith("ash\t"))
    assert ash[1] == "American Specialty Health (ASH Networks / ASH Group)"  # not cut


def test_tables_on_a_terminal_fit_its_width(home, two_licenses):
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, CREDTRACK_HOME=str(home), COLUMNS="", LINES="")
    env.pop("COLUMNS"), env.pop("LINES")
    proc = subprocess.Popen([str(BIN / "credtrack"), "payers"], stdin=slave, stdout=slave,
                            stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    text = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", b"".join(chunks).decode())
    lines = [line for line in text.replace("\r", "").splitlines() if line.strip()]
    assert proc.returncode == 0
    assert lines and max(len(line) for line in lines) <= 80, max(lines, key=len)
    assert "\t" not in text
    words = text.split()
    assert "American" in words and "(ASH" in words and "Health" in words  # wrapped, not cut
    assert "ID" in words and "NAME" in words  # headers whole


def completions(words: str, cword: int, home) -> list[str]:
    env = dict(os.environ, _CREDTRACK_COMPLETE="bash_complete", COMP_WORDS=words,
               COMP_CWORD=str(cword), CREDTRACK_HOME=str(home))
    out = subprocess.run([str(BIN / "credtrack")], capture_output=True, text=True, env=env,
                         timeout=60).stdout
    return [line.split(",", 1)[1] for line in out.splitlines() if "," in line]


def test_shell_completion_of_states_payers_providers_and_record_ids(cli, home, two_licenses):
    fl, ny = two_licenses
    assert completions("credtrack states show F", 3, home) == ["FL"]
    assert "NY" in completions("credtrack license add --state N", 4, home)
    assert completions("credtrack apply as", 2, home) == ["ash"]
    assert completions("credtrack provider use da", 3, home) == ["dana-reyes"]
    assert sorted(completions("credtrack license renew ", 3, home)) == sorted(
        [fl["id"], ny["id"]])
    assert completions("credtrack license remove " + fl["id"][:6], 3, home) in (
        [fl["id"]], sorted([fl["id"], ny["id"]]) if ny["id"].startswith(fl["id"][:6]) else [])


def test_bare_credtrack_without_a_terminal_prints_usage_and_exits_2():
    started = time.monotonic()
    proc = subprocess.run([str(BIN / "credtrack")], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          timeout=10)
    elapsed = time.monotonic() - started
    assert proc.returncode == 2
    assert proc.stderr.startswith("Usage: credtrack") and len(proc.stderr.splitlines()) == 1
    assert elapsed < 1.0, elapsed


def test_demo_removes_its_throwaway_dir_unless_kept(tmp_path):
    env = {"CREDTRACK_TODAY": "2026-11-22", "TMPDIR": str(tmp_path)}
    proc = run_process("demo", "--no-tui", env=env)
    assert proc.returncode == 0, proc.stderr
    seeded = Path(re.search(r"seeded in (\S+)", proc.stderr).group(1))
    assert seeded.parent == tmp_path and not seeded.exists()
    kept = run_process("demo", "--no-tui", "--keep", env=env)
    path = Path(re.search(r"seeded in (\S+)", kept.stderr).group(1))
    assert kept.returncode == 0 and (path / "practice.json").exists()
    assert f"kept in {path}" in kept.stderr


def test_config_file_path_show_and_errors(cli, tmp_path, monkeypatch):
    config = tmp_path / "config" / "config.toml"  # conftest points CREDTRACK_CONFIG here
    assert cli("config", "path").out.strip() == str(config)
    shown = cli("config", "show", "--json").json()
    assert shown["exists"] is False and shown["keymap"] == {}
    config.parent.mkdir()
    config.write_text('theme = "textual-light"\n[keymap]\n"license.add" = "n"\n'
                      '[reminders]\nlicense-renewal = [120, 7, 30]\n[packet]\nzip = true\n')
    shown = cli("config", "show", "--json").json()
    assert shown["keymap"] == {"license.add": "n"} and shown["theme"] == "textual-light"
    assert shown["reminders"] == {"license-renewal": [120, 30, 7]}
    assert shown["packet"]["zip"] is True
    config.write_text("[reminders]\nlicense-renewal = [90, -1]\n")
    r = cli("config", "show")
    assert_clean_error(r, 2)
    assert str(config) in r.err and "0 to 366" in r.err
    config.write_text("[keymap\n")
    assert_clean_error(cli("config", "show"), 2)


def test_config_reminder_ladders_reach_the_calendar(cli, tmp_path):
    import icalendar

    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text("[reminders]\nlicense-renewal = [45]\n")
    cli("init", "--name", "Dana Reyes")
    cli("license", "add", "--state", "NY", "--number", "012345", "--expires", "2027-06-30")
    r = cli("ical", "export", "-o", "-", "--as-of", "2026-11-22")
    assert r.code == 0, r.err
    cal = icalendar.Calendar.from_ical(r.out)
    event = next(e for e in cal.walk("VEVENT") if "Renew New York" in str(e["SUMMARY"]))
    triggers = sorted(str(a["TRIGGER"].to_ical().decode()) for a in event.walk("VALARM"))
    assert triggers == ["-P44DT15H"]  # 45 days before, at 09:00: the calendar's rule


def test_the_sdist_has_the_license_and_the_docs(tmp_path):
    import tarfile

    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d",
                    str(tmp_path)], cwd=ROOT, check=True, capture_output=True, timeout=120)
    [sdist] = tmp_path.glob("*.tar.gz")
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    assert "LICENSE" in names and "docs/plugins.md" in names
    assert "MIT License" in (ROOT / "LICENSE").read_text()


def test_patient_data_never_reaches_the_change_log(cli, home, tmp_path):
    """Cases, their referral files and whatever a purge removes leave no copy in changes/."""
    from credtrack.demo import sample_pdf

    cli("init", "--name", "Dana Reyes")
    referral = tmp_path / "referral.pdf"
    referral.write_bytes(sample_pdf("Referral", ["Client: Jordan Quill", "SAMPLE"]))
    r = cli("case", "add", "--client", "JQ-1", "--client-name", "Jordan Quill", "--payer",
            "aetna", "--member-id", "W99887766", "--visits", "12", "--referral", referral,
            "--no-phi-protection", "--json")
    assert r.code == 0, r.err
    cli("license", "add", "--state", "FL", "--number", "MA43221", "--expires", "2027-08-31")
    [ref_doc] = [d for d in cli("doc", "list", "--json").json() if d["kind"] == "referral"]
    assert cli("doc", "remove", ref_doc["id"], "--yes").code == 0
    log = home / "changes"
    kept = b"".join(p.read_bytes() for p in log.rglob("*") if p.is_file())
    for secret in (b"Jordan Quill", b"W99887766", b"JQ-1", b"referral.pdf"):
        assert secret not in kept, secret
    assert not (log / "files").exists() or not any((log / "files").iterdir())
    actions = [c["action"] for c in cli("changes", "--json").json()]
    assert actions == ["license.add"]  # the case and the referral are not in the log
