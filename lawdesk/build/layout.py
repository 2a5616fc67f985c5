"""Stage 4, pure: where everything goes. The bundle's parts and their page numbers, the table of
contents and its links, and the Télérecours export: one folder per requête (article R. 414-5 CJA),
the requête first, then one file per pièce, then the documents of the dossier the filing carries
(R. 522-1: the référé-suspension joins a copy of the requête en annulation), each name beginning
with its number."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lawdesk.build.pieces import PreparedPiece
from lawdesk.bundle.assemble import Part, page_layout
from lawdesk.bundle.telerecours import export_names, shortened
from lawdesk.documents import RenderedDocument, TocEntry, destination_names
from lawdesk.errors import Problem, warning
from lawdesk.i18n import _
from lawdesk.procedures import DOCUMENTS

# The bundle is a legal document: its titles and bookmarks are French whatever the interface language.
INVENTORY_TITLE = "Bordereau des pièces"
INVENTORY_BOOKMARK = "Inventaire / Pièces"


@dataclass(frozen=True)
class Contents:
    """The bundle after its cover: documents, bordereau, pièces, numbered as if the cover were there
    (it is one page), with the table of contents the cover shows and where its links go."""

    parts: list[Part]
    toc: list[TocEntry]
    links: dict[str, int]


@dataclass(frozen=True)
class FilingNames:
    """One requête's Télérecours folder: its files in order, and the documents it carries."""

    document: str
    folder: str
    files: list[str]
    carried: list[str]


def piece_parts(pieces: list[PreparedPiece]) -> list[Part]:
    return [Part("piece", p.title, p.pdf, number=p.number, page_count=p.page_count) for p in pieces]


def contents(documents: list[RenderedDocument], inventory: bytes, pieces: list[Part]) -> Contents:
    """`pieces`: the parts the bundle already holds (their page numbers are set here)."""
    parts = ([Part("document", d.title, d.pdf, page_count=d.page_count) for d in documents]
             + [Part("inventory", INVENTORY_TITLE, inventory)] + pieces)
    page_layout([Part("cover", "", b"", page_count=1), *parts])
    toc = [TocEntry(title=part.bookmark, page=part.first_page, level=1 if part.kind == "piece" else 0,
                    anchor=f"toc-{index}") for index, part in enumerate(parts)]
    return Contents(parts, toc, dict(zip(destination_names(toc), (entry.page for entry in toc))))


def filings(documents: list[str], sent: set[str], pieces: list[PreparedPiece]) -> tuple[list[FilingNames], list[Problem]]:
    """The folder of each requête among `documents`, and a warning for each pièce whose file name had
    to leave out meaningful words of its title."""
    found, warnings = [], []
    for doc_id in documents:
        spec = DOCUMENTS[doc_id]
        if spec.filing is None:
            continue
        carried = spec.carried(documents, sent)
        titles = [p.title for p in pieces] + [DOCUMENTS[d].filing.copy_title for d in carried]
        folder = f"telerecours/{spec.filing.folder}"
        names = [f"{folder}/{n}" for n in export_names([spec.filing.requete], 0) + export_names(titles, 1)]
        found.append(FilingNames(doc_id, folder, names, carried))
        warnings += [warning(f"pieces[{piece.number}]", _(
            "son titre dépasse la longueur permise par Télérecours (80 caractères) ; le fichier s'appelle « {name} » : "
            "raccourcissez le titre si ce nom ne désigne pas clairement la pièce n° {number}").format(
            name=Path(name).name, number=piece.number))
            for piece, name in zip(pieces, names[1:]) if shortened(Path(name).name, piece.title)]
    return found, warnings
