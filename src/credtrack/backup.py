"""``credtrack backup FILE`` / ``credtrack restore FILE``: the whole data dir in one archive.

The archive is a tar file. Its first member, ``credtrack-backup.json`` (the manifest), lists
every other member with its size and sha256: the practice index, the provider files and their
backups, the vault, the calendar state, the config and, when encryption is on, the key file.
With encryption on, every member is sealed: store and vault files are copied as they are on
disk (sealed already), the calendar state and config are sealed with the data key; the
archive then opens only with the passphrase.

A restore reads the whole archive into a hidden staging folder inside the target data dir,
checking every member against the manifest (paths, types, sizes, hashes) before anything is
moved; a damaged, truncated or foreign archive is refused with one line and the staging folder
removed: nothing changes. Only then are the staged entries moved into place (renames on one
file system). The target must hold no practice yet. A restore killed during the moves leaves a
marker that the next ``restore`` of the same archive finishes from.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import tarfile
import time
from pathlib import Path, PurePosixPath
from typing import Any

import orjson

from credtrack import crypto
from credtrack.errors import BadInput, CredtrackError
from credtrack.fsio import (
    discard, ensure_private_dir, fsync_dir, refuse_foreign, storage_error, temp_path,
    write_private,
)

MANIFEST = "credtrack-backup.json"
FORMAT = 1
TOP_FILES = ("practice.json", "practice-records.json", "calendar-state.json", "config.toml",
             crypto.KEYFILE)
TOP_DIRS = ("providers", "backups", "vault")
SEAL_EXTRA = ("calendar-state.json", "config.toml")  # plaintext on disk: sealed in the archive
STAGING = ".restore-staging"
MARKER = ".restore-in-progress"
MAX_MEMBERS = 1_000_000


def _members(root: Path) -> list[Path]:
    """The files a backup holds, relative to the data dir, in a stable order."""
    out = [Path(name) for name in TOP_FILES if (root / name).is_file()]
    for folder in TOP_DIRS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(root)
            if path.is_file() and not path.is_symlink() and not path.name.startswith(".") \
                    and not path.name.endswith(".lock"):
                out.append(rel)
    return out


def is_backup(head: bytes) -> bool:
    """Whether a file's first bytes are a credtrack backup's (a tar whose first member is the
    manifest)."""
    return head.startswith(MANIFEST.encode() + b"\0")


def write(store, target: Path, force: bool = False) -> dict[str, Any]:
    """Write the archive of ``store``'s data dir to ``target`` atomically (0600). Returns the
    manifest. Holds the index and vault locks: no provider or document comes or goes."""
    root = store.root
    if not (root / "practice.json").exists():
        raise BadInput(f"{root} holds no practice to back up")
    target = Path(target)
    if not target.parent.is_dir():
        raise BadInput(f"the folder {target.parent} does not exist")
    refuse_foreign(target, is_backup, force, "backup")
    where, home = os.path.realpath(target.parent), os.path.realpath(root)
    if os.path.commonpath([where, home]) == home:
        raise BadInput("write the backup outside the data dir it copies")
    encrypted = store.encrypted
    with store.locked(store.index_path), store.locked(store.vault_lock):
        files, blobs = [], []
        for rel in _members(root):
            if rel.parts[0] == "vault":  # immutable (named by content): streamed, twice
                data, digest, size = None, _sha256_of(root / rel), (root / rel).stat().st_size
            else:  # small, and may change after this read: kept as read
                data = (root / rel).read_bytes()
                if encrypted and len(rel.parts) == 1 and rel.name in SEAL_EXTRA \
                        and not crypto.is_sealed(data):
                    data = store.seal(data)
                digest, size = hashlib.sha256(data).hexdigest(), len(data)
            files.append({"path": rel.as_posix(), "size": size, "sha256": digest,
                          "sealed": data is not None and rel.name in SEAL_EXTRA and encrypted})
            blobs.append(data)
        manifest = {"credtrack_backup": FORMAT, "encrypted": encrypted, "files": files,
                    "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "providers": len(store.entries())}
        _write_archive(root, target, manifest, files, blobs)
    return manifest


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _write_archive(root: Path, target: Path, manifest: dict, files: list[dict],
                   blobs: list[bytes | None]) -> None:
    """The tar, staged in a hidden temp file beside ``target`` (0600, fsynced), renamed."""
    tmp = temp_path(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), 0o600)
            with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
                head = orjson.dumps(manifest, option=orjson.OPT_INDENT_2)
                _add(tar, MANIFEST, len(head), io.BytesIO(head))
                for f, data in zip(files, blobs):
                    if data is None:
                        with open(root / f["path"], "rb") as src:
                            _add(tar, f["path"], f["size"], src)
                    else:
                        _add(tar, f["path"], f["size"], io.BytesIO(data))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        discard(tmp)
        raise storage_error(exc, target) from None
    except BaseException:
        discard(tmp)
        raise
    fsync_dir(target.parent)


def _add(tar: tarfile.TarFile, name: str, size: int, fileobj) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, 0
    tar.addfile(info, fileobj)


def _safe(rel: str) -> bool:
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts or not p.parts or rel != p.as_posix():
        return False
    return (len(p.parts) == 1 and p.name in TOP_FILES) or \
        (len(p.parts) > 1 and p.parts[0] in TOP_DIRS and not p.name.startswith("."))


def _damaged(why: str) -> BadInput:
    return BadInput(f"the backup is damaged or not a credtrack backup ({why}); nothing was "
                    "changed")


def _read_manifest(tar: tarfile.TarFile) -> tuple[dict, tarfile.TarInfo | None]:
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isreg() or first.size > 2**28:
        raise _damaged("no manifest")
    raw = tar.extractfile(first).read()  # type: ignore[union-attr]
    try:
        manifest = orjson.loads(raw)
        files = manifest["files"]
        if manifest.get("credtrack_backup") != FORMAT or not isinstance(files, list) \
                or len(files) > MAX_MEMBERS:
            raise ValueError
        for f in files:
            if not (isinstance(f, dict) and isinstance(f.get("path"), str) and _safe(f["path"])
                    and isinstance(f.get("size"), int) and isinstance(f.get("sha256"), str)):
                raise ValueError
    except (ValueError, KeyError, TypeError):
        raise _damaged("unreadable manifest") from None
    return manifest, first


def _occupied(root: Path) -> bool:
    return any((root / name).exists() for name in (*TOP_FILES, *TOP_DIRS)
               if name not in ("config.toml",))


def restore(store, archive: Path, passphrase=None) -> dict[str, Any]:
    """Restore ``archive`` into ``store``'s data dir (which must hold no practice): every
    member checked before anything moves; all or none."""
    root = store.root
    archive = Path(archive)
    try:
        if not stat.S_ISREG(os.stat(archive).st_mode):  # a FIFO would block the command
            raise BadInput(f"{archive}: not a regular file")
        fin = open(archive, "rb")
    except OSError as exc:
        raise BadInput(f"{archive}: {(exc.strerror or 'cannot be read').lower()}") from None
    try:
        os.stat(root)
    except FileNotFoundError:
        pass
    except OSError as exc:  # a name too long, a loop of links...
        raise BadInput(f"the data dir {str(root)[:200]} cannot be used: "
                       f"{(exc.strerror or type(exc).__name__).lower()}") from None
    marker = root / MARKER
    if _occupied(root) and not marker.exists():
        raise BadInput(f"{root} already holds a practice: restore into a new or empty data "
                       "dir (or move this one away first)")
    fresh = not root.exists() and not root.is_symlink()
    if fresh:  # staged beside it, then one rename: the data dir appears whole or not at all
        if not root.parent.is_dir():
            raise BadInput(f"the folder {root.parent} does not exist")
        staging = root.parent / f".{root.name}.restore-{os.getpid()}"
    else:
        store.check_own_dir()
        staging = root / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with fin:
            manifest = _stage(fin, staging)
        if manifest["encrypted"]:
            _open_extra(staging, manifest, passphrase)
        if fresh:
            os.chmod(staging, 0o700)
            os.rename(staging, root)
            fsync_dir(root.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if not fresh:
        _move_into_place(root, staging, marker)
    store.refresh()
    return manifest


def _stage(fin, staging: Path) -> dict:
    """Extract every member into ``staging``, checking each against the manifest."""
    try:
        tar = tarfile.open(fileobj=fin, mode="r:")
    except (tarfile.TarError, OSError, EOFError):
        raise _damaged("not a tar archive") from None
    try:
        manifest, _ = _read_manifest(tar)
        expected = {f["path"]: f for f in manifest["files"]}
        seen: set[str] = set()
        ensure_private_dir(staging)
        for member in tar:
            if member.name == MANIFEST and not seen:
                continue  # (iteration starts over from the first member)
            f = expected.get(member.name)
            if f is None or member.name in seen or not member.isreg() \
                    or member.size != f["size"]:
                raise _damaged(f"unexpected member {len(seen) + 1}")
            data = tar.extractfile(member).read()  # type: ignore[union-attr]
            if len(data) != f["size"] or hashlib.sha256(data).hexdigest() != f["sha256"]:
                raise _damaged(f"{member.name} does not match its sha256")
            path = staging / member.name
            ensure_private_dir(path.parent)
            write_private(path, data)
            seen.add(member.name)
        if seen != set(expected):
            raise _damaged(f"{len(expected) - len(seen)} file(s) missing: truncated")
    except (tarfile.TarError, EOFError, OSError) as exc:
        if isinstance(exc, OSError) and exc.errno is not None:
            raise storage_error(exc, staging.parent, "restore into") from None
        raise _damaged("truncated") from None
    return manifest


def _open_extra(staging: Path, manifest: dict, passphrase) -> None:
    """In an encrypted backup, the calendar state and config were sealed for the archive
    only: open them back with the archive's key (this checks the passphrase too)."""
    sealed = [f["path"] for f in manifest["files"] if f.get("sealed")]
    keyfile = staging / crypto.KEYFILE
    if not keyfile.exists():
        raise _damaged("the key file is missing")
    ask = passphrase or crypto.ask_passphrase
    key = crypto.Key(crypto.unwrap(keyfile, ask()))
    for rel in sealed:
        path = staging / rel
        data = key.open(path.read_bytes(), rel)
        path.unlink()
        write_private(path, data)


