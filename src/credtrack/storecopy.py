"""``credtrack store copy``: everything of one store into another (a data dir and a
PostgreSQL database, either way), verified, and restartable after a kill.

Provider by provider, in id order: first the provider's document files (content-addressed,
so a file already there is not copied twice), then the providers with all their records, 20
at a time, each group in one transaction of the destination, with the ids they have. A provider already at the destination
with the same records was copied by an earlier run and is skipped; one with different records
stops the copy (the destination is someone else's practice). At the end the current provider
is set, and the copy is verified: the destination's export equals the source's, and every
document's file at the destination hashes to its sha256.

A kill at any point leaves whole providers at the destination (and perhaps document files no
record refers to yet, which the next run uses); running the same command again completes it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

from credtrack.errors import BadInput, CredtrackError
from credtrack.kinds import Records, kinds
from credtrack.models import Document
from credtrack.settings import is_server_url
from credtrack.storage import Store

BATCH = 20  # providers per destination transaction


def open_spec(spec: str, root: Path, passphrase: Callable[[], str] | None = None) -> Store:
    """A store named on the command line: a ``postgresql://`` URL or a data dir."""
    if is_server_url(spec):
        from credtrack import settings
        from credtrack.pgstore import PgStore

        return PgStore(spec, root, settings.user_name())
    from credtrack.history import LoggedFileStore

    if any(ord(c) < 32 or ord(c) == 127 for c in spec) or len(spec) > 4096:
        raise BadInput("a store must be a postgresql:// URL or a directory name (without "
                       "control characters, at most 4096 characters)")
    path = Path(spec).expanduser()
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise BadInput("a store directory cannot be used "
                       f"({(exc.strerror or type(exc).__name__).lower()})") from None
    if st is not None and not path.is_dir():
        raise BadInput(f"{path} is not a directory")
    return LoggedFileStore(path, passphrase)


def _dicts(records: Records) -> dict[str, Any]:
    out: dict[str, Any] = {"provider": records.provider.to_dict()}
    for kind in kinds():
        out[kind.table] = sorted((r.to_dict() for r in records.of(kind.table)),
                                 key=lambda d: d["id"])  # a file store's order is not kept
    return out


def _source_bytes(src: Store, doc: Document) -> bytes:
    try:
        data = src.document_file(doc).read_bytes()
    except OSError:
        data = b""
    if hashlib.sha256(data).hexdigest() != doc.sha256:
        raise CredtrackError(f"document {doc.id} of the source: its file is missing or damaged "
                             "(see 'credtrack doctor' there); nothing more was copied")
    return data


def _put_content(dst: Store, data: bytes, sha: str) -> None:
    """The bytes of a document into the destination's vault (or blob table), once."""
    from credtrack.pgstore import PgStore

    if isinstance(dst, PgStore):
        with dst._txn() as cur:
            cur.execute("INSERT INTO ct_blobs (sha256, size, data) VALUES (%s, %s, %s) "
                        "ON CONFLICT (sha256) DO NOTHING", (sha, len(data), data))
        return
    from credtrack import vault
    from credtrack.fsio import ensure_private_dir

    staging = dst.root / "cache"
    ensure_private_dir(staging)
    fd, name = tempfile.mkstemp(dir=staging, prefix=".copy-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        dst._prepare()  # type: ignore[attr-defined]
        with dst.locked(dst.vault_lock):  # type: ignore[attr-defined]
            seal = dst.seal if dst.encrypted else None  # type: ignore[attr-defined]
            stored = vault.add_file(dst.root, Path(name), seal, dst.unseal)  # type: ignore
        if stored.sha256 != sha:
            raise CredtrackError("a document's bytes changed on the way; nothing more was copied")
    finally:
        Path(name).unlink(missing_ok=True)


def copy_store(src: Store, dst: Store, progress: Callable[[str], None] = lambda s: None
               ) -> dict[str, int]:
    """Copy ``src`` into ``dst`` (see the module docstring); the counts verified."""
    source = {r.provider.id: r for r in src.all_records()}
    theirs = {e.id for e in dst.entries()}
    extra = sorted(theirs - set(source))
    if extra:
        raise CredtrackError(f"the destination holds {len(extra)} provider(s) the source does "
                             "not; copy into an empty store (nothing was copied)")
    done_blobs: set[str] = set()
    copied = skipped = 0
    batch: list[tuple[Any, list[Any]]] = []
    order = sorted(source)
    for n, pid in enumerate(order, 1):
        records = source[pid]
        if pid in theirs:
            if _dicts(dst.read(pid).records()) != _dicts(records):
                raise CredtrackError(f"the destination already holds provider {pid} with other "
                                     "records; copy into an empty store")
            skipped += 1
        else:
            for doc in records.documents:
                if doc.sha256 not in done_blobs:
                    _put_content(dst, _source_bytes(src, doc), doc.sha256)
                    done_blobs.add(doc.sha256)
            batch.append((records.provider, [r for kind in kinds()
                                             for r in records.of(kind.table)]))
        if batch and (len(batch) == BATCH or n == len(order)):
            dst.add_providers(batch, keep_ids=True)  # type: ignore[call-arg]
            copied += len(batch)
            batch = []
            progress(f"copied {n}/{len(order)} providers")
    _same_current(src.current_id(), dst)
    return verify(src, dst) | {"copied": copied, "skipped": skipped}


def _same_current(current: str | None, dst: Store) -> None:
    """The destination's current provider is the source's (none if it has none)."""
    from credtrack.pgstore import PgStore

    if dst.current_id() == current:
        return
    if current is not None:
        dst.use(current)
    elif isinstance(dst, PgStore):
        with dst._txn() as cur:
            dst._set_current(cur, None)
    else:
        with dst.index_transaction() as index:  # type: ignore[attr-defined]
            index["current"] = None


def verify(src: Store, dst: Store) -> dict[str, int]:
    """The destination's export equals the source's and every document file hashes right."""
    a, b = src.export_data(), dst.export_data()
    if a != b:
        raise CredtrackError("the copy differs from the source after copying (a coordinator "
                             "changed one of them meanwhile?); run the copy again")
    docs = [Document.from_dict(d) for item in b["providers"] for d in item.get("documents", [])]
    shas = {d.sha256 for d in docs}
    bad = sorted(sha for sha in shas if _dest_hash(dst, sha, docs) != sha)
    if bad:
        raise CredtrackError(f"{len(bad)} document file(s) at the destination do not match "
                             "their sha256; run the copy again")
    records = sum(len(v) for item in b["providers"] for k, v in item.items() if k != "provider")
    return {"providers": len(b["providers"]), "records": records, "documents": len(docs),
            "files": len(shas)}


def _dest_hash(dst: Store, sha: str, docs: list[Document]) -> str:
    from credtrack.pgstore import PgStore

    if isinstance(dst, PgStore):
        if not hasattr(dst, "_hashes"):
            dst._hashes = dst.blob_hashes()  # type: ignore[attr-defined]
        return dst._hashes.get(sha, "")  # type: ignore[attr-defined]
    doc = next(d for d in docs if d.sha256 == sha)
    try:
        return hashlib.sha256(dst.document_file(doc).read_bytes()).hexdigest()
    except OSError:
        return ""
