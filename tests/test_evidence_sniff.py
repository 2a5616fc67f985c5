"""The type of an evidence file comes from its content, never from its name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lawdesk.evidence import EvidenceKind, sniff
from tests import evidence_factory as make

KINDS: list[tuple[Callable[[Path], Path], EvidenceKind]] = [
    (make.pdf_file, EvidenceKind.PDF),
    (make.owner_password_pdf, EvidenceKind.PDF),
    (make.jpeg_photo, EvidenceKind.JPEG),
    (make.png_screenshot, EvidenceKind.PNG),
    (make.heic_photo, EvidenceKind.HEIF),
    (make.multipage_tiff, EvidenceKind.TIFF),
    (make.webp_image, EvidenceKind.WEBP),
    (make.animated_gif, EvidenceKind.GIF),
    (make.email_file, EvidenceKind.EML),
    (make.legacy_email, EvidenceKind.EML),
    (make.png_named_pdf, EvidenceKind.PNG),
    (make.text_named_png, EvidenceKind.UNKNOWN),
    (make.garbage_file, EvidenceKind.UNKNOWN),
]


@pytest.mark.parametrize(("maker", "kind"), KINDS, ids=[maker.__name__ for maker, _ in KINDS])
def test_kind_by_content(tmp_path: Path, maker: Callable[[Path], Path], kind: EvidenceKind) -> None:
    assert sniff(maker(tmp_path)) is kind


def test_extension_is_ignored(tmp_path: Path) -> None:
    photo = make.jpeg_photo(tmp_path, "photo.eml")
    message = make.email_file(tmp_path, "message.pdf")
    assert (sniff(photo), sniff(message)) == (EvidenceKind.JPEG, EvidenceKind.EML)


def test_pdf_after_a_little_junk_is_still_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "junk-first.pdf"
    path.write_bytes(b"\xef\xbb\xbf\r\n" + make.pdf_bytes(1))
    assert sniff(path) is EvidenceKind.PDF


@pytest.mark.parametrize("text", [
    "From - Tue Oct 15 14:32:10 2024\nFrom: a@example.org\nTo: b@example.org\nSubject: x\n\nbody",  # saved from mbox
    "Received: from mx.example.org\n  by mx2.example.org; Tue, 15 Oct 2024\nDate: Tue, 15 Oct 2024 14:32:10 +0200\n"
    "Subject: relance\n\nbody",  # folded header, Date + Subject only
])
def test_email_headers_at_the_top_make_an_email(tmp_path: Path, text: str) -> None:
    path = tmp_path / "message.txt"
    path.write_text(text, encoding="utf-8")
    assert sniff(path) is EvidenceKind.EML


@pytest.mark.parametrize("text", [
    "Subject: compte rendu\n\nsans autre en-tête",  # a single e-mail field is not enough
    "Notes de la permanence\nFrom: a@example.org\nTo: b@example.org\n",  # headers not at the top
    "date;to;subject\n2024-10-15;a@example.org;relance\n",  # a CSV file
    "From: a@example.org\nTo: b@example.org\n\x00\x01binary",
])
def test_text_that_is_not_an_email(tmp_path: Path, text: str) -> None:
    path = tmp_path / "notes.eml"
    path.write_text(text, encoding="utf-8")
    assert sniff(path) is EvidenceKind.UNKNOWN
