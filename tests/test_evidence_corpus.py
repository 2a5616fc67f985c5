"""Real PDFs from real producers (tests/data/pdf-corpus, made by its make_corpus.sh): each is
accepted by the pre-flight exactly when the build uses it, ordinary documents get no warning,
damaged ones are recovered by the step of the chain that reads them, scans become searchable."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject

from lawdesk.bundle.assemble import stamped_piece
from lawdesk.errors import EvidenceError
from lawdesk.evidence import inspect_file, normalize_files
from lawdesk.evidence.ocr import OcrOutcome
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "pdf-corpus"
FILES = sorted(path.name for path in CORPUS.glob("*.pdf"))
# What each file that is not an ordinary document must get, and nothing else.
EXPECTED_WARNINGS = {
    "libreoffice-form.pdf": ["formulaire qui envoie ou importe des données"],
    "pdflatex-web-link.pdf": ["liens vers des sites extérieurs"],
}
SCANS = ["img2pdf-screenshot.pdf", "img2pdf-ccitt-scan.pdf", "imagemagick-photo.pdf", "imagemagick-cmyk.pdf"]


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _poppler_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_the_corpus_covers_the_producers_and_structures_of_the_issue() -> None:
    producers = {"libreoffice", "pdflatex", "chromium", "ghostscript", "img2pdf", "imagemagick", "qpdf", "pypdf", "pikepdf"}
    assert producers <= {name.split("-")[0] for name in FILES}
    for name in ("img2pdf-ccitt-scan.pdf", "pikepdf-jbig2.pdf", "imagemagick-cmyk.pdf", "qpdf-object-streams.pdf",
                 "pypdf-incremental-update.pdf", "broken-xref.pdf", "qpdf-linearized.pdf", "ghostscript-pdf20.pdf"):
        assert name in FILES
    data = {name: (CORPUS / name).read_bytes() for name in FILES}
    assert b"/CCITTFaxDecode" in data["img2pdf-ccitt-scan.pdf"] and b"/JBIG2Decode" in data["pikepdf-jbig2.pdf"]
    assert b"/DeviceCMYK" in data["imagemagick-cmyk.pdf"] and b"/ObjStm" in data["qpdf-object-streams.pdf"]
    assert data["pypdf-incremental-update.pdf"].count(b"%%EOF") == 2 and b"/Linearized" in data["qpdf-linearized.pdf"]
    assert data["ghostscript-pdf20.pdf"].startswith(b"%PDF-2.0")
    assert "/OpenAction" in PdfReader(CORPUS / "pdflatex-hyperref.pdf").trailer["/Root"]


@pytest.mark.parametrize("name", FILES)
def test_check_says_ready_exactly_when_the_build_uses_the_file(name: str) -> None:
    path, shown = CORPUS / name, f"pieces/{name}"
    problems = inspect_file(path, shown)
    piece = normalize_files([path], [shown])
    assert [p.level for p in problems] == ["warning"] * len(problems)
    assert problems == piece.warnings
    assert piece.page_count >= _poppler_pages(path)  # every page a reader shows (qpdf finds more in one)
    assert not {b"/JavaScript", b"/Launch", b"/SubmitForm", b"/OpenAction", b"/URI"} & set(piece.pdf.split())


@pytest.mark.parametrize("name", FILES)
def test_only_what_can_act_or_leak_is_reported(name: str) -> None:
    warnings = normalize_files([CORPUS / name], [f"pieces/{name}"]).warnings
    expected = EXPECTED_WARNINGS.get(name, [])
    assert len(warnings) == len(expected), warnings
    for warning, fragment in zip(warnings, expected):
        assert warning.where == f"pieces/{name}" and fragment in warning.message


@pytest.mark.parametrize("name", ["pdflatex-hyperref.pdf", "libreoffice-links.pdf", "chromium-print.pdf"])
def test_internal_navigation_stays_inside_the_pièce_and_is_not_reported(name: str) -> None:
    """pdflatex + hyperref (an /OpenAction /GoTo, links to named destinations), LibreOffice and
    Chromium (links to anchors): every link still goes to a page of the pièce."""
    piece = normalize_files([CORPUS / name], ["pieces/decision.pdf"])
    assert piece.warnings == []
    reader = PdfReader(io.BytesIO(stamped_piece(piece.pdf, 4)))
    assert "/OpenAction" not in reader.trailer["/Root"] and "/Dests" not in reader.trailer["/Root"].get("/Names", {})
    pages = [page.indirect_reference.idnum for page in reader.pages]
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            destination = annotation.get("/Dest") or annotation.get("/A", {}).get("/D")
            assert isinstance(destination, ArrayObject), annotation
            targets.append(destination[0].idnum)
    assert targets and set(targets) <= set(pages)


def test_a_valid_pdf_pypdf_cannot_copy_is_repaired_by_qpdf_silently() -> None:
    """Issue 16: a CMYK PDF whose page is a direct object; qpdf --check finds nothing wrong."""
    path = CORPUS / "cmyk-direct-page.pdf"
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
    assert "error" not in checked.stdout.lower() and "operation succeeded with warnings" in checked.stderr  # a warning: direct kid
    piece = normalize_files([path], ["pieces/cmyk.pdf"])
    assert piece.page_count == 1 and piece.warnings == []


def test_a_broken_page_tree_is_rebuilt_with_all_its_pages() -> None:
    piece = normalize_files([CORPUS / "broken-page-tree.pdf"], ["pieces/attestation.pdf"])
    assert piece.page_count == 4
    assert [f"page {n}" in _text(piece.pdf) for n in range(1, 5)] == [True] * 4


def test_a_broken_page_tree_qpdf_cannot_rebuild_is_redrawn_by_poppler_with_a_warning_naming_it(tmp_path: Path) -> None:
    """The third step, on a machine without qpdf (made so for real: PATH without it, in a new process)."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "pdftocairo").symlink_to(shutil.which("pdftocairo"))
    script = ("import sys; from pathlib import Path; from lawdesk.evidence import normalize_files; "
              "piece = normalize_files([Path(sys.argv[1])], ['pieces/attestation.pdf'], ocr=False); "
              "sys.stdout.write('\\n'.join(w.where + ' : ' + w.message for w in piece.warnings)); Path(sys.argv[2]).write_bytes(piece.pdf)")
    done = subprocess.run([sys.executable, "-c", script, str(CORPUS / "broken-page-tree.pdf"), str(tmp_path / "out.pdf")],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PATH": str(tools)}, timeout=120, check=True)
    assert done.stdout.startswith("pieces/attestation.pdf : PDF endommagé : ses pages ont été redessinées")
    assert "texte peut ne plus être sélectionnable" in done.stdout and "\n" not in done.stdout
    text = _text((tmp_path / "out.pdf").read_bytes())
    assert [f"page {n}" in text for n in range(1, 5)] == [True] * 4


def test_a_file_no_step_can_read_is_refused_naming_each_step(tmp_path: Path) -> None:
    path = tmp_path / "illisible.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    [problem] = inspect_file(path, "pieces/illisible.pdf")
    with pytest.raises(EvidenceError) as refused:
        normalize_files([path], ["pieces/illisible.pdf"])
    assert refused.value.reason == problem.message and problem.level == "error"
    assert problem.message.startswith("PDF endommagé ou incomplet")
    assert "réparation par qpdf : qpdf : échec" in problem.message and "pages redessinées par poppler : " in problem.message


@pytest.mark.parametrize("name", SCANS)
def test_scans_become_searchable(name: str) -> None:
    assert "erreur technique" not in _text((CORPUS / name).read_bytes())
    piece = normalize_files([CORPUS / name], [f"pieces/{name}"])
    assert piece.ocr == OcrOutcome.DONE
    text = _text(stamped_piece(piece.pdf, 2))
    assert "Une erreur technique est survenue" in text and "Pièce n° 2" in text
