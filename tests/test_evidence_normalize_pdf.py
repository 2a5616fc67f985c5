"""PDF evidence is kept as it is (text, rotation, sizes, forms) but made inert; pièces join files in order."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from lawdesk.errors import EvidenceError
from lawdesk.evidence import NormalizedPiece, normalize_files
from tests import evidence_factory as make


def normalize(path: Path, shown: str = "pieces/x.pdf") -> tuple[NormalizedPiece, PdfReader]:
    piece = normalize_files([path], [shown])
    return piece, PdfReader(io.BytesIO(piece.pdf))


def test_pages_and_text_layer_are_kept(tmp_path: Path) -> None:
    piece, reader = normalize(make.pdf_file(tmp_path, pages=3))
    assert piece.page_count == len(reader.pages) == 3
    assert [page.extract_text() for page in reader.pages] == ["Page 1", "Page 2", "Page 3"]
    assert piece.warnings == []


def test_rotation_is_kept(tmp_path: Path) -> None:
    _piece, reader = normalize(make.rotated_pdf(tmp_path))
    assert [page.rotation for page in reader.pages] == [90, 0, 270]
    assert [page.extract_text() for page in reader.pages] == ["Rotated 1", "Rotated 2", "Rotated 3"]


def test_page_sizes_are_kept(tmp_path: Path) -> None:
    _piece, reader = normalize(make.sized_pdf(tmp_path))
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
    assert sizes == [make.LETTER, make.A3, make.A4_LANDSCAPE]


def test_forms_and_notes_are_kept_and_web_links_disabled(tmp_path: Path) -> None:
    piece, reader = normalize(make.form_pdf(tmp_path))
    assert {name: field.get("/V") for name, field in (reader.get_fields() or {}).items()} == {"nom": "DIALLO"}
    annotations = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert sorted(str(a["/Subtype"]) for a in annotations) == ["/Link", "/Text", "/Widget"]
    assert [a for a in annotations if "/A" in a] == []
    assert not make.holds(piece.pdf, b"service-public.fr")
    assert len(piece.warnings) == 1 and "liens vers des sites extérieurs" in piece.warnings[0].message


def test_active_content_and_hidden_files_are_removed(tmp_path: Path) -> None:
    source = make.active_pdf(tmp_path)
    assert make.active_names(source.read_bytes()) >= {"/JavaScript", "/OpenAction", "/Launch", "/AA", "/EmbeddedFiles"}
    piece, reader = normalize(source, "pieces/active.pdf")
    assert make.active_names(piece.pdf) == set()
    assert not make.holds(piece.pdf, make.PAYLOAD.encode())
    assert not make.holds(piece.pdf, make.ATTACHED_SECRET)
    assert reader.attachments == {}
    assert piece.page_count == 2
    assert reader.pages[0].extract_text() == "Active content"
    kept = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert "Note conservée" in [a.get("/Contents") for a in kept]
    assert [a for a in kept if "/A" in a] == []
    assert not make.holds(piece.pdf, b"interieur.gouv.fr")
    assert len(piece.warnings) == 4 and all(w.where == "pieces/active.pdf" for w in piece.warnings)


def test_inert_output_passes_qpdf_check(tmp_path: Path) -> None:
    piece, _reader = normalize(make.active_pdf(tmp_path))
    output = tmp_path / "out.pdf"
    output.write_bytes(piece.pdf)
    result = subprocess.run(["qpdf", "--check", str(output)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_owner_password_only_opens_and_comes_out_unencrypted(tmp_path: Path) -> None:
    source = make.owner_password_pdf(tmp_path)
    assert PdfReader(source).is_encrypted
    piece, reader = normalize(source)
    assert not reader.is_encrypted
    assert [page.extract_text() for page in reader.pages] == ["Page 1", "Page 2"]


ERRORS: list[tuple[Callable[[Path], Path], str]] = [
    (make.user_password_pdf, "protégé par un mot de passe à l'ouverture"),
    (make.truncated_pdf, "PDF endommagé ou incomplet"),
    (make.garbage_file, "n'est pas un fichier PDF"),
    (make.empty_file, "fichier vide"),
    (make.pdf_without_pages, "aucune page"),
]


@pytest.mark.parametrize(("maker", "expected"), ERRORS, ids=["user-password", "truncated", "garbage", "empty", "no-pages"])
def test_unusable_pdf_raises_evidence_error_naming_it(tmp_path: Path, maker: Callable[[Path], Path], expected: str) -> None:
    with pytest.raises(EvidenceError) as raised:
        normalize_files([maker(tmp_path)], ["pieces/preuve.pdf"])
    assert raised.value.file == "pieces/preuve.pdf"
    assert expected in raised.value.reason
    assert str(raised.value).startswith("pieces/preuve.pdf : ")


def test_several_files_become_one_pdf_in_listed_order(tmp_path: Path) -> None:
    first = make.pdf_file(tmp_path, "a.pdf", pages=2, label="Premier")
    photo = make.jpeg_photo(tmp_path)
    message = make.email_file(tmp_path)
    last = make.pdf_file(tmp_path, "b.pdf", pages=1, label="Dernier")
    shown = ["pieces/a.pdf", "pieces/photo.jpg", "pieces/message.eml", "pieces/b.pdf"]
    piece = normalize_files([first, photo, message, last], shown)
    reader = PdfReader(io.BytesIO(piece.pdf))
    texts = [page.extract_text() for page in reader.pages]
    assert piece.page_count == 5
    assert texts[:2] == ["Premier 1", "Premier 2"] and texts[4] == "Dernier 1"
    assert len(reader.pages[2].images) == 1 and "Objet" in texts[3]
    assert [w.where for w in piece.warnings] == ["pieces/message.eml"]  # its attachments

    reverse = normalize_files([last, first], ["pieces/b.pdf", "pieces/a.pdf"])
    assert [p.extract_text() for p in PdfReader(io.BytesIO(reverse.pdf)).pages] == ["Dernier 1", "Premier 1", "Premier 2"]


def test_one_bad_file_fails_the_piece_naming_that_file(tmp_path: Path) -> None:
    good, bad = make.pdf_file(tmp_path), make.truncated_pdf(tmp_path)
    with pytest.raises(EvidenceError) as raised:
        normalize_files([good, bad], ["pieces/ok.pdf", "pieces/abime.pdf"])
    assert raised.value.file == "pieces/abime.pdf"


def test_paths_and_names_must_match(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        normalize_files([make.pdf_file(tmp_path)], [])
