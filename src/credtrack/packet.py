"""Application packets: one PDF per payer application, assembled from the vault, ready to send.

Three steps, so the CLI and the TUI stay thin and each step can be tested alone:

- :func:`gather` reads the application and returns a :class:`PacketPlan`: the generated sections,
  the documents to attach in the payer's order, and the problems (items missing or expired on
  the packet date). It renders nothing.
- :func:`render` turns a plan into PDF bytes. The generated pages (cover letter, contents,
  checklist, provider data sheet, plugin sections) come from Jinja2 templates through WeasyPrint;
  the attached documents follow, merged with pypdf (PDFs as they are, images one per Letter page
  through img2pdf). Attachment pages get the packet's footer by an overlay; in a draft every
  page gets a DRAFT stamp the same way.
- :func:`write` saves the PDF and its manifest atomically (0600), optionally a zip, and records
  the manifest on the application.

:func:`build` runs the three and reports progress through ``progress(step, total, label)``.

Templates are looked up in order: ``--template-dir``, ``<data dir>/templates``, the payer's own
folder (``PayerRules.packet_template`` or the ``credtrack_packet_sections`` hook given as a path),
then the bundled ``packets/`` folder. WeasyPrint fetches nothing outside those folders and the
vault.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import math
import mimetypes
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import jinja2
import pypdf
from markupsafe import Markup
from pypdf.generic import DecodedStreamObject, DictionaryObject, FloatObject, NameObject

from credtrack import compliance
from credtrack.errors import BadInput, CredtrackError
from credtrack.jurisdictions import NAMES as STATE_NAMES
from credtrack.models import Application, Document, mask
from credtrack.rules import TAXONOMY_TYPES
from credtrack.fsio import atomic_write_bytes, ensure_private_dir

Progress = Callable[[int, int, str], None]

MAIN_TEMPLATE = "packet.html"
STYLESHEET = "packet.css"
BUILTIN_SECTIONS = (("cover", "Cover letter"), ("contents", "Contents"),
                    ("checklist", "Application checklist"), ("datasheet", "Provider data sheet"))
PDF_TYPE = "application/pdf"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/tiff", "image/gif")
LETTER = (612.0, 792.0)
IMAGE_MARGIN = 54.0  # 0.75 in around an image placed on a page
ROUTES = {"caqh": "CAQH ProView", "portal": "Online provider portal", "paper": "Mail",
          "email": "E-mail", "phone": "Telephone enrollment", "network": "Network application",
          "unknown": "As directed by the payer", "none": "Direct submission"}
MARKS = {"ok": "\u2713 OK", "missing": "\u2717 MISSING", "expired": "\u2717 EXPIRED",
         "below-minimum": "! BELOW MIN", "optional": "\u2013 OPTIONAL"}
SECTION_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


class PacketBlocked(CredtrackError):
    """Required items are missing or expired on the packet date: no packet (exit 1)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("cannot build the packet: " + "; ".join(problems)
                         + " (fix these, or build a marked draft with --draft)")


class FetchRefused(ValueError):
    """WeasyPrint asked for something outside the template folders and the vault."""


# ---------------------------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------------------------

@dataclass
class Section:
    """Generated pages: a built-in template (``sections/<id>.html``) or a plugin's HTML."""

    id: str
    title: str
    template: str = ""
    html: str | None = None


@dataclass
class Attachment:
    """A vault document appended to the packet, for the checklist item ``key``."""

    key: str
    label: str
    document: Document
    path: Path


@dataclass
class Row:
    """One checklist line of the packet."""

    item: compliance.ChecklistItem

    @property
    def mark(self) -> str:
        return MARKS.get(self.item.status, self.item.status.upper())


@dataclass
class PacketPlan:
    provider_id: str
    application: Application
    payer: Any  # PayerRules | None
    on: date
    draft: bool
    show_tin: bool
    sections: list[Section]
    attachments: list[Attachment]
    problems: list[str]
    template: str
    template_dirs: list[Path]  # searched in order: the first holding a name wins
    vault_dir: Path
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.context["title"]


