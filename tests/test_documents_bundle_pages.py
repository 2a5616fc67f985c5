"""The bundle's cover (one page, clickable table of contents) and bordereau des pièces."""

from __future__ import annotations

import io
from functools import cache

import pytest
from pypdf import PdfReader

from lawdesk.documents import TocEntry, destination_names, render_cover, render_inventory
from tests.test_documents_cases import case_of, demo, flat, hostile_text, info_of, pdf_text, reordered_pieces


def _toc(pieces: int) -> list[TocEntry]:
    toc = [TocEntry("Lettre au préfet", 2, 0, "toc-0"),
           TocEntry("Réclamation auprès de la Défenseure des droits", 5, 0, "toc-1"),
           TocEntry("Requête en référé mesures utiles", 8, 0, "toc-2"),
           TocEntry("Bordereau des pièces", 13, 0, "toc-3")]
    return toc + [TocEntry(f"Pièce n° {n} – Capture d'écran de l'erreur du téléservice ANEF, tentative {n}",
                           13 + n, 1, f"toc-{3 + n}") for n in range(1, pieces + 1)]


@cache
def _cover(pieces: int) -> bytes:
    data = demo()
    return render_cover(case_of(data), info_of(data), _toc(pieces))


@pytest.mark.parametrize("pieces", [7, 60])
def test_cover_is_one_page_with_every_entry(pieces: int) -> None:
    reader = PdfReader(io.BytesIO(_cover(pieces)))
    assert len(reader.pages) == 1
    text = flat(pdf_text(_cover(pieces), raw=False))
    for expected in ("SSD-2025-0142", "Mme Aïssatou Binta DIALLO", "Tribunal administratif de Montreuil",
                     "18 mars 2025", "préfet de la Seine-Saint-Denis", "SOMMAIRE"):
        assert expected in text
    flat_raw = flat(pdf_text(_cover(pieces)))
    for entry in _toc(pieces):
        assert entry.title.split(" – ")[0] in flat_raw
    assert f"tentative {pieces}" in flat_raw and f" {13 + pieces}" in flat_raw


@pytest.mark.parametrize("pieces", [7, 60])
def test_each_toc_line_links_to_its_named_destination(pieces: int) -> None:
    reader = PdfReader(io.BytesIO(_cover(pieces)))
    links = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert all(link["/Subtype"] == "/Link" for link in links)
    # one or more link rectangles per line (title, leader, page number), each naming its entry
    assert list(dict.fromkeys(str(link["/Dest"]) for link in links)) == [e.anchor for e in _toc(pieces)]
    names = reader.trailer["/Root"]["/Names"]["/Dests"]["/Names"]
    assert [str(n) for n in names[::2]] == sorted(e.anchor for e in _toc(pieces))


def test_overlong_table_of_contents_collapses_the_pieces() -> None:
    pdf = _cover(400)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = flat(pdf_text(pdf))
    assert "Pièces n° 1 à 400 (voir le bordereau)" in text and "Bordereau des pièces" in text


def test_destination_names_fall_back_when_anchors_are_unusable() -> None:
    toc = [TocEntry("a", 2, 0, "doc-a"), TocEntry("b", 3, 0, "doc-a"), TocEntry("c", 4, 1, "pièce 3"),
           TocEntry("d", 5, 1)]
    assert destination_names(toc) == ["doc-a", "toc-1", "toc-2", "toc-3"]


def test_inventory_lists_number_title_and_date() -> None:
    data = reordered_pieces()
    pdf = render_inventory(case_of(data), info_of(data))
    text = flat(pdf_text(pdf))
    assert "BORDEREAU DES PIÈCES COMMUNIQUÉES" in text
    assert "Mme Aïssatou Binta DIALLO c/ préfet de la Seine-Saint-Denis" in text
    rows = [f"{n} {p['title']}" for n, p in enumerate(data["pieces"], start=1)]
    positions = [text.index(row) for row in rows]
    assert positions == sorted(positions)
    assert "Échange avec le centre de contact citoyens 15 octobre 2024" in text
    assert "2024-10-15" not in text


def test_inventory_titles_never_show_an_iso_date() -> None:
    data = hostile_text()
    text = flat(pdf_text(render_inventory(case_of(data), info_of(data))))
    assert "Attestation de dépôt ANEF du 20 novembre 2024" in text and "2024-11-20" not in text
