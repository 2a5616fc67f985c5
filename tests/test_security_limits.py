"""Bombs and giants: every evidence file is refused with a clear message naming it, or handled
within bounded memory and time (limits in lawdesk/evidence/limits.py, SECURITY.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from lawdesk.evidence import inspect_file, normalize_files
from lawdesk.errors import EvidenceError
from tests import evidence_factory as make
from tests import fuzz_hostile as hostile
from tests.conftest import DEMO_CASE, ROOT

TOO_LARGE_IMAGE = "image trop grande"
TOO_COMPLEX = "PDF trop complexe ou piégé"
MEMORY_LIMIT = 1536 * 1024 * 1024


def refusal(path: Path) -> str:
    """The pre-flight error and the build error for `path` must agree; returns the reason."""
    shown = f"pieces/{path.name}"
    problems = inspect_file(path, shown)
    assert [p.level for p in problems] == ["error"] and problems[0].where == shown, problems
    with pytest.raises(EvidenceError) as raised:
        normalize_files([path], [shown])
    assert raised.value.file == shown
    assert raised.value.reason == problems[0].message
    return raised.value.reason


@pytest.mark.parametrize("maker", sorted(hostile.IMAGE_BOMBS))
def test_images_claiming_huge_dimensions_are_refused(tmp_path: Path, maker: str) -> None:
    assert TOO_LARGE_IMAGE in refusal(hostile.IMAGE_BOMBS[maker](tmp_path))


PDF_REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "flate-bomb": (lambda folder: hostile.flate_bomb_pdf(folder, size=200_000_000), TOO_COMPLEX),
    "flate-bomb-in-image": (lambda folder: hostile.flate_bomb_resource_pdf(folder, size=60_000_000), TOO_COMPLEX),
    "huge-image-in-pdf": (lambda folder: hostile.flate_bomb_resource_pdf(folder, size=1_000, side=20_000), "image démesurée (20000 × 20000"),
    "object-stream-bomb": (hostile.object_stream_bomb_pdf, TOO_COMPLEX),
    "thousands-of-pages": (lambda folder: hostile.many_pages_pdf(folder, pages=1_200), "1200 pages : au plus 1000"),
}


@pytest.mark.parametrize("kind", sorted(PDF_REFUSED))
def test_pdf_bombs_are_refused_naming_the_file(tmp_path: Path, kind: str) -> None:
    maker, expected = PDF_REFUSED[kind]
    assert expected in refusal(maker(tmp_path))


def test_a_pdf_whose_structure_exceeds_the_parsing_budget_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Arrays of 100 000 numbers cost ~70 bytes of memory per byte of file; the budget stops the
    parsing (lowered here so that the test stays fast)."""
    import lawdesk.evidence.pdf_open as pdf

    monkeypatch.setattr(pdf, "MAX_PDF_PARSE_WORK", 300_000)
    assert TOO_COMPLEX in refusal(hostile.wide_arrays_pdf(tmp_path, arrays=3))
    assert inspect_file(hostile.wide_arrays_pdf(tmp_path, "small.pdf", arrays=1, width=1_000), "pieces/small.pdf") == []


# Deep arrays, a page-tree loop and a chain of 5 000 actions ending in JavaScript: pypdf refuses them,
# poppler redraws their pages (bounded, lawdesk.evidence.external), and what it writes is inert.
@pytest.mark.parametrize("maker", [hostile.lying_count_pdf, hostile.reference_loop_pdf, hostile.huge_xref_pdf,
                                   hostile.huge_object_number_pdf, hostile.deep_dictionary_pdf, hostile.deep_reference_chain_pdf,
                                   hostile.deep_array_pdf, hostile.page_tree_loop_pdf, hostile.long_action_chain_pdf],
                         ids=["lying-count", "reference-loop", "huge-xref", "huge-object-number", "deep-dicts", "deep-chain",
                              "deep-arrays", "page-tree-loop", "long-action-chain"])
def test_odd_pdfs_are_built_or_refused_never_a_crash(tmp_path: Path, maker: Callable[[Path], Path]) -> None:
    path = maker(tmp_path)
    shown = f"pieces/{path.name}"
    assert all(p.where == shown for p in inspect_file(path, shown))
    try:
        piece = normalize_files([path], [shown])
    except EvidenceError as refused:
        assert refused.file == shown and refused.reason
    else:
        assert piece.page_count == 1
        assert not make.holds(piece.pdf, b"app.alert") and not make.holds(piece.pdf, b"/JavaScript")


def test_a_file_over_the_size_limit_is_refused_without_being_read(tmp_path: Path) -> None:
    path = hostile.oversized_file(tmp_path)  # sparse: 2 GB that take no disk space
    assert "fichier trop volumineux (2048 Mo ; au plus 100 Mo par fichier)" in refusal(path)


