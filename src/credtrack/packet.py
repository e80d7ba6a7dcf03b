"""Application packets: one PDF per payer application, planned from the records, rendered to
bytes. Pure planner and renderer: the service (``Credtrack.build_packet``) reads the records,
calls these, and writes the files.

- :func:`plan` turns a :class:`PacketSource` (what the service read: the application, its
  checklist, the license views, the documents' vault paths, the plugins' answers) into a
  :class:`PacketPlan`: the generated sections, the documents to attach in the payer's order,
  and the problems (items missing or expired on the packet date). It renders nothing.
- :func:`render` turns a plan into PDF bytes (:class:`Rendered`). The generated pages (cover
  letter, contents, checklist, provider data sheet, an optional work-history gap letter,
  plugin sections) come from Jinja2 templates through WeasyPrint, followed by one *carrier*
  page per attached page: a page of the attached page's size whose bottom margin strip holds
  the stamp ("Attachment 2 of 4: W-9 ... Page 7 of 12", rendered by WeasyPrint with embedded
  fonts). Each attached page is scaled into the area above that strip and merged under the
  carrier with pypdf, so no stamp ever covers attached content. Images are downsampled to
  about 200 dpi first. The result declares PDF/A-2b (XMP, sRGB output intent) unless an
  attached PDF keeps fonts it does not embed (then the manifest says why not).
- :func:`manifest` describes what went in (hashes, pages), for the service to save.

Templates are looked up in order: ``--template-dir``, ``<data dir>/templates``, the payer's own
folder (``PayerRules.packet_template`` or the ``credtrack_packet_sections`` hook given as a path),
then the bundled ``packets/`` folder. WeasyPrint fetches nothing outside those folders and the
vault. Nothing on a page the payer sees carries credtrack's internal ids or name: the user's own
reference and the payer's application number (``app edit``) stand for the application.
"""

from __future__ import annotations

import hashlib
import io
import logging
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
from pypdf.generic import DecodedStreamObject, NameObject

from credtrack import __version__, compliance
from credtrack.errors import BadInput, CredtrackError
from credtrack.jurisdictions import NAMES as STATE_NAMES
from credtrack.models import Application, Document, mask
from credtrack.rules import TAXONOMY_TYPES

Progress = Callable[[int, int, str], None]

MAIN_TEMPLATE = "packet.html"
STYLESHEET = "packet.css"
BUILTIN_SECTIONS = (("cover", "Cover letter"), ("contents", "Contents"),
                    ("checklist", "Application checklist"), ("datasheet", "Provider data sheet"))
GAP_SECTION = ("gap-letter", "Work history: explanation of gaps")
PDF_TYPE = "application/pdf"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/tiff", "image/gif")
LETTER = (612.0, 792.0)
IMAGE_MARGIN = 54.0  # 0.75 in around an image placed on a page
STRIP = 40.0  # the margin strip at the foot of an attached page that holds its stamp (pt)
IMAGE_DPI = 200  # images are downsampled to about this resolution where they are placed
JPEG_QUALITY = 85
ROUTES = {"caqh": "CAQH ProView", "portal": "Online provider portal", "paper": "Mail",
          "email": "E-mail", "phone": "Telephone enrollment", "network": "Network application",
          "unknown": "As directed by the payer", "none": "Direct submission"}
MARKS = {"ok": "\u2713 OK", "missing": "\u2717 MISSING", "expired": "\u2717 EXPIRED",
         "below-minimum": "! BELOW MIN", "optional": "\u2013 OPTIONAL"}
SECTION_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
PRODUCER = f"credtrack {__version__}"


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
    """A vault document appended to the packet, for the checklist item ``key``; ``expires``
    is the document's expiry as the checklist judges it (a license copy: its license's)."""

    key: str
    label: str
    document: Document
    path: Path
    expires: date | None = None
    expiry_basis: str = ""


@dataclass
class Row:
    """One checklist line of the packet."""

    item: compliance.ChecklistItem

    @property
    def mark(self) -> str:
        return MARKS.get(self.item.status, self.item.status.upper())