def bundled_templates() -> Path:
    """``credtrack/packets`` in a wheel; the repository's ``packets/`` in an editable install."""
    here = Path(__file__).resolve().parent
    for folder in (here / "packets", here.parents[1] / "packets"):
        if (folder / MAIN_TEMPLATE).is_file():
            return folder
    raise CredtrackError("the packet templates are missing from this installation "
                         "(reinstall credtrack)")


def gather(service, app_id: str, *, provider_id: str | None = None, on: date,
           draft: bool = False, show_tin: bool = False,
           template_dir: Path | None = None) -> PacketPlan:
    """What the packet for ``app_id`` holds on ``on``, and what stops it (``problems``)."""
    pid = service.provider_id(provider_id)
    info = service.application(pid, app_id, on)
    app, payer = info["application"], info["payer"]
    records = service.records(pid)
    items = _ordered(service.checklist(app, records, on))
    problems = [] if payer else [f"no plugin provides the payer {app.payer!r}, so its "
                                 "requirements are unknown"]
    problems += [_problem(i) for i in items if not i.ok]
    attachments: list[Attachment] = []
    for item in items:
        doc = item.document
        if doc is None or any(a.document.id == doc.id for a in attachments):
            continue
        path = service.document_path(doc)
        if doc.media_type != PDF_TYPE and doc.media_type not in IMAGE_TYPES:
            problems.append(f"{item.label}: {doc.original_name} is {doc.media_type}; attach a PDF, "
                            "PNG or JPEG copy")
        elif not path.is_file():
            problems.append(f"{item.label}: the file {doc.original_name} is missing from the vault")
        else:
            attachments.append(Attachment(item.key, item.label, doc, path))

    provider = records.provider
    if not show_tin:
        provider = replace(provider, tin=mask(provider.tin))
    views = sorted(service.license_views(records),
                   key=lambda v: (v.license.state, v.license.number))
    liability = next((i.document for i in items if i.kind == "liability-coi" and i.document),
                     None) or max((d for d in records.documents if d.kind == "liability-coi"),
                                  key=lambda d: (d.expires or date.max, d.added), default=None)
    refs = [f for f in info["followups"] if f.ref]
    states = list(info["states"])
    payer_name = payer.name if payer else app.payer
    context: dict[str, Any] = {
        "title": f"Credentialing application: {provider.name} to {payer_name}"
                 + (" (DRAFT)" if draft else ""),
        "date": on, "draft": draft, "application": app, "payer": payer, "payer_name": payer_name,
        "payer_short": payer_name.split(" (")[0],
        "provider": provider, "provider_type": provider.provider_type.replace("-", " "),
        "tin_masked": not show_tin,
        "taxonomy_label": TAXONOMY_TYPES.get(provider.taxonomy, "").replace("-", " ").title(),
        "caqh_attested": max((a.date for a in records.attestations), default=None),
        "route": _route(payer), "payer_reference": refs[-1].ref if refs else "",
        "states": states, "state_names": [STATE_NAMES.get(s, s) for s in states],
        "licenses": [{"state": v.license.state,
                      "state_name": STATE_NAMES.get(v.license.state, v.license.state),
                      "number": v.license.number, "credential": v.license.credential,
                      "issued": v.license.issued, "expires": v.expires} for v in views],
        "liability": liability, "checklist": [Row(i) for i in items], "problems": problems,
    }

    dirs = [Path(template_dir)] if template_dir else []
    if (service.root / "templates").is_dir():
        dirs.append(service.root / "templates")
    template = getattr(payer, "packet_template", None) or MAIN_TEMPLATE
    extra, order, hook_template = _plugin_answers(service, app, context, problems)
    template = hook_template or template
    if Path(template).is_absolute():
        dirs.append(Path(template).parent)
        template = Path(template).name
    dirs.append(bundled_templates())
    sections = [Section(sid, title, template=f"sections/{sid}.html")
                for sid, title in BUILTIN_SECTIONS] + extra
    if order is not None:
        by_id = {s.id: s for s in sections}
        unknown = [sid for sid in order if sid not in by_id]
        if unknown:
            problems.append(f"the packet hook orders unknown section(s): {', '.join(unknown)}")
        sections = [by_id[sid] for sid in dict.fromkeys(order) if sid in by_id]
    return PacketPlan(pid, app, payer, on, draft, show_tin, sections, attachments, problems,
                      template, dirs, service.root / "vault", context)


