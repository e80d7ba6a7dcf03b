"""Embed the standard PDF fonts an attached document uses without embedding them.

Many simple PDFs (form generators, older scanners' cover pages, hand-made test files) name
Helvetica, Times or Courier and leave the font to the reader. An archival packet (PDF/A-2b)
embeds every font, so each such font is replaced by the metric-compatible Liberation font
(Liberation Sans for Helvetica/Arial, Serif for Times, Mono for Courier: the same advance
widths, so the text keeps its place), subset to the WinAnsi characters and embedded as a
TrueType font with widths read from the font program. Liberation comes from the system
(Debian: ``fonts-liberation2``); without it, or for Symbol and ZapfDingbats, the font stays
as it was and the caller reports the packet as not PDF/A.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from pypdf.generic import (
    ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, StreamObject,
)

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
             Path.home() / ".local/share/fonts", Path("/Library/Fonts"),
             Path("/opt/homebrew/share/fonts"))
_STYLES = {"": "Regular", "bold": "Bold", "italic": "Italic", "oblique": "Italic",
           "bolditalic": "BoldItalic", "boldoblique": "BoldItalic"}
_FAMILIES = {"helvetica": "Sans", "arial": "Sans", "arialmt": "Sans", "times": "Serif",
             "timesnewroman": "Serif", "timesnewromanps": "Serif", "timesnewromanpsmt": "Serif",
             "courier": "Mono", "couriernew": "Mono", "couriernewpsmt": "Mono"}
CODES = range(32, 256)


def substitute(base_font: str) -> tuple[str, str] | None:
    """("Sans"|"Serif"|"Mono", style) for a standard font name, else None."""
    name = base_font.lstrip("/").split("+")[-1]
    family, _, style = name.replace(",", "-").partition("-")
    family = family.lower()
    style = style.lower().replace("mt", "").replace("ps", "").replace("-", "")
    if family == "times" and style in ("roman", ""):
        style = ""
    if family not in _FAMILIES or style not in _STYLES:
        return None
    return _FAMILIES[family], _STYLES[style]


@lru_cache(maxsize=None)
def font_file(family: str, style: str) -> Path | None:
    wanted = f"Liberation{family}-{style}.ttf"
    for folder in FONT_DIRS:
        try:
            found = next(folder.rglob(wanted), None) if folder.is_dir() else None
        except OSError:
            found = None
        if found is not None:
            return found
    return None


@lru_cache(maxsize=None)
def _program(path: Path) -> tuple[bytes, dict]:
    """The font subset to WinAnsi (bytes) and what a font dictionary needs from it."""
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)

    font = TTFont(str(path))
    upm = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths = []
    for code in CODES:
        char = bytes([code]).decode("cp1252", "replace")
        glyph = cmap.get(ord(char))
        widths.append(round(hmtx[glyph][0] * 1000 / upm) if glyph else 0)
    os2, head, post = font["OS/2"], font["head"], font["post"]
    info = {"name": font["name"].getDebugName(6) or path.stem, "widths": widths,
            "bbox": [round(v * 1000 / upm) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
            "ascent": round(os2.sTypoAscender * 1000 / upm),
            "descent": round(os2.sTypoDescender * 1000 / upm),
            "cap": round(getattr(os2, "sCapHeight", os2.sTypoAscender) * 1000 / upm),
            "italic": float(post.italicAngle), "fixed": bool(post.isFixedPitch)}
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [1, 2, 3, 4, 6]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(bytes([c]).decode("cp1252", "replace")) for c in CODES])
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue(), info


def embed(font: DictionaryObject, writer, cache: dict | None = None) -> bool:
    """Turn a non-embedded standard Type1 font dictionary (in ``writer``) into an embedded
    TrueType one, in place. False when it is not one, or no substitute is installed.
    ``cache`` (one per writer) shares each font program and descriptor between fonts."""
    if font.get("/Subtype") != "/Type1" or "/FontDescriptor" in font and any(
            k in font["/FontDescriptor"].get_object()
            for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        return False
    found = substitute(str(font.get("/BaseFont", "")))
    path = font_file(*found) if found else None
    if path is None:
        return False
    data, info = _program(path)
    encoding = font.get("/Encoding")
    encoding = encoding.get_object() if encoding is not None else None
    if encoding is not None and encoding not in ("/WinAnsiEncoding", "/StandardEncoding"):
        return False  # MacRoman or /Differences: the widths would not match; left as it is
    cache = {} if cache is None else cache
    if path not in cache:
        cache[path] = _descriptor(writer, data, info, found)
    name, descriptor = cache[path]
    font[NameObject("/Subtype")] = NameObject("/TrueType")
    font[NameObject("/BaseFont")] = name
    font[NameObject("/Encoding")] = NameObject("/WinAnsiEncoding")
    font[NameObject("/FirstChar")] = NumberObject(CODES.start)
    font[NameObject("/LastChar")] = NumberObject(CODES.stop - 1)
    font[NameObject("/Widths")] = ArrayObject(NumberObject(w) for w in info["widths"])
    font[NameObject("/FontDescriptor")] = descriptor
    return True


def _descriptor(writer, data: bytes, info: dict, found: tuple[str, str]):
    """The font's name and its descriptor (with the embedded program) added to ``writer``."""
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(data).digest()[:6])
    name = NameObject(f"/{tag}+{info['name']}")
    program = StreamObject()
    program.set_data(data)
    program[NameObject("/Length1")] = NumberObject(len(data))
    program = program.flate_encode()
    family, style = found
    flags = 32 | (2 if family == "Serif" else 0) | (1 if info["fixed"] else 0) | \
        (64 if info["italic"] else 0)
    descriptor = DictionaryObject({
        NameObject("/Type"): NameObject("/FontDescriptor"), NameObject("/FontName"): name,
        NameObject("/Flags"): NumberObject(flags),
        NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in info["bbox"]),
        NameObject("/ItalicAngle"): FloatObject(info["italic"]),
        NameObject("/Ascent"): NumberObject(info["ascent"]),
        NameObject("/Descent"): NumberObject(info["descent"]),
        NameObject("/CapHeight"): NumberObject(info["cap"]),
        NameObject("/StemV"): NumberObject(120 if "Bold" in style else 80),
        NameObject("/FontFile2"): writer._add_object(program)})
    return name, writer._add_object(descriptor)


def fonts_of(resources, seen: set[int] | None = None):
    """Every font dictionary reachable from a resource dictionary (Form XObjects and Type3
    fonts' resources included), each once."""
    seen = set() if seen is None else seen
    resources = resources.get_object() if resources is not None else None
    if not isinstance(resources, dict) or id(resources) in seen:
        return
    seen.add(id(resources))
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) in seen:
            continue
        seen.add(id(font))
        yield font
        if font.get("/Subtype") == "/Type3":
            yield from fonts_of(font.get("/Resources"), seen)
    for xobj in (resources.get("/XObject") or {}).values():
        xobj = xobj.get_object()
        if xobj.get("/Subtype") == "/Form":
            yield from fonts_of(xobj.get("/Resources"), seen)


def embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    desc = font
    if font.get("/Subtype") == "/Type0":
        desc = font["/DescendantFonts"][0].get_object()
    fd = desc.get("/FontDescriptor")
    fd = fd.get_object() if fd is not None else {}
    return any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))
