"""Application packets: one PDF per application, checked, stamped, hashed and safe."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import textwrap
import zipfile
from datetime import date
from pathlib import Path

import pikepdf
import pypdf
import pytest
from PIL import Image, ImageDraw

from conftest import assert_clean_error
from credtrack import packet as P
from credtrack import vault
from credtrack.demo import sample_pdf
from credtrack.models import Application, Provider, new_id
from credtrack.service import Credtrack
from test_cli_basics import imported_modules

ON = date(2026, 11, 22)
PAYER_PLUGIN = '''
from credtrack import hookimpl
from credtrack.rules import DocumentRequirement, PayerRules

@hookimpl
def credtrack_payers():
    return [PayerRules(
        id="acme", name="Acme Health Network", kind="network",
        provider_types=("massage-therapist",),
        documents=(
            DocumentRequirement("license", "State massage therapist license", per_state=True),
            DocumentRequirement("w9", "W-9"),
            DocumentRequirement("liability-coi", "Professional liability certificate",
                                min_per_claim=1_000_000, min_aggregate=3_000_000),
            DocumentRequirement("ce-certificate", "CE certificate"),
        ),
        sources=("https://example.org/acme",), verified="2026-01-01", route="portal",
        route_address="https://providers.acme.example/join")]
'''
LABELS = ("State massage therapist license (FL)", "W-9", "Professional liability certificate",
          "CE certificate")


def two_page_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    for n in (1, 2):
        writer.append(pypdf.PdfReader(io.BytesIO(
            sample_pdf(f"Florida LMT license page {n}", ["MA43221"]))))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def picture(path: Path, size: tuple[int, int], text: str, fmt: str) -> Path:
    im = Image.new("RGB", size, "white")
    ImageDraw.Draw(im).text((40, 40), text, fill="black")
    im.save(path, fmt)
    return path


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    d = tmp_path / "files"
    d.mkdir()
    (d / "license.pdf").write_bytes(two_page_pdf())
    (d / "w9.pdf").write_bytes(sample_pdf("Form W-9", ["Request for Taxpayer Identification"]))
    return {"license": d / "license.pdf", "w9": d / "w9.pdf",
            "coi": picture(d / "coi.png", (850, 1100), "Certificate of liability", "PNG"),
            "ce": picture(d / "ce.jpg", (1100, 850), "CE certificate: ethics", "JPEG")}


@pytest.fixture
def plugins(home, monkeypatch) -> Path:
    """The test payer as a <data dir>/plugins file (so the CLI sees it too)."""
    monkeypatch.setenv("CREDTRACK_DISABLE_PLUGINS", "")
    folder = home / "plugins"
    folder.mkdir(parents=True)
    (folder / "acme.py").write_text(PAYER_PLUGIN)
    return folder


def make_practice(home: Path, files: dict[str, Path], name: str = "Dana Reyes",
                  w9: bool = True, coi_expires: date = date(2027, 1, 1)):
    service = Credtrack(home, entry_points=False)
    p = service.add_provider(Provider(
        new_id("prv"), name, credentials="LMT", npi="1234567893", caqh_id="1515151",
        tin="876543219", email="dana@example.com", phone="555-0100",
        locations=["Reyes Bodywork, 12 Palm Ave, Tampa, FL 33602"],
        work_history=[{"from": "2019-01", "to": "present", "employer": "Reyes Bodywork",
                       "title": "Owner"}]), use=True)
    service.add_license(p.id, "FL", "MA43221", date(2014, 5, 1), date(2027, 8, 31), "LMT")
    service.add_document(p.id, "license", files["license"], date(2025, 8, 1), date(2027, 8, 31),
                         state="FL")
    if w9:
        service.add_document(p.id, "w9", files["w9"], issued=date(2026, 1, 5))
    service.add_document(p.id, "liability-coi", files["coi"], date(2025, 1, 1), coi_expires,
                         limits=(2_000_000, 6_000_000))
    service.add_document(p.id, "ce-certificate", files["ce"], issued=date(2026, 3, 1))
    app, _ = service.apply(p.id, "acme", ["FL"], on=date(2026, 11, 1))
    return service, app.id


@pytest.fixture
def practice(home, plugins, files):
    return make_practice(home, files)


def texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def image_count(path: Path) -> int:
    """Image objects in the whole file (a soft mask is part of its image)."""
    with pikepdf.open(path) as pdf:
        images = [o for o in pdf.objects
                  if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        masks = {i.SMask.objgen for i in images if "/SMask" in i}
        return sum(1 for i in images if i.objgen not in masks)


def qpdf_problems(path: Path) -> list:
    with pikepdf.open(path) as pdf:  # pikepdf wraps libqpdf; check() became check_pdf_syntax()
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check
        return list(check())


# -- 1. the packet ---------------------------------------------------------------------------

def test_packet_holds_generated_pages_and_every_document_in_order(practice, tmp_path):
    service, app_id = practice
    steps = []
    done = P.build(service, app_id, on=ON, output=tmp_path / "out.pdf",
                   progress=lambda *a: steps.append(a))
    reader = pypdf.PdfReader(done.pdf)
    assert qpdf_problems(done.pdf) == []
    m = done.manifest
    generated = m["sections"][-1]["pages"][1]
    assert [s["id"] for s in m["sections"]] == ["cover", "contents", "checklist", "datasheet"]
    assert len(reader.pages) == m["pages"] == generated + 2 + 1 + 1 + 1
    # the payer's order, each document right after the last, the originals' pages unchanged
    assert [d["label"] for d in m["documents"]] == list(LABELS)
    assert [d["pages"] for d in m["documents"]] == [
        [generated + 1, generated + 2], [generated + 3] * 2, [generated + 4] * 2,
        [generated + 5] * 2]
    pages = texts(done.pdf)
    assert "Florida LMT license page 2" in pages[generated + 1]
    assert "Form W-9" in pages[generated + 2]
    whole = "\n".join(pages)
    for needle in ("Dana Reyes", "Acme Health Network", *LABELS, "MA43221"):
        assert needle in whole, needle
    assert app_id not in whole  # credtrack's ids stay off the pages
    # the packet's own numbering on every page, attachments included; the contents agree
    total = len(pages)
    for n, text in enumerate(pages, 1):
        assert f"Page {n} of {total}" in text, n
    contents = pages[m["sections"][1]["pages"][0] - 1]
    assert f"{generated + 1}\u2013{generated + 2}" in contents
    assert "DRAFT" not in whole
    assert image_count(done.pdf) == 2  # the COI PNG and the CE JPEG, one page each
    assert steps[-1] == (len(LABELS) + 3, len(LABELS) + 3, "done")
    assert [s[0] for s in steps] == sorted(s[0] for s in steps)


def test_tin_is_masked_unless_asked(practice, tmp_path):
    service, app_id = practice
    masked = "\n".join(texts(P.build(service, app_id, on=ON, output=tmp_path / "a.pdf").pdf))
    assert "*****3219" in masked and "876543219" not in masked
    shown = P.build(service, app_id, on=ON, output=tmp_path / "b.pdf", show_tin=True)
    assert "876543219" in "\n".join(texts(shown.pdf))
    assert shown.manifest["tin"] == "shown"


# -- 2. checks before building ---------------------------------------------------------------

def test_missing_w9_stops_the_build_and_a_draft_is_stamped_everywhere(home, plugins, files, cli):
    _, app_id = make_practice(home, files, w9=False)
    blocked = cli("packet", "build", app_id, "--date", ON.isoformat())
    assert_clean_error(blocked, 1)
    assert "W-9 is missing" in blocked.err and "--draft" in blocked.err
    assert not (home / "packets").exists()
    draft = cli("packet", "build", app_id, "--date", ON.isoformat(), "--draft")
    assert draft.code == 0, draft.err
    assert "draft: W-9 is missing" in draft.err
    pdf = home / "packets" / f"{app_id}-{ON}-draft.pdf"
    pages = texts(pdf)
    assert len(pages) == json.loads(pdf.with_suffix(".json").read_text())["pages"]
    assert all("DRAFT" in text for text in pages)
    assert "MISSING" in "\n".join(pages)
    assert qpdf_problems(pdf) == []


def test_expired_document_stops_the_build(home, plugins, files):
    service, app_id = make_practice(home, files, coi_expires=date(2026, 6, 30))
    with pytest.raises(P.PacketBlocked) as err:
        P.build(service, app_id, on=ON)
    assert err.value.problems == ["Professional liability certificate: expired 2026-06-30"]


# -- 3. user text is text, and nothing is fetched from outside -------------------------------

def test_markup_in_a_name_is_text_and_fetches_nothing(home, plugins, files, tmp_path):
    name = 'Dana <img src="file:///etc/hostname"> Reyes'
    service, app_id = make_practice(home, files, name=name)
    done = P.build(service, app_id, on=ON, output=tmp_path / "x.pdf")
    whole = "\n".join(texts(done.pdf))
    assert '<img src="file:///etc/hostname">' in whole
    assert image_count(done.pdf) == 2  # only the attached PNG and JPEG


def test_url_fetcher_serves_only_template_folders_and_the_vault(practice, tmp_path):
    service, app_id = practice
    outside = picture(tmp_path / "outside.png", (60, 60), "x", "PNG")
    layer = tmp_path / "tpl"
    layer.mkdir()
    (layer / "leak.png").symlink_to(outside)
    plan = P.gather(service, app_id, on=ON, template_dir=layer)
    fetcher = P.url_fetcher(plan.template_dirs, plan.vault_dir)
    bundled = P.bundled_templates()
    for url in ("file:///etc/hostname", outside.as_uri(), (layer / "leak.png").as_uri(),
                "https://example.org/x.png", "ftp://example.org/x",
                (bundled / "sections" / "../../../../etc/hostname").as_uri(),
                "file://otherhost" + str(bundled / "packet.css")):
        with pytest.raises(P.FetchRefused):
            P.allowed_file(url, plan.template_dirs, plan.vault_dir)
        with pytest.raises(P.FetchRefused):
            fetcher(url)
    def body(url: str) -> bytes:  # WeasyPrint >= 68 returns a response, older ones a dict
        got = fetcher(url)
        return got.read() if hasattr(got, "read") else got["string"]

    # a relative URL resolved against the override folder still finds the bundled file
    assert b"@page" in body((layer / "packet.css").as_uri())
    doc = service.records().documents[0]
    assert body(service.document_path(doc).as_uri())[:4] == b"%PDF"


def test_template_overrides_load_their_own_files_and_nothing_outside(practice, tmp_path, home):
    service, app_id = practice
    outside = picture(tmp_path / "outside.png", (60, 60), "x", "PNG")
    custom = tmp_path / "tpl" / "sections"
    custom.mkdir(parents=True)
    picture(custom.parent / "logo.png", (60, 60), "L", "PNG")
    (custom / "cover.html").write_text(textwrap.dedent(f"""\
        <img src="logo.png"><img src="{outside.as_uri()}"><img src="file:///etc/hostname">
        <p>Custom cover for {{{{ provider.name }}}}</p>"""))
    done = P.build(service, app_id, on=ON, output=tmp_path / "t.pdf",
                   template_dir=custom.parent)
    assert "Custom cover for Dana Reyes" in texts(done.pdf)[0]
    assert image_count(done.pdf) == 3  # the logo from the template folder, the PNG, the JPEG
    (home / "templates" / "sections").mkdir(parents=True)
    (home / "templates" / "sections" / "cover.html").write_text("<p>Data-dir cover</p>")
    again = P.build(service, app_id, on=ON, output=tmp_path / "u.pdf")
    assert "Data-dir cover" in texts(again.pdf)[0]


# -- 4. the manifest --------------------------------------------------------------------------

def test_manifest_hashes_match_the_vault_and_the_packet(practice, home, cli, monkeypatch):
    service, app_id = practice
    monkeypatch.setenv("CREDTRACK_TODAY", ON.isoformat())
    result = cli("packet", "build", app_id, "--zip", "--json")
    assert result.code == 0, result.err
    out = result.json()
    pdf, manifest_path, zip_path = Path(out["path"]), Path(out["manifest_path"]), Path(out["zip"])
    assert pdf == home / "packets" / f"{app_id}-{ON}.pdf"
    for f in (pdf, manifest_path, zip_path):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    assert stat.S_IMODE(pdf.parent.stat().st_mode) == 0o700
    m = json.loads(manifest_path.read_text())
    assert m["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert m["date"] == ON.isoformat() and m["built"] and m["file"] == pdf.name
    docs = {d.id: d for d in service.records().documents}
    for entry in m["documents"]:
        doc = docs[entry["document"]]
        assert entry["sha256"] == doc.sha256 == vault.file_sha256(service.document_path(doc))
    recorded = service.store.read(service.provider_id()).get(Application, app_id).packets
    assert recorded[-1]["sha256"] == m["sha256"] and recorded[-1]["path"] == str(pdf)
    with zipfile.ZipFile(zip_path) as z:
        names = z.namelist()
        assert names[:2] == [pdf.name, manifest_path.name]
        assert z.read(pdf.name) == pdf.read_bytes()
        stored = [n for n in names if n.startswith("documents/")]
        assert len(stored) == 4
        assert {hashlib.sha256(z.read(n)).hexdigest() for n in stored} == \
            {d["sha256"] for d in m["documents"]}


def test_cli_errors_are_one_line(practice, cli, tmp_path):
    _, app_id = practice
    assert_clean_error(cli("packet", "build", "app-nope"), 2)
    assert_clean_error(cli("packet", "build", app_id, "-o", tmp_path / "x.txt"), 2)
    assert_clean_error(cli("packet", "build", app_id, "-o", tmp_path / "no" / "x.pdf"), 2)


# -- the packet hook -------------------------------------------------------------------------

HOOK_PLUGIN = '''
from credtrack import hookimpl

@hookimpl
def credtrack_packet_sections(application, context):
    if application.payer != "acme":
        return None
    return {"sections": [{"id": "acme-attestation", "title": "Acme attestation",
                          "html": "<p>I, {{ provider.name }}, attest to the above.</p>"}],
            "order": ["cover", "checklist", "acme-attestation", "datasheet"]}
'''


def test_a_plugin_adds_a_section_and_orders_the_pages(practice, plugins, tmp_path):
    (plugins / "acme_packet.py").write_text(HOOK_PLUGIN)
    service = Credtrack(plugins.parent, entry_points=False)
    _, app_id = practice
    done = P.build(service, app_id, on=ON, output=tmp_path / "h.pdf")
    ids = [s["id"] for s in done.manifest["sections"]]
    assert ids == ["cover", "checklist", "acme-attestation", "datasheet"]
    pages = texts(done.pdf)
    start = done.manifest["sections"][2]["pages"][0]
    assert "I, Dana Reyes, attest to the above." in pages[start - 1]
    assert "Contents" not in "\n".join(pages[:start])


def test_a_broken_packet_plugin_stops_the_build_naming_it(practice, plugins):
    (plugins / "bad_packet.py").write_text(
        "from credtrack import hookimpl\n\n@hookimpl\n"
        "def credtrack_packet_sections(application, context):\n    raise RuntimeError('boom')\n")
    _, app_id = practice
    with pytest.raises(P.PacketBlocked, match="bad_packet.*RuntimeError: boom"):
        P.build(Credtrack(plugins.parent, entry_points=False), app_id, on=ON)


# -- packaging and imports -------------------------------------------------------------------

def test_bundled_templates_are_found():
    folder = P.bundled_templates()
    for name in ("packet.html", "packet.css", "sections/cover.html", "sections/contents.html",
                 "sections/checklist.html", "sections/datasheet.html"):
        assert (folder / name).is_file(), name


def test_packet_help_imports_no_pdf_library(home):
    mods = imported_modules("packet", "build", "--help", env={"CREDTRACK_HOME": str(home)})
    assert "credtrack" in mods and not mods & {"weasyprint", "pypdf", "img2pdf", "jinja2"}


# -- issue 17: what the desk sees, and an archival PDF -----------------------------------------

import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402

ID = re.compile(r"\b(?:app|doc|lic|prv|job|ref|ce|fu|att)-[23456789abcdefghjkmnpqrstuvwxyz]{6}")


def tool(name: str) -> str:
    """A system tool the PDF checks use (.ci/run installs them); missing locally: skip."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed (.ci/run installs it)")
        pytest.skip(f"{name} is not installed (apt-get install qpdf poppler-utils)")
    return found


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    return [line.split() for line in out[2:] if line.strip()]


