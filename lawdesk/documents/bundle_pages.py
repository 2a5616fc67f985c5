"""The bundle's own pages: the cover with its table of contents, and the bordereau des pièces.

The cover is always exactly one page (the bundle's page numbers are computed before it is
drawn): a long table of contents gets a smaller font, then columns, and as a last resort
the pièces collapse into one entry pointing to the first one (the bordereau lists them all).

Table-of-contents links. Each entry is ``<a href="#NAME">`` to an anchor ``id="NAME"`` on the
entry itself, NAME being `destination_names(toc)[i]` (the entry's `anchor` when it is a
usable, unique HTML id, else ``toc-<i>``). WeasyPrint drops links to missing anchors, so the
target is on the cover; it writes each link as a /Link annotation whose /Dest is the name
(a PDF string) and records the name in the catalog's /Names /Dests. The bundle replaces
each such /Dest by an explicit destination to the entry's page.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from lawdesk.case.model import Case
from lawdesk.documents.render import DossierInfo, html_to_pdf, page_count, render_html
from lawdesk.errors import TemplateError
from lawdesk.i18n import _

COVER_TEMPLATE = "bundle/cover.html.j2"
INVENTORY_TEMPLATE = "bundle/inventory.html.j2"
_VALID_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]*")


@dataclass
class TocEntry:
    title: str
    page: int  # 1-based page of the bundle
    level: int  # 0: a document or the bordereau; 1: a pièce
    anchor: str = ""


@dataclass(frozen=True)
class CoverLayout:
    """A denser and denser table of contents. `lines` and `line_length` estimate what fits,
    to start with the right layout; the rendered page count has the last word."""

    font_size: float
    columns: int
    lines: int
    line_length: int

    def fits(self, titles: list[str]) -> bool:
        return sum(math.ceil((len(title) + 6) / self.line_length) for title in titles) <= self.lines


COVER_LAYOUTS = (
    CoverLayout(11, 1, 32, 90),
    CoverLayout(9.5, 1, 38, 105),
    CoverLayout(8.5, 2, 86, 46),
    CoverLayout(7.5, 2, 98, 54),
    CoverLayout(6.5, 3, 170, 40),
)


@dataclass(frozen=True)
class _Line:
    title: str
    page: int
    level: int
    destination: str


def destination_names(toc: list[TocEntry]) -> list[str]:
    """The named destination of each entry's link on the cover, in entry order."""
    names: list[str] = []
    for index, entry in enumerate(toc):
        name = entry.anchor if _VALID_ID.fullmatch(entry.anchor or "") else ""
        names.append(name if name and name not in names else f"toc-{index}")
    return names


def _lines(toc: list[TocEntry]) -> list[_Line]:
    return [_Line(e.title, e.page, e.level, name) for e, name in zip(toc, destination_names(toc))]


def _collapsed(lines: list[_Line]) -> list[_Line]:
    """Documents and bordereau as they are, the pièces as one line to the first of them."""
    pieces = [line for line in lines if line.level > 0]
    if len(pieces) < 2:
        return lines
    # Part of the bundle (a legal document): French whatever the interface language.
    summary = _Line("Pièces n° 1 à {n} (voir le bordereau)".format(n=len(pieces)), pieces[0].page, 0,
                    pieces[0].destination)
    return [summary if line is pieces[0] else line for line in lines if line.level == 0 or line is pieces[0]]


def render_cover(case: Case, info: DossierInfo, toc: list[TocEntry],
                 templates_dir: Path | None = None) -> bytes:
    """The cover page: reference, applicant, tribunal, date and table of contents, one page."""
    lines = _lines(toc)
    titles = [line.title for line in lines]
    start = next((i for i, layout in enumerate(COVER_LAYOUTS) if layout.fits(titles)), len(COVER_LAYOUTS) - 1)
    layouts = COVER_LAYOUTS[start:]
    attempts = [(layout, lines) for layout in layouts] + [(COVER_LAYOUTS[0], _collapsed(lines))]
    for layout, shown in attempts:
        html = render_html(case, COVER_TEMPLATE, info, templates_dir, toc=shown, layout=layout)
        pdf = html_to_pdf(html, templates_dir)
        if page_count(pdf) == 1:
            return pdf
    raise TemplateError(_("la page de garde ne tient pas sur une page ; raccourcissez l’en-tête du modèle "
                          "{name}").format(name=COVER_TEMPLATE))


def render_inventory(case: Case, info: DossierInfo, templates_dir: Path | None = None) -> bytes:
    """The bordereau des pièces communiquées: number, title and date (when known) of every pièce."""
    return html_to_pdf(render_html(case, INVENTORY_TEMPLATE, info, templates_dir), templates_dir)
