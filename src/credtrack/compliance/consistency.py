"""Cross-document consistency ('credtrack check'): do the documents going to a payer agree
with each other and with what the application states? Pure.

Checks, each a finding that names both documents and never prints an identifier in full:

- ``name-mismatch``: the provider's name as printed on the license copies, W-9, COI (named
  insured), CAQH attestation, the application form and the profile, compared after
  normalising case, punctuation, business suffixes (LLC, PLLC...), credentials (LMT...) and
  middle initials ("M." matches "Maria"). A different surname is an error; a different or
  missing middle name, or a different first name, a warning.
- ``tin-mismatch``: the TIN/EIN on the W-9 vs the one the application states (else the
  profile's), shown by their last 4 digits.
- ``policy-number-mismatch``, ``coi-expiry-mismatch``: the COI vs what the application states.
- ``expires-during-review``: a COI or license copy that expires after the submission but
  before the payer's typical turnaround is over.
- ``address-mismatch``: an address printed on a document that matches none of the profile's.

The documents judged are those the application's checklist picked (the same documents its
packet would hold).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import Iterator

from credtrack import rules as R
from credtrack.compliance.context import Context
from credtrack.compliance.core import Finding, action, document_label
from credtrack.models import Document, mask
from credtrack.values import value

BUSINESS = {"llc", "pllc", "inc", "incorporated", "corp", "corporation", "co", "company", "ltd",
            "pc", "pa", "lp", "llp", "dba"}
CREDENTIALS = {"lmt", "lmp", "cmt", "lmbt", "rmt", "nctmb", "bctmb", "pt", "dpt", "pta", "ot",
               "otr", "otr/l", "cota", "lpc", "lcsw", "lmft", "lmhc", "phd", "psyd", "md", "do",
               "ma", "ms", "msw", "med", "bs", "ba", "rn", "np"}
GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}
STREET = {"street": "st", "avenue": "ave", "av": "ave", "road": "rd", "boulevard": "blvd",
          "drive": "dr", "lane": "ln", "court": "ct", "place": "pl", "suite": "ste",
          "apartment": "apt", "highway": "hwy", "parkway": "pkwy", "north": "n", "south": "s",
          "east": "e", "west": "w", "unit": "ste", "floor": "fl"}


@value
class Name:
    first: str
    middle: tuple[str, ...]
    last: str


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def parse_name(text: str) -> Name | None:
    """A person's name from how a document prints it ("Dana M. Reyes, LMT", "Reyes, Dana M",
    "Dana M Reyes LLC"); None when no name is left."""
    t = _ascii(text)
    t = re.split(r"\b(?:dba|d/b/a)\b", t)[0]
    if "," in t:  # "Reyes, Dana M" (a comma before anything but credentials or a suffix)
        head, _, tail = t.partition(",")
        tail_words = re.findall(r"[a-z/]+", tail)
        if tail_words and not all(w in CREDENTIALS | BUSINESS | GENERATIONS
                                  for w in tail_words):
            t = f"{tail} {head}"
    words = [w for w in re.findall(r"[a-z]+(?:['\-][a-z]+)*", t.replace(".", " "))
             if w not in BUSINESS | CREDENTIALS | GENERATIONS]
    words = [w.replace("'", "") for w in words]
    if not words:
        return None
    if len(words) == 1:
        return Name("", (), words[0])
    return Name(words[0], tuple(words[1:-1]), words[-1])


def _same_middle(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) != len(b):
        return False
    return all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
               for x, y in zip(a, b))


def compare_names(a: Name, b: Name) -> tuple[str, str] | None:
    """(severity, what differs) between two names, or None when they agree."""
    if a.last != b.last:
        return "error", "a different surname"
    if a.first and b.first and a.first != b.first and not (
            (len(a.first) == 1 and b.first.startswith(a.first))
            or (len(b.first) == 1 and a.first.startswith(b.first))):
        return "warning", "a different first name"
    if not _same_middle(a.middle, b.middle):
        if not a.middle or not b.middle:
            return "warning", "a middle name on one and not the other"
        return "warning", "a different middle name"
    return None


def normal_address(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", _ascii(text).replace("#", " ste "))
    return " ".join(STREET.get(w, w) for w in words)


@value
class Source:
    """Where a value was read: a document (named by its kind and file) or a record."""

    label: str
    value: str
    document: Document | None = None


def _doc_label(d: Document) -> str:
    state = f" ({d.state})" if d.state else ""
    return f"the {document_label(d.kind)}{state} ({d.original_name})"


def name_sources(ctx: Context, app, docs: list[Document]) -> list[Source]:
    out: list[Source] = []
    for d in docs:
        if d.kind in ("liability-coi", "general-coi") and d.named_insured:
            out.append(Source(_doc_label(d) + " named insured", d.named_insured, d))
        if d.name_as_printed:
            out.append(Source(_doc_label(d), d.name_as_printed, d))
    stated = getattr(app, "stated", {}) if app is not None else {}
    if stated.get("name"):
        out.append(Source("the application form", stated["name"]))
    if stated.get("named_insured"):
        out.append(Source("the application form (named insured)", stated["named_insured"]))
    if ctx.records.provider.name:
        out.append(Source("your profile", ctx.records.provider.name))
    return out


def check_names(ctx: Context, app, docs: list[Document]) -> Iterator[Finding]:
    """One finding per pair of differing names (the first place each spelling appears)."""
    groups: list[tuple[Name, Source]] = []
    for source in name_sources(ctx, app, docs):
        parsed = parse_name(source.value)
        if parsed is not None and not any(parsed == g for g, _ in groups):
            groups.append((parsed, source))
    p, subject = ctx.records.provider, app.id if app is not None else ctx.records.provider.id
    for i, (a, sa) in enumerate(groups):
        for b, sb in groups[i + 1:]:
            found = compare_names(a, b)
            if found is None:
                continue
            severity, what = found
            fix = sb.document or sa.document
            yield Finding(severity, "name-mismatch",
                          f"{sa.label} says {sa.value!r} but {sb.label} says {sb.value!r}: "
                          f"{what}", p.id, subject,
                          "the provider's name matches on every document (case, punctuation, "
                          "business suffixes and middle initials aside)", "",
                          action("document.edit", fix.id) if fix else None)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _alnum(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def check_identifiers(ctx: Context, app, docs: list[Document]) -> Iterator[Finding]:
    p = ctx.records.provider
    stated = getattr(app, "stated", {}) if app is not None else {}
    subject = app.id if app is not None else p.id
    tin_source = ("the application form", stated["tin"]) if stated.get("tin") else \
        ("your profile", p.tin) if p.tin else None
    for d in docs:
        if d.kind == "w9" and d.tin and tin_source and _digits(d.tin) != _digits(tin_source[1]):
            yield Finding("error", "tin-mismatch",
                          f"{_doc_label(d)} gives a TIN ending {mask(d.tin)[-4:]} but "
                          f"{tin_source[0]} states one ending {mask(tin_source[1])[-4:]}",
                          p.id, subject, "the TIN on the W-9 is the one the application states",
                          "", action("document.edit", d.id))
        if d.kind not in ("liability-coi", "general-coi"):
            continue
        if d.policy_number and stated.get("policy_number") and \
                _alnum(d.policy_number) != _alnum(stated["policy_number"]):
            yield Finding("error", "policy-number-mismatch",
                          f"{_doc_label(d)} gives policy number ending "
                          f"{_alnum(d.policy_number)[-4:]} but the application form states one "
                          f"ending {_alnum(stated['policy_number'])[-4:]}", p.id, subject,
                          "the COI's policy number is the one the application states", "",
                          action("application.edit", subject))
        if d.expires and stated.get("coi_expires") and \
                d.expires.isoformat() != stated["coi_expires"]:
            yield Finding("error", "coi-expiry-mismatch",
                          f"{_doc_label(d)} expires {d.expires} but the application form "
                          f"states {stated['coi_expires']}", p.id, subject,
                          "the COI's expiry is the one the application states", "",
                          action("application.edit", subject))


def review_window(app, payer, as_of: date) -> tuple[date, int, str, str]:
    """(submission date, turnaround days, rule, source): the submission is the recorded one,
    else ``as_of`` (not sent yet); the turnaround is the payer's, else the typical one."""
    submitted = app.status_date("submitted") if app is not None else None
    on = submitted or as_of
    if payer is not None and payer.turnaround_days:
        return on, payer.turnaround_days, f"{payer.short_name}'s typical turnaround is about " \
            f"{payer.turnaround_days} days", payer.primary_source
    return on, R.TYPICAL_TURNAROUND_DAYS, f"a typical payer turnaround is " \
        f"{R.TYPICAL_TURNAROUND_DAYS}-120 days", R.TURNAROUND_SOURCE