@dataclass
class PacketSource:
    """What the service read for a packet (the planner's only input besides the options)."""

    provider_id: str
    records: Any  # credtrack.kinds.Records
    info: dict[str, Any]  # Credtrack.application(): application, payer, checklist, followups
    views: list  # LicenseViews (the plugin override applied)
    paths: dict[str, Path]  # document id -> its vault file (readable with read_bytes())
    template_dirs: list[Path]  # the user's folders, searched before the payer's and bundled
    vault_dir: Path
    hook: Callable[[Application, dict], list]  # credtrack_packet_sections: [(info, result)]
    gaps: list = field(default_factory=list)  # work-history gaps for a gap letter
    gap_rule: Any = None  # compliance.workhistory.Threshold


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


def gather(service, app_id: str, **options: Any) -> PacketPlan:
    """The plan of ``app_id``'s packet (``Credtrack.packet_plan``; kept for callers)."""
    return service.packet_plan(app_id, **options)


def build(service, app_id: str, **options: Any):
    """Plan, render and write ``app_id``'s packet (``Credtrack.build_packet``)."""
    return service.build_packet(app_id, **options)


def plan(source: PacketSource, *, on: date, draft: bool = False, show_tin: bool = False,
         gap_letter: bool = False, gap_reason: str = "") -> PacketPlan:
    """What the packet holds on ``on``, and what stops it (``problems``)."""
    info = source.info
    app, payer, items = info["application"], info["payer"], _ordered(info["checklist"])
    problems = [] if payer else [f"no plugin provides the payer {app.payer!r}, so its "
                                 "requirements are unknown"]
    problems += [_problem(i) for i in items if not i.ok]
    attachments = _attachments(items, source.paths, problems)
    context = _context(source, app, payer, items, on, draft, show_tin, problems)
    context["attachments_by_key"] = {a.key: a for a in attachments}
    if gap_letter:
        if not source.gaps:
            raise BadInput("the work history has no gap to explain (gaps over "
                           f"{source.gap_rule.months if source.gap_rule else 6} months in the "
                           "last years): build without --gap-letter")
        context["gaps"], context["gap_rule"] = source.gaps, source.gap_rule
        context["gap_reason"] = gap_reason
    dirs = list(source.template_dirs)
    template = getattr(payer, "packet_template", None) or MAIN_TEMPLATE
    extra, order, hook_template = _plugin_answers(source.hook(app, context), problems)
    template = hook_template or template
    if Path(template).is_absolute():
        dirs.append(Path(template).parent)
        template = Path(template).name
    dirs.append(bundled_templates())
    sections = [Section(sid, title, template=f"sections/{sid}.html")
                for sid, title in BUILTIN_SECTIONS]
    if gap_letter:
        sections.append(Section(*GAP_SECTION, template=f"sections/{GAP_SECTION[0]}.html"))
    sections += extra
    if order is not None:
        by_id = {s.id: s for s in sections}
        unknown = [sid for sid in order if sid not in by_id]
        if unknown:
            problems.append(f"the packet hook orders unknown section(s): {', '.join(unknown)}")
        sections = [by_id[sid] for sid in dict.fromkeys(order) if sid in by_id]
    return PacketPlan(source.provider_id, app, payer, on, draft, show_tin, sections,
                      attachments, problems, template, dirs, source.vault_dir, context)


def _attachments(items, paths: dict[str, Path], problems: list[str]) -> list[Attachment]:
    out: list[Attachment] = []
    for item in items:
        doc = item.document
        if doc is None or any(a.document.id == doc.id for a in out):
            continue
        path = paths.get(doc.id)
        if doc.media_type != PDF_TYPE and doc.media_type not in IMAGE_TYPES:
            problems.append(f"{item.label}: {doc.original_name} is {doc.media_type}; attach a PDF, "
                            "PNG or JPEG copy")
        elif path is None or not path.is_file():
            problems.append(f"{item.label}: the file {doc.original_name} is missing from the vault")
        else:
            out.append(Attachment(item.key, item.label, doc, path, item.expires,
                                  item.expiry_basis))
    return out


