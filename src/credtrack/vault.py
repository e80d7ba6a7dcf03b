"""The document vault: files copied in, named by their sha256, private (0600 under 0700)."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from credtrack.errors import BadInput, CredtrackError
from credtrack.fsio import (
    discard, ensure_private_dir, fsync_dir, storage_error, sweep_stale_temps, temp_path,
)

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
    new: bool = True  # this call created the vault file


def media_type_of(head: bytes, name: str) -> str:
    for magic, mtype in _MAGIC:
        if head.startswith(magic):
            return mtype
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def check_source(src: Path) -> os.stat_result:
    """Refuse what is not a regular, readable, non-empty file of at most 25 MB."""
    if "\x00" in str(src):
        raise BadInput(f"{str(src)!r} is not a valid file name")
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


def add_file(data_dir: Path, src: Path, seal: Callable[[bytes], bytes] | None = None,
             unseal: Callable[[bytes, Path], bytes] | None = None) -> Stored:
    """Copy ``src`` into the vault (hashing as it copies) and return where it is.

    The copy is staged in a hidden temp file and renamed into place, so the vault never holds
    a partial file; with ``seal`` (an encrypted data dir) the file is sealed on the way in.
    ``Stored.new`` says whether this call created the vault file (False: the same content was
    already there). A refused write (disk full, read-only) is a StorageError naming the vault.
    """
    src = Path(src)
    check_source(src)
    vault = data_dir / "vault"
    try:
        fin = open(src, "rb")
    except OSError as exc:
        raise BadInput(f"{src}: {exc.strerror or 'cannot be read'}") from None
    with fin:
        try:
            ensure_private_dir(data_dir)
            ensure_private_dir(vault)
        except OSError as exc:
            raise storage_error(exc, vault, "copy a document into") from None
        tmp = temp_path(vault / "incoming")
        try:
            sha, size, head = _copy(fin, tmp, src, seal)
            folder = vault / sha[:2]
            ensure_private_dir(folder)
            target = folder / sha
            new = not (target.exists() and _intact(target, sha, unseal))
            if new:
                os.replace(tmp, target)
                fsync_dir(folder)
            else:
                tmp.unlink()
        except OSError as exc:
            discard(tmp)
            raise storage_error(exc, vault, "copy a document into") from None
        except BaseException:
            discard(tmp)
            raise
    sweep_stale_temps(vault)
    # a name in another encoding (a Latin-1 "R\xe9sum\xe9.pdf") is kept readable, not as
    # undecodable bytes that no JSON file can hold
    name = os.fsencode(src.name).decode("utf-8", "replace")
    return Stored(sha, str(target.relative_to(data_dir)), size, media_type_of(head, name),
                  name, new)


def _copy(fin, tmp: Path, src: Path, seal) -> tuple[str, int, bytes]:
    """Copy ``fin`` to the new file ``tmp`` (0600, fsynced): (sha256, size, first bytes)."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    chunks: list[bytes] = []
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
            if seal is None:
                fout.write(chunk)
            else:
                chunks.append(chunk)
        if size == 0:
            raise BadInput(f"{src}: the file is empty")
        if seal is not None:
            fout.write(seal(b"".join(chunks)))
        fout.flush()
        os.fsync(fout.fileno())
    return digest.hexdigest(), size, head


def _intact(path: Path, sha: str, unseal) -> bool:
    try:
        return file_sha256(path, unseal) == sha
    except (OSError, CredtrackError):
        return False


def read_bytes(path: Path, unseal: Callable[[bytes, Path], bytes] | None = None) -> bytes:
    """A vault file's contents (opened if sealed)."""
    data = Path(path).read_bytes()
    return unseal(data, path) if unseal is not None else data


def file_sha256(path: Path, unseal: Callable[[bytes, Path], bytes] | None = None) -> str:
    """The sha256 of a vault file's contents (of the plaintext when it is sealed)."""
    if unseal is not None:
        return hashlib.sha256(read_bytes(path, unseal)).hexdigest()
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def location(sha: str) -> str:
    """A file's place in the vault, relative to the data dir."""
    return f"vault/{sha[:2]}/{sha}"


def canonical(sha: object, vault_path: object) -> bool:
    """Whether a record's ``vault_path`` is the one its sha256 gives (nothing else is trusted:
    a hand-edited record must not make credtrack read or delete a file outside the vault)."""
    return isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha) \
        and vault_path == location(sha)


def remove_file(data_dir: Path, vault_path: str) -> None:
    """Delete a vault file; a path that is not a vault location is left alone."""
    if not canonical(Path(vault_path).name, vault_path):
        return
    path = data_dir / vault_path
    path.unlink(missing_ok=True)


class SealedPath(type(Path())):  # type: ignore[misc]
    """A vault file's path whose ``read_bytes()`` returns the plaintext.

    ``Credtrack.document_path`` hands these out for an encrypted vault, so code that reads
    documents by path (the packet builder, its zip) works unchanged and the plaintext stays in
    memory. Paths derived from it (``.parent``, ``with_suffix``) are plain paths.
    """

    _unseal: Callable[[bytes, Path], bytes] | None = None

    def read_bytes(self) -> bytes:
        data = super().read_bytes()
        return self._unseal(data, Path(self)) if self._unseal is not None else data

    @classmethod
    def of(cls, path: Path, unseal: Callable[[bytes, Path], bytes]) -> "SealedPath":
        sealed = cls(path)
        sealed._unseal = unseal
        return sealed
