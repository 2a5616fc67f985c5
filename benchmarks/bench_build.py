"""Benchmark of `lawdesk build`: the demo case and a generated large case (40 pièces, about 300 pages).

Prints wall time, pages per second and peak memory, with the floor measured in the same run:
WeasyPrint rendering the same documents alone plus `qpdf --empty --pages` concatenating the same
normalised pièces. Run: .venv/bin/python benchmarks/bench_build.py
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LARGE_PIECES = 40
REPEATS = 5  # rebuilds and floors, interleaved: medians are printed (this machine's timings vary by ±15 %)


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def make_large_case(folder: Path) -> Path:
    """40 pièces: PDFs of 6 to 16 text pages, photos and screenshots; about 300 pages in all."""
    from PIL import Image, ImageDraw
    from pypdf import PdfReader, PdfWriter

    from lawdesk.htmlpdf import render_pdf

    shutil.copytree(ROOT / "examples" / "demo-case", folder, ignore=shutil.ignore_patterns(".lawdesk"))
    data = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    text_pdf = render_pdf("".join(f"<h2>Page {n}</h2>" + "<p>Relevé d'échanges avec l'administration. </p>" * 40
                                  + '<p style="break-after: page"></p>' for n in range(1, 17)), folder)
    pages = PdfReader(io.BytesIO(text_pdf)).pages
    pieces = []
    for number in range(1, LARGE_PIECES + 1):
        name = f"pieces/large-{number:02d}"
        if number % 5 == 0:
            image = Image.new("RGB", (3000, 4000), (235, 230, 220))
            ImageDraw.Draw(image).rectangle((300, 300, 2700, 3700), outline=(40, 40, 40), width=12)
            image.save(folder / f"{name}.jpg", quality=90)
            file = f"{name}.jpg"
        elif number % 5 == 1:
            image = Image.new("RGB", (1280, 800), "white")
            ImageDraw.Draw(image).text((40, 40), "Une erreur technique est survenue", fill="black")
            image.save(folder / f"{name}.png")
            file = f"{name}.png"
        else:
            writer = PdfWriter()
            for page in pages[: 6 + number % 11]:
                writer.add_page(page)
            with open(folder / f"{name}.pdf", "wb") as out:
                writer.write(out)
            file = f"{name}.pdf"
        pieces.append({"id": f"L{number}", "title": f"Pièce volumineuse {number}", "file": file})
    data["pieces"] = data["pieces"] + pieces
    data["reference"] = "BENCH-LARGE"
    (folder / "case.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def _pieces_made(case: Any, ocr: bool = True) -> list[bytes]:
    """Each pièce of `case` made into pages, as a build makes it (`ocr`: with a text layer on scans)."""
    from lawdesk.case.pieces import piece_files, resolve_case_file
    from lawdesk.evidence.normalize import normalize_files

    made = []
    for piece in case.data["pieces"]:
        files = piece_files(piece)
        made.append(normalize_files([resolve_case_file(case.folder, name) for name in files], files, ocr=ocr).pdf)
    return made


class Floor:
    """WeasyPrint rendering the documents alone + qpdf concatenating the normalised pièces."""

    def __init__(self, case_dir: Path, work: Path) -> None:
        import datetime as dt

        from lawdesk.case import load_case
        from lawdesk.documents import DossierInfo

        self.case = load_case(case_dir)
        self.work = work
        self.normalized = []
        for number, pdf in enumerate(_pieces_made(self.case), start=1):
            path = work / f"n{number:03d}.pdf"
            path.write_bytes(pdf)
            self.normalized.append(path)
        self.info = DossierInfo(today=dt.date.today(), documents=self.case.data["documents"])
        self.parts_size = 0

    def seconds(self) -> float:
        from lawdesk.documents import render_document

        started = time.perf_counter()
        documents_size = sum(len(render_document(self.case, doc_id, self.info).pdf)
                             for doc_id in self.case.data["documents"])
        subprocess.run(["qpdf", "--empty", "--pages", *map(str, self.normalized), "--", str(self.work / "floor.pdf")],
                       check=True)
        elapsed = time.perf_counter() - started
        self.parts_size = documents_size + sum(p.stat().st_size for p in self.normalized)
        return elapsed


def bench(name: str, case_dir: Path, work: Path) -> None:
    from lawdesk.build import build_dossier
    from lawdesk.case import load_case

    case = load_case(case_dir)
    started = time.perf_counter()
    build_dossier(case, work / f"warm-{name}")  # first build of the process: empty cache, fonts and templates loaded
    first = time.perf_counter() - started
    another = work / f"another-{name}"  # the same evidence in a new case folder: an empty cache, a warm process
    shutil.copytree(case_dir, another, ignore=shutil.ignore_patterns(".lawdesk"))
    started = time.perf_counter()
    build_dossier(load_case(another), work / f"another-out-{name}")
    new_case = time.perf_counter() - started
    floor_dir = work / f"floor-{name}"
    floor_dir.mkdir()
    floor = Floor(case_dir, floor_dir)
    times, floors = [], []
    for _ in range(REPEATS):  # interleaved, so that a change of the machine's load touches both alike
        started = time.perf_counter()
        report = build_dossier(case, work / f"out-{name}")
        times.append(time.perf_counter() - started)
        floors.append(floor.seconds())
    elapsed, floor_time = statistics.median(times), statistics.median(floors)
    ratios = sorted(t / f for t, f in zip(times, floors))
    bundle_size = (work / f"out-{name}" / report["bundle"]).stat().st_size
    print(f"{name}: {report['pages']} pages, first build of the process {first:.2f} s, new case in a warm process "
          f"{new_case:.2f} s (= {new_case / elapsed:.1f} × the rebuild; target for the large case ≤ 2), rebuild {elapsed:.2f} s (median of {REPEATS}: {', '.join(f'{t:.2f}' for t in times)}), "
          f"{report['pages'] / elapsed:.0f} pages/s; floor {floor_time:.2f} s ({', '.join(f'{t:.2f}' for t in floors)}); "
          f"ratio {elapsed / floor_time:.2f} (each pair: {', '.join(f'{r:.2f}' for r in ratios)}); "
          f"bundle {bundle_size / 1e6:.2f} MB = {bundle_size / floor.parts_size:.2f} × documents + normalised pièces; "
          f"peak memory {_peak_rss_mb():.0f} MB (largest child process {_peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB)")


def _cli_build(case_dir: Path, out: Path, helper: str = "fork", ocr: bool = True) -> float:
    """`lawdesk build` in a new process (start-up and imports included); `helper`: LAWDESK_HELPER;
    without `ocr`, Tesseract finds no French data (an empty TESSDATA_PREFIX), as on a machine without it."""
    environment = {**os.environ, "LAWDESK_HELPER": helper}
    if not ocr:
        environment["TESSDATA_PREFIX"] = str(out.parent / "no-tessdata")
        (out.parent / "no-tessdata").mkdir(exist_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lawdesk", "build", str(case_dir), "-o", str(out)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    return time.perf_counter() - started


def command_line(case_dir: Path, work: Path) -> None:
    """`lawdesk build` as a user runs it: a new process, empty cache then filled; then, paired and
    interleaved, the forked helper (Linux) against no fork (Windows, macOS; forced here): first builds
    (each of a fresh copy of the case: every pièce checked, made into pages, OCR included), then rebuilds."""
    for label in ("empty cache", "cache filled"):
        print(f"demo, `lawdesk build` in a new process ({label}): {_cli_build(case_dir, work / 'cli-out'):.2f} s")

    def first(helper: str, run: int) -> float:
        fresh = work / f"paired-{helper}-{run}"
        shutil.copytree(case_dir, fresh, ignore=shutil.ignore_patterns(".lawdesk"))
        return _cli_build(fresh, work / f"paired-out-{helper}-{run}", helper)

    for label, build in (("first build", first), ("rebuild", lambda helper, _run: _cli_build(case_dir, work / "cli-out", helper))):
        forked, pooled = [], []
        for run in range(REPEATS):
            forked.append(build("fork", run))
            pooled.append(build("spawn", run))
        ratios = sorted(p / f for f, p in zip(forked, pooled))
        print(f"demo, `lawdesk build` in a new process, {label}: forked helper {statistics.median(forked):.2f} s "
              f"({', '.join(f'{t:.2f}' for t in forked)}) against the pooled helper (no fork) "
              f"{statistics.median(pooled):.2f} s ({', '.join(f'{t:.2f}' for t in pooled)}): ratio "
              f"{statistics.median(pooled) / statistics.median(forked):.2f} (each pair: {', '.join(f'{r:.2f}' for r in ratios)}; "
              "target ≤ 1.10)")


def first_builds(case_dir: Path, work: Path) -> None:
    """A first build of the large case (empty cache: every pièce made into pages, OCR included) in a new
    process, with the forked helper, the pooled one (no fork: Windows, macOS) and none; then Tesseract's
    share of it alone, as a floor."""
    from lawdesk.evidence.ocr import JOBS

    timed, processor = {}, {}
    for helper, ocr in (("fork", True), ("spawn", True), ("none", True), ("fork", False)):
        fresh = work / f"first-{helper}-{ocr}"
        shutil.copytree(case_dir, fresh, ignore=shutil.ignore_patterns(".lawdesk"))
        used = _children_cpu()
        timed[helper, ocr] = _cli_build(fresh, work / f"first-out-{helper}-{ocr}", helper, ocr)
        processor[helper, ocr] = _children_cpu() - used
    rebuild = _cli_build(work / "first-fork-True", work / "first-out-fork-True")
    print(f"large, first build in a new process: forked helper {timed['fork', True]:.2f} s, pooled helper (no fork) "
          f"{timed['spawn', True]:.2f} s, no helper {timed['none', True]:.2f} s; without OCR (forked helper) "
          f"{timed['fork', False]:.2f} s; rebuild in a new process {rebuild:.2f} s: a first build is "
          f"{timed['fork', True] / rebuild:.1f} × the rebuild, {timed['fork', False] / rebuild:.1f} × without OCR (target ≤ 2)")
    tesseract = _children_cpu()
    pictures, seconds = _tesseract_floor(case_dir, work / "tesseract-floor")
    tesseract = _children_cpu() - tesseract
    if pictures:
        cores = os.cpu_count() or 1
        least = (processor["fork", False] + tesseract) / cores
        print(f"large, OCR floor: Tesseract alone reading the {pictures} pictures of the pages a first build reads "
              f"(each at its own size, without a page's margins) takes {seconds:.2f} s ({JOBS} at a time), "
              f"{tesseract:.2f} s of processor; with the {processor['fork', False]:.2f} s of processor of a first build without OCR, "
              f"{cores} cores always busy would take {least:.2f} s at least: {least / rebuild:.1f} × the rebuild")


def _children_cpu() -> float:
    """Processor time (user and system) of the finished child processes so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _tesseract_floor(case_dir: Path, work: Path) -> tuple[int, float]:
    """Tesseract's own time for the OCR of a first build: the command line (French, hOCR, one thread, as
    OCRmyPDF runs it) on each picture of the pages without text, as many at a time as OCRmyPDF runs. A lower bound: OCRmyPDF
    reads a rendering of the whole page, margins included, and adds its own work."""
    from concurrent.futures import ThreadPoolExecutor

    from pypdf import PdfReader

    from lawdesk.case import load_case
    from lawdesk.evidence import ocr

    if not ocr.ocr_available():
        return 0, 0.0
    work.mkdir()
    images = []
    for pdf in _pieces_made(load_case(case_dir), ocr=False):
        pages = PdfReader(io.BytesIO(pdf)).pages
        for number in ocr.pages_without_text(pdf):
            for picture in pages[number - 1].images:
                images.append(work / f"{len(images):03d}.png")
                picture.image.save(images[-1])
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def read(image: Path) -> None:
        subprocess.run(["tesseract", "-l", ocr.LANGUAGE, str(image), str(image.with_suffix("")), "hocr"],
                       check=True, capture_output=True, env=environment)

    started = time.perf_counter()
    with ThreadPoolExecutor(ocr.JOBS) as pool:
        list(pool.map(read, images))
    return len(images), time.perf_counter() - started


