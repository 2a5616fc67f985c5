"""Pre-flight of one evidence file: clear French messages naming the file, for every way it can fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lawdesk.evidence import inspect_file
from tests import evidence_factory as make

GOOD = [make.pdf_file, make.rotated_pdf, make.sized_pdf, make.owner_password_pdf, make.jpeg_photo,
        make.png_screenshot, make.heic_photo, make.multipage_tiff, make.webp_image, make.animated_gif,
        make.email_file, make.legacy_email, make.png_named_pdf, make.gray16_png]


@pytest.mark.parametrize("maker", GOOD, ids=[maker.__name__ for maker in GOOD])
def test_usable_files_have_no_problem(tmp_path: Path, maker: Callable[[Path], Path]) -> None:
    assert inspect_file(maker(tmp_path), "pieces/x") == []


def _missing(folder: Path) -> Path:
    return folder / "absent.pdf"


def _folder(folder: Path) -> Path:
    (folder / "captures").mkdir()
    return folder / "captures"


def _word_file(folder: Path) -> Path:
    path = folder / "lettre.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(200))
    return path


ACCEPTED = "PDF, PNG, JPEG, HEIC/HEIF, TIFF, WebP, GIF"
ERRORS: list[tuple[Callable[[Path], Path], list[str]]] = [
    (_missing, ["fichier introuvable", "vérifiez le chemin"]),
    (_folder, ["c'est un dossier, pas un fichier"]),
    (make.empty_file, ["fichier vide", "remplacez-le"]),
    (make.text_named_png, ["« .png »", "n'est pas un fichier PNG", ACCEPTED, ".eml"]),
    (make.garbage_file, ["« .pdf »", "n'est pas un fichier PDF", ACCEPTED]),
    (_word_file, ["type de fichier non pris en charge", ACCEPTED]),
    (make.truncated_pdf, ["PDF endommagé ou incomplet", "nouvelle copie"]),
    (make.pdf_without_pages, ["aucune page"]),
    (make.user_password_pdf, ["protégé par un mot de passe à l'ouverture : enregistrez une copie sans mot de passe"]),
    (make.truncated_jpeg, ["image illisible ou incomplète"]),
    (make.bomb_png, ["image trop grande", "80 millions de pixels"]),
    (lambda folder: make.bomb_png(folder, "big.png", 10_000, 9_000), ["image trop grande (10000 × 9000 pixels)"]),
    (make.nested_email, ["courriel illisible", ".eml"]),
]


@pytest.mark.parametrize(("maker", "expected"), ERRORS, ids=[
    "missing", "folder", "empty", "text-as-png", "garbage-as-pdf", "docx", "truncated-pdf", "no-pages",
    "user-password", "truncated-jpeg", "bomb", "bomb-between-limits", "nested-email"])
def test_each_failure_is_one_error_naming_the_file(tmp_path: Path, maker: Callable[[Path], Path],
                                                    expected: list[str]) -> None:
    shown = "pieces/preuve"
    problems = inspect_file(maker(tmp_path), shown)
    assert [p.level for p in problems] == ["error"]
    assert problems[0].where == shown and problems[0].line().startswith(f"error: {shown} : ")
    for fragment in expected:
        assert fragment in problems[0].message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make.pdf_file(tmp_path)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    problems = inspect_file(path, "pieces/document.pdf")
    assert [p.level for p in problems] == ["error"]
    assert "lecture interdite (droits insuffisants)" in problems[0].message


def test_active_content_is_a_warning_per_kind(tmp_path: Path) -> None:
    problems = inspect_file(make.active_pdf(tmp_path), "pieces/active.pdf")
    assert [p.level for p in problems] == ["warning"] * 4
    assert {p.where for p in problems} == {"pieces/active.pdf"}
    messages = " | ".join(p.message for p in problems)
    for fragment in ("JavaScript", "neutralisés", "lance un programme", "fichiers joints intégrés", "retirés du dossier",
                     "sites extérieurs"):
        assert fragment in messages


def test_a_web_link_is_reported_as_disabled(tmp_path: Path) -> None:
    problems = inspect_file(make.form_pdf(tmp_path), "pieces/form.pdf")
    assert [(p.level, "sites extérieurs" in p.message) for p in problems] == [("warning", True)]


def test_inspection_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = make.active_pdf(tmp_path)
    before = path.read_bytes()
    inspect_file(path, "pieces/active.pdf")
    assert path.read_bytes() == before
