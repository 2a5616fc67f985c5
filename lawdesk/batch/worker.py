"""One case of a batch, as a worker process runs it: up-to-date check, case folder, pre-flight,
build, fingerprint. Every outcome of one case, even a bug, becomes a report row: one case never
stops the batch."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawdesk import scratch
from lawdesk.store.folder import load_case, write_case_folder
from lawdesk.batch.jobs import CASE_DIR, Job
from lawdesk.batch.report import BatchRow
from lawdesk.batch.state import State, case_fingerprint, read_state, write_state
from lawdesk.case.model import Case
from lawdesk.crashlog import record_crash
from lawdesk.case.pieces import UnsafePath, piece_files, resolve_case_file
from lawdesk.errors import BlockingProblems, Cancelled, LawdeskError, Problem
from lawdesk.i18n import DEFAULT_LANGUAGE, _, set_language
from lawdesk.lifeline import end_with_parent
from lawdesk.parallel import allow_helper_processes
from lawdesk.progress import CancelToken
from lawdesk.timeline import timeline

if TYPE_CHECKING:
    from lawdesk.build import Report

BuildFunction = Callable[..., "Report"]


@dataclass(frozen=True)
class Settings:
    """What every job of a batch shares; `build` replaces lawdesk.build.build (tests inject faults)."""

    environment: str
    templates_dir: Path | None = None
    build: BuildFunction | None = None
    language: str = DEFAULT_LANGUAGE
    today: dt.date = field(default_factory=dt.date.today)  # the day the cases are judged and their documents dated


def _line(job: Job, problem: Problem) -> str:
    """A problem as the report shows it; for a spreadsheet row, field paths are column headers
    (`incidents[2].date` → `incidents.2.date`)."""
    if job.data is not None:
        problem = Problem(problem.level, re.sub(r"\[(\d+)\]", r".\1", problem.where), problem.message)
    return problem.line()


def _lines(job: Job, problems: Iterable[Problem]) -> list[str]:
    ordered = sorted(problems, key=lambda p: not p.is_error)
    return list(dict.fromkeys(_line(job, p) for p in ordered))


def _case_files(case: Case) -> Iterator[tuple[str, Path | None]]:
    pieces = case.data.get("pieces")
    for piece in pieces if isinstance(pieces, list) else []:
        for name in piece_files(piece) if isinstance(piece, dict) else []:
            try:
                yield name, resolve_case_file(case.folder, name)
            except UnsafePath:
                yield name, None


def calendar_columns(data: dict[str, Any], when: dt.date) -> dict[str, str]:
    """The report's calendar columns: the situation of the case and its next deadline on `when`."""
    t = timeline(data, when)
    upcoming = t.next_deadline
    return {"situation": t.situation.value, "next_deadline": upcoming.date.isoformat() if upcoming else "",
            "next_deadline_what": upcoming.what if upcoming else ""}


def _open(job: Job) -> tuple[Case, list[tuple[str, Path | None]]]:
    if job.case_folder is not None:
        case = load_case(job.case_folder)
        return case, list(_case_files(case))
    assert job.output is not None and job.data is not None
    return Case(folder=job.output / CASE_DIR, data=job.data), list(job.files)


def _default_build() -> BuildFunction:
    from lawdesk.build import build

    return build


def process(job: Job, settings: Settings, cancel: CancelToken) -> BatchRow | None:
    """The report row of `job`, or None when the batch was cancelled before it finished."""
    if job.output is None or job.dossier is None:
        return job.failed(_lines(job, job.problems))
    reference = job.reference
    calendar: dict[str, str] = {}
    try:
        case, files = _open(job)
        reference = case.reference
        calendar = calendar_columns(case.data, settings.today)
        fingerprint = case_fingerprint(settings.environment, case.data, files, settings.today)
        if not any(p.is_error for p in job.problems):
            state = read_state(job.dossier)
            if state is not None and state.fingerprint == fingerprint:
                return replace(BatchRow(job.source, reference, "skipped", state.pages, job.dossier_in_out, state.warnings),
                               **calendar)
        return replace(_build(job, case, fingerprint, settings, cancel), **calendar)
    except Cancelled:
        return None
    except BlockingProblems as exc:
        return replace(job.failed(_lines(job, exc.problems), reference), **calendar)
    except LawdeskError as exc:
        return replace(job.failed([exc.message], reference), **calendar)
    except OSError as exc:
        return job.failed([_("{file} : écriture ou lecture impossible ({reason})").format(file=exc.filename or job.output, reason=exc.strerror)], reference)
    except Exception as exc:  # a bug must cost one case, not the batch; the maintainers get its traceback
        log_file = record_crash(exc)
        where = _(" (détails dans {file})").format(file=log_file) if log_file else ""
        return job.failed([_("erreur inattendue ({kind} : {detail}) ; signalez-la en joignant ce cas{where}").format(
            kind=type(exc).__name__, detail=exc, where=where)], reference)


def _build(job: Job, case: Case, fingerprint: str, settings: Settings, cancel: CancelToken) -> BatchRow:
    """build_dossier runs the pre-flight itself (BlockingProblems); a row whose reading already
    found errors only gets the pre-flight, so that every reason is reported at once."""
    from lawdesk.check import preflight

    assert job.output is not None and job.dossier is not None
    created = not job.output.exists()
    try:
        cancel.check()
        if job.data is not None:
            write_case_folder(case.folder, case.data, job.files)
        if any(p.is_error for p in job.problems):
            return job.failed(_lines(job, [*job.problems, *preflight(case, settings.today)]), case.reference)
        build = settings.build or _default_build()
        try:
            report = build(case, job.dossier, templates_dir=settings.templates_dir, cancel=cancel, today=settings.today)
        except BlockingProblems as exc:
            raise BlockingProblems([*job.problems, *exc.problems]) from None
    except Cancelled:
        if created:
            shutil.rmtree(job.output, ignore_errors=True)
        raise
    warnings = tuple(dict.fromkeys([*_lines(job, job.problems), *_lines(job, report.warnings)]))
    pages = report.pages
    write_state(job.dossier, State(fingerprint, pages, warnings))
    return BatchRow(job.source, case.reference, "built", pages, job.dossier_in_out, warnings)


# In the worker processes of the pool: the shared settings, where to say which job starts
# (so that the parent knows which case crashed or hangs), and the cancel signal.
_worker: tuple[Settings, Any, CancelToken] | None = None


def start_worker(settings: Settings, starts: Any, cancel_event: Any, scratch_folder: str) -> None:
    """Pool initializer. Ctrl-C reaches every process of the terminal: only the parent decides.
    Messages are in the parent's language; temporary files go into the pool's scratch folder."""
    global _worker
    scratch.use(scratch_folder)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_language(settings.language)
    allow_helper_processes(False)  # the pool already has a process per core
    _worker = (settings, starts, CancelToken(cancel_event))
    end_with_parent()  # its parent is the forkserver: a batch killed without closing its pool leaves it waiting


def run_in_worker(job: Job) -> BatchRow | None:
    assert _worker is not None, "start_worker() must run first"
    settings, starts, cancel = _worker
    if cancel.cancelled:
        return None
    starts.put((job.seq, os.getpid()))
    return process(job, settings, cancel)