def _context(source: PacketSource, app, payer, items, on: date, draft: bool, show_tin: bool,
             problems: list[str]) -> dict[str, Any]:
    """What the templates see (documented for plugins in hookspecs.credtrack_packet_sections)."""
    from credtrack.compliance.workhistory import jobs

    records = source.records
    provider = records.provider
    if not show_tin:
        provider = replace(provider, tin=mask(provider.tin))
    views = sorted(source.views, key=lambda v: (v.license.state, v.license.number))
    liability = next((i.document for i in items if i.kind == "liability-coi" and i.document),
                     None)
    refs = [f for f in source.info["followups"] if f.ref]
    states = list(source.info["states"])
    payer_name = payer.name if payer else app.payer
    reference = getattr(app, "reference", "") or ""
    payer_number = getattr(app, "payer_number", "") or ""
    return {
        "title": f"Credentialing application: {provider.name} to {payer_name}"
                 + (" (DRAFT)" if draft else ""),
        "date": on, "draft": draft, "application": app, "payer": payer, "payer_name": payer_name,
        "payer_short": payer_name.split(" (")[0],
        "provider": provider, "provider_type": provider.provider_type.replace("-", " "),
        "tin_masked": not show_tin,
        "taxonomy_label": TAXONOMY_TYPES.get(provider.taxonomy, "").replace("-", " ").title(),
        "caqh_attested": max((a.date for a in records.attestations), default=None),
        "route": _route(payer), "reference": reference, "payer_number": payer_number,
        "payer_reference": payer_number or (refs[-1].ref if refs else ""),
        "states": states, "state_names": [STATE_NAMES.get(s, s) for s in states],
        "licenses": [{"state": v.license.state,
                      "state_name": STATE_NAMES.get(v.license.state, v.license.state),
                      "number": v.license.number, "credential": v.license.credential,
                      "issued": v.license.issued, "expires": v.expires} for v in views],
        "liability": liability, "checklist": [Row(i) for i in items], "problems": problems,
        "jobs": sorted(jobs(records), key=lambda j: (j.end or "9999-99", j.start), reverse=True),
        "references": sorted(records.references, key=lambda r: r.name),
        "gaps": [], "gap_rule": None, "gap_reason": "", "strip": STRIP,
    }


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


def _plugin_answers(answers: list, problems: list[str]
                    ) -> tuple[list[Section], list[str] | None, str | None]:
    """Sections, order and template from ``credtrack_packet_sections`` (see hookspecs)."""
    sections: list[Section] = []
    order: list[str] | None = None
    template: str | None = None
    taken = {sid for sid, _ in BUILTIN_SECTIONS} | {GAP_SECTION[0]}
    for info, result in answers:
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
    sizes: list[tuple[float, float]] = field(default_factory=list)  # each page's (w, h), pt
    image: dict[str, Any] | None = None  # an image's pixels before and after downsampling

    @property
    def label(self) -> str:
        return self.attachment.label

    @property
    def document(self) -> Document:
        return self.attachment.document

    @property
    def expires(self) -> date | None:
        return self.attachment.expires


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    sections: list[tuple[Section, int, int]]
    placed: list[Placed]
    pdfa: bool = True  # the file declares PDF/A-2b (False: see pdfa_blockers)
    pdfa_blockers: list[str] = field(default_factory=list)
    created: datetime | None = None


@dataclass
class _Read:
    reader: pypdf.PdfReader
    sha256: str
    image: dict[str, Any] | None
    blockers: list[str]


def render(plan: PacketPlan, progress: Progress | None = None) -> Rendered:
    """The packet as PDF bytes: generated pages, then every attachment on its carrier pages.

    ``progress(done, total, label)`` is called as each step starts (``done`` steps finished)
    and once more with ``done == total`` at the end.
    """
    report = progress or (lambda done, total, label: None)
    total = len(plan.attachments) + 2
    read: list[_Read] = []
    for n, a in enumerate(plan.attachments):
        report(n, total, f"reading {a.label}")
        read.append(_attachment(a))
    report(len(read), total, "rendering the cover, checklist and data sheet")
    sizes = [[_page_size(page) for page in r.reader.pages] for r in read]
    generated, sections, placed = _generated(plan, sizes, [r.sha256 for r in read])
    for p, r in zip(placed, read):
        p.image = r.image
    report(len(read) + 1, total, "merging the documents")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(generated)))
    blockers: list[str] = []
    fonts: dict = {}
    for p, r in zip(placed, read):
        for i, page in enumerate(r.reader.pages):
            _place(writer.pages[p.first_page - 1 + i], page)
        blockers += _embed_fonts(writer, p, fonts)
    if placed:
        parent = writer.add_outline_item(title="Attached documents",
                                         page_number=placed[0].first_page - 1)
        for p in placed:
            writer.add_outline_item(title=p.label, page_number=p.first_page - 1, parent=parent)
    writer.page_mode = "/UseOutlines"
    created = datetime.now(timezone.utc).replace(microsecond=0)
    _metadata(writer, plan, created, pdfa=not blockers)
    out = io.BytesIO()
    writer.write(out)
    report(total, total, "packet assembled")
    return Rendered(out.getvalue(), len(writer.pages), sections, placed, not blockers, blockers,
                    created)


