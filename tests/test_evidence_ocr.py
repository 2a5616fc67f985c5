"""Searchable scans: Tesseract (for real) reads the demo's screenshots; their words are found by
pdftotext in the stamped pages of the bundle and in the Télérecours files; the result is cached
with the pièce; a machine without Tesseract builds as before, with one warning."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from lawdesk.build import build_dossier
from lawdesk.case import load_case
from lawdesk.evidence import ocr
from tests.conftest import ROOT

# Words drawn only in the screenshots of pièce n° 2 (scripts/make_demo_case.py), in no document.
SCREENSHOT_WORDS = ["Valider l'étape", "ERR-TECH-500"]


def _text(pdf: Path, first: int = 1, last: int = 0) -> str:
    pages = ["-f", str(first), "-l", str(last)] if last else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _piece_text(out: Path, report: dict, number: int) -> str:
    piece = report["pieces"][number - 1]
    return _text(out / report["bundle"], piece["first_page"], piece["first_page"] + piece["page_count"] - 1)


def test_screenshots_are_searchable_in_the_bundle_and_the_telerecours_files_and_cached(demo_case_dir: Path, tmp_path: Path,
                                                                                        monkeypatch) -> None:
    report = build_dossier(load_case(demo_case_dir), tmp_path / "out")
    text = _piece_text(tmp_path / "out", report, 2)
    assert "Pièce n° 2" in text
    for words in SCREENSHOT_WORDS:
        assert words in text
        assert words in _text(tmp_path / "out" / report["pieces"][1]["telerecours"])
    assert not any("tesseract" in warning for warning in report["warnings"])

    # A rebuild takes the OCR'd pièce from the case's cache: Tesseract is not run again.
    runs: list[object] = []
    real = ocr._ocr
    monkeypatch.setattr(ocr, "_ocr", lambda *args: runs.append(args) or real(*args))
    ocr._memo.clear()
    again = build_dossier(load_case(demo_case_dir), tmp_path / "again")
    assert runs == []
    assert all(words in _piece_text(tmp_path / "again", again, 2) for words in SCREENSHOT_WORDS)


def test_a_machine_without_tesseract_builds_as_before_with_one_warning(demo_case_dir: Path, tmp_path: Path) -> None:
    """Tesseract made unavailable for real: the build runs in a new process whose PATH holds only
    the other programs LawDesk uses (qpdf, poppler)."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for program in ("qpdf", "pdftocairo"):
        (tools / program).symlink_to(shutil.which(program))
    environment = {**os.environ, "PATH": str(tools), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "lawdesk", "build", str(demo_case_dir), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT, env=environment, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    missing = [warning for warning in report["warnings"] if "tesseract" in warning.lower()]
    assert len(missing) == 1 and "sudo apt install tesseract-ocr tesseract-ocr-fra" in missing[0]
    assert done.stdout.count("tesseract-ocr-fra") == 1
    text = _piece_text(tmp_path / "out", report, 2)
    assert "Pièce n° 2" in text and not any(words in text for words in SCREENSHOT_WORDS)
    assert len(report["pieces"]) == len(load_case(demo_case_dir).data["pieces"])


def test_ocr_and_pdfa_leave_the_standard_streams_as_they_were(demo_case_dir: Path) -> None:
    """pikepdf's linearization check (run by OCRmyPDF and by the PDF/A validation) left sys.stderr
    replaced: `lawdesk build` then printed its errors nowhere."""
    from lawdesk.evidence.normalize import normalize_files
    from lawdesk.pdfa import archival

    streams = (sys.stdout, sys.stderr)
    piece = normalize_files([demo_case_dir / "pieces" / "anef-erreur-1.png"], ["pieces/anef-erreur-1.png"])
    assert piece.ocr == ocr.OcrOutcome.DONE
    archival(piece.pdf)
    assert (sys.stdout, sys.stderr) == streams