def _ordered(items: list[compliance.ChecklistItem]) -> list[compliance.ChecklistItem]:
    """The payer's order; the items of one per-state requirement in state order."""
    first = {}
    for n, item in enumerate(items):
        first.setdefault(item.kind, n)
    return sorted(items, key=lambda i: (first[i.kind], i.state))


def _problem(item: compliance.ChecklistItem) -> str:
    if item.status == "missing":
        return f"{item.label} is missing" + (f" ({item.detail})" if item.detail else "")
    return f"{item.label}: {item.detail or item.status.replace('-', ' ')}"


def _route(payer) -> str:
    return ROUTES.get(payer.route, payer.route) if payer else ROUTES["none"]


def _plugin_answers(service, app: Application, context: dict[str, Any],
                    problems: list[str]) -> tuple[list[Section], list[str] | None, str | None]:
    """Sections, order and template from ``credtrack_packet_sections`` (see hookspecs)."""
    sections: list[Section] = []
    order: list[str] | None = None
    template: str | None = None
    taken = {sid for sid, _ in BUILTIN_SECTIONS}
    for info, result in service.host.call_each("credtrack_packet_sections",
                                               application=app, context=context):
        if result is None:
            continue
        where = f"plugin {info.name!r} (credtrack_packet_sections)"
        if isinstance(result, Exception):
            problems.append(f"{where} failed: {type(result).__name__}: {result}")
            continue
        try:
            if not isinstance(result, dict) or set(result) - {"sections", "order", "template"}:
                raise ValueError("return None or a dict with sections, order or template")
            for s in result.get("sections") or []:
                sid, title, html = s["id"], s["title"], s["html"]
                if not (isinstance(sid, str) and SECTION_ID.fullmatch(sid)) or sid in taken:
                    raise ValueError(f"section id {sid!r} is taken or not a lowercase slug")
                if not (isinstance(title, str) and isinstance(html, str)):
                    raise ValueError("a section's title and html are strings")
                taken.add(sid)
                sections.append(Section(sid, title, html=html))
            if result.get("order") is not None:
                order = [str(x) for x in result["order"]]
            if result.get("template"):
                template = str(result["template"])
        except (TypeError, KeyError, ValueError) as exc:
            problems.append(f"{where} returned something unusable: {exc}")
    return sections, order, template


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------

@dataclass
class Placed:
    """Where an attachment landed in the packet (1-based pages)."""

    attachment: Attachment
    first_page: int
    last_page: int
    sha256: str

    @property
    def label(self) -> str:
        return self.attachment.label

    @property
    def document(self) -> Document:
        return self.attachment.document


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    sections: list[tuple[Section, int, int]]
    placed: list[Placed]


def render(plan: PacketPlan, progress: Progress | None = None) -> Rendered:
    """The packet as PDF bytes: generated pages, then every attachment, stamped and numbered.

    ``progress(done, total, label)`` is called as each step starts (``done`` steps finished)
    and once more with ``done == total`` at the end.
    """
    report = progress or (lambda done, total, label: None)
    total = len(plan.attachments) + 2
    readers: list[pypdf.PdfReader] = []
    hashes: list[str] = []
    for n, a in enumerate(plan.attachments):
        report(n, total, f"reading {a.label}")
        reader, sha = _attachment(a)
        readers.append(reader)
        hashes.append(sha)
    report(len(readers), total, "rendering the cover, checklist and data sheet")
    generated, sections, placed = _generated(plan, [len(r.pages) for r in readers], hashes)
    report(len(readers) + 1, total, "merging the documents")
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(generated)))
    own = len(writer.pages)
    for reader in readers:
        writer.append(reader, import_outline=False)
    pages = len(writer.pages)
    if plan.draft:
        for number in range(own):
            _stamp(writer.pages[number], draft=True)
    for n, p in enumerate(placed, 1):
        for number in range(p.first_page, p.last_page + 1):
            _stamp(writer.pages[number - 1], draft=plan.draft,
                   left=f"Attachment {n} of {len(placed)}: {p.label}",
                   right=f"Page {number} of {pages}")
    if placed:
        parent = writer.add_outline_item(title="Attached documents",
                                         page_number=placed[0].first_page - 1)
        for p in placed:
            writer.add_outline_item(title=p.label, page_number=p.first_page - 1, parent=parent)
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": plan.title, "/Author": plan.context["provider"].name,
                         "/Subject": f"Application {plan.application.id}",
                         "/Creator": "credtrack"})
    out = io.BytesIO()
    writer.write(out)
    report(total, total, "packet assembled")
    return Rendered(out.getvalue(), pages, sections, placed)