def _page_size(page: pypdf.PageObject) -> tuple[float, float]:
    box = page.cropbox
    w, h = float(box.width), float(box.height)
    return (h, w) if (page.rotation or 0) % 180 else (w, h)


def _place(carrier: pypdf.PageObject, page: pypdf.PageObject) -> None:
    """Scale ``page`` into the carrier's area above the stamp strip, under its stamp."""
    if page.rotation:
        page.transfer_rotation_to_content()
    box = page.cropbox
    x0, y0, w, h = float(box.left), float(box.bottom), float(box.width), float(box.height)
    cw, ch = float(carrier.mediabox.width), float(carrier.mediabox.height)
    s = min((ch - STRIP) / h, cw / w)
    tx, ty = (cw - w * s) / 2, STRIP + (ch - STRIP - h * s) / 2
    t = pypdf.Transformation().translate(-x0, -y0).scale(s, s).translate(tx, ty)
    carrier.merge_transformed_page(page, t, over=False)


def _metadata(writer: pypdf.PdfWriter, plan: PacketPlan, created: datetime, pdfa: bool) -> None:
    """Document info and the matching XMP packet: title, author, subject, dates, producer;
    the PDF/A-2b identification when every font is embedded."""
    subject = "Credentialing application" + (
        f", reference {plan.context['reference']}" if plan.context["reference"] else "")
    stamp = created.strftime("D:%Y%m%d%H%M%S+00'00'")
    author = plan.context["provider"].name
    writer.add_metadata({"/Title": plan.title, "/Author": author, "/Subject": subject,
                         "/Producer": PRODUCER, "/CreationDate": stamp, "/ModDate": stamp})
    writer.pdf_header = b"%PDF-1.7"
    xmp = _xmp(plan.title, author, subject, created.isoformat(), pdfa)
    stream = DecodedStreamObject()
    stream.set_data(xmp)
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)


def _xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _xmp(title: str, author: str, subject: str, when: str, pdfa: bool) -> bytes:
    ident = ("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
             if pdfa else "")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f"{ident}"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(title)}</rdf:li></rdf:Alt>'
        "</dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{_xml(author)}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_xml(subject)}</rdf:li>'
        "</rdf:Alt></dc:description>"
        f"<xmp:CreateDate>{when}</xmp:CreateDate><xmp:ModifyDate>{when}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate>"
        f"<pdf:Producer>{_xml(PRODUCER)}</pdf:Producer>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        + " " * 200 + '\n<?xpacket end="w"?>'
    ).encode("utf-8")


def _attachment(a: Attachment) -> _Read:
    data = a.path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    name = f"{a.label} ({a.document.original_name})"
    if sha != a.document.sha256:
        raise CredtrackError(f"{name}: the vault file does not match its recorded sha256; "
                             "add the document again")
    image = None
    if a.document.media_type != PDF_TYPE:
        data, image = image_page(data, name)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CredtrackError(f"{name} is password-protected; add an unprotected copy")
        if not reader.pages:
            raise CredtrackError(f"{name} has no pages")
    except CredtrackError:
        raise
    except Exception as exc:
        raise CredtrackError(f"{name} is not a readable PDF: {type(exc).__name__}") from None
    return _Read(reader, sha, image, [])


