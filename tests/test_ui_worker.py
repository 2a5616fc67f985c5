"""Background jobs and autosave: outcomes reach the GUI thread, cancellation stops the work,
changes are written two seconds after the last one."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from lawdesk.case import Case, load_case
from lawdesk.errors import LawdeskError
from lawdesk.progress import CancelToken
from lawdesk.ui.autosave import Autosaver
from lawdesk.ui.worker import Job, JobProgress, Worker
from lawdesk.store.folder import FolderStore, new_case_data


@pytest.fixture
def worker(qtbot) -> Worker:  # noqa: ANN001 - pytest-qt's fixture
    found = Worker()
    yield found
    found.shutdown()


def test_result_and_progress_arrive_in_the_gui_thread(qtbot, worker: Worker) -> None:  # noqa: ANN001
    gui = threading.get_ident()
    seen: list[tuple[int, int, str, bool]] = []

    def work(progress: JobProgress, _cancel: CancelToken) -> int:
        progress.start(2, "un")
        progress.advance(1, "deux")
        return threading.get_ident()

    job = Job(work)
    job.progressed.connect(lambda done, total, label: seen.append((done, total, label, threading.get_ident() == gui)))
    with qtbot.waitSignal(job.succeeded, timeout=5000) as outcome:
        worker.start(job)
    assert outcome.args[0] != gui
    assert seen == [(0, 2, "un", True), (1, 2, "deux", True)]


def test_user_errors_and_bugs_become_messages(qtbot, worker: Worker) -> None:  # noqa: ANN001
    def user_error(_p: JobProgress, _c: CancelToken) -> None:
        raise LawdeskError("pièce illisible")

    def bug(_p: JobProgress, _c: CancelToken) -> None:
        raise KeyError("x")

    for work, expected in ((user_error, "pièce illisible"), (bug, "erreur interne de LawDesk (KeyError)")):
        job = Job(work)
        with qtbot.waitSignal(job.failed, timeout=5000) as outcome:
            worker.start(job)
        assert isinstance(outcome.args[0], LawdeskError)
        assert outcome.args[0].message.startswith(expected)


def test_cancel_stops_the_work_at_its_next_check(qtbot, worker: Worker) -> None:  # noqa: ANN001
    steps: list[int] = []

    def work(_p: JobProgress, cancel: CancelToken) -> None:
        for step in range(500):
            cancel.check()
            steps.append(step)
            time.sleep(0.01)

    job = Job(work)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        worker.start(job)
        qtbot.waitUntil(lambda: len(steps) > 2)
        job.cancel()
    assert len(steps) < 500


def test_autosave_waits_for_a_pause_then_writes_once(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    case = Case(tmp_path, new_case_data("A-1"))
    case.save()
    saver = Autosaver(case, FolderStore(tmp_path.parent), delay_ms=300)
    saves: list[float] = []
    saver.saved.connect(lambda: saves.append(time.monotonic()))
    for letter in "ABC":
        case.data["reference"] = f"A-{letter}"
        saver.schedule()
        qtbot.wait(100)
    assert saves == [] and load_case(tmp_path).data["reference"] == "A-1"
    qtbot.waitUntil(lambda: len(saves) == 1, timeout=3000)
    assert load_case(tmp_path).data["reference"] == "A-C"
    qtbot.wait(500)
    assert len(saves) == 1 and not saver.pending


def test_a_failed_save_stays_pending_and_says_why(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "case"
    case = Case(folder, new_case_data("A-1"))
    case.save()
    saver = Autosaver(case, FolderStore(tmp_path))
    blocker = folder / "case.json"
    blocker.unlink()
    blocker.mkdir()  # the rename onto a folder fails
    messages: list[str] = []
    saver.failed.connect(messages.append)
    saver.schedule()
    assert saver.flush() is False
    assert saver.pending and "case.json" in messages[0]
    blocker.rmdir()
    assert saver.flush() is True and load_case(folder).reference == "A-1"


def render_then_crash(progress: object = None, cancel: object = None) -> None:
    """A generation process that dies in native code after WeasyPrint has set up its fonts."""
    from lawdesk.htmlpdf import render_pdf
    from lawdesk.paths import resource

    css = resource("fonts", "fonts.css").as_uri()
    render_pdf(f'<link rel="stylesheet" href="{css}"><p style="font-family: \'LawDesk Sans\'">Pièce n° 1</p>', Path.cwd())
    os.abort()


def test_a_generation_process_that_crashes_leaves_no_temporary_file_behind(
        temporary_files_left: Callable[[], list[str]]) -> None:
    """No finaliser runs in a process that crashed: its copy of WeasyPrint's fonts (3.8 MB) stayed in /tmp."""
    from lawdesk.progress import NullProgress
    from lawdesk.generation import run_in_process

    with pytest.raises(LawdeskError, match="arrêté brutalement"):
        run_in_process("tests.test_ui_worker:render_then_crash", (), NullProgress(), CancelToken())
    assert temporary_files_left() == []


def test_the_first_path_check_of_pyside_is_done_before_any_job_can_run() -> None:
    """A job thread and the main thread both making PySide's first path check deadlocked the window
    (lawdesk/ui/worker.py says why). Once the worker module is imported, that check imports nothing."""
    import subprocess
    import sys

    script = """
import builtins
from pathlib import Path
import lawdesk.ui.worker
from PySide6.QtCore import QFileInfo
seen = []
original = builtins.__import__
builtins.__import__ = lambda name, *args, **kwargs: seen.append(name) or original(name, *args, **kwargs)
QFileInfo(Path("."))
builtins.__import__ = original
print(seen)
"""
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                               cwd=Path(__file__).resolve().parent.parent)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[]"