def test_the_packet_is_pdfa_2b_with_every_font_embedded_and_dated(practice, tmp_path):
    from credtrack import fontembed

    if fontembed.font_file("Sans", "Regular") is None:
        tool("fc-liberation-fonts")  # skips locally, fails in CI: .ci/run installs them
    service, app_id = practice
    done = P.build(service, app_id, on=ON, output=tmp_path / "a.pdf")
    check = subprocess.run([tool("qpdf"), "--check", str(done.pdf)], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout
    fonts = pdffonts(done.pdf)
    assert fonts, "no fonts listed"
    # columns: name type [type...] encoding emb sub uni object-id gen: 'emb' is 5th from the end
    assert all(row[-5] == "yes" for row in fonts), fonts
    # the attachments' Helvetica (not embedded in the originals) was embedded as Liberation Sans
    assert any("LiberationSans" in row[0] for row in fonts), fonts
    with pikepdf.open(done.pdf) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["xmp:CreateDate"].startswith(done.manifest["built"][:10])
        assert meta["dc:title"] == "Credentialing application: Dana Reyes to Acme Health Network"
        info = pdf.docinfo
        assert str(info["/CreationDate"]).startswith("D:" + done.manifest["built"][:10]
                                                     .replace("-", ""))
        assert str(info["/ModDate"]) == str(info["/CreationDate"])
        assert "/OutputIntents" in pdf.Root  # sRGB, from WeasyPrint's PDF/A output
    assert done.manifest["pdfa"] == "PDF/A-2b" and done.manifest["pdfa_blockers"] == []


def test_a_font_that_cannot_be_embedded_means_no_pdfa_claim(home, plugins, files, tmp_path):
    symbol = sample_pdf("Form W-9", ["x"]).replace(b"/BaseFont /Helvetica", b"/BaseFont /Symbol")
    files["w9"].write_bytes(symbol)
    service, app_id = make_practice(home, files)
    done = P.build(service, app_id, on=ON, output=tmp_path / "s.pdf")
    assert done.manifest["pdfa"] is None
    assert "w9.pdf" in done.manifest["pdfa_blockers"][0]
    with pikepdf.open(done.pdf) as pdf:
        assert "pdfaid:part" not in pdf.open_metadata()


FORM = """<!doctype html><style>
@page { size: Letter; margin: 0 } body { margin: 0 }
.l { position: absolute; left: 72pt; font: 11pt "DejaVu Sans"; line-height: 1 }
</style>
<div class="l" style="top: 30pt">Form W-9 (test) first line</div>
<div class="l" style="bottom: 30pt">LINE THIRTY POINTS UP 4411</div>
<div class="l" style="bottom: 0">LAST LINE AT THE BOTTOM EDGE 7731</div>"""


def _positions(page) -> dict[str, tuple[float, float]]:
    """Each text run's (x, y) in page space."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.setdefault(text.strip(), (x, y))

    page.extract_text(visitor_text=visit)
    return found


def test_stamps_never_cover_a_full_page_forms_last_line(home, plugins, files, tmp_path):
    from weasyprint import HTML

    files["w9"].write_bytes(HTML(string=FORM).write_pdf())
    service, app_id = make_practice(home, files)
    done = P.build(service, app_id, on=ON, output=tmp_path / "f.pdf")
    number = next(d["pages"][0] for d in done.manifest["documents"] if d["kind"] == "w9")
    page = pypdf.PdfReader(done.pdf).pages[number - 1]
    text = page.extract_text()
    assert "LAST LINE AT THE BOTTOM EDGE 7731" in text and "LINE THIRTY POINTS UP 4411" in text
    where = _positions(page)
    stamp = next(y for t, (x, y) in where.items() if t.startswith("Attachment 2 of 4"))
    lines = [where[t][1] for t in where if t.startswith(("LAST LINE", "LINE THIRTY"))]
    assert len(lines) == 2
    # the form sits above the strip its stamp is printed in: its lowest glyphs (descenders
    # about 3 pt below the baseline) clear the stamp's line (7.5 pt type) by a margin
    assert min(lines) - 3 > stamp + 7.5, (lines, stamp)
    # and nothing paints over it: rasterised, the bottom line's band holds dark pixels
    out = tmp_path / "page"
    subprocess.run([tool("pdftoppm"), "-r", "72", "-f", str(number), "-l", str(number), "-png",
                    "-singlefile", str(done.pdf), str(out)], check=True)
    with Image.open(out.with_suffix(".png")) as im:
        gray = im.convert("L")
        height = gray.height
        low = min(lines)
        band = gray.crop((60, int(height - low - 9), 400, int(height - low + 2)))
        dark = sum(band.histogram()[:128])
    assert dark > 100, dark


def test_an_8_mb_photo_becomes_a_packet_under_2_mb(home, plugins, files, tmp_path, cli,
                                                   monkeypatch):
    photo = tmp_path / "files" / "coi-photo.jpg"
    noise = Image.frombytes("RGB", (3264, 2448), os.urandom(3264 * 2448 * 3))
    noise.save(photo, "JPEG", quality=95)  # noise: the worst case for JPEG
    assert photo.stat().st_size > 8_000_000
    files["coi"] = photo
    _, app_id = make_practice(home, files)
    monkeypatch.setenv("CREDTRACK_TODAY", ON.isoformat())
    result = cli("packet", "build", app_id, "-o", tmp_path / "p.pdf", "--json")
    assert result.code == 0, result.err
    m = result.json()
    assert m["size"] < 2_000_000, m["size"]
    image = next(d["image"] for d in m["documents"] if d["file"] == "coi-photo.jpg")
    # 504 x 684 pt inside the margins at 200 dpi: at most 1400 x 1900 px; 3264 x 2448 is
    # scaled by 1400 / 3264 to 1400 x 1050
    assert image["pixels"] == [3264, 2448] and image["placed_pixels"] == [1400, 1050]
    assert image["downsampled"] and image["dpi"] == 200
    text = cli("packet", "build", app_id, "-o", tmp_path / "q.pdf").out
    assert "coi-photo.jpg: 3264x2448 px" in text and "-> 1400x1050 px (200 dpi)" in text
    assert re.search(r"\d+\.\d MB", text)


def test_pages_the_payer_sees_carry_no_internal_ids_nor_the_tool_name(practice, tmp_path, cli,
                                                                       monkeypatch):
    service, app_id = practice
    monkeypatch.setenv("CREDTRACK_TODAY", ON.isoformat())
    assert cli("app", "edit", app_id, "--reference", "DR-2026-ACME",
               "--payer-number", "ACM-88412").code == 0
    done = P.build(service, app_id, on=ON, output=tmp_path / "n.pdf")
    pages = texts(done.pdf)
    whole = "\n".join(pages)
    assert ID.findall(whole) == []
    records = service.records()
    ours = [app_id, records.provider.id, *(r.id for t in records.tables.values() for r in t)]
    assert [i for i in ours if i in whole] == []
    assert "credtrack" not in whole.lower()
    # the user's reference and the payer's number stand for the application
    assert "ACM-88412" in pages[0] and "DR-2026-ACME" in pages[0]
    assert "Please quote application number ACM-88412" in pages[0].replace("\n", " ")
    with pikepdf.open(done.pdf) as pdf:
        for key, value in pdf.docinfo.items():
            if key != "/Producer":
                assert "credtrack" not in str(value).lower() and not ID.findall(str(value)), key
        xmp = pdf.open_metadata()
        for key in ("dc:title", "dc:description", "dc:creator"):
            assert "credtrack" not in str(xmp.get(key, "")).lower()
        assert str(pdf.docinfo["/Producer"]).startswith("credtrack")
        # nowhere else in the file either: outlines, link targets, XMP (decompressed)
    raw = subprocess.run([tool("qpdf"), "--qdf", "--object-streams=disable", str(done.pdf), "-"],
                         capture_output=True, check=True).stdout
    assert raw.lower().count(b"credtrack") == 2  # /Producer and pdf:Producer
    assert not ID.findall(raw.decode("latin-1"))
    assert [i for i in ours if i.encode() in raw] == []


def test_license_copies_carry_their_license_expiry(home, plugins, files, tmp_path):
    service, app_id = make_practice(home, files)
    lic_doc = next(d for d in service.records().documents if d.kind == "license")
    service.store.remove_document(service.provider_id(), lic_doc.id)
    service.add_document(None, "license", files["license"], state="FL")  # the copy has no date
    done = P.build(service, app_id, on=ON, output=tmp_path / "l.pdf")
    pages = texts(done.pdf)
    entry = next(d for d in done.manifest["documents"] if d["kind"] == "license")
    assert entry["expires"] == "2027-08-31" and entry["expiry_basis"] == "license"
    contents = pages[done.manifest["sections"][1]["pages"][0] - 1]
    assert "license.pdf \u00b7 expires 2027-08-31" in contents
    checklist = pages[done.manifest["sections"][2]["pages"][0] - 1]
    row = checklist[checklist.index("State massage therapist license"):]
    row = row[:row.index("W-9")]  # the license's row, up to the next requirement
    assert "2027-08-31" in row and "license expiry" in row and "no expiry" not in row
    first = pages[entry["pages"][0] - 1]
    assert "Attachment 1 of 4: State massage therapist license (FL) \u00b7 expires 2027-08-31" \
        in first


def test_the_data_sheet_lists_jobs_and_references_and_the_gap_letter(practice, tmp_path, cli,
                                                                       monkeypatch):
    service, app_id = practice
    monkeypatch.setenv("CREDTRACK_TODAY", ON.isoformat())
    service.edit_provider(None, work_history=[])
    for args in (("--employer", "Bayside Spa", "--role", "Massage therapist", "--from", "2019-01",
                  "--to", "2022-03"),
                 ("--employer", "Reyes Bodywork", "--role", "Owner", "--from", "2022-11")):
        assert cli("work", "add", *args).code == 0
    assert cli("reference", "add", "--name", "Pat Kim", "--role", "Physical therapist",
               "--contact", "555-0103").code == 0
    plain = P.build(service, app_id, on=ON, output=tmp_path / "d.pdf")
    sheet = texts(plain.pdf)[plain.manifest["sections"][3]["pages"][0] - 1]
    for needle in ("Bayside Spa", "2019-01", "2022-03", "Reyes Bodywork", "present",
                   "Pat Kim", "555-0103"):
        assert needle in sheet, needle
    assert [s["id"] for s in plain.manifest["sections"]] == [
        "cover", "contents", "checklist", "datasheet"]
    result = cli("packet", "build", app_id, "-o", tmp_path / "g.pdf", "--gap-letter",
                 "--gap-reason", "Relocated from Ohio and completed the Florida licensure.",
                 "--json")
    assert result.code == 0, result.err
    m = result.json()
    assert [s["id"] for s in m["sections"]][-1] == "gap-letter"
    letter = "\n".join(texts(Path(m["path"]))[m["sections"][-1]["pages"][0] - 1:
                                              m["sections"][-1]["pages"][1]])
    for needle in ("Explanation of gaps in work history", "2022-04", "2022-10", "7",
                   "after Bayside Spa", "before Reyes Bodywork", "Relocated from Ohio",
                   "Signature", "Date", "Dana Reyes"):
        assert needle in letter, needle
    # no gap, no letter
    jobs = cli("work", "list", "--json").json()
    spa = next(j["id"] for j in jobs if j["employer"] == "Bayside Spa")
    cli("work", "edit", spa, "--to", "2022-10")
    assert_clean_error(cli("packet", "build", app_id, "--gap-letter"), 2)