def _embed_fonts(writer: pypdf.PdfWriter, p: Placed, cache: dict) -> list[str]:
    """Embed the standard fonts the attachment's pages leave out (credtrack.fontembed); the
    reasons the packet cannot be PDF/A when some font remains."""
    from credtrack import fontembed

    missing: set[str] = set()
    for number in range(p.first_page, p.last_page + 1):
        for font in fontembed.fonts_of(writer.pages[number - 1].get("/Resources")):
            if not fontembed.embedded(font) and not fontembed.embed(font, writer, cache):
                missing.add(str(font.get("/BaseFont", "?")).lstrip("/"))
    if not missing:
        return []
    return [f"{p.label} ({p.document.original_name}) uses fonts it does not embed "
            f"({', '.join(sorted(missing)[:3])}); print it to PDF again or scan it"]


def image_page(data: bytes, name: str = "image") -> tuple[bytes, dict[str, Any]]:
    """One Letter page holding the image, fitted inside the margins and the stamp strip,
    downsampled to about :data:`IMAGE_DPI` where it is placed (never upsampled). Returns the
    page and what happened to the pixels."""
    import img2pdf

    logging.getLogger("img2pdf").setLevel(logging.ERROR)  # its notes on alpha channels, etc.
    prepared, info = _downsample(data, name)
    layout = img2pdf.get_layout_fun(LETTER, None, (IMAGE_MARGIN, IMAGE_MARGIN),
                                    img2pdf.FitMode.into, False)
    try:
        return img2pdf.convert(prepared, layout_fun=layout), info
    except Exception as exc:
        raise CredtrackError(f"{name} cannot be placed on a page: {type(exc).__name__}") from None


def _downsample(data: bytes, name: str) -> tuple[bytes, dict[str, Any]]:
    """The image as a JPEG (photos) or PNG (line art), orientation applied, alpha flattened
    on white, no larger than the placed area at :data:`IMAGE_DPI`."""
    from PIL import Image, ImageOps

    box_w = (LETTER[0] - 2 * IMAGE_MARGIN) / 72 * IMAGE_DPI
    box_h = (LETTER[1] - 2 * IMAGE_MARGIN) / 72 * IMAGE_DPI
    try:
        with Image.open(io.BytesIO(data)) as im:
            source_format = im.format
            im = ImageOps.exif_transpose(im)
            before = im.size
            scale = min(1.0, box_w / im.width, box_h / im.height)
            if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
                rgba = im.convert("RGBA")
                flat = Image.new("RGB", im.size, "white")
                flat.paste(rgba, mask=rgba.getchannel("A"))
                im = flat
            line_art = im.mode in ("1", "L", "P") and source_format != "JPEG"
            im = im.convert("L" if im.mode in ("1", "L") else "RGB")
            if scale < 1.0:
                im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))),
                               Image.Resampling.LANCZOS)
            buf = io.BytesIO()
            if line_art:
                im.save(buf, "PNG", optimize=True)
            else:
                im.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
            after = im.size
    except CredtrackError:
        raise
    except Exception as exc:
        raise CredtrackError(f"{name} cannot be read as an image: {type(exc).__name__}") from None
    return buf.getvalue(), {"pixels": list(before), "placed_pixels": list(after),
                            "dpi": IMAGE_DPI, "bytes": len(data), "placed_bytes": buf.tell(),
                            "downsampled": after != before}


def _weasyprint():
    """WeasyPrint's HTML and CSS, or one line saying which system library is missing."""
    try:
        from weasyprint import CSS, HTML
    except OSError as exc:  # Pango/HarfBuzz/fontconfig not installed
        missing = re.search(r"'([^']+)'", str(exc))
        lib = f" ({missing.group(1)})" if missing else ""
        raise CredtrackError(
            f"building a packet needs the Pango text library{lib}, which is not installed: "
            "install it (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
            "Fedora: dnf install pango; macOS: brew install pango)") from None
    return CSS, HTML


