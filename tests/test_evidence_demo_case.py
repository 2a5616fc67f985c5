"""The demo case: valid, ready to build, small, and showing every kind of evidence LawDesk accepts."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from lawdesk.case import load_case
from lawdesk.case.pieces import piece_files
from lawdesk.check import preflight
from lawdesk.evidence import EvidenceKind, normalize_files, sniff
from tests import evidence_factory as make
from tests.conftest import DEMO_CASE

MAX_TOTAL_BYTES = 1_500_000


def demo_files() -> list[Path]:
    return [DEMO_CASE / name for piece in load_case(DEMO_CASE).data["pieces"] for name in piece_files(piece)]


# The demo is read at the date its facts lead to: the letter's deadline ran out on 22 March 2025.
DEMO_DAY = dt.date(2025, 4, 1)


def test_demo_case_is_ready_at_its_date_with_only_the_costs_warning() -> None:
    """Without a lawyer, the costs claimed are out-of-pocket costs: the one warning the demo calls for."""
    assert [(p.level, p.where) for p in preflight(load_case(DEMO_CASE), DEMO_DAY)] == [("warning", "claims.costs_eur")]


def test_demo_case_is_ready_whenever_it_is_built_and_says_when_its_facts_grow_old() -> None:
    later = dt.date.today() + dt.timedelta(days=400)
    problems = preflight(load_case(DEMO_CASE), later)
    assert not [p for p in problems if p.is_error]
    warnings = {p.where: p.message for p in problems if not p.is_error}
    assert sorted(warnings) == ["claims.costs_eur", "incidents"]
    assert "il y a plus de trois mois" in warnings["incidents"]


def test_demo_case_is_small_and_shows_every_kind() -> None:
    files = demo_files()
    assert sum(path.stat().st_size for path in files) < MAX_TOTAL_BYTES
    assert {sniff(path) for path in files} == set(EvidenceKind) - {EvidenceKind.UNKNOWN}


def test_the_association_joins_the_mandate() -> None:
    titles = [piece["title"] for piece in load_case(DEMO_CASE).data["pieces"]]
    assert any("Mandat signé par Mme DIALLO" in title for title in titles)


def test_demo_photo_carries_orientation_and_gps_that_the_dossier_drops() -> None:
    source = DEMO_CASE / "pieces" / "anef-erreur-2.jpg"
    with Image.open(source) as photo:
        exif = photo.getexif()
        assert exif.get(0x0112) == 6 and exif.get_ifd(0x8825) and photo.width > photo.height
    piece = normalize_files([source], ["pieces/anef-erreur-2.jpg"])
    [[image]] = make.page_images(piece.pdf)
    assert image.height > image.width
    assert b"Demo Phone" in source.read_bytes() and not make.holds(piece.pdf, b"Demo Phone")


@pytest.mark.parametrize("piece_id", ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"])
def test_every_demo_piece_normalizes(piece_id: str) -> None:
    case = load_case(DEMO_CASE)
    [piece] = [p for p in case.data["pieces"] if p["id"] == piece_id]
    names = piece_files(piece)
    result = normalize_files([case.folder / name for name in names], names)
    reader = PdfReader(io.BytesIO(result.pdf))
    assert result.page_count == len(reader.pages) >= len(names)
    assert result.warnings == []
    assert make.active_names(result.pdf) == set()


def test_employer_letter_has_a_landscape_annex() -> None:
    reader = PdfReader(DEMO_CASE / "pieces" / "employeur.pdf")
    shapes = [float(page.mediabox.width) > float(page.mediabox.height) for page in reader.pages]
    assert shapes == [False, True]
