"""The long fuzz run of evidence ingestion: thousands of corrupted variants of real evidence files.

Every input goes through what `lawdesk check` and `lawdesk build` do with a pièce:
`inspect_file` (the pre-flight), then `normalize_files` (the inert PDF), then the built PDF is
opened again. Each input must end as

- built: a PDF that opens, with the page count announced;
- refused: an `EvidenceError` (or pre-flight error) naming the file, with a message;

never a crash (any other exception, a dead worker: segfault, out of memory) nor a hang (over
TIMEOUT seconds). Workers are separate processes with a memory ceiling (MEMORY_LIMIT), so a
native crash or a runaway allocation is counted, not fatal to the run. Inputs that crash or
hang are kept in the findings folder with the mutation that made them.

Seeds: every file of examples/demo-case/pieces and hostile files from tests/evidence_factory.py
and tests/fuzz_hostile.py. Mutations: truncation, bit flips, inserted, deleted, spliced and
zeroed bytes (tests/fuzz_hostile.mutate).

Run: .venv/bin/python benchmarks/fuzz_evidence.py [--inputs 3000] [--seed 1] [--workers N] [--findings DIR]
Prints inputs tried, outcomes per kind of seed, crashes and hangs, and the time taken.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# `--lawdesk DIR` fuzzes another copy of the package (e.g. an older commit, to compare).
LAWDESK = Path(sys.argv[sys.argv.index("--lawdesk") + 1]) if "--lawdesk" in sys.argv else ROOT
sys.path.insert(0, str(LAWDESK))

TIMEOUT = 60  # seconds for one input (inspect + normalize); beyond, a hang
MEMORY_LIMIT = 2 * 1024 ** 3  # address space of a worker; beyond, a crash (out of memory)
CHUNK = 40  # inputs per worker process


# --- seeds -----------------------------------------------------------------------------------------------


def make_seeds(folder: Path) -> list[Path]:
    from tests import evidence_factory as make
    from tests import fuzz_hostile as hostile

    seeds = []
    for source in sorted((ROOT / "examples" / "demo-case" / "pieces").iterdir()):
        shutil.copy(source, folder / f"demo-{source.name}")
        seeds.append(folder / f"demo-{source.name}")
    seeds += [make.active_pdf(folder, "factory-active.pdf"), make.form_pdf(folder, "factory-form.pdf"),
              make.rotated_pdf(folder, "factory-rotated.pdf"), make.owner_password_pdf(folder, "factory-owner.pdf"),
              hostile.hostile_pdf(folder, "hostile.pdf", photo=make.jpeg_photo(folder, "factory-photo.jpg")),
              make.jpeg_photo(folder, "factory-photo2.jpg"), make.png_screenshot(folder, "factory-screenshot.png"),
              make.gray16_png(folder, "factory-gray16.png"), make.transparent_png(folder, "factory-transparent.png"),
              make.multipage_tiff(folder, "factory-scan.tiff"), make.webp_image(folder, "factory-lossy.webp"),
              make.webp_image(folder, "factory-lossless.webp", lossless=True), make.animated_gif(folder, "factory-anim.gif"),
              make.heic_photo(folder, "factory-photo.heic", orientation=6), make.email_file(folder, "factory-mail.eml"),
              make.legacy_email(folder, "factory-legacy.eml"), hostile.hostile_email(folder, "hostile-mail.eml")]
    return seeds


def make_directed(folder: Path) -> dict[str, Path]:
    """Hand-made hostile files (bombs and giants), each run alone in a fresh worker."""
    from tests import evidence_factory as make
    from tests import fuzz_hostile as hostile

    files = {name: maker(folder) for name, maker in {**hostile.PDF_BOMBS, **hostile.IMAGE_BOMBS}.items()}
    files.update({
        "png-rgba-79-megapixels": hostile.png_zlib_bomb(folder),
        "gif-palette-79-megapixels": hostile.gif_large_palette(folder),
        "png-16-bit-79-megapixels": hostile.png_large_gray16(folder),
        "tiff-20-frames-of-79-megapixels": hostile.tiff_large_frames(folder),
        "tiff-2000-frames": hostile.tiff_many_frames(folder),
        "file-of-2-gb": hostile.oversized_file(folder),
        "hostile-pdf": hostile.hostile_pdf(folder, "directed-hostile.pdf", photo=make.jpeg_photo(folder, "directed-photo.jpg")),
        "active-pdf": make.active_pdf(folder, "directed-active.pdf"),
        "nested-email-3000-levels": make.nested_email(folder),
    })
    return files


def seed_kind(path: Path) -> str:
    return path.suffix.lower().lstrip(".").replace("jpg", "jpeg").replace("tif", "tiff").replace("tifff", "tiff")


# --- worker: one process runs a chunk of inputs, one JSON line per input ---------------------------------


def worker() -> None:
    import resource
    import signal
    import traceback

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    import io

    from pypdf import PdfReader

    from lawdesk.errors import EvidenceError
    from lawdesk.evidence import inspect_file, normalize_files

    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, expired)
    for line in sys.stdin:
        path = Path(line.strip())
        shown = f"pieces/{path.name}"
        print(json.dumps({"start": str(path)}), flush=True)
        started = time.monotonic()
        signal.alarm(TIMEOUT)
        try:
            problems = inspect_file(path, shown)
            assert all(p.where == shown for p in problems), problems
            try:
                piece = normalize_files([path], [shown])
            except EvidenceError as refused:
                assert refused.file == shown and refused.reason, refused
                outcome, detail = "refused", refused.reason[:120]
            else:
                reader = PdfReader(io.BytesIO(piece.pdf))
                assert len(reader.pages) == piece.page_count >= 1
                outcome, detail = "built", f"{piece.page_count} p."
            preflight = "error" if any(p.is_error for p in problems) else "ok"
        except TimeoutError:
            outcome, detail, preflight = "hang", f"over {TIMEOUT} s", ""
        except MemoryError:
            outcome, detail, preflight = "crash", "MemoryError (over the memory ceiling)", ""
        except BaseException as exc:  # noqa: BLE001 - that is what is counted
            outcome, preflight = "crash", ""
            detail = "".join(traceback.format_exception(exc))[-1500:]
        finally:
            signal.alarm(0)
        print(json.dumps({"path": str(path), "outcome": outcome, "detail": detail, "preflight": preflight,
                          "seconds": round(time.monotonic() - started, 3),
                          "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}), flush=True)


# --- the run -----------------------------------------------------------------------------------------------


def run_chunk(inputs: list[Path]) -> list[dict[str, object]]:
    """Results for `inputs`; a worker that dies or stalls costs one input (crash/hang) and is restarted."""
    results: list[dict[str, object]] = []
    pending = list(inputs)
    while pending:
        process = subprocess.Popen([sys.executable, __file__, "--worker", "--lawdesk", str(LAWDESK)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        assert process.stdin and process.stdout
        process.stdin.write("".join(f"{p}\n" for p in pending))
        process.stdin.close()
        current: str | None = None
        deadline = time.monotonic() + TIMEOUT + 30
        while True:
            line = _readline(process, deadline)
            if line is None:  # stalled in native code, or dead
                process.kill()
                process.wait()
                break
            if not line:
                process.wait()
                break
            message = json.loads(line)
            if "start" in message:
                current = message["start"]
                deadline = time.monotonic() + TIMEOUT + 30
                continue
            results.append(message)
            pending.remove(Path(message["path"]))
            current = None
        if current is not None:
            died = process.returncode
            kind = "hang" if died in (-9, None) else "crash"
            results.append({"path": current, "outcome": kind, "preflight": "",
                            "detail": f"worker {'stalled' if kind == 'hang' else f'died (status {died})'}", "seconds": None})
            pending.remove(Path(current))
        elif pending and process.returncode not in (0, None):
            raise RuntimeError(f"worker failed outside any input (status {process.returncode})")
    return results


def _readline(process: subprocess.Popen[str], deadline: float) -> str | None:
    import selectors

    with selectors.DefaultSelector() as selector:
        assert process.stdout
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if selector.select(timeout=1.0):
                return process.stdout.readline()
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2)))
    parser.add_argument("--findings", type=Path, default=ROOT / "benchmarks" / "fuzz-findings")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--lawdesk", type=Path, default=ROOT, help="the LawDesk source folder to fuzz (default: this checkout)")
    parser.add_argument("--results", type=Path, help="write every input's outcome there (JSON), to compare two runs")
    parser.add_argument("--no-directed", action="store_true", help="skip the hand-made hostile files")
    args = parser.parse_args()
    if args.worker:
        worker()
        return 0

    from concurrent.futures import ThreadPoolExecutor

    from tests.fuzz_hostile import mutate

    started = time.monotonic()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="lawdesk-fuzz-") as scratch:
        folder = Path(scratch)
        seeds_dir = folder / "seeds"
        seeds_dir.mkdir()
        seeds = make_seeds(seeds_dir)
        inputs_dir = folder / "inputs"
        inputs_dir.mkdir()
        origin: dict[str, tuple[str, str]] = {}
        inputs: list[Path] = []
        for number in range(args.inputs):
            seed = seeds[number % len(seeds)]
            mutation, data = mutate(seed.read_bytes(), rng)
            path = inputs_dir / f"{number:05d}-{mutation}-{seed.name}"
            path.write_bytes(data)
            origin[str(path)] = (seed.name, mutation)
            inputs.append(path)
        chunks = [inputs[i:i + CHUNK] for i in range(0, len(inputs), CHUNK)]
        with ThreadPoolExecutor(args.workers) as pool:
            results = [r for chunk in pool.map(run_chunk, chunks) for r in chunk]
        directed_dir = folder / "directed"
        directed_dir.mkdir()
        directed = {} if args.no_directed else make_directed(directed_dir)
        with ThreadPoolExecutor(args.workers) as pool:
            directed_results = dict(zip(directed, (r[0] for r in pool.map(run_chunk, ([p] for p in directed.values())))))
        mutations = sorted({m for _s, m in origin.values()})
        for name, result in directed_results.items():
            origin[str(result["path"])] = (name, "none (hand-made)")

        by_kind: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for result in results:
            seed_name, _mutation = origin[str(result["path"])]
            by_kind[seed_kind(Path(seed_name))][str(result["outcome"])] += 1
        bad = [r for r in [*results, *directed_results.values()] if r["outcome"] in ("crash", "hang")]
        disagreements = [r for r in results if r["outcome"] == "refused" and r["preflight"] == "ok"]
        if bad:
            args.findings.mkdir(parents=True, exist_ok=True)
            for result in bad:
                shutil.copy(result["path"], args.findings / Path(str(result["path"])).name)
            (args.findings / "findings.json").write_text(json.dumps(
                [{**r, "seed": origin[str(r["path"])][0], "mutation": origin[str(r["path"])][1],
                  "path": Path(str(r["path"])).name} for r in bad], indent=2, ensure_ascii=False), encoding="utf-8")
        seconds = [float(r["seconds"]) for r in results if r["seconds"] is not None]
        if args.results:
            args.results.write_text(json.dumps([{**r, "path": Path(str(r["path"])).name} for r in results], indent=1), encoding="utf-8")

    total = collections.Counter(str(r["outcome"]) for r in results)
    print(f"inputs tried: {len(results)} corrupted variants of {len(seeds)} seeds (mutations: {', '.join(mutations)}), "
          f"then {len(directed_results)} hand-made hostile files")
    print(f"outcomes: built {total['built']}, refused with a message {total['refused']}, crash {total['crash']}, hang {total['hang']}")
    for kind in sorted(by_kind):
        counts = by_kind[kind]
        print(f"  {kind:5} built {counts['built']:5}  refused {counts['refused']:5}  crash {counts['crash']:3}  hang {counts['hang']:3}")
    print(f"refused by the build although the pre-flight passed: {len(disagreements)}")
    print(f"time: {time.monotonic() - started:.0f} s in all; per input: median {sorted(seconds)[len(seconds) // 2]:.2f} s, "
          f"slowest {max(seconds):.2f} s ({args.workers} workers)")
    print(f"hand-made hostile files: {len(directed_results)}, each alone in a worker (time; peak memory of the worker, "
          f"whose imports alone take ~220 MB):")
    for name, result in directed_results.items():
        detail = str(result["detail"]).strip().splitlines()[-1][:90] if result["detail"] else ""
        print(f"  {name:34} {result['outcome']:8} {result['seconds'] or 0:6.1f} s {result.get('peak_mb', 0):6} MB  {detail}")
    for result in bad[:20]:
        seed_name, mutation = origin[str(result["path"])]
        print(f"  {result['outcome'].upper()}: {seed_name} ({mutation}) → {str(result['detail']).strip().splitlines()[-1]}")
    if bad:
        print(f"crashing and hanging inputs kept in {args.findings}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
