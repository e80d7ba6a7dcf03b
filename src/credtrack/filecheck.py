"""What a document file is, judged by its content before it enters the vault.

A document must be a PDF that opens (with at least one page, not password-protected) or an
image that decodes (PNG, JPEG, TIFF, GIF): what a payer's desk can read and a packet can hold.
Anything else (a text file, a .docx, a text file named ``.png``, a truncated download) is
refused at once with one line, before anything is stored. pypdf and Pillow are imported only
here, when a file is checked.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from credtrack.errors import BadInput

PDF = "application/pdf"
IMAGES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg",
          b"II*\x00": "image/tiff", b"MM\x00*": "image/tiff", b"GIF87a": "image/gif",
          b"GIF89a": "image/gif"}
KINDS = "a PDF or an image (PNG, JPEG, TIFF, GIF)"


def sniff(head: bytes) -> str:
    """The media type the first bytes announce ('' for none credtrack keeps)."""
    if head.lstrip(b"\r\n\t ")[:5] == b"%PDF-":
        return PDF
    for magic, media in IMAGES.items():
        if head.startswith(magic):
            return media
    return ""


def check_document_file(path: Path) -> str:
    """The file's media type if it is a PDF that opens or an image that decodes; otherwise
    BadInput (one line naming the file, never its contents)."""
    name = Path(path).name
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except OSError as exc:
        raise BadInput(f"{path}: {exc.strerror or 'cannot be read'}") from None
    media = sniff(head)
    if not media:
        raise BadInput(f"{name} is not {KINDS} by its content; save or scan it as a PDF "
                       "first")
    if media == PDF:
        _check_pdf(path, name)
    else:
        _check_image(path, name, media)
    return media


def _check_pdf(path: Path, name: str) -> None:
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(str(path))
            if reader.is_encrypted and not reader.decrypt(""):
                raise BadInput(f"{name} is a password-protected PDF; add an unprotected copy")
            if len(reader.pages) == 0:
                raise BadInput(f"{name} is a PDF without pages")
            reader.pages[0].mediabox  # noqa: B018  (the first page's dictionary reads)
    except BadInput:
        raise
    except Exception:
        raise BadInput(f"{name} starts like a PDF but does not open as one (damaged or "
                       "incomplete); add a complete copy") from None


def _check_image(path: Path, name: str, media: str) -> None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as im:
                im.verify()
            with Image.open(path) as im:  # verify() checks structure; load() decodes pixels
                im.load()
                if im.width < 1 or im.height < 1:
                    raise ValueError("empty image")
    except Exception:
        kind = media.split("/")[1].upper()
        raise BadInput(f"{name} starts like a {kind} image but does not decode (damaged or "
                       "not an image); add a complete copy") from None
