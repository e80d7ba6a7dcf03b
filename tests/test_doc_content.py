"""Issue 17: 'doc add' judges a file by its content: PDFs that open and images that decode are
kept; anything else is refused at once with one line and nothing is stored."""

from __future__ import annotations

import io
import sys
import zipfile

import pytest
from PIL import Image

from conftest import assert_clean_error
from credtrack.demo import sample_pdf


@pytest.fixture
def dana(cli, home):
    assert cli("init", "--name", "Dana Reyes").code == 0
    return home


def nothing_stored(cli, home) -> bool:
    vault = home / "vault"
    files = [p for p in vault.rglob("*") if p.is_file()] if vault.exists() else []
    return cli("doc", "list", "--json").json() == [] and files == []


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize("name,content", [
    ("notes.txt", b"My W-9 is on the way.\n"),
    ("fake.png", b"this is text, not a picture\n"),
    ("resume.docx", docx_bytes()),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n"),  # starts like a PDF, does not open
    ("cut.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),  # a PNG header and nothing behind it
])
def test_files_that_are_not_documents_are_refused_and_nothing_is_stored(cli, dana, tmp_path,
                                                                         name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("doc", "add", "w9", path)
    assert_clean_error(result, 2)
    assert name in result.err
    assert nothing_stored(cli, dana)
    # a CE certificate goes through the same check
    assert_clean_error(cli("ce", "add", "--hours", "2", "--subject", "ethics", "--completed",
                           "2026-01-01", "--file", path), 2)
    assert cli("ce", "list", "--json").json() == []
    assert nothing_stored(cli, dana)


def test_real_pdfs_and_images_are_kept(cli, dana, tmp_path):
    (tmp_path / "w9.pdf").write_bytes(sample_pdf("Form W-9", ["x"]))
    for fmt, name in (("PNG", "coi.png"), ("JPEG", "ce.jpg"), ("TIFF", "scan.tif"),
                      ("GIF", "card.gif")):
        Image.new("RGB", (40, 30), "white").save(tmp_path / name, fmt)
    kinds = {"w9.pdf": "application/pdf", "coi.png": "image/png", "ce.jpg": "image/jpeg",
             "scan.tif": "image/tiff", "card.gif": "image/gif"}
    for name in kinds:
        result = cli("doc", "add", "other", tmp_path / name, "--json")
        assert result.code == 0, result.err
        assert result.json()["media_type"] == kinds[name]


def test_the_w9_tin_is_masked_in_listings(cli, dana, tmp_path):
    (tmp_path / "w9.pdf").write_bytes(sample_pdf("Form W-9", ["x"]))
    assert cli("doc", "add", "w9", tmp_path / "w9.pdf", "--tin", "98-7654321").code == 0
    for shown in (cli("doc", "list", "--json").out, cli("list", "document", "--json").out):
        assert "987654321" not in shown and "*****4321" in shown
    assert_clean_error(cli("doc", "add", "w9", tmp_path / "w9.pdf", "--tin", "1234"), 2)


class _NoPango:
    """A meta-path finder standing in for a system without Pango: importing weasyprint fails
    the way it does there (an OSError from its ffi loader)."""

    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open "
                          "shared object file: No such file or directory")
        return None


def test_a_missing_pango_is_one_line_saying_what_to_install(cli, dana, tmp_path, monkeypatch):
    for mod in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    app_id = cli("apply", "optum", "--force", "--json").json()["id"]
    result = cli("packet", "build", app_id, "--draft")
    assert_clean_error(result, 1)
    assert "Pango" in result.err and "apt-get install libpango" in result.err
    assert "internal error" not in result.err