def _carriers(placed: list[Placed]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One carrier page per attached page (its size, its stamp), and the page sizes used."""
    pages, sizes = [], {}
    for n, p in enumerate(placed, 1):
        expiry = f" \u00b7 expires {p.expires}" if p.expires else ""
        label = f"Attachment {n} of {len(placed)}: {p.label}{expiry}"
        if len(label) > 110:
            label = label[:107] + "..."
        for i, (w, h) in enumerate(p.sizes):
            size = f"att-{round(w * 100)}-{round(h * 100)}"
            sizes[size] = {"name": size, "w": round(w, 2), "h": round(h, 2)}
            pages.append({"size": size, "label": label,
                          "anchor": f"att-{n}" if i == 0 else
                          (f"att-{n}-end" if i == len(p.sizes) - 1 else "")})
    return pages, list(sizes.values())


def _generated(plan: PacketPlan, sizes: list, hashes: list[str]):
    """Render the generated pages and the carrier pages. Attachment page numbers depend on how
    many pages the generated part takes, so render with a guess and again until the count
    holds (once, nearly always). ``sizes``: each attachment's page sizes (or page counts)."""
    CSS, HTML = _weasyprint()
    sizes = [[LETTER] * s if isinstance(s, int) else list(s) for s in sizes]
    counts = [len(s) for s in sizes]
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
            for a, count, sha, size in zip(plan.attachments, counts, hashes, sizes, strict=True):
                placed.append(Placed(a, first, first + count - 1, sha, size))
                first += count
            carriers, carrier_sizes = _carriers(placed)
            html = main.render(plan.context, sections=sections, attachments=placed,
                               placed_by_doc={p.document.id: p for p in placed},
                               total_pages=guess + sum(counts), carriers=carriers,
                               carrier_sizes=carrier_sizes)
            document = HTML(string=html, base_url=plan.template_dirs[0].resolve().as_uri() + "/",
                            url_fetcher=fetcher).render(stylesheets=css)
            own = len(document.pages) - sum(counts)
            if own == guess:
                pdf = document.write_pdf(pdf_variant="pdf/a-2b")
                return pdf, _section_pages(document, sections, own), placed
            guess = max(own, 1)
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
            "datasheet": (len(plan.context["licenses"]) + len(plan.context["jobs"])
                          + len(plan.context["references"]), 25),
            "cover": (len(plan.context["states"]), 13)}
    return len(ids) + sum(n // per for sid, (n, per) in rows.items() if sid in ids)


def _section_pages(document, sections: list[Section],
                   own: int) -> list[tuple[Section, int, int]]:
    starts = {}
    for number, page in enumerate(document.pages[:own], 1):
        for anchor in page.anchors:
            if anchor.startswith("sec-"):
                starts.setdefault(anchor[4:], number)
    found = [(s, starts[s.id]) for s in sections if s.id in starts]
    out = []
    for n, (s, start) in enumerate(found):
        end = found[n + 1][1] - 1 if n + 1 < len(found) else own
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
# What the service writes
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
    app = plan.application
    return {
        "credtrack_packet": 1,
        "application": app.id, "payer": app.payer,
        "payer_name": plan.context["payer_name"], "provider": plan.provider_id,
        "reference": plan.context["reference"] or None,
        "payer_number": plan.context["payer_number"] or None,
        "date": plan.on.isoformat(),
        "built": (rendered.created or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "draft": plan.draft, "problems": list(plan.problems),
        "tin": "shown" if plan.show_tin else "masked", "template": plan.template,
        "file": pdf_name, "sha256": hashlib.sha256(rendered.pdf).hexdigest(),
        "size": len(rendered.pdf), "pages": rendered.pages,
        "pdfa": "PDF/A-2b" if rendered.pdfa else None,
        "pdfa_blockers": list(rendered.pdfa_blockers),
        "sections": [{"id": s.id, "title": s.title, "pages": [a, b]}
                     for s, a, b in rendered.sections],
        "documents": [{"item": p.attachment.key, "label": p.label, "document": p.document.id,
                       "kind": p.document.kind, "state": p.document.state,
                       "file": p.document.original_name, "media_type": p.document.media_type,
                       "issued": _iso(p.document.issued), "expires": _iso(p.expires),
                       "expiry_basis": p.attachment.expiry_basis or None,
                       "sha256": p.sha256, "pages": [p.first_page, p.last_page],
                       "image": p.image}
                      for p in rendered.placed],
    }


def zip_bytes(pdf_name: str, rendered: Rendered, json_name: str, json_bytes: bytes) -> bytes:
    """A zip of the packet, its manifest and each attached document as it is in the vault."""
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
