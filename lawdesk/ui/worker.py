"""Background jobs: slow work runs on a QThreadPool, its outcome comes back to the GUI thread.

The one rule (as in Anki's operations): the work function never touches a widget. It gets
a `Progress` and a `CancelToken`, returns a value or raises; the job's signals, emitted from
the worker thread, reach their receivers in the GUI thread through queued connections.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileInfo, QObject, QRunnable, QThreadPool, Signal

from lawdesk.crashlog import record_crash
from lawdesk.errors import Cancelled, LawdeskError
from lawdesk.i18n import _
from lawdesk.progress import CancelToken

log = logging.getLogger(__name__)

Work = Callable[["JobProgress", CancelToken], Any]


def _path_check_ready() -> None:
    """PySide looks `os.PathLike` up the first time a Qt call is given anything but a str
    (Shiboken::String::checkPath, a C++ static whose initialiser imports `os`, running Python). A job
    thread that got there first while the main thread made such a call left each waiting for the
    other: the window froze (a thumbnail job opening a PDF, the main thread drawing an icon). Done
    once, in the thread that imports this module, before any job can run."""
    QFileInfo(Path())


_path_check_ready()


class Job(QObject):
    """One piece of background work and its outcome: exactly one of succeeded, failed, cancelled."""

    progressed = Signal(int, int, str)  # done, total, label
    succeeded = Signal(object)
    failed = Signal(object)  # a LawdeskError: its .message is final French text
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.token = CancelToken()

    def cancel(self) -> None:
        self.token.cancel()

    def run(self) -> None:
        """Called in a worker thread."""
        try:
            result = self._work(JobProgress(self), self.token)
        except Cancelled:
            self.cancelled.emit()
        except LawdeskError as exc:
            self.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 - a bug must reach the user as a message, not kill the thread
            log.exception("background job failed")
            log_file = None if getattr(exc, "logged", False) else record_crash(exc)  # the generation process logs its own
            where = _(" ; détails enregistrés dans {file}").format(file=log_file) if log_file else ""
            self.failed.emit(LawdeskError(_("erreur interne de LawDesk ({kind}) : {detail}{where}").format(
                kind=type(exc).__name__, detail=str(exc).splitlines()[0] if str(exc) else "", where=where)))
        else:
            self.succeeded.emit(result)
        self.finished.emit()


class JobProgress:
    """The `Progress` protocol, turned into the job's `progressed` signal."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._total = 0

    def start(self, total: int, label: str) -> None:
        self._total = total
        self._job.progressed.emit(0, total, label)

    def advance(self, done: int, label: str = "") -> None:
        self._job.progressed.emit(done, self._total, label)

    def finish(self) -> None:
        self._job.progressed.emit(self._total, self._total, "")


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job.run()


class Worker(QObject):
    """Starts jobs on a thread pool and keeps them alive until they finish."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[Job] = set()

    def start(self, job: Job) -> Job:
        """Connect the job's signals before calling this: a quick job may finish at once."""
        self._running.add(job)
        job.finished.connect(self._forget)
        self._pool.start(_Runnable(job))
        return job

    def _forget(self) -> None:
        """Queued after the job's outcome signals, so they have all been delivered by now."""
        job = self.sender()
        if isinstance(job, Job):
            self._running.discard(job)
            job.deleteLater()

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel what runs and wait for it: called when the window closes."""
        for job in list(self._running):
            job.cancel()
        self._pool.waitForDone(timeout_ms)