def _attachment(a: Attachment) -> tuple[pypdf.PdfReader, str]:
    data = a.path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    name = f"{a.label} ({a.document.original_name})"
    if sha != a.document.sha256:
        raise CredtrackError(f"{name}: the vault file does not match its recorded sha256; "
                             "add the document again")
    if a.document.media_type != PDF_TYPE:
        data = image_page(data, name)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CredtrackError(f"{name} is password-protected; add an unprotected copy")
        if not reader.pages:
            raise CredtrackError(f"{name} has no pages")
    except CredtrackError:
        raise
    except Exception as exc:
        raise CredtrackError(f"{name} is not a readable PDF: {type(exc).__name__}: {exc}") from None
    return reader, sha


def image_page(data: bytes, name: str = "image") -> bytes:
    """One Letter page holding the image, scaled to fit inside the margins (lossless)."""
    import img2pdf

    logging.getLogger("img2pdf").setLevel(logging.ERROR)  # its notes on alpha channels, etc.
    layout = img2pdf.get_layout_fun(LETTER, None, (IMAGE_MARGIN, IMAGE_MARGIN),
                                    img2pdf.FitMode.into, False)
    try:
        return img2pdf.convert(data, layout_fun=layout, rotation=img2pdf.Rotation.ifvalid)
    except Exception as first:
        try:  # unusual modes (palette with transparency, 16-bit...): flatten to RGB first
            from PIL import Image

            with Image.open(io.BytesIO(data)) as im:
                flat = Image.new("RGB", im.size, "white")
                rgba = im.convert("RGBA")
                flat.paste(rgba, mask=rgba.getchannel("A"))
                buf = io.BytesIO()
                flat.save(buf, "PNG")
            return img2pdf.convert(buf.getvalue(), layout_fun=layout)
        except Exception:
            raise CredtrackError(f"{name} cannot be placed on a page: "
                                 f"{type(first).__name__}: {first}") from None


def _generated(plan: PacketPlan, counts: list[int], hashes: list[str]):
    """Render the generated pages. Attachment page numbers depend on how many pages these take,
    so render with a guess and again until the count holds (once, nearly always)."""
    from weasyprint import CSS, HTML

    env = template_env(plan.template_dirs)
    fetcher = url_fetcher(plan.template_dirs, plan.vault_dir)
    try:
        main = env.get_template(plan.template)
        css = [CSS(filename=str(d / STYLESHEET), url_fetcher=fetcher)
               for d in plan.template_dirs if (d / STYLESHEET).is_file()][:1]
        sections = [replace(s, html=Markup(env.from_string(s.html).render(plan.context)))
                    if s.html is not None else s for s in plan.sections]
        guess = _first_guess(plan)
        for _ in range(5):
            placed, first = [], guess + 1
            for a, count, sha in zip(plan.attachments, counts, hashes, strict=True):
                placed.append(Placed(a, first, first + count - 1, sha))
                first += count
            html = main.render(plan.context, sections=sections, attachments=placed,
                               placed_by_doc={p.document.id: p for p in placed},
                               total_pages=guess + sum(counts))
            document = HTML(string=html, base_url=plan.template_dirs[0].resolve().as_uri() + "/",
                            url_fetcher=fetcher).render(stylesheets=css)
            if len(document.pages) == guess:
                return document.write_pdf(), _section_pages(document, sections), placed
            guess = len(document.pages)
    except jinja2.TemplateError as exc:
        where = f" ({exc.name}, line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise CredtrackError(f"packet template error{where}: {type(exc).__name__}: "
                             f"{exc.message}") from None
    raise CredtrackError("the packet's page count does not settle; check the templates")


