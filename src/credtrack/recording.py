"""How the service records its changes in the change log, and how it undoes one.

A :class:`Recorder` wraps the store's writes of one user action: it compares each provider's
records before and after a write (by table and id) and keeps, per record that changed, its
state before and after (:class:`credtrack.changelog.RecordChange`). The service appends them as
one :class:`credtrack.changelog.Change` once the action succeeded. :func:`undo` puts the records
of a change back as they were, after checking that nothing changed them since. It uses the
public store methods only (``write``, ``read``, ``put_document``, ``remove_document``).
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from credtrack.changelog import Change, RecordChange
from credtrack.errors import CredtrackError
from credtrack.kinds import PATIENT_DOCUMENT_KINDS, PATIENT_KINDS, by_table, get, record_types
from credtrack.models import Document, Provider


def _unlogged() -> set[str]:
    return {get(k).table for k in PATIENT_KINDS if _known(k)}


def _known(kind: str) -> bool:
    try:
        get(kind)
    except KeyError:
        return False
    return True


def _logged(table: str, row: dict[str, Any]) -> bool:
    """Patient data never reaches the change log (a purge must leave no copy)."""
    return not (table == Document.TABLE and row.get("kind") in PATIENT_DOCUMENT_KINDS)


def image(pf) -> dict[str, dict[str, dict[str, Any]]]:
    """A provider's records as plain dicts, table -> id -> record (patient data left out)."""
    out = {Provider.TABLE: {pf.provider.id: pf.provider.to_dict()}}
    skip = _unlogged()
    for cls in record_types():
        if cls.TABLE not in skip:
            rows = (r.to_dict() for r in pf.all(cls))
            out[cls.TABLE] = {row["id"]: row for row in rows if _logged(cls.TABLE, row)}
    return out


def slots(pf) -> dict[str, dict[str, Any]]:
    return {cls.TABLE: pf.slots(cls) for cls in record_types()}


def diff(before: dict, after: dict, where: dict) -> list[RecordChange]:
    out: list[RecordChange] = []
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, {}), after.get(table, {})
        for rid in list(old) + [i for i in new if i not in old]:
            a, b = old.get(rid), new.get(rid)
            if a != b:
                out.append(RecordChange(table, rid, a, b,
                                        where.get(table, {}).get(rid) if b is None else None))
    return out


def model_of(table: str):
    return Provider if table == Provider.TABLE else by_table(table).model


class Recorder:
    """The record changes of one action on one provider."""

    def __init__(self, service, provider_id: str):
        self.service = service
        self.store = service.store
        self.pid = provider_id
        self.items: list[RecordChange] = []

    @contextmanager
    def write(self) -> Iterator[Any]:
        with self.store.write(self.pid) as pf:
            before, where = image(pf), slots(pf)
            yield pf
            after = image(pf)
        self.items += diff(before, after, where)

    def put_document(self, src: Path, make) -> list:
        records = self.store.put_document(self.pid, src, make)
        skip = _unlogged()
        self.items += [RecordChange(r.TABLE, r.id, None, r.to_dict()) for r in records
                       if r.TABLE not in skip and _logged(r.TABLE, r.to_dict())]
        return records

    def remove_document(self, document_id: str) -> Document:
        pf = self.store.read(self.pid)
        doc = pf.get(Document, document_id)
        if not _logged(Document.TABLE, doc.to_dict()):  # a referral: patient data
            return self.store.remove_document(self.pid, document_id)
        slot = pf.slots(Document).get(document_id)
        log = self.service.changes
        kept, new = "", log.kept_file(doc.sha256) is None
        try:  # a copy, so an undo can bring the file back if nothing else keeps it
            kept = log.keep_file(doc.sha256, self.store.document_file(doc).read_bytes())
        except (OSError, CredtrackError):
            kept = ""  # the vault file is missing or damaged already (doctor reports it)
        try:
            removed = self.store.remove_document(self.pid, document_id)
        except BaseException:
            if kept and new:  # nothing was removed: nothing is kept for it
                log.drop_file(kept)
            raise
        self.items.append(RecordChange(Document.TABLE, removed.id, removed.to_dict(), None,
                                       slot, kept))
        return removed


def _current(pf, rc: RecordChange) -> dict[str, Any] | None:
    if rc.table == Provider.TABLE:
        return pf.provider.to_dict()
    cls = model_of(rc.table)
    return next((r.to_dict() for r in pf.all(cls) if r.id == rc.id), None)


def _changed_since(rc: RecordChange) -> CredtrackError:
    label = "provider" if rc.table == Provider.TABLE else by_table(rc.table).label.lower()
    return CredtrackError(f"the {label} {rc.id} was changed after that change; nothing more "
                          "was undone ('credtrack history' lists the changes)")


def check(service, change: Change) -> None:
    """Refuse (changing nothing) if any record of ``change`` is not as the change left it."""
    pf = service.store.read(change.provider)
    for rc in change.records:
        if _current(pf, rc) != rc.after:
            raise _changed_since(rc)


def undo(service, change: Change, rec: Recorder) -> None:
    """Put every record of ``change`` back as it was before it (newest record first)."""
    for rc in reversed(change.records):
        if rc.table == Document.TABLE:
            _undo_document(service, rc, rec)
            continue
        cls = model_of(rc.table)
        with rec.write() as pf:
            if _current(pf, rc) != rc.after:
                raise _changed_since(rc)
            if rc.table == Provider.TABLE:
                pf.save_provider(Provider.from_dict(rc.before))
            elif rc.before is None:
                pf.remove(cls, rc.id)
            elif rc.after is None:
                pf.insert(cls.from_dict(rc.before), slot=rc.slot)
            else:
                pf.update(cls.from_dict(rc.before))


def _undo_document(service, rc: RecordChange, rec: Recorder) -> None:
    if rc.before is None:  # it was added: remove it (its file too, if nothing else uses it)
        rec.remove_document(rc.id)
        return
    doc = Document.from_dict(rc.before)
    if rc.after is not None:  # it was edited
        with rec.write() as pf:
            pf.update(doc)
        return
    if service.store.document_file(doc).exists():  # the vault still has its file
        with rec.write() as pf:
            pf.insert(doc, slot=rc.slot)
        return
    data = service.changes.kept_file(rc.kept)
    if data is None:
        raise CredtrackError(f"the file of document {rc.id} is no longer kept; add the "
                             "document again")
    fd, name = tempfile.mkstemp(prefix=".undo-", dir=service.root)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)

        def make(stored) -> list:
            if stored.sha256 != doc.sha256:
                raise CredtrackError(f"the kept file of document {rc.id} is damaged; add the "
                                     "document again")
            return [doc]

        rec.put_document(Path(name), make)
    finally:
        Path(name).unlink(missing_ok=True)