def check_review(ctx: Context, app, items) -> Iterator[Finding]:
    """COIs and license copies that expire while the payer reviews the application."""
    if app is None:
        return
    payer = ctx.payers.get(app.payer)
    on, days, rule, source = review_window(app, payer, ctx.as_of)
    end = on + timedelta(days=days)
    sent = "submission" if app.status_date("submitted") else "sending it today"
    for item in items:
        d = item.document
        if d is None or item.expires is None or d.kind not in (
                "liability-coi", "general-coi", "license"):
            continue
        if on <= item.expires < end:
            whose = " (the license's expiry)" if item.expiry_basis == "license" else ""
            yield Finding("warning", "expires-during-review",
                          f"{_doc_label(d)} expires {item.expires}{whose}, "
                          f"{(item.expires - on).days} days after {sent} ({on}); {rule}: "
                          "renew it now and send the new copy with the application",
                          ctx.records.provider.id, app.id, rule, source,
                          action("document.add", app.id, kind=d.kind), R.SECONDARY)


def check_addresses(ctx: Context, app, docs: list[Document]) -> Iterator[Finding]:
    p = ctx.records.provider
    known = [a for a in (p.address, *p.locations) if a]
    stated = getattr(app, "stated", {}) if app is not None else {}
    places = [(_doc_label(d), d.address, d) for d in docs if d.address]
    if stated.get("address"):
        places.append(("the application form", stated["address"], None))
    if not known:
        return
    normal = {normal_address(a) for a in known}
    for label, address, d in places:
        if normal_address(address) not in normal:
            yield Finding("warning", "address-mismatch",
                          f"{label} gives the address {address!r}, which is not on your "
                          f"profile (profile: {known[0]!r})", p.id,
                          app.id if app is not None else p.id,
                          "documents and the application give an address from the profile", "",
                          action("document.edit", d.id) if d else
                          action("application.edit", app.id if app else ""))


def check_consistency(ctx: Context, app, items) -> list[Finding]:
    """Every consistency finding for ``app`` (its checklist ``items`` name the documents)."""
    docs = list({i.document.id: i.document for i in items if i.document is not None}.values())
    out: list[Finding] = []
    for check in (check_names(ctx, app, docs), check_identifiers(ctx, app, docs),
                  check_review(ctx, app, items), check_addresses(ctx, app, docs)):
        out.extend(check)
    return out
