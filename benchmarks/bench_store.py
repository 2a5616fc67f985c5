"""Benchmark of the PostgreSQL case store (issue 19): a throwaway local server (tests/pg_server.py) holding
500 cases, then the figures the window and the batch live by.

- listing the workspace (target ≤ 150 ms): `list_cases()`, what the case list shows, warm (the lists'
  summaries made today) and the first listing of a day (every summary made again, then kept);
- opening a case: its row, its files fetched into the working copy (first open on this computer, then
  again with the files there), and its lease;
- saving an edit (one field changed, the whole case written with its version);
- batch throughput, two processes (standing for two machines, one worker each) against one
  (target ≥ 1.8×): `lawdesk batch --store` over the same cases, real builds.

Not a test: figures depend on the machine and its load. The server runs on this machine too (it shares
the cores with the batch processes).

Run: .venv/bin/python benchmarks/bench_store.py [--cases 500] [--batch-cases 24] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from lawdesk.case.model import case_bytes  # noqa: E402
from lawdesk.store.postgres import PostgresStore  # noqa: E402
from tests.pg_server import TEMPLATE, start_cluster  # noqa: E402
from tests.ui_cases import not_registered_case, write_case  # noqa: E402

FAMILY = ["DIALLO", "NGUYEN", "PETROV", "KOUYATÉ", "BENALI", "TRAN", "CAMARA", "SOW", "ИВАНОВА", "حداد"]


def timed(work, repeat: int) -> list[float]:  # noqa: ANN001
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        found.append(time.perf_counter() - start)
    return found


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:7.1f} ms   (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"


def fill(store: PostgresStore, source: Path, count: int) -> list[str]:
    """`count` cases: the source case imported once (its pièces stored once), then copies with their own
    reference, name and département, inserted as a clinic's cases would be."""
    first = store.import_folder(source)
    refs = [first.ref]
    departments = ["93", "75", "94", "92", "69", "13", "59", "33", "2A", "974"]
    with store.connect() as connection:
        files = connection.execute(text("SELECT name, sha256 FROM case_files WHERE case_id = :id"), {"id": first.ref}).all()
        for index in range(1, count):
            data = dict(first.data)
            data["reference"] = f"BENCH-{index:04d}"
            data["applicant"] = {**first.data["applicant"], "family_name": FAMILY[index % len(FAMILY)],
                                 "foreign_national_number": f"{index:010d}"}
            data["procedure"] = {**first.data["procedure"], "department": departments[index % len(departments)]}
            case_id = store._insert(connection, data, case_bytes(data).decode())
            for name, digest in files:
                connection.execute(text("INSERT INTO case_files (case_id, name, sha256) VALUES (:id, :n, :h)"),
                                   {"id": case_id, "n": name, "h": digest})
            refs.append(case_id)
    return refs


