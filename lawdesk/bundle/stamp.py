"""Stamps drawn into page content ("Pièce n° 3 — 1/2", bundle page numbers), with an embedded font.

The font object comes from a tiny WeasyPrint page holding every character a stamp may use:
WeasyPrint embeds a subset that keeps the glyph ids of the source font, so a stamp's text is
written as glyph ids read from that same font file (fontTools), and stays searchable through the
font's ToUnicode map. One font object is shared by every stamp of a bundle.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject,
                           NameObject)

from lawdesk.paths import resource

STAMP_CHARACTERS = "Pièce n°0123456789 /—p.Page"
FONT_FILE = "NotoSans-Bold.ttf"
FONT_NAME = NameObject("/LDStamp")
MM = 72 / 25.4
NAVY = "0.08 0.18 0.45"


@dataclass(frozen=True)
class _Glyphs:
    gid: dict[str, int]
    advance: dict[str, float]  # per 1 pt of font size

    def encode(self, text: str) -> str:
        return "".join(f"{self.gid[c]:04x}" for c in text)

    def width(self, text: str, size: float) -> float:
        return sum(self.advance[c] for c in text) * size


@cache
def _glyphs() -> _Glyphs:
    from fontTools.ttLib import TTFont

    font = TTFont(resource("fonts", FONT_FILE))
    cmap, metrics, units = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    names = {c: cmap[ord(c)] for c in set(STAMP_CHARACTERS)}
    return _Glyphs(gid={c: font.getGlyphID(n) for c, n in names.items()},
                   advance={c: metrics[n][0] / units for c, n in names.items()})


@cache
def _font_pdf() -> bytes:
    from lawdesk.htmlpdf import render_pdf

    css = resource("fonts", "fonts.css").as_uri()
    html = (f'<html><head><link rel="stylesheet" href="{css}"><style>@page {{ size: 120mm 20mm; margin: 0 }}'
            f' body {{ font-family: "LawDesk Sans"; font-weight: bold }}</style></head>'
            f"<body>{STAMP_CHARACTERS}</body></html>")
    return render_pdf(html, Path(resource("fonts")))


def _visual_frame(page: PageObject) -> tuple[float, float, str]:
    """Width and height of the page as displayed, and the `cm` matrix from that upright frame to
    the page's own coordinates: stamps follow /Rotate without rewriting the page's content."""
    x0, y0, x1, y1 = (float(v) for v in page.cropbox)
    width, height = x1 - x0, y1 - y0
    rotation = page.rotation % 360
    if rotation == 90:
        return height, width, f"0 1 -1 0 {x0 + width:.2f} {y0:.2f}"
    if rotation == 180:
        return width, height, f"-1 0 0 -1 {x0 + width:.2f} {y0 + height:.2f}"
    if rotation == 270:
        return height, width, f"0 -1 1 0 {x0:.2f} {y0 + height:.2f}"
    return width, height, f"1 0 0 1 {x0:.2f} {y0:.2f}"


class Stamper:
    """Draws stamps on the pages of one writer, sharing one embedded font object."""

    def __init__(self, writer: PdfWriter) -> None:
        page = PdfReader(io.BytesIO(_font_pdf())).pages[0]
        font = next(iter(page["/Resources"]["/Font"].values())).get_object()
        self._font_ref: IndirectObject = writer._add_object(font.clone(writer))
        self._glyphs = _glyphs()
        self._writer = writer
        self._wrapped: set[int] = set()
        self._save: IndirectObject | None = None

    def _text(self, text: str, x: float, y: float, size: float) -> str:
        return f"BT /LDStamp {size:.2f} Tf {x:.2f} {y:.2f} Td <{self._glyphs.encode(text)}> Tj ET"

    def boxed_label(self, page: PageObject, text: str, size: float = 9.0) -> None:
        """A framed label in the top-right corner (as the page is displayed), inside the page margin."""
        width, height, frame = _visual_frame(page)
        pad = size * 0.45
        box_width, box_height = self._glyphs.width(text, size) + 2 * pad, size + 2 * pad
        x, y = width - 5 * MM - box_width, height - 4 * MM - box_height
        self._draw(page, f"q {frame} cm 1 1 1 rg {NAVY} RG 0.9 w {x:.2f} {y:.2f} {box_width:.2f} {box_height:.2f} re B "
                         f"{NAVY} rg {self._text(text, x + pad, y + pad + size * 0.22, size)} Q")

    def page_number(self, page: PageObject, text: str, size: float = 8.0) -> None:
        """The bundle's continuous page number, bottom-right (as displayed), inside the page margin."""
        width, _height, frame = _visual_frame(page)
        x = width - 6 * MM - self._glyphs.width(text, size)
        self._draw(page, f"q {frame} cm 0.25 0.25 0.25 rg {self._text(text, x, 5 * MM, size)} Q")

    def _draw(self, page: PageObject, ops: str) -> None:
        resources = page.get("/Resources")
        resources = DictionaryObject() if resources is None else resources.get_object()
        fonts = resources.get("/Font")
        fonts = DictionaryObject() if fonts is None else DictionaryObject(fonts.get_object())
        fonts[FONT_NAME] = self._font_ref
        resources = DictionaryObject(resources)
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources

        contents = page.get("/Contents")
        streams = [] if contents is None else (list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents])
        key = page.indirect_reference.idnum if page.indirect_reference else id(page)
        if key not in self._wrapped:  # isolate the page's own graphics state from the stamps
            if self._save is None:
                self._save = self._stream("q")  # one object shared by every page: fewer objects to copy
            streams = [self._save, *streams, self._stream(f"Q {ops}")]
            self._wrapped.add(key)
        else:
            streams.append(self._stream(ops))
        page[NameObject("/Contents")] = ArrayObject(streams)

    def _stream(self, ops: str) -> IndirectObject:
        stream = DecodedStreamObject()
        stream.set_data(ops.encode("ascii"))
        return self._writer._add_object(stream.flate_encode())
