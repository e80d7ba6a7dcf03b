"""The filesystem toolkit every module that writes a file uses: atomic writes, private
folders, temp files of killed writers, rolling backups, and one-line errors for refused writes.

An atomic write stages the bytes in a hidden temp file beside the target
(``.<name>.<pid>.<ns>.tmp``, 0600), fsyncs it, renames it over the target and fsyncs the
folder, so a crash leaves either the old or the new file, never a mix. A write the system
refuses (disk full, read-only, permission denied) leaves the target as it was and raises
:class:`StorageError` naming it. A killed writer's temp file is removed by the next write into
that folder by a later process (:func:`sweep_stale_temps`).

This module knows nothing of records, the CLI or the TUI: it imports only the standard
library and :mod:`credtrack.errors`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from pathlib import Path
from typing import Callable, Iterable

from credtrack.errors import BadInput, CredtrackError

BACKUPS_KEPT = 10


class StorageError(CredtrackError, OSError):
    """The system refused a write (disk full, read-only, permissions): nothing was changed.

    Also an OSError (with the original errno), so code that treats a failed write as
    optional (a cache) keeps working.
    """

    exit_code = 1

    def __str__(self) -> str:
        return self.message


_WHY = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "read-only file system", errno.EACCES: "permission denied",
        errno.EPERM: "permission denied"}


def storage_error(exc: OSError, path: Path | str, action: str = "write") -> StorageError:
    """One clear line for an OSError met while changing ``path`` (never a temp file's name)."""
    if isinstance(exc, StorageError):
        return exc
    why = _WHY.get(exc.errno or 0)
    if why is None:
        why = (exc.strerror or type(exc).__name__).lower()
    hint = {"disk full": "; free some space and try again",
            "disk quota exceeded": "; free some space and try again",
            "read-only file system": "; credtrack can still read it",
            "permission denied": "; check the data dir's owner and permissions"}.get(why, "")
    err = StorageError(f"{why}: cannot {action} {path} (nothing was changed{hint})")
    err.errno, err.strerror = exc.errno, why
    return err


TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.(?P<ns>\d+)\.tmp$")
STALE_AFTER = 3600.0  # seconds: no write takes this long, whatever its pid says
_swept: set[tuple[int, str]] = set()


def temp_path(path: Path) -> Path:
    """Where a write of ``path`` stages its bytes: hidden, beside it, unique to this process."""
    return path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")


def _pid_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    except OSError:
        return False
    return True


def stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Temp files in ``folder`` left by writers that died (their pid is gone, or an hour passed)."""
    now = time.time() if now is None else now
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        m = TEMP_NAME.match(entry.name)
        if not m or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(m.group("pid"))
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if pid == os.getpid() and age < STALE_AFTER:
            continue
        if not _pid_running(pid) or age > STALE_AFTER:
            found.append(Path(entry.path))
    return found


def sweep_stale_temps(folder: Path) -> list[Path]:
    """Remove what :func:`stale_temps` finds; once per process and folder (cheap to call)."""
    key = (os.getpid(), str(folder))
    if key in _swept:
        return []
    _swept.add(key)
    removed = []
    for path in stale_temps(folder):
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) as 0700, whatever the umask. A folder that
    already exists is left as it is: credtrack tightens only the folders it creates (a data
    dir given with --data-dir may be a shared or system folder). A refusal is a StorageError
    naming the folder."""
    if "\x00" in str(path):
        raise BadInput(f"{str(path)!r} is not a valid folder name")
    missing = []
    p = path
    try:
        while not p.exists() and p != p.parent:
            if p.is_symlink():
                raise BadInput(f"{p} is a link to nothing; credtrack will not create its target")
            missing.append(p)
            p = p.parent
        for d in reversed(missing):
            try:
                d.mkdir(mode=0o700)
            except FileExistsError:
                continue
            os.chmod(d, 0o700)  # mkdir's mode is filtered by the umask
        if not path.is_dir():
            raise BadInput(f"{path} is not a folder")
    except OSError as exc:
        raise storage_error(exc, path, "write to") from None


def refuse_foreign(path: Path, ours: Callable[[bytes], bool], force: bool = False,
                   what: str = "file") -> None:
    """Before an output replaces ``path``: refuse a symlink (credtrack never writes through
    one) and an existing file that ``ours`` (given its first 4 KB) does not recognise as a
    previous credtrack output, unless ``force``. One line, exit 2; the file is not echoed."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise BadInput(f"{path}: {(exc.strerror or 'cannot be used').lower()}") from None
    if stat.S_ISLNK(st.st_mode):
        if force:
            return  # --force replaces the link itself, never what it points at
        raise BadInput(f"{path} is a symbolic link; credtrack will not write through it "
                       "(--force replaces the link itself)")
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(f"{path} is not a regular file; credtrack will not replace it")
    if force:
        return
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        head = b""
    if not ours(head):
        raise BadInput(f"{path} exists and is not a credtrack {what}; credtrack will not "
                       "replace it (choose another name, or --force)")


def discard(path: Path) -> None:
    """Remove a file of ours if it is there, in a clean-up path that must not raise (on a
    read-only file system even unlinking a missing file fails)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    """Write every byte of ``data`` to ``fd`` (``os.write`` may write fewer)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def append_private(path: Path, data: bytes) -> None:
    """Add ``data`` at the end of ``path`` (created 0600 if missing), fsynced: the way a log
    of lines grows without rewriting it (call holding its lock). If the file does not end in a
    newline (a line a crash cut short), one goes first: that line stays on its own and the
    readers, which skip a line they cannot parse, lose nothing of ``data``."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Create ``path`` (which must not exist) as 0600 with ``data`` (bytes, or an iterable of
    chunks written in turn), fsynced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        for chunk in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
            write_all(fd, chunk)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        discard(path)
        raise
    os.close(fd)


