"""Document check: the newest document of each kind (and state) and when it expires. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from credtrack.compliance.core import (
    DOC_WARN_DAYS, Deadline, Finding, action, document_label,
)
from credtrack.models import Document

if TYPE_CHECKING:
    from credtrack.compliance.context import Context


def latest_expiring(documents: list[Document]) -> list[Document]:
    """The document that expires last of each (kind, state), ties broken by record."""
    latest: dict[tuple[str, str], Document] = {}
    for doc in documents:
        if doc.expires is None:
            continue
        key = (doc.kind, doc.state)
        have = latest.get(key)
        if have is None or (doc.expires, doc.added, doc.id) > (have.expires, have.added, have.id):
            latest[key] = doc
    return sorted(latest.values(), key=lambda d: (d.expires, d.id))  # type: ignore[arg-type]


def check_documents(ctx: Context) -> Iterator[Deadline | Finding]:
    p, as_of = ctx.records.provider, ctx.as_of
    for doc in latest_expiring(ctx.records.documents):
        assert doc.expires is not None
        days = (doc.expires - as_of).days
        label = document_label(doc.kind) + (f" ({doc.state})" if doc.state else "")
        rule = "expiry date entered for the document"
        replace = action("document.add", doc.id, kind=doc.kind)
        yield Deadline(doc.expires, "document-expiry", f"{label} expires", p.id, doc.id, rule,
                       "", days < 0, key=f"document:{doc.kind}:{doc.state}", action=replace)
        if days < 0:
            yield Finding("error", "expired-document",
                          f"{label} expired on {doc.expires}: add the current one", p.id,
                          doc.id, rule, "", replace)
        elif days <= DOC_WARN_DAYS:
            yield Finding("warning", "document-expiring",
                          f"{label} expires on {doc.expires} ({days} days)", p.id, doc.id, rule,
                          "", replace)