def test_tiff_pages_and_total_pixels_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import lawdesk.evidence.images as images

    monkeypatch.setattr(images, "MAX_PAGES", 20)
    assert "plus de 20 pages : au plus 20 par fichier" in refusal(hostile.tiff_many_frames(tmp_path, frames=30))
    monkeypatch.setattr(images, "MAX_TOTAL_PIXELS", 100_000)
    assert "plus de 0 millions de pixels en tout" in refusal(hostile.tiff_many_frames(tmp_path, "big.tiff", frames=3, size=(200, 200)))


# --- peak memory of whole builds -----------------------------------------------------------------------

_BUILD_AND_MEASURE = textwrap.dedent("""
    import json, resource, sys
    sys.path.insert(0, sys.argv[1])
    from lawdesk.build import build_dossier
    from lawdesk.case import load_case
    from lawdesk.errors import LawdeskError
    try:
        report = build_dossier(load_case(sys.argv[2]), __import__("pathlib").Path(sys.argv[3]))
        outcome = "built", report["pages"]
    except LawdeskError as exc:
        outcome = "refused", exc.message
    print(json.dumps({"outcome": outcome, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
""")


def _build_in_subprocess(case_dir: Path, out: Path) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-c", _BUILD_AND_MEASURE, str(ROOT), str(case_dir), str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _case_with(tmp_path: Path, files: dict[int, Path]) -> Path:
    case_dir = tmp_path / "cas"
    shutil.copytree(DEMO_CASE, case_dir, ignore=shutil.ignore_patterns(".lawdesk"))
    data = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    for index, source in files.items():
        shutil.move(source, case_dir / "pieces" / source.name)
        data["pieces"][index] = {**data["pieces"][index], "file": f"pieces/{source.name}"}
        data["pieces"][index].pop("files", None)
    (case_dir / "case.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return case_dir


def test_peak_memory_of_a_build_of_hostile_pieces_stays_under_the_limit(tmp_path: Path) -> None:
    bombs = tmp_path / "bombes"
    bombs.mkdir()
    files = {0: hostile.object_stream_bomb_pdf(bombs), 1: hostile.flate_bomb_pdf(bombs, size=200_000_000),
             2: hostile.png_claiming(bombs), 3: hostile.jpeg_pixel_flood(bombs), 4: hostile.deep_array_pdf(bombs),
             5: hostile.oversized_file(bombs)}
    measured = _build_in_subprocess(_case_with(tmp_path, files), tmp_path / "sortie")
    assert measured["outcome"][0] == "refused"
    for number, source in files.items():
        if number != 4:  # deep arrays: redrawn by poppler, under its own bounds (lawdesk/evidence/external.py)
            assert f"pieces/{source.name}" in measured["outcome"][1]
    assert measured["peak"] < MEMORY_LIMIT
    assert not (tmp_path / "sortie").exists()


def test_peak_memory_of_a_build_of_the_largest_accepted_pictures_stays_under_the_limit(tmp_path: Path) -> None:
    """A picture just under the pixel limit, in the costliest mode (RGBA: 320 MB decoded), that
    inflates ~1000:1 (benchmarks/fuzz_evidence.py --memory measures more of them)."""
    large = tmp_path / "grandes"
    large.mkdir()
    files = {2: hostile.png_zlib_bomb(large)}
    measured = _build_in_subprocess(_case_with(tmp_path, files), tmp_path / "sortie")
    assert measured["outcome"][0] == "built", measured
    # Under the 1.5 GB bound with room to spare for the other pièces of the dossier (measured:
    # ~760 MB; ~1.4 GB before large pictures were reduced before being turned and flattened).
    assert measured["peak"] < 1024 ** 3 < MEMORY_LIMIT, measured["peak"] / 2 ** 20


def test_the_dossier_size_is_bounded(demo_case_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All the pièces together (held several times in memory by a build) are bounded as well."""
    from lawdesk.build import build_dossier, pieces
    from lawdesk.case import load_case
    from lawdesk.errors import LawdeskError

    monkeypatch.setattr(pieces, "MAX_DOSSIER_BYTES", 300_000)
    with pytest.raises(LawdeskError) as raised:
        build_dossier(load_case(demo_case_dir), tmp_path / "sortie", documents=["prefecture"])
    assert "SSD-2025-0142 : les pièces dépassent 0 Mo une fois mises en pages (atteint à la pièce n° " in raised.value.message
    assert not (tmp_path / "sortie").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the ceilings are set on Linux only (SECURITY.md)")
def test_a_program_run_on_evidence_cannot_take_more_memory_than_its_ceiling() -> None:
    """qpdf or poppler fed a bomb: an address space over MEMORY_BYTES is refused to it (a mapping that
    is never touched, so that the test itself costs no memory)."""
    from lawdesk.evidence.external import MEMORY_BYTES, ToolFailed, run_bounded

    reserve = f"import mmap; mmap.mmap(-1, {2 * MEMORY_BYTES})"
    assert subprocess.run([sys.executable, "-c", reserve], check=False).returncode == 0  # unbounded: allowed
    with pytest.raises(ToolFailed, match="échec"):
        run_bounded([sys.executable, "-c", reserve])
    assert run_bounded([sys.executable, "-c", "import mmap; mmap.mmap(-1, 1 << 20)"]) == 0