def atomic_write_bytes(path: Path, data: bytes | Iterable[bytes], backups: Path | None = None,
                       sync_dir: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    The order is write, fsync the file, rename, fsync the folder (``sync_dir=False``: the
    caller fsyncs the folder once after many writes, before anything refers to them).
    The file is 0600 whatever the umask. A refused write (disk full, read-only...) raises
    :class:`StorageError` and leaves ``path`` as it was, with no temp file behind.
    """
    path = Path(path)
    if "\x00" in str(path):
        raise BadInput(f"{str(path)!r} is not a valid file name")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise storage_error(exc, path) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise StorageError(f"{path} is not a regular file; credtrack will not replace it")
    tmp = temp_path(path)
    try:
        write_private(tmp, data)
    except OSError as exc:
        raise storage_error(exc, path) from None
    kept = None
    try:
        if backups is not None and st is not None:
            kept = keep_backup(path, backups)
        os.replace(tmp, path)
    except BaseException as exc:
        discard(tmp)
        if kept is not None:  # the write did not happen: neither did its backup
            discard(kept)
        if isinstance(exc, OSError):
            raise storage_error(exc, path) from None
        raise
    if sync_dir:
        fsync_dir(path.parent)
    if kept is not None:
        rotate_backups(kept.parent)
    sweep_stale_temps(path.parent)


def backup_name(ns: int | None = None) -> str:
    """A name that sorts in time order: one clock reading for the seconds and the fraction
    (two readings could straddle a second and sort a newer version first)."""
    ns = time.time_ns() if ns is None else ns
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime(ns // 10**9)) + f"-{ns % 10**9:09d}.json"


def keep_backup(path: Path, backups: Path) -> Path:
    """Keep the current version of ``path`` in ``backups/<stem>/``; returns the copy."""
    folder = backups / path.stem
    ensure_private_dir(folder)
    ns = time.time_ns()
    target = folder / backup_name(ns)
    while target.exists():  # two versions within one clock tick: keep both, in order
        ns += 1
        target = folder / backup_name(ns)
    try:
        os.link(path, target)  # the old version stays, byte for byte, at no copying cost
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
            raise
        atomic_write_bytes(target, path.read_bytes())  # no hard links here: copy
    return target


def rotate_backups(folder: Path) -> None:
    """Keep the newest ``BACKUPS_KEPT`` versions (after a write succeeded, never before;
    an old version that cannot be deleted now goes at a later write)."""
    for extra in sorted(folder.glob("*.json"))[:-BACKUPS_KEPT]:
        discard(extra)


def backups_of(path: Path, backups: Path) -> list[Path]:
    """The kept versions of ``path``, oldest first."""
    return sorted((backups / path.stem).glob("*.json"))


def newest_backup(path: Path, backups: Path) -> Path | None:
    found = backups_of(path, backups)
    return found[-1] if found else None