def batch_run(cluster, source: Path, cases: int, processes: int, work: Path) -> tuple[float, float]:  # noqa: ANN001
    """`lawdesk batch --store URL -o OUT --workers 1` on `processes` machines at once, over a new database of
    `cases` cases (nothing built yet: no cache of derived pièces either): (wall time, cases per second from
    the first case done to the last, once every process has started)."""
    url = cluster.url(cluster.new_database(template=TEMPLATE))
    store = PostgresStore(url, work_root=work / f"fill-{processes}")
    fill(store, source, cases)
    store.close()
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=work))  # working copies fetched afresh by each run
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    logs = [(cache / f"machine-{n}.log").open("w") for n in range(processes)]  # a pipe left unread would stall it
    running = [subprocess.Popen([sys.executable, "-m", "lawdesk", "batch", "--store", url, "-o",
                                 str(cache / f"out-{n}"), "--workers", "1"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=log) for n, log in enumerate(logs)]
    for process, log in zip(running, logs):
        process.wait()
        log.close()
        if process.returncode != 0:
            raise SystemExit(f"the batch did not build every case ({process.returncode}): "
                             f"{Path(log.name).read_text()[-3000:]}")
    wall = time.perf_counter() - start
    store = PostgresStore(url, work_root=work / f"fill-{processes}")
    with store.connect() as connection:
        first, last = connection.execute(text("SELECT extract(epoch FROM min(done_at)), extract(epoch FROM max(done_at)) "
                                              "FROM batch_items")).one()
    store.close()
    return wall, (cases - 1) / float(last - first)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--batch-cases", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2, help="batch runs of each kind (the median is shown)")
    parser.add_argument("--batch-case", choices=["small", "demo"], default="small",
                        help="small: 3 one-page pièces, 1 letter; demo: the demo case (12 pièces, photos, OCR)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-store-"))
    cluster = start_cluster(template=True)
    try:
        url = cluster.url(cluster.new_database(template=TEMPLATE))
        store = PostgresStore(url, work_root=work / "copies")
        source = write_case(work / "source", "BENCH-0000", not_registered_case())
        start = time.perf_counter()
        refs = fill(store, source, args.cases)
        with store.connect() as connection:
            version = connection.execute(text("SHOW server_version")).scalar()
        print(f"{len(refs)} cases in the store ({time.perf_counter() - start:.1f} s to insert them), "
              f"PostgreSQL {version} on this machine")

        listed = timed(store.list_cases, args.repeat)
        assert len(store.list_cases()) == args.cases
        print(f"listing the workspace ({args.cases} cases):       {ms(listed)}   target ≤ 150 ms")
        with store.connect() as connection:
            connection.execute(text("UPDATE cases SET summary = jsonb_set(summary, '{day}', '\"2000-01-01\"')"))
        first_of_day = timed(store.list_cases, 1)
        print(f"  first listing of a day (summaries made again): {ms(first_of_day)}")

        def open_fresh() -> None:
            shutil.rmtree(work / "copies", ignore_errors=True)
            store.load(refs[len(refs) // 2])

        fresh = timed(open_fresh, args.repeat)
        again = timed(lambda: store.load(refs[len(refs) // 2]), args.repeat)
        case = store.load(refs[len(refs) // 2])
        def take_and_give_back() -> None:
            lease = store.lease(case.ref)
            assert lease.acquire() is None
            lease.release()

        leases = timed(take_and_give_back, args.repeat)
        print(f"opening a case, first time on this computer: {ms(fresh)}   ({len(store.evidence_names(case.ref))} files)")
        print(f"opening a case, its files already here:      {ms(again)}")
        print(f"taking and giving back its lease:            {ms(leases)}")

        def save_edit() -> None:
            case.data["applicant"]["birth_place"] = f"Conakry {time.perf_counter()}"
            store.save(case)

        saves = timed(save_edit, args.repeat * 4)
        print(f"saving an edit:                              {ms(saves)}")

        batch_source = source
        if args.batch_case == "demo":
            batch_source = work / "demo"
            shutil.copytree(ROOT / "examples" / "demo-case", batch_source, ignore=shutil.ignore_patterns(".lawdesk"))
        batch_run(cluster, batch_source, 4, 2, work)  # warm-up, not counted: the first run pays cold caches
        runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
        for _round in range(args.rounds):
            for processes in (1, 2):
                runs[processes].append(batch_run(cluster, batch_source, args.batch_cases, processes, work))
        alone, alone_rate = (statistics.median(v) for v in zip(*runs[1]))
        shared, shared_rate = (statistics.median(v) for v in zip(*runs[2]))
        print(f"batch of {args.batch_cases} {args.batch_case} cases, real builds (median of {args.rounds} runs each):")
        print(f"  1 process:   {alone:6.1f} s in all ({args.batch_cases / alone:.2f} cases/s); {alone_rate:.2f} cases/s "
              "from the first case done to the last")
        print(f"  2 processes: {shared:6.1f} s in all ({args.batch_cases / shared:.2f} cases/s); {shared_rate:.2f} cases/s "
              "from the first case done to the last")
        print(f"load average during the batches: {os.getloadavg()[1]:.1f} over 5 min (other work on the machine "
              "takes cores from the 2-process runs and skews the ratio)")
        print(f"throughput, 2 processes against 1: {alone / shared:.2f}× in all (each process's start-up, about 2 s, "
              f"included), {shared_rate / alone_rate:.2f}× once started   target ≥ 1.8×   ({os.cpu_count()} cores here, "
              "shared with the server)")
        store.close()
    finally:
        cluster.remove()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
