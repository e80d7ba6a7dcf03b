"""Nothing leaked: identifiers stay where they belong, and every file is private.

Channels and what each may carry (the TIN in full: only ``export`` and a packet built with
``--show-tin``):

- the user's own screen: ``provider show`` (NPI, CAQH ID, birth date; TIN masked),
  ``license list`` (license numbers), ``app show`` (call reference numbers), ``export`` (the
  whole database, unmasked: it is the user's backup), ``ical export --include-identifiers``
  (NPI, license numbers, CAQH ID, reference numbers: opted in);
- outbound, where none may appear: the default calendar (.ics and its state file), every error
  message and exception, log records, ``doctor``'s report, status and due reports (pasted into
  e-mails and scripts), packet metadata and manifests;
- the packet body, which is sent to payers: NPI, CAQH ID, license numbers and the payer's
  reference number belong there; the TIN only masked (unless ``--show-tin``), never the
  birth date.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import assert_clean_error
from reliability.practice import IDS, seed

TIN = IDS["tin"]
VARIANTS = {
    "npi": [IDS["npi"]],
    "tin": [TIN, f"{TIN[:3]}-{TIN[3:5]}-{TIN[5:]}", f"{TIN[:2]}-{TIN[2:]}"],
    "birth_date": [IDS["birth_date"], "06/14/1986", "June 14, 1986", "1986-6-14"],
    "caqh": [IDS["caqh"]],
    "license_fl": [IDS["license_fl"]],
    "license_ny": [IDS["license_ny"]],
    "ref": [IDS["ref"]],
    "ref2": [IDS["ref2"]],
}
EVERYTHING = set(VARIANTS)
LICENSES = {"license_fl", "license_ny"}
REFS = {"ref", "ref2"}


def leaks(text: str | bytes, allowed: set[str] = frozenset()) -> list[str]:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return [name for name, values in VARIANTS.items() if name not in allowed
            and any(v in text for v in values)]


@pytest.fixture
def ids(home, tmp_path):
    return seed(home, tmp_path / "files")


# -- every read command, stdout and stderr ------------------------------------------------------

OWN_SCREEN = [  # (arguments, what they may show)
    (["provider", "show"], {"npi", "caqh", "birth_date"}),
    (["provider", "show", "--json"], {"npi", "caqh", "birth_date"}),
    (["license", "list"], LICENSES),
    (["license", "list", "--json"], LICENSES),
    (["app", "show", "{app}"], REFS),
    (["app", "show", "{app}", "--json"], REFS),
    (["export", "-"], EVERYTHING),
    (["ical", "export", "-o", "-", "--include-identifiers"], {"npi", "caqh"} | LICENSES | REFS),
]
OUTBOUND = [
    ["status"], ["status", "--json"], ["status", "--all"], ["due", "--within", "1y"],
    ["due", "--json"], ["ce", "status"], ["ce", "status", "--json"], ["ce", "list", "--json"],
    ["doc", "list"], ["doc", "list", "--json"], ["caqh", "list", "--json"], ["app", "list"],
    ["app", "list", "--json"], ["app", "show", "{draft}"], ["provider", "list", "--json"],
    ["states", "show", "FL"], ["payers", "show", "aetna"], ["paths"], ["doctor"],
    ["doctor", "--json"], ["encryption", "status", "--json"], ["ical", "export", "-o", "-"],
]


@pytest.mark.parametrize("args,allowed", OWN_SCREEN, ids=lambda x: " ".join(x)
                         if isinstance(x, list) else "")
def test_the_users_own_screen_shows_only_what_it_must(cli, ids, args, allowed):
    r = cli(*[a.format(**ids) for a in args])
    assert r.code == 0, r.err
    assert leaks(r.out, allowed) == [], args
    assert leaks(r.err) == [], args
    assert "tin" in allowed or VARIANTS["tin"][0] not in r.out


def test_the_tin_shows_masked(cli, ids):
    shown = cli("provider", "show").out
    assert "*****3219" in shown and TIN not in shown


@pytest.mark.parametrize("args", OUTBOUND, ids=lambda x: " ".join(x))
def test_reports_and_listings_carry_no_identifier(cli, ids, args):
    r = cli(*[a.format(**ids) for a in args])
    assert r.code in (0, 1), r.err  # doctor: 1 when it finds something
    assert leaks(r.out) == [], args
    assert leaks(r.err) == [], args


# -- error messages and exceptions --------------------------------------------------------------

ERRORS = [
    ["init", "--name", "X", "--npi", "1234567894"],  # ours with a wrong check digit
    ["init", "--name", "X", "--tin", TIN[:-1]],
    ["init", "--name", "X", "--tin", "876-54-32190"],
    ["init", "--name", "X", "--birth-date", "1986-06-31"],
    ["init", "--name", "X", "--birth-date", "06/14/1986"],
    ["init", "--name", "X", "--caqh-id", "1515151x"],
    ["provider", "edit", "--npi", IDS["npi"][:-1]],
    ["license", "add", "--state", "FL", "--number", IDS["license_fl"]],  # already recorded
    ["license", "add", "--state", "FL", "--number", IDS["license_fl"] + "\x07"],
    ["license", "edit", "lic-nope22", "--number", IDS["license_fl"]],
    ["followup", "add", "app-nope22", "--ref", IDS["ref"]],
    ["followup", "add", "{app}", "--ref", IDS["ref"] + "\n", "--date", "2026-11-20"],
    ["followup", "add", "{app}", "--ref", IDS["ref"], "--date", "2026-11-20",
     "--next", "2026-11-01"],
    ["packet", "build", "{draft}"],  # blocked: missing items named, no identifiers
    ["provider", "show", TIN],
    ["ce", "remove", IDS["ref"]],
]


@pytest.mark.parametrize("args", ERRORS, ids=lambda x: " ".join(x)[:50])
def test_error_messages_never_carry_identifiers(cli, ids, args):
    r = cli(*[a.format(**ids) for a in args])
    assert_clean_error(r, r.code if r.code in (1, 2) else 2)
    assert leaks(r.err) == [], (args, r.err)


@pytest.mark.parametrize("typed", ["1986-06-31", "1986-02-30", "06/14/1986", "14.06.1986"])
def test_a_mistyped_birth_date_is_not_echoed(cli, home, typed):
    r = cli("init", "--name", "Dana Reyes", "--birth-date", typed)
    assert_clean_error(r, 2)
    assert typed not in r.err and "birth date" in r.err


def test_a_damaged_store_is_reported_without_its_contents(cli, ids, home):
    path = home / "providers" / f"{ids['provider']}.json"
    data = json.loads(path.read_bytes())
    row = next(iter(data["provider"].values()))
    row["birth_date"] = IDS["birth_date"] + "x"  # malformed, next to the real value
    row["npi"] = int(IDS["npi"])  # the wrong type
    path.write_text(json.dumps(data))
    for args in (["status"], ["provider", "show"], ["ce", "add", "--hours", "1", "--subject",
                                                     "general", "--completed", "2026-01-01"],
                 ["doctor"], ["doctor", "--json"]):
        r = cli(*args)
        assert r.code == 1
        assert leaks(r.out + r.err) == [], (args, r.out, r.err)
    path.write_bytes(path.read_bytes()[:-40])  # now invalid JSON, cut inside the identifiers
    r = cli("status")
    assert_clean_error(r, 1)
    assert leaks(r.err) == []


def test_a_malformed_import_is_reported_without_its_contents(cli, ids, tmp_path):
    exported = cli("export", "-").json()
    exported["providers"][0]["provider"]["birth_date"] = IDS["birth_date"] + "T00"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(exported))
    r = cli("import", bad)
    assert_clean_error(r, 2)
    assert leaks(r.err) == []


def test_exceptions_raised_by_the_library_carry_no_identifiers(ids, home):
    from datetime import date

    from credtrack.errors import CredtrackError
    from credtrack.service import Credtrack

    app = Credtrack(home, entry_points=False)
    calls = [
        lambda: app.add_license(None, "FL", IDS["license_fl"]),
        lambda: app.add_license(None, "FL", IDS["license_fl"] + "\x1b"),
        lambda: app.add_followup(None, "app-nope22", date(2026, 1, 1), ref=IDS["ref"]),
        lambda: app.add_followup(None, ids["app"], date(2026, 1, 1), ref=IDS["ref"] + "\x00"),
        lambda: app.edit_license(None, "lic-nope22", number=IDS["license_ny"]),
        lambda: app.edit_provider(IDS["npi"], email="x@example.com"),
        lambda: app.import_data({"credtrack_export": 1, "providers": [{"provider": {
            "id": "x", "name": "X", "tin": int(TIN), "birth_date": IDS["birth_date"] + "!"}}]}),
        lambda: app.payer_rules(IDS["caqh"]),
        lambda: app.apply(None, "medicare", ["FL"]),
    ]
    messages = []
    for call in calls:
        with pytest.raises(CredtrackError) as info:
            call()
        messages.append(str(info.value))
    for message in messages:
        assert leaks(message) == [], message


# -- files written for others: the calendar, packets, logs ---------------------------------------

def test_the_default_calendar_and_its_state_carry_no_identifiers(cli, ids, home, tmp_path):
    out = tmp_path / "cal.ics"
    assert cli("ical", "export", "-o", out, "--all").code == 0
    assert leaks(out.read_bytes()) == []
    assert leaks((home / "calendar-state.json").read_bytes()) == []


def test_packets_mask_the_tin_and_their_metadata_carry_nothing(cli, ids, home, tmp_path,
                                                                 caplog):
    import pypdf

    caplog.set_level(logging.DEBUG)
    built = cli("packet", "build", ids["draft"], "--draft", "--zip", "--json")
    assert built.code == 0, built.err
    info = built.json()
    pdf = Path(info["path"])
    reader = pypdf.PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert leaks(text, {"npi", "caqh"} | LICENSES | REFS) == []  # the body: no TIN, no birth
    assert "3219" in text  # the masked TIN's last four
    metadata = json.dumps({str(k): str(v) for k, v in (reader.metadata or {}).items()})
    xmp = reader.xmp_metadata
    metadata += str(xmp.rdf_root.toxml() if xmp is not None else "")
    assert leaks(metadata) == [], metadata
    assert leaks(Path(info["manifest_path"]).read_bytes()) == []
    assert leaks(built.out, {"npi", "caqh"} | LICENSES | REFS) == []
    import zipfile

    with zipfile.ZipFile(info["zip"]) as z:
        assert leaks(" ".join(z.namelist())) == []
        assert leaks(z.comment) == []
    assert leaks(caplog.text) == []  # whatever the libraries logged
    shown = cli("packet", "build", ids["draft"], "--draft", "--show-tin", "-o",
                tmp_path / "full.pdf")
    assert shown.code == 0
    full = "\n".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "full.pdf").pages)
    assert TIN in full.replace("-", "") or f"{TIN[:3]}-{TIN[3:5]}-{TIN[5:]}" in full


def test_credtrack_logs_nothing_identifying(cli, ids, caplog):
    caplog.set_level(logging.DEBUG)
    for args in (["status"], ["ical", "export"], ["doctor"], ["license", "list"],
                 ["app", "show", ids["app"]]):
        cli(*args)
    assert leaks(caplog.text) == []


# -- permissions: private whatever the umask ----------------------------------------------------

def _umask0(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "credtrack", *map(str, args)],
                          capture_output=True, text=True, env=full, timeout=120,
                          preexec_fn=lambda: os.umask(0))


def test_everything_is_private_even_with_umask_0(home, tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    from credtrack.demo import sample_pdf

    (files / "w9.pdf").write_bytes(sample_pdf("W-9", ["SAMPLE"]))
    (files / "cert.pdf").write_bytes(sample_pdf("CE certificate", ["SAMPLE"]))
    steps = [
        ["init", "--name", "Dana Reyes", "--npi", IDS["npi"], "--tin", TIN],
        ["license", "add", "--state", "FL", "--number", IDS["license_fl"], "--issued",
         "2020-05-01"],
        ["doc", "add", "w9", files / "w9.pdf"],
        ["ce", "add", "--hours", "2", "--subject", "ethics", "--completed", "2026-01-01",
         "--file", files / "cert.pdf"],
        ["apply", "ash", "--state", "FL"],
        ["ical", "export"],
        ["ical", "export", "-o", tmp_path / "out.ics"],
        ["export", tmp_path / "out.json"],
        ["doctor", "--repair", "--yes"],
    ]
    for args in steps:
        r = _umask0(*args)
        assert r.returncode == 0, (args, r.stderr)
    app_id = json.loads(_umask0("app", "list", "--json").stdout)[0]["id"]
    r = _umask0("packet", "build", app_id, "--draft", "--zip")
    assert r.returncode == 0, r.stderr
    r = _umask0("status", env={"CREDTRACK_DISABLE_PLUGINS": ""})  # writes the plugin cache
    assert r.returncode == 0, r.stderr
    r = _umask0("encryption", "enable", env={"CREDTRACK_PASSPHRASE": "correct horse battery"})
    assert r.returncode == 0, r.stderr
    seen = {"dirs": 0, "files": 0}
    wrong = []
    for path in [home, *home.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_dir():
            seen["dirs"] += 1
            if mode != 0o700:
                wrong.append(f"{path.relative_to(home)} {mode:04o}")
        else:
            seen["files"] += 1
            if mode != 0o600:
                wrong.append(f"{path.relative_to(home)} {mode:04o}")
    assert wrong == []
    names = {p.name for p in home.rglob("*")}
    for expected in ("practice.json", "dana-reyes.json", "calendar-state.json", "credtrack.ics",
                     "encryption.json", "entry-points.json", "practice.json.lock"):
        assert expected in names, expected
    assert any(p.suffix == ".pdf" for p in (home / "packets").iterdir())
    assert any(p.suffix == ".zip" for p in (home / "packets").iterdir())
    assert (home / "backups" / "dana-reyes").is_dir() and any((home / "vault").rglob("*"))
    for outside in (tmp_path / "out.ics", tmp_path / "out.json"):
        assert stat.S_IMODE(outside.stat().st_mode) == 0o600, outside
    assert seen["files"] > 15 and seen["dirs"] > 5
