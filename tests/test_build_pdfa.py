"""`lawdesk build --pdfa`: a PDF/A-2b bundle, checked by pikepdf.pdfa (the best checker that runs
here; veraPDF is not packaged for Debian nor PyPI) and, independently, by looking at the file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
from pikepdf import pdfa

from lawdesk.cli import main
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "pdf-corpus"


def _build(case_dir: Path, out: Path, *options: str) -> dict:
    assert main(["build", str(case_dir), "-o", str(out), *options]) == 0
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _fonts_not_embedded(document: pikepdf.Pdf) -> list[str]:
    missing = []
    for item in document.objects:
        if isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/FontDescriptor":
            if not any(key in item for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(item.get("/FontName")))
    return missing


def test_the_bundle_is_pdfa_2b_when_asked(demo_case_dir: Path, tmp_path: Path) -> None:
    # Pièce n° 1 of the demo draws a gradient (a shading), which the checker does not know: replaced here.
    shutil.copy(CORPUS / "libreoffice-links.pdf", demo_case_dir / "pieces" / "titre-de-sejour.pdf")
    report = _build(demo_case_dir, tmp_path / "out", "--pdfa")
    assert report["pdfa"] == {"flavour": "PDF/A-2b", "conforms": True, "verdict": "pass",
                              "checker": report["pdfa"]["checker"], "findings": []}
    assert report["pdfa"]["checker"].startswith("pikepdf.pdfa ")
    bundle = tmp_path / "out" / report["bundle"]
    assert pdfa.validate_written(bundle, "2b").passed  # the file on disk, checked again
    with pikepdf.open(bundle) as document:
        assert document.Root.OutputIntents[0].S == "/GTS_PDFA1" and "/DestOutputProfile" in document.Root.OutputIntents[0]
        with document.open_metadata() as xmp:
            assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "B"
        assert _fonts_not_embedded(document) == []
        assert len(document.pages) == report["pages"] and document.Root.Outlines.Count != 0
    assert subprocess.run(["qpdf", "--check", str(bundle)], capture_output=True, check=False).returncode == 0
    for document in report["documents"]:  # drawn by WeasyPrint's PDF/A-2b variant
        with pikepdf.open(tmp_path / "out" / document["pdf"]) as drawn:
            assert "/OutputIntents" in drawn.Root and _fonts_not_embedded(drawn) == []
    assert not any("--pdfa" in warning for warning in report["warnings"])


def test_what_the_checker_cannot_approve_is_said(demo_case_dir: Path, tmp_path: Path) -> None:
    report = _build(demo_case_dir, tmp_path / "out", "--pdfa")
    assert report["pdfa"]["conforms"] is False and report["pdfa"]["verdict"] == "not_checked"
    assert any("shading" in finding for finding in report["pdfa"]["findings"])
    [warning] = [w for w in report["warnings"] if w.startswith("--pdfa")]
    assert report["pdfa"]["checker"] in warning and "veraPDF" in warning


def test_the_default_output_stays_as_it_was(demo_case_dir: Path, tmp_path: Path) -> None:
    report = _build(demo_case_dir, tmp_path / "out")
    assert "pdfa" not in report
    with pikepdf.open(tmp_path / "out" / report["bundle"]) as document:
        assert "/OutputIntents" not in document.Root and "/Metadata" not in document.Root
