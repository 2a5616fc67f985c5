"""What the PDF and the DOCX of each document contain: the same sentences, safe user text,
French formatting, fonts for every script."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from lawdesk.procedures import DOCUMENTS
from tests.test_documents_cases import (CONTROL, DEMO, docx_paragraphs, docx_text, fits, fitting_variant, flat, pdf_text,
                                       rendered)

DOCS = list(DOCUMENTS)
# The documents written before a decision, rendered in every variant of the demo; those written after
# one, in the variants past a decision.
BEFORE = [d for d in DOCS if fitting_variant(d) == "demo"]
AFTER = [d for d in DOCS if d not in BEFORE]


def _pairs(before: list[str], after: list[str]) -> list[tuple[str, str]]:
    """Each variant with the documents that fit its situation."""
    return [(v, d) for v in before for d in BEFORE] + [(v, d) for v in after for d in AFTER if fits(v, d)]
PAGE_FURNITURE = re.compile(r"Réf\. \S+|page \d+ / \d+")


def _sentences(text: str) -> set[str]:
    text = PAGE_FURNITURE.sub(" ", flat(text))
    text = re.sub(r"(?<!\S)–(?!\S)", " ", text)  # list bullets drawn by CSS or by Word numbering
    text = re.sub(r"-\s+(?=\w)", "-", text)  # a compound broken at its hyphen at the end of a line
    return {s for s in re.split(r"(?<=[.;:!?])\s+", flat(text)) if s}


@pytest.mark.parametrize(("variant", "doc_id"), _pairs(["demo", "paris", "corsica", "reunion"], ["rejected", "classement"]))
def test_pdf_and_docx_have_the_same_sentences(variant: str, doc_id: str) -> None:
    document = rendered(variant, doc_id)
    in_pdf, in_docx = _sentences(pdf_text(document.pdf)), _sentences(docx_text(document.docx))
    assert len(in_docx) > 20
    assert in_pdf - in_docx == set() and in_docx - in_pdf == set()


@pytest.mark.parametrize("doc_id", DOCS)
def test_page_count_is_the_pdf_page_count(doc_id: str) -> None:
    document = rendered(fitting_variant(doc_id), doc_id)
    assert document.page_count == len(PdfReader(io.BytesIO(document.pdf)).pages) >= 2
    assert document.id == doc_id and document.title == DOCUMENTS[doc_id].title


@pytest.mark.parametrize("doc_id", DOCS)
def test_pages_have_the_reference_and_page_numbers(doc_id: str) -> None:
    document = rendered(fitting_variant(doc_id), doc_id)
    text = pdf_text(document.pdf)
    assert text.count("Réf. SSD-2025-0142") == document.page_count
    assert f"page {document.page_count} / {document.page_count}" in text
    package = zipfile.ZipFile(io.BytesIO(document.docx))
    headers = " ".join(package.read(n).decode() for n in package.namelist() if n.startswith("word/header"))
    footers = " ".join(package.read(n).decode() for n in package.namelist() if n.startswith("word/footer"))
    assert "Réf. SSD-2025-0142" in headers and "{{" not in headers
    assert 'w:instr=" PAGE "' in footers and 'w:instr=" NUMPAGES "' in footers


@pytest.mark.parametrize(("variant", "doc_id"), _pairs(["demo", "paris", "corsica", "martinique", "reunion", "reordered"],
                                                        ["rejected", "classement"]))
def test_no_iso_date_and_no_template_syntax_reaches_a_document(variant: str, doc_id: str) -> None:
    document = rendered(variant, doc_id)
    for text in (pdf_text(document.pdf), docx_text(document.docx)):
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)
        assert "{{" not in text and "{%" not in text and "None" not in text


@pytest.mark.parametrize(("variant", "doc_id"), _pairs(["hostile"], ["hostile_rejected"]))
def test_user_text_is_data_in_pdf_and_docx(variant: str, doc_id: str) -> None:
    document = rendered(variant, doc_id)
    for text in (pdf_text(document.pdf), docx_text(document.docx)):
        assert "<b>x</b> & {{ 7*7 }} {% if 1 %}" in text
        assert "49" not in text
        assert "avantaprès" in text  # the control characters between the two words are gone
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)


def test_forbidden_characters_never_reach_the_docx_xml() -> None:
    document = rendered("hostile", "refere")
    body = zipfile.ZipFile(io.BytesIO(document.docx)).read("word/document.xml").decode("utf-8")
    assert not any(c in body for c in CONTROL if c not in "avantaprès")
    paragraphs = docx.Document(io.BytesIO(document.docx)).paragraphs
    assert any(p.text.startswith("Note ajoutée") for p in paragraphs)


def test_notes_are_inserted_where_documents_md_says() -> None:
    paragraphs = docx_paragraphs(rendered("hostile", "refere").docx)
    note = next(i for i, p in enumerate(paragraphs) if p.startswith("Note ajoutée"))
    assert paragraphs[note + 1].startswith("Second paragraphe")
    assert paragraphs[note + 2] == "PAR CES MOTIFS"
    assert not any("Note ajoutée" in p for p in docx_paragraphs(rendered("hostile", "prefecture").docx))


@pytest.mark.parametrize("variant,name", [
    ("reunion", "Thị Hương Nguyễn"),
    ("corsica", "Сергей Иванов"),
    ("martinique", "عبد الله"),
])
def test_names_in_every_script_come_back_from_the_pdf(variant: str, name: str) -> None:
    for doc_id in BEFORE:
        document = rendered(variant, doc_id)
        assert name in flat(pdf_text(document.pdf, raw=False))
        assert name in docx_text(document.docx)


@pytest.mark.parametrize("variant", ["martinique", "reunion"])
def test_pdf_fonts_are_embedded(variant: str, tmp_path: Path) -> None:
    path = tmp_path / "refere.pdf"
    path.write_bytes(rendered(variant, "refere").pdf)
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = [line.split() for line in output.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows)  # the "emb" column
    names = " ".join(row[0] for row in rows)
    assert "LawDesk-Serif" in names
    assert ("LawDesk-Arabic" in names) == (variant == "martinique")


def test_docx_styles_name_the_fonts_for_latin_and_complex_scripts() -> None:
    document = docx.Document(io.BytesIO(rendered("demo", "refere").docx))
    fonts = document.styles["LawDesk Corps"].element.rPr.rFonts
    assert fonts.get(qn("w:ascii")) == "Noto Serif" and fonts.get(qn("w:cs")) == "Noto Naskh Arabic"
    used = {p.style.name for p in document.paragraphs}
    assert {"LawDesk Titre", "LawDesk Intertitre", "LawDesk Corps", "LawDesk Liste", "LawDesk Partie",
            "LawDesk Signature", "LawDesk Inventaire"} <= used


def test_arabic_runs_are_right_to_left_complex_script() -> None:
    body = zipfile.ZipFile(io.BytesIO(rendered("martinique", "refere").docx)).read("word/document.xml").decode()
    arabic_runs = re.findall(r"<w:r><w:rPr>(.*?)</w:rPr><w:t[^>]*>([^<]*)</w:t></w:r>", body)
    found = [props for props, text in arabic_runs if "عبد الله" in text]
    assert found and all("<w:rtl/>" in props and "<w:cs/>" in props for props in found)
    latin = [props for props, text in arabic_runs if "DIALLO" in text or "Mme" in text]
    assert all("<w:rtl/>" not in props for props in latin)


def test_docx_metadata_is_the_document_title() -> None:
    document = docx.Document(io.BytesIO(rendered("demo", "defenseur").docx))
    assert document.core_properties.title == DOCUMENTS["defenseur"].title
    assert document.core_properties.author == ""


def test_demo_case_documents_cite_their_pieces_in_both_formats() -> None:
    assert DEMO["pieces"][2]["id"] == "p3"
    for doc_id in BEFORE:
        document = rendered("demo", doc_id)
        for text in (flat(pdf_text(document.pdf)), flat(docx_text(document.docx))):
            assert "la demande ne peut être validée (pièce n° 3)." in text


def test_a_clinic_word_shell_does_not_sign_the_filing_with_its_last_editor(tmp_path: Path) -> None:
    from lawdesk.documents import render_document
    from lawdesk.paths import templates_dir
    from tests.test_documents_cases import VARIANTS, case_of, info_of

    shell = docx.Document(templates_dir() / "docx" / "filings.docx")
    shell.core_properties.author = shell.core_properties.last_modified_by = "jdupont"
    (tmp_path / "docx").mkdir()
    shell.save(tmp_path / "docx" / "filings.docx")
    data = VARIANTS["demo"]()
    produced = docx.Document(io.BytesIO(render_document(case_of(data), "refere", info_of(data), tmp_path).docx))
    assert (produced.core_properties.author, produced.core_properties.last_modified_by) == ("", "")
