"""`lawdesk batch`: every case of a folder or spreadsheet, built on all cores, with a report."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from lawdesk.batch.jobs import Job
from lawdesk.batch.report import BatchResult, BatchRow, write_report
from lawdesk.batch.runner import DEFAULT_TIMEOUT, Runner
from lawdesk.batch.sources import open_source
from lawdesk.batch.state import environment_fingerprint
from lawdesk.batch.worker import BuildFunction, Settings
from lawdesk.errors import CannotWrite, UnusableInput
from lawdesk.i18n import _, current_language
from lawdesk.progress import CancelToken, NullProgress, Progress


def _absolute(path: Path) -> Path:
    """Workers do not necessarily share the caller's current directory."""
    return Path(os.path.abspath(path))


def _prepare_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UnusableInput(_("{path} : c'est un fichier ; indiquez un dossier de sortie").format(path=out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CannotWrite(out, exc.strerror or str(exc)) from None


def run_batch(input_path: Path, out: Path, workers: int | None = None, progress: Progress | None = None,
              cancel: CancelToken | None = None, templates_dir: Path | None = None, *,
              timeout: float = DEFAULT_TIMEOUT, build: BuildFunction | None = None,
              today: dt.date | None = None) -> BatchResult:
    """Build every case of `input_path` (a folder of case folders, or a CSV/XLSX spreadsheet)
    into OUT/<case>/dossier, skipping the cases that are up to date, and write
    OUT/batch-report.csv. `today`: the day the cases are judged and dated (default: today). UnusableInput when the input itself cannot be read; a case that
    fails is a row of the result, never an exception. `build` replaces build_dossier (it must
    be importable by name from a worker process)."""
    input_path, out = _absolute(input_path), _absolute(out)
    templates_dir = _absolute(templates_dir) if templates_dir else None
    source = open_source(input_path, out)
    if source.total == 0:
        raise UnusableInput(_("{path} : aucun cas à traiter (seulement la ligne d'en-têtes) ; remplissez une ligne par personne").format(path=input_path))
    _prepare_out(out)
    settings = Settings(environment_fingerprint(templates_dir), templates_dir, build, current_language(),
                        today or dt.date.today())
    progress = progress or NullProgress()
    rows: dict[int, BatchRow] = {}
    failures = 0

    def record(job: Job, row: BatchRow) -> None:
        nonlocal failures
        rows[job.seq] = row
        if row.status == "failed":
            failures += 1
        label = f"{row.where()} : {row.status_label()}"
        if failures:
            label = _("{failures} en échec · {last}").format(failures=failures, last=label)
        progress.advance(len(rows), label)

    result = BatchResult(total=source.total)
    progress.start(source.total, _("Constitution des dossiers"))
    workers = max(1, min(workers or os.cpu_count() or 1, source.total))
    try:
        result.cancelled = not Runner(settings, workers, record, timeout, cancel).run(source.jobs())
    finally:
        progress.finish()
        result.rows = [rows[seq] for seq in sorted(rows)]
        result.report = write_report(out, result.rows)
    return result
