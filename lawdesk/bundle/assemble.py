"""Assemble the bundle: parts in order, continuous page numbers, pièce stamps, bookmarks, metadata."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, FloatObject, NameObject

from lawdesk.bundle.stamp import Stamper


@dataclass
class Part:
    """One block of the bundle. `number` is set for pièces; `pdf` is a complete PDF (for a pièce,
    already stamped with its number by `stamped_piece`: the same file goes to Télérecours)."""

    kind: str  # "cover", "document", "inventory" or "piece"
    title: str
    pdf: bytes
    number: int | None = None
    first_page: int = 0  # 1-based, set by page_layout()
    page_count: int = 0

    @property
    def bookmark(self) -> str:
        if self.kind == "piece":
            # The bundle's bookmarks and stamps are part of a legal document: French whatever the interface language.
            return "Pièce n° {number} — {title}".format(number=self.number, title=self.title)
        return self.title


@dataclass
class BundleMetadata:
    title: str
    author: str
    subject: str = ""
    keywords: list[str] = field(default_factory=list)


def piece_stamp(number: int, page: int, pages: int) -> str:
    label = f"Pièce n° {number}"
    return f"{label} — {page}/{pages}" if pages > 1 else label


def page_layout(parts: list[Part]) -> None:
    """Set first_page and page_count of every part from its PDF."""
    next_page = 1
    for part in parts:
        if not part.page_count:
            part.page_count = len(PdfReader(io.BytesIO(part.pdf)).pages)
        part.first_page = next_page
        next_page += part.page_count


class Bundle:
    """The bundle PDF being made. The pièces come first, as soon as they are ready (they are the
    bulk of the pages to copy, and can be copied while the documents are still being drawn); the
    cover, documents and bordereau are then put before them and the whole is finished."""

    def __init__(self, pieces: list[Part]) -> None:
        self._writer = PdfWriter()
        self._pieces = pieces
        for part in pieces:
            self._writer.append(PdfReader(io.BytesIO(part.pdf)), import_outline=False)

    def finish(self, front: list[Part], metadata: BundleMetadata, inventory_bookmark: str,
               cover_links: dict[str, int] | None = None) -> bytes:
        """The bundle PDF, every page but the cover numbered. `front` (the cover first) and the
        pièces must already carry their layout (page_layout).

        `cover_links` maps the named destinations of the cover's table of contents to bundle pages.
        """
        writer = self._writer
        position = 0
        for part in front:
            writer.merge(position, PdfReader(io.BytesIO(part.pdf)), import_outline=False)
            position += part.page_count
        parts = [*front, *self._pieces]
        total = len(writer.pages)
        _point_links(writer, 0, cover_links or {})
        writer.root_object.pop(NameObject("/Names"), None)  # the cover's named destinations, now unused
        stamper = Stamper(writer)
        for part in parts:
            for offset in range(part.page_count if part.kind != "cover" else 0):
                stamper.page_number(writer.pages[part.first_page - 1 + offset], f"{part.first_page + offset} / {total}")
        _outline(writer, parts, inventory_bookmark)
        writer.add_metadata({"/Title": metadata.title, "/Author": metadata.author, "/Subject": metadata.subject,
                             "/Keywords": ", ".join(metadata.keywords), "/Creator": "LawDesk", "/Producer": "LawDesk"})
        writer.root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
        writer.compress_identical_objects()
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


def _point_links(writer: PdfWriter, page_index: int, targets: dict[str, int]) -> None:
    """Turn links to named destinations of one page into direct links to bundle pages."""
    for annotation in writer.pages[page_index].get("/Annots", []):
        link = annotation.get_object()
        page = targets.get(str(link.get("/Dest")))
        if page is not None:
            target = writer.pages[page - 1]
            top = FloatObject(float(target.cropbox[3]))
            link[NameObject("/Dest")] = ArrayObject([target.indirect_reference, NameObject("/XYZ"), FloatObject(0), top,
                                                     FloatObject(0)])


def _outline(writer: PdfWriter, parts: list[Part], inventory_bookmark: str) -> None:
    parent = None
    for part in parts:
        if part.kind == "document":
            writer.add_outline_item(title=part.bookmark, page_number=part.first_page - 1)
        elif part.kind == "inventory":
            parent = writer.add_outline_item(title=inventory_bookmark, page_number=part.first_page - 1)
        elif part.kind == "piece":
            writer.add_outline_item(title=part.bookmark, page_number=part.first_page - 1, parent=parent)


def stamped_piece(pdf: bytes, number: int) -> bytes:
    """One pièce alone, every page stamped with its number (the Télérecours file of that pièce)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    stamper = Stamper(writer)
    count = len(writer.pages)
    for offset, page in enumerate(writer.pages):
        stamper.boxed_label(page, piece_stamp(number, offset + 1, count))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