def ocr_cost() -> None:
    """What OCR adds per page: each scanned pièce normalised with and without OCR (Tesseract, French),
    three times each (the in-process memory of OCR results emptied), medians."""
    from lawdesk.case.pieces import piece_files
    from lawdesk.evidence import ocr
    from lawdesk.evidence.normalize import normalize_files

    demo = json.loads((ROOT / "examples" / "demo-case" / "case.json").read_text(encoding="utf-8"))
    scans = [[ROOT / "examples" / "demo-case" / name for name in piece_files(piece)] for piece in demo["pieces"]
             if not any(name.endswith((".pdf", ".eml")) for name in piece_files(piece))]
    scans += [[path] for path in sorted((ROOT / "tests" / "data" / "pdf-corpus").glob("*.pdf"))
              if path.name.startswith(("img2pdf", "imagemagick"))]
    if not ocr.ocr_available():
        print("OCR: Tesseract with its French data is not installed; no figure")
        return
    pages, added = 0, []
    for paths in scans:
        shown = [path.name for path in paths]
        timed = {}
        for with_ocr in (False, True):
            runs = []
            for _ in range(3):
                ocr._memo.clear()
                started = time.perf_counter()
                normalize_files(paths, shown, ocr=with_ocr)
                runs.append(time.perf_counter() - started)
            timed[with_ocr] = statistics.median(runs)
        read = len(ocr.pages_without_text(normalize_files(paths, shown, ocr=False).pdf))
        pages += read
        added.append(timed[True] - timed[False])
        print(f"OCR of {', '.join(shown)}: {read} page(s), {timed[False]:.2f} s without OCR, {timed[True]:.2f} s with "
              f"({(timed[True] - timed[False]) / max(read, 1):.2f} s per page)")
    print(f"OCR cost: {sum(added):.2f} s for {pages} pages, {sum(added) / pages:.2f} s per page "
          f"(Tesseract jobs: {ocr.JOBS}; peak memory of the Tesseract processes {_peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB)")


def main() -> None:
    ocr_cost()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        demo = work / "demo-case"
        shutil.copytree(ROOT / "examples" / "demo-case", demo, ignore=shutil.ignore_patterns(".lawdesk"))
        command_line(demo, work)
        shutil.rmtree(demo / ".lawdesk")
        bench("demo", demo, work)
        large = make_large_case(work / "large-case")
        first_builds(large, work)
        bench("large", large, work)
    print("targets: demo < 1.5 s; large ≤ 1.5 × floor; peak memory < 500 MB; bundle ≤ 1.15 × parts")


if __name__ == "__main__":
    main()