def _move_into_place(root: Path, staging: Path, marker: Path) -> None:
    """Move the staged entries into the data dir, the index last (until it is there, the
    practice does not exist). A marker lists what is being moved, so a restore cut short is
    finished (or undone) by the next one."""
    entries = sorted(p.name for p in staging.iterdir())
    entries.sort(key=lambda n: n == "practice.json")
    if marker.exists():  # a restore cut short: what it moved goes, this one moves it again
        try:
            previous = orjson.loads(marker.read_bytes())
        except ValueError:
            previous = []
        for name in previous:
            if name in (*TOP_FILES, *TOP_DIRS):
                target = root / name
                shutil.rmtree(target) if target.is_dir() else discard(target)
    try:
        write_private(temp := temp_path(marker), orjson.dumps(entries))
        os.replace(temp, marker)
        fsync_dir(root)
        for name in entries:
            os.replace(staging / name, root / name)
        fsync_dir(root)
        marker.unlink()
        staging.rmdir()
    except OSError as exc:
        raise storage_error(exc, root, "restore into") from None


def check_archive(archive: Path) -> dict:
    """Read and check an archive without restoring it (the manifest, if whole)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix=".credtrack-check-") as tmp:
        with open(archive, "rb") as fin:
            return _stage(fin, Path(tmp) / "staging")


__all__ = ["write", "restore", "is_backup", "check_archive", "CredtrackError"]
