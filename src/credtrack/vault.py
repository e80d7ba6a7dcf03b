"""The document vault: files copied in, named by their sha256, private (0600 under 0700)."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from credtrack.errors import BadInput
from credtrack.store import _fsync_dir, ensure_private_dir

MAX_BYTES = 25 * 1024 * 1024
CHUNK = 1024 * 1024

_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"GIF8", "image/gif"),
)


@dataclass(frozen=True)
class Stored:
    sha256: str
    vault_path: str  # relative to the data dir
    size: int
    media_type: str
    original_name: str


def media_type_of(head: bytes, name: str) -> str:
    for magic, mtype in _MAGIC:
        if head.startswith(magic):
            return mtype
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def check_source(src: Path) -> os.stat_result:
    """Refuse what is not a regular, readable, non-empty file of at most 25 MB."""
    try:
        st = os.stat(src)
    except FileNotFoundError:
        raise BadInput(f"{src}: no such file") from None
    except OSError as exc:
        raise BadInput(f"{src}: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(f"{src}: not a regular file")
    if st.st_size == 0:
        raise BadInput(f"{src}: the file is empty")
    if st.st_size > MAX_BYTES:
        raise BadInput(f"{src}: {st.st_size / 1024 / 1024:.1f} MB is larger than the 25 MB limit")
    return st


def add_file(data_dir: Path, src: Path) -> Stored:
    """Copy ``src`` into the vault (hashing as it copies) and return where it is."""
    src = Path(src)
    check_source(src)
    vault = data_dir / "vault"
    ensure_private_dir(data_dir)
    ensure_private_dir(vault)
    tmp = vault / f".incoming.{os.getpid()}.{time.monotonic_ns()}"
    digest = hashlib.sha256()
    size = 0
    head = b""
    try:
        with open(src, "rb") as fin:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fout:
                os.fchmod(fout.fileno(), 0o600)
                while chunk := fin.read(CHUNK):
                    if not head:
                        head = chunk[:16]
                    digest.update(chunk)
                    size += len(chunk)
                    if size > MAX_BYTES:
                        raise BadInput(f"{src}: larger than the 25 MB limit")
                    fout.write(chunk)
                fout.flush()
                os.fsync(fout.fileno())
        if size == 0:
            raise BadInput(f"{src}: the file is empty")
        sha = digest.hexdigest()
        folder = vault / sha[:2]
        ensure_private_dir(folder)
        target = folder / sha
        if target.exists() and file_sha256(target) == sha:
            tmp.unlink()
        else:
            os.replace(tmp, target)
            _fsync_dir(folder)
    except PermissionError as exc:
        tmp.unlink(missing_ok=True)
        raise BadInput(f"{src}: {exc.strerror}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Stored(sha, str(target.relative_to(data_dir)), size, media_type_of(head, src.name),
                  src.name)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def remove_file(data_dir: Path, vault_path: str) -> None:
    path = data_dir / vault_path
    path.unlink(missing_ok=True)
