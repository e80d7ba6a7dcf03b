"""The storage interface: what the service (and only the service) asks of a store.

:class:`Store` is a :class:`typing.Protocol`; :class:`credtrack.store.FileStore` (TinyDB files
in a data dir) is its first implementation, and a server-backed store (PostgreSQL, issue 22)
is meant to be its second, without any change in the callers. Everything a caller does to the
records goes through these methods, so the contract is written in terms a database can keep:

- **entries / resolve / use**: the practice's providers, the current one, and which provider a
  command acts on.
- **read / write**: one provider's records (a :class:`RecordSet`). ``write`` is a transaction:
  what the block changes is kept all together when it ends normally and not at all when it
  raises; a concurrent writer of the same provider waits (or, for a server store, the later
  commit is refused as a conflict). A changed provider name reaches ``entries`` with it.
- **add_providers / remove_provider**: providers come and go with all their records at once.
- **practice_records / write_practice**: records about the practice as a whole (exclusion
  screening receipts), read and written like one provider's.
- **put_document / remove_document / document_file**: the document vault, content-addressed by
  sha256. ``put_document`` copies a file in *and* inserts the records referring to it in one
  transaction; ``remove_document`` removes a document's record and its file once nothing refers
  to it. Both are serialised against each other, so a concurrent add of the same content never
  loses its file.
- **export_data**: the whole database as the JSON export structure.
- **rekey**: turn encryption at rest on, off, or to another key, for everything stored.
- **files**: the files a store keeps on this machine, grouped by the file whose lock guards
  them (for ``encryption status``, ``backup`` and ``doctor``; a server store lists none).

Storage modules import the models, :mod:`credtrack.errors`, :mod:`credtrack.crypto` and
:mod:`credtrack.fsio`, never the CLI, the TUI, packets or calendars.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol, TypeVar, runtime_checkable

from credtrack.kinds import Records
from credtrack.models import Document, IndexEntry, Provider, Record  # noqa: F401 (re-exported)

if TYPE_CHECKING:
    from credtrack import crypto
    from credtrack.vault import Stored

R = TypeVar("R", bound=Record)


@runtime_checkable
class RecordSet(Protocol):
    """One provider's records, typed; inside ``Store.write`` the changes are the transaction."""

    @property
    def provider(self) -> Provider: ...

    def save_provider(self, provider: Provider) -> None: ...

    def all(self, cls: type[R]) -> list[R]: ...

    def get(self, cls: type[R], record_id: str) -> R: ...

    def insert(self, record: Record, slot: Any = None) -> Record:
        """``slot``: where :meth:`slots` said a removed record was (an undo puts it back
        there); a store that keeps no order ignores it."""
        ...

    def slots(self, cls: type[Record]) -> dict[str, Any]:
        """Where each record of a kind is kept, by id (opaque to callers)."""
        ...

    def update(self, record: Record) -> None: ...

    def remove(self, cls: type[Record], record_id: str) -> Record: ...

    def records(self) -> Records: ...

    def check(self) -> None:
        """StoreCorrupt naming the first record of the wrong shape (a hand-edited store)."""
        ...


@runtime_checkable
class Store(Protocol):
    """A practice's records, documents and index (see the module docstring)."""

    root: Path  # the data dir: config, plugins, caches, packets and calendars live here

    @property
    def encrypted(self) -> bool: ...

    def unlock(self) -> None:
        """Ask now for what opens the store (a passphrase...), so its error comes first."""
        ...

    # -- the practice
    def entries(self) -> list[IndexEntry]: ...

    def current_id(self) -> str | None: ...

    def resolve(self, provider_id: str | None) -> str: ...

    def use(self, provider_id: str) -> None: ...

    # -- records
    def read(self, provider_id: str) -> RecordSet: ...

    def write(self, provider_id: str) -> AbstractContextManager[RecordSet]: ...

    def all_records(self) -> list[Records]: ...

    def add_providers(self, items: list[tuple[Provider, list[Record]]],
                      make_current: bool = False, keep_ids: bool = False) -> list[Provider]:
        """``keep_ids``: the providers keep the ids they have (``store copy``); otherwise ids
        come from the names."""
        ...

    def add_provider(self, provider: Provider, make_current: bool = False) -> Provider: ...

    def remove_provider(self, provider_id: str) -> Provider: ...

    # -- records about the practice as a whole (exclusion-screening receipts)
    def practice_records(self, cls: type[R]) -> list[R]: ...

    def write_practice(self) -> AbstractContextManager[RecordSet]:
        """A transaction over the practice's own records (a RecordSet without a provider)."""
        ...

    # -- documents
    def put_document(self, provider_id: str, src: Path,
                     make: Callable[[Stored], list[Record]]) -> list[Record]: ...

    def remove_document(self, provider_id: str, document_id: str) -> Document: ...

    def forget_history(self, provider_id: str) -> int:
        """Drop every older copy of one provider's records (backups, a server's row history)
        after records were purged for good; returns how many copies went."""
        ...

    def document_file(self, doc: Document) -> Path: ...

    # -- the whole store
    def export_data(self) -> dict[str, Any]: ...

    def rekey(self, new: crypto.Key | None, current: crypto.Key | None = None) -> int: ...

    def files(self) -> list[tuple[Path | None, list[Path]]]: ...


def open_store(root: Path, passphrase: Callable[[], str] | None = None,
               url: str | None = None) -> Store:
    """The store a command uses: a PostgreSQL store when ``url`` (else ``CREDTRACK_STORE``,
    else the config file, see :mod:`credtrack.settings`) is a ``postgresql://`` URL, else the
    file store of the data dir ``root`` (with its change log, :mod:`credtrack.history`)."""
    from credtrack import settings

    url = settings.store_url(url)
    if settings.is_server_url(url):
        from credtrack.pgstore import PgStore

        return PgStore(url, root, settings.user_name())  # type: ignore[arg-type]
    from credtrack.history import LoggedFileStore

    return LoggedFileStore(Path(url).expanduser() if url else root, passphrase)
