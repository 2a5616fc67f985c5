"""A build of known length for the tests of the batch shared by several machines (lawdesk.batch.shared):
it writes the dossier a build writes (report.json and a bundle naming the process that made it), after
`LAWDESK_TEST_BUILD_SECONDS` seconds. Importable by name from a batch worker process; `main` runs one
machine's batch as `lawdesk batch --store` does, with this build."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from lawdesk.build import Report
from lawdesk.case.model import Case
from lawdesk.fs import write_folder


def timed_build(case: Case, out: Path, documents: list[str] | None = None, templates_dir: Path | None = None,
                progress: Any = None, cancel: Any = None, today: dt.date | None = None) -> Report:
    time.sleep(float(os.environ.get("LAWDESK_TEST_BUILD_SECONDS", "0.3")))
    report = Report(case.reference, "bundle.pdf", 1 + len(case.data.get("pieces") or []), "", [{"id": "prefecture"}],
                    [], [], [], "", [], "")
    write_folder(out, {"report.json": json.dumps(report.as_json()).encode(),
                       "bundle.pdf": f"%PDF-1.4 built by {os.getpid()}".encode()})
    return report


def main() -> None:
    """python -m tests.store_batch_build URL OUT LEASE_SECONDS WORKERS"""
    from lawdesk.batch.shared import run_shared_batch

    url, out, lease, workers = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    result = run_shared_batch(url, out, workers=workers, build=timed_build, lease=lease, today=dt.date(2025, 4, 1))
    print(json.dumps({"built": result.built, "failed": result.failed, "total": result.total, "pid": os.getpid()}))
    shutil.rmtree(out / ".lawdesk", ignore_errors=True)


if __name__ == "__main__":
    main()