def _first_guess(plan: PacketPlan) -> int:
    """How many pages the generated part takes, as a first guess (a wrong one costs a second
    layout, the most expensive step): the count of the last packet built for this application
    with the same sections, else a page per section plus one per 15 rows of the long tables."""
    ids = [s.id for s in plan.sections]
    for built in reversed(plan.application.packets or []):
        sections = built.get("sections") or []
        if [x.get("id") for x in sections] == ids and len(built.get("documents") or []) == len(
                plan.attachments):
            return int(sections[-1]["pages"][1]) if sections else 0
    # (rows, rows a page holds) per bundled section, measured on the bundled templates
    rows = {"contents": (len(plan.attachments) + len(ids), 20),
            "checklist": (len(plan.context["checklist"]), 15),
            "datasheet": (len(plan.context["licenses"])
                          + len(getattr(plan.context["provider"], "work_history", []) or []), 25),
            "cover": (len(plan.context["states"]), 13)}
    return len(ids) + sum(n // per for sid, (n, per) in rows.items() if sid in ids)


def _section_pages(document, sections: list[Section]) -> list[tuple[Section, int, int]]:
    starts = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            if anchor.startswith("sec-"):
                starts.setdefault(anchor[4:], number)
    found = [(s, starts[s.id]) for s in sections if s.id in starts]
    out = []
    for n, (s, start) in enumerate(found):
        end = found[n + 1][1] - 1 if n + 1 < len(found) else len(document.pages)
        out.append((s, start, max(start, end)))
    return out


def template_env(dirs: list[Path]) -> jinja2.Environment:
    """Jinja2 over the template folders (the first one holding a name wins), autoescaped."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["longdate"] = lambda d: f"{d:%B} {d.day}, {d.year}" if d else ""
    env.filters["money"] = lambda n: f"${n:,}" if n else "not recorded"
    return env


def allowed_file(url: str, template_dirs: list[Path], vault_dir: Path) -> Path:
    """The local file ``url`` names, if it lies in a template folder or the vault.

    The template folders are layers: a path under one of them is looked up under each in
    order, so an override's relative URL finds a bundled file and the other way round.
    Anything else raises FetchRefused.
    """
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise FetchRefused(f"packets load no {parts.scheme or 'relative'} URLs: {url[:80]}")
    path = Path(url2pathname(unquote(parts.path))).resolve()
    layers = [d.resolve() for d in template_dirs]
    under = next((layer for layer in layers if path.is_relative_to(layer)), None)
    if under is not None:
        rel = path.relative_to(under)
        for layer in layers:
            candidate = (layer / rel).resolve()
            if candidate.is_relative_to(layer) and candidate.is_file():
                return candidate
    elif path.is_relative_to(vault_dir.resolve()) and path.is_file():
        return path
    raise FetchRefused(f"packets load files only from the template folders and the vault: "
                       f"{url[:80]}")


def url_fetcher(template_dirs: list[Path], vault_dir: Path):
    """A WeasyPrint URL fetcher: data: URIs and the files :func:`allowed_file` allows, no more."""
    from weasyprint import urls

    def fetch(url: str) -> tuple[bytes, str, str]:
        path = allowed_file(url, template_dirs, vault_dir)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return path.read_bytes(), mime, path.as_uri()

    if not hasattr(urls, "URLFetcher"):  # WeasyPrint < 68: a function returning a dict
        def legacy(url: str):
            if url.startswith("data:"):
                return urls.default_url_fetcher(url)
            data, mime, real = fetch(url)
            return {"string": data, "mime_type": mime, "redirected_url": real}
        return legacy

    class VaultOnly(urls.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            data, mime, real = fetch(url)
            return urls.URLFetcherResponse(real, data, {"Content-Type": mime})

    return VaultOnly(allowed_protocols=("file", "data"))


# ---------------------------------------------------------------------------------------------
# Stamps: a footer on attachment pages, DRAFT across every page of a draft
# ---------------------------------------------------------------------------------------------

_WIDTHS = {" ": 278, "f": 278, "P": 667}  # Helvetica, per 1000; digits and the rest ~556
_DRAFT_WIDTH = 3.388  # "DRAFT" in Helvetica-Bold, per point of size


def _text_width(text: str, size: float) -> float:
    return sum(_WIDTHS.get(c, 556) for c in text) * size / 1000


def _pdf_text(text: str) -> str:
    raw = text.encode("cp1252", "replace").decode("latin-1")
    return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _stamp(page: pypdf.PageObject, *, draft: bool, left: str = "", right: str = "") -> None:
    """Draw the footer texts (on a white label) and/or a DRAFT watermark over ``page``."""
    if page.rotation:
        page.transfer_rotation_to_content()
    box = page.cropbox
    x0, y0, w, h = float(box.left), float(box.bottom), float(box.width), float(box.height)
    ops = []
    size, y = 7.5, y0 + 30  # the baseline of the generated pages' footer (packet.css)
    if len(left) > 90:
        left = left[:87] + "..."
    for text, x in ((left, x0 + 61), (right, x0 + w - 61 - _text_width(right, size))):
        if text:
            tw = _text_width(text, size)
            ops.append(f"q 1 g {x - 3:.2f} {y - 3:.2f} {tw + 6:.2f} {size + 5:.2f} re f Q "
                       f"BT /CtF1 {size} Tf 0.36 0.42 0.48 rg {x:.2f} {y:.2f} Td "
                       f"({_pdf_text(text)}) Tj ET")
    if draft:
        big = min(w, h) * 0.2
        angle = math.atan2(h, w)
        c, s = math.cos(angle), math.sin(angle)
        ops.append(f"q /CtGS gs 0.75 0.1 0.1 rg BT /CtF2 {big:.1f} Tf "
                   f"{c:.4f} {s:.4f} {-s:.4f} {c:.4f} {x0 + w / 2:.2f} {y0 + h / 2:.2f} Tm "
                   f"{-_DRAFT_WIDTH * big / 2:.2f} {-big * 0.35:.2f} Td (DRAFT) Tj ET Q")
    overlay = pypdf.PageObject.create_blank_page(width=w, height=h)
    overlay.mediabox = box
    name = NameObject

    def font(base: str) -> DictionaryObject:
        return DictionaryObject({name("/Type"): name("/Font"), name("/Subtype"): name("/Type1"),
                                 name("/BaseFont"): name(base),
                                 name("/Encoding"): name("/WinAnsiEncoding")})

    overlay[name("/Resources")] = DictionaryObject({
        name("/Font"): DictionaryObject({name("/CtF1"): font("/Helvetica"),
                                         name("/CtF2"): font("/Helvetica-Bold")}),
        name("/ExtGState"): DictionaryObject({name("/CtGS"): DictionaryObject({
            name("/Type"): name("/ExtGState"), name("/ca"): FloatObject(0.2),
            name("/CA"): FloatObject(0.2)})}),
    })
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    overlay[name("/Contents")] = stream
    page.merge_page(overlay)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

@dataclass
class Written:
    pdf: Path
    manifest_path: Path
    zip: Path | None
    manifest: dict[str, Any]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def manifest(plan: PacketPlan, rendered: Rendered, pdf_name: str) -> dict[str, Any]:
    """What went into the packet: hashes and page ranges, so a recipient's copy can be checked."""
    return {
        "credtrack_packet": 1,
        "application": plan.application.id, "payer": plan.application.payer,
        "payer_name": plan.context["payer_name"], "provider": plan.provider_id,
        "date": plan.on.isoformat(),
        "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "draft": plan.draft, "problems": list(plan.problems),
        "tin": "shown" if plan.show_tin else "masked", "template": plan.template,
        "file": pdf_name, "sha256": hashlib.sha256(rendered.pdf).hexdigest(),
        "size": len(rendered.pdf), "pages": rendered.pages,
        "sections": [{"id": s.id, "title": s.title, "pages": [a, b]}
                     for s, a, b in rendered.sections],
        "documents": [{"item": p.attachment.key, "label": p.label, "document": p.document.id,
                       "kind": p.document.kind, "state": p.document.state,
                       "file": p.document.original_name, "media_type": p.document.media_type,
                       "issued": _iso(p.document.issued), "expires": _iso(p.document.expires),
                       "sha256": p.sha256, "pages": [p.first_page, p.last_page]}
                      for p in rendered.placed],
    }


def write(service, plan: PacketPlan, rendered: Rendered, output: Path | None = None,
          with_zip: bool = False) -> Written:
    """Save the PDF and its manifest (atomic, 0600), the zip if asked; record the manifest."""
    if output is None:
        folder = service.root / "packets"
        ensure_private_dir(service.root)
        ensure_private_dir(folder)
        suffix = "-draft" if plan.draft else ""
        pdf_path = folder / f"{plan.application.id}-{plan.on.isoformat()}{suffix}.pdf"
    else:
        pdf_path = Path(output).expanduser()
        try:
            str(pdf_path).encode("utf-8")
        except UnicodeEncodeError:
            raise BadInput("the packet file name is not valid UTF-8 text: choose another name") \
                from None
        if pdf_path.suffix.lower() != ".pdf":
            raise BadInput(f"{output}: the packet file name must end in .pdf")
        if pdf_path.is_dir() or not pdf_path.parent.is_dir():
            raise BadInput(f"{output}: not a file in an existing directory")
    data = manifest(plan, rendered, pdf_path.name)
    json_path = pdf_path.with_suffix(".json")
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        json_bytes = text.encode()
    except UnicodeEncodeError:  # a file name the system gave as undecodable bytes: escape it
        json_bytes = (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()
    atomic_write_bytes(pdf_path, rendered.pdf)
    atomic_write_bytes(json_path, json_bytes)
    zip_path = None
    if with_zip:
        zip_path = pdf_path.with_suffix(".zip")
        atomic_write_bytes(zip_path, _zip(pdf_path.name, rendered, json_path.name, json_bytes))
    record = dict(data, path=str(pdf_path), manifest_path=str(json_path),
                  zip=str(zip_path) if zip_path else None)
    with service.store.write(plan.provider_id) as pf:
        app = pf.get(Application, plan.application.id)
        app.packets.append(record)
        pf.update(app)
    return Written(pdf_path, json_path, zip_path, data)


def _zip(pdf_name: str, rendered: Rendered, json_name: str, json_bytes: bytes) -> bytes:
    stamp = datetime.now().timetuple()[:6]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, stamp)
            info.external_attr = 0o600 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)

        put(pdf_name, rendered.pdf)
        put(json_name, json_bytes)
        for n, p in enumerate(rendered.placed, 1):
            original = Path(p.document.original_name).name
            safe = re.sub(r"[^A-Za-z0-9._-]+", "-", original).strip("-.") or p.document.kind
            put(f"documents/{n:02d}-{p.document.kind}-{safe}", p.attachment.path.read_bytes())
    return buf.getvalue()


def build(service, app_id: str, *, provider_id: str | None = None, on: date,
          draft: bool = False, show_tin: bool = False, template_dir: Path | None = None,
          output: Path | None = None, with_zip: bool = False,
          progress: Progress | None = None) -> Written:
    """Gather, check, render and write the packet for ``app_id``.

    Raises PacketBlocked (naming every missing or expired item) unless ``draft``.
    """
    plan = gather(service, app_id, provider_id=provider_id, on=on, draft=draft,
                  show_tin=show_tin, template_dir=template_dir)
    if plan.problems and not draft:
        raise PacketBlocked(plan.problems)
    report = progress or (lambda done, total, label: None)
    total = len(plan.attachments) + 3  # render's steps, then writing
    rendered = render(plan, lambda done, _total, label: report(done, total, label))
    report(total - 1, total, "writing the packet")
    written = write(service, plan, rendered, output, with_zip)
    report(total, total, "done")
    return written
