"""Benchmark of `lawdesk batch`: generated spreadsheets of small cases, built with 1 and 2 workers.

Prints cases per second, the speed-up of 2 workers over 1, the peak memory of the whole batch
(the parent plus every worker process, sampled), and the time of an up-to-date re-run.
Targets: speed-up ≥ 1.8 with 2 workers, peak memory flat between 50 and 200 cases (≤ 500 MB),
re-run < 10 % of the first run. Not a test: figures depend on the machine and its load.

Run: /tmp/venv/bin/python benchmarks/bench_batch.py [--sizes 50 200] [--workers 1 2] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawdesk.batch import BatchResult, run_batch  # noqa: E402
from tests.batch_samples import make_batch  # noqa: E402

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _tree_rss_proc(root: int) -> int:
    """Resident memory of `root` and all its descendants, from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    family, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in family]
        family.update(children)
        frontier.extend(children)
    total = 0
    for pid in family:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def tree_rss(root: int) -> int:
    try:
        import psutil
    except ImportError:
        return _tree_rss_proc(root)
    process = psutil.Process(root)
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


class PeakMemory:
    """Samples the batch's total RSS every 0.2 s in a background thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(os.getpid()))
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def timed_batch(spreadsheet: Path, out: Path, workers: int) -> tuple[float, float, BatchResult]:
    """(seconds, peak MB, result)."""
    with PeakMemory() as memory:
        started = time.perf_counter()
        result = run_batch(spreadsheet, out, workers=workers)
        seconds = time.perf_counter() - started
    if result.failed:
        raise SystemExit(f"benchmark batch failed:\n{result.summary()}")
    return seconds, memory.peak / 2**20, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="rounds per size; the best time of each is kept")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f} (other work on the machine skews the speed-up); "
          "small cases: 2 pièces, 1 document (courrier au préfet)")
    print(f"{'cases':>6} {'workers':>8} {'seconds':>9} {'cases/s':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="lawdesk-bench-batch-") as scratch:
        times: dict[tuple[int, int], float] = {}
        peaks: dict[tuple[int, int], float] = {}
        for size in args.sizes:
            folder = Path(scratch) / f"batch-{size}"
            folder.mkdir()
            spreadsheet = make_batch(folder, size)
            for _round in range(args.repeat):  # rounds alternate worker counts: bursts of load hit both
                for workers in args.workers:
                    out = folder / f"out-{workers}"
                    shutil.rmtree(out, ignore_errors=True)
                    seconds, peak, result = timed_batch(spreadsheet, out, workers)
                    times[size, workers] = min(seconds, times.get((size, workers), seconds))
                    peaks[size, workers] = max(peak, peaks.get((size, workers), peak))
                    print(f"{size:>6} {workers:>8} {seconds:>9.1f} {result.built / seconds:>8.2f} {peak:>8.0f}", flush=True)
            last = max(args.workers)
            rerun, peak, result = timed_batch(spreadsheet, folder / f"out-{last}", last)
            share = rerun / times[size, last]
            print(f"{size:>6} {last:>8} {rerun:>9.1f} {'':>8} {peak:>8.0f}  re-run: {result.skipped} up to date, "
                  f"{result.built} rebuilt; {share:.1%} of the first run", flush=True)
            shutil.rmtree(folder)
        low, high = min(args.workers), max(args.workers)
        for size in args.sizes:
            if low != high:
                print(f"speed-up {high} vs {low} workers, {size} cases: {times[size, low] / times[size, high]:.2f}x")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        if len(args.sizes) > 1:
            small, large = min(args.sizes), max(args.sizes)
            print(f"peak memory, {high} workers: {peaks[small, high]:.0f} MB for {small} cases, {peaks[large, high]:.0f} MB for {large}")


if __name__ == "__main__":
    main()
