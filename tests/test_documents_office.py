"""The Word files open in a real office suite and read as the PDFs do: LibreOffice Writer converts
each DOCX of the demo dossier to PDF, headless, in a profile folder of its own; the result has the
PDF version's page count, within one page, and the same words, line breaks and hyphenation aside."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import Counter

import pytest
from pypdf import PdfReader

from lawdesk.documents import RenderedDocument
from lawdesk.procedures import DOCUMENTS
from tests.test_documents_cases import fitting_variant, pdf_text, rendered

PAGE_FURNITURE = re.compile(r"Réf\.\s+\S+|page\s+\d+\s+/\s+\d+")
HYPHEN = re.compile(r"(?<=\w)[-\u2010\u00ad]\s*(?=\w)")  # within a compound, or a word broken at a line end


def _words(pdf: bytes) -> Counter[str]:
    text = PAGE_FURNITURE.sub(" ", pdf_text(pdf, raw=False))
    return Counter(re.findall(r"\w+", HYPHEN.sub("", text)))


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[RenderedDocument, bytes]]:
    """Each document, in a case it fits, and the PDF LibreOffice makes of its DOCX."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Writer is part of the install (scripts/install.sh: libreoffice-writer-nogui)"
    folder = tmp_path_factory.mktemp("office")
    documents = {doc_id: rendered(fitting_variant(doc_id), doc_id) for doc_id in DOCUMENTS}
    for doc_id, document in documents.items():
        (folder / f"{doc_id}.docx").write_bytes(document.docx)
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
                    "--outdir", str(folder / "pdf"), *[str(folder / f"{doc_id}.docx") for doc_id in documents]],
                   check=True, capture_output=True, timeout=300)
    return {doc_id: (document, (folder / "pdf" / f"{doc_id}.pdf").read_bytes()) for doc_id, document in documents.items()}


@pytest.mark.parametrize("doc_id", list(DOCUMENTS))
def test_office_suite_lays_the_docx_out_on_as_many_pages(converted, doc_id: str) -> None:
    document, office_pdf = converted[doc_id]
    office_pages = len(PdfReader(io.BytesIO(office_pdf)).pages)
    assert document.page_count >= 2
    assert abs(office_pages - document.page_count) <= 1, (office_pages, document.page_count)


@pytest.mark.parametrize("doc_id", list(DOCUMENTS))
def test_office_suite_shows_the_same_words_as_the_pdf(converted, doc_id: str) -> None:
    document, office_pdf = converted[doc_id]
    in_pdf, in_office = _words(document.pdf), _words(office_pdf)
    assert sum(in_pdf.values()) > 300
    assert in_office - in_pdf == Counter() and in_pdf - in_office == Counter()
