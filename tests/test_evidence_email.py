"""E-mails (.eml) become readable French pages: decoded headers, the text, the attachments' names."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from lawdesk.errors import EvidenceError
from lawdesk.evidence import normalize_files
from lawdesk.evidence.html_text import html_to_text
from tests import evidence_factory as make


def rendered(path: Path) -> tuple[list[str], list[str]]:
    """The text of each page, and the warnings."""
    piece = normalize_files([path], [f"pieces/{path.name}"])
    reader = PdfReader(io.BytesIO(piece.pdf))
    assert piece.page_count == len(reader.pages)
    return [page.extract_text() for page in reader.pages], piece.warnings


def page_text(path: Path) -> tuple[str, list[str]]:
    pages, warnings = rendered(path)
    return "\n".join(pages), warnings


def test_headers_are_decoded_and_labelled_in_french(tmp_path: Path) -> None:
    source = make.email_file(tmp_path)
    raw = source.read_bytes()
    assert b"=?utf-8?" in raw.lower() and make.EMAIL_SUBJECT.encode() not in raw  # the subject is RFC 2047-encoded
    text, _warnings = page_text(source)
    for expected in ("De", "Centre de contact citoyens <ne-pas-repondre@anef.example.org>",
                     "À", "Aïssatou Binta DIALLO <a.diallo@example.org>", "Cc", "Permanence juridique",
                     "Date", "15 octobre 2024 à 14:32", "Objet", make.EMAIL_SUBJECT):
        assert expected in text


def test_plain_text_body_is_preferred(tmp_path: Path) -> None:
    text, _warnings = page_text(make.email_file(tmp_path))
    assert "Veuillez réessayer ultérieurement." in text  # only in the text/plain part
    assert "Consultez" not in text  # only in the HTML part


def test_attachments_are_listed_by_name_and_reported(tmp_path: Path) -> None:
    text, warnings = page_text(make.email_file(tmp_path))
    assert "Pièces jointes" in text and "demande-initiale.pdf, capture écran.png" in text
    assert len(warnings) == 1
    assert warnings[0].where == "pieces/message.eml"
    assert warnings[0].message.startswith("ce courriel a 2 pièces jointes (demande-initiale.pdf, capture écran.png)")


def test_html_only_body_becomes_text_without_remote_content(tmp_path: Path) -> None:
    text, warnings = page_text(make.email_file(tmp_path, attachments=False, html_only=True))
    assert "Nous avons bien reçu votre demande." in text
    assert "Consultez le site <https://www.service-public.fr/>." in text
    for absent in ("alert(1)", "color:red", "tracker.example.com"):
        assert absent not in text
    assert [(w.where, w.message) for w in warnings] == [
        ("pieces/message.eml", "ce courriel n'a qu'une version HTML : son texte est reproduit sans mise en forme ni images")]


def test_old_mailers_charsets_and_malformed_headers(tmp_path: Path) -> None:
    text, _warnings = page_text(make.legacy_email(tmp_path))
    for expected in ("Préfecture de la Seine-Saint-Denis", "Aïssatou <a.diallo@example.org>", "Demande de récépissé",
                     "1er juillet 2024 à 09:05", "Réponse sous 15 jours."):
        assert expected in text


def test_markup_in_headers_is_shown_not_interpreted(tmp_path: Path) -> None:
    subject = "<b>Relance</b> & <img src='https://tracker.example.com/x.png'>"
    text, _warnings = page_text(make.email_file(tmp_path, subject=subject, attachments=False))
    assert subject in text.replace("\n", " ")


def test_long_messages_flow_onto_several_pages(tmp_path: Path) -> None:
    lines = "\n".join(f"Ligne {n} du message." for n in range(1, 301))
    path = make.email_file(tmp_path, "long.eml", attachments=False, text=lines)
    pages, _warnings = rendered(path)
    assert len(pages) > 1
    assert "Ligne 1 du message." in pages[0] and "Ligne 300 du message." in pages[-1]


def test_unparseable_message_is_an_evidence_error(tmp_path: Path) -> None:
    with pytest.raises(EvidenceError) as raised:
        normalize_files([make.nested_email(tmp_path)], ["pieces/nested.eml"])
    assert raised.value.file == "pieces/nested.eml" and "courriel illisible" in raised.value.reason


def test_html_to_text_keeps_structure() -> None:
    html = ("<html><head><title>t</title><style>x{}</style></head><body><h1>Titre</h1><p>Un&nbsp;paragraphe<br>"
            "sur deux lignes</p><ul><li>premier</li><li>second</li></ul><script>evil()</script>"
            "<p><a href='mailto:a@example.org'>a@example.org</a> <a href='javascript:evil()'>lien</a></p></body></html>")
    assert html_to_text(html) == "Titre\n\nUn\xa0paragraphe\nsur deux lignes\n\n• premier\n• second\n\na@example.org lien"


def test_any_script_is_drawn_with_the_embedded_fonts(tmp_path: Path) -> None:
    subject = "طلب تجديد — Заявление — Nguyễn Thị Hằng"
    piece = normalize_files([make.email_file(tmp_path, subject=subject, attachments=False)], ["pieces/x.eml"])
    page = PdfReader(io.BytesIO(piece.pdf)).pages[0]
    fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    assert any(name.endswith("+LawDesk-Arabic-Bold") for name in fonts)
    assert "Заявление — Nguyễn Thị Hằng" in page.extract_text()
