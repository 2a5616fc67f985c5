"""Errors that cross processes and say what to do: every LawdeskError pickles as it is; named exit
statuses; an output that cannot be written is the user's error; every bug reaches the crash log,
whether it happens in a window job, in the window's generation process or in a batch worker."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from lawdesk import errors
from lawdesk.errors import (BlockingProblems, Cancelled, CannotWrite, EvidenceError, ExitStatus, LawdeskError, TemplateError,
                            UnusableInput, error, warning)
from lawdesk.progress import CancelToken, NullProgress, running
from tests.conftest import DEMO_CASE

EXAMPLES = [
    LawdeskError("pièce illisible"),
    UnusableInput("pas un dossier de cas"),
    BlockingProblems([error("applicant.birth_date", "date impossible"), warning("incidents", "une seule tentative")]),
    EvidenceError("pieces/scan.pdf", "PDF chiffré"),
    TemplateError("modèle letters/prefecture.html.j2, ligne 3 : nom inconnu"),
    Cancelled("opération annulée"),
    CannotWrite("/srv/dossiers", "disque plein"),
]


def test_every_user_error_is_in_the_examples() -> None:
    kinds = {type(e) for e in EXAMPLES}
    defined = {k for k in vars(errors).values() if isinstance(k, type) and issubclass(k, LawdeskError)}
    assert defined == kinds


@pytest.mark.parametrize("original", EXAMPLES, ids=lambda e: type(e).__name__)
def test_each_error_round_trips_with_its_type_message_problems_and_status(original: LawdeskError) -> None:
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is type(original)
    assert copy.message == original.message and str(copy) == str(original)
    assert copy.exit_status == original.exit_status
    assert vars(copy) == vars(original)  # problems, file, reason, target…
    if isinstance(original, BlockingProblems):
        assert copy.problems == original.problems and copy.problems[0].is_error


def test_exit_statuses_have_names() -> None:
    assert [int(s) for s in (ExitStatus.OK, ExitStatus.BLOCKING, ExitStatus.UNUSABLE_INPUT, ExitStatus.CANNOT_WRITE,
                             ExitStatus.INTERNAL_ERROR, ExitStatus.INTERRUPTED)] == [0, 1, 2, 3, 70, 130]
    source = (Path(__file__).resolve().parent.parent / "lawdesk" / "cli.py").read_text(encoding="utf-8")
    assert "return 70" not in source and "return 130" not in source


def test_a_progress_is_finished_even_when_the_work_fails() -> None:
    calls: list[str] = []

    class Recorder(NullProgress):
        def start(self, total: int, label: str) -> None:
            calls.append("start")

        def finish(self) -> None:
            calls.append("finish")

    with pytest.raises(ValueError), running(Recorder(), 3, "x"):
        raise ValueError("bogue")
    assert calls == ["start", "finish"]


def test_one_cancel_token_for_threads_and_processes() -> None:
    import multiprocessing

    shared = multiprocessing.get_context("spawn").Event()
    token = CancelToken(shared)
    assert not token.cancelled
    shared.set()  # the other process cancels
    assert token.cancelled
    with pytest.raises(Cancelled):
        token.check()


# --- an output that cannot be written -------------------------------------------------------

def test_build_into_an_unwritable_place_is_a_user_error_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lawdesk.cli import main

    case = tmp_path / "case"
    shutil.copytree(DEMO_CASE, case, ignore=shutil.ignore_patterns(".lawdesk"))
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    target = blocker / "dossier"
    assert main(["build", str(case), "-o", str(target)]) == ExitStatus.CANNOT_WRITE == 3
    err = capsys.readouterr().err
    assert str(target) in err and "écriture impossible" in err and "Traceback" not in err
    assert blocker.read_text(encoding="utf-8") == "pas un dossier"


def test_batch_into_an_unwritable_place_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lawdesk.cli import main

    (tmp_path / "cases").mkdir()
    shutil.copytree(DEMO_CASE, tmp_path / "cases" / "demo", ignore=shutil.ignore_patterns(".lawdesk"))
    (tmp_path / "un-fichier").write_text("x", encoding="utf-8")
    assert main(["batch", str(tmp_path / "cases"), "-o", str(tmp_path / "un-fichier" / "out")]) == 3
    assert "écriture impossible" in capsys.readouterr().err


# --- every bug reaches the crash log -----------------------------------------------------------

class CrashLog:
    """The session's crash log (tests/conftest.py puts it in a folder of the test session); `new()`
    is what was written to it since the test began."""

    def __init__(self) -> None:
        from lawdesk.crashlog import crash_log as where

        self.path = where()
        self._start = self.path.stat().st_size if self.path.exists() else 0

    def new(self) -> str:
        with self.path.open(encoding="utf-8") as log:
            log.seek(self._start)
            return log.read()


@pytest.fixture
def crash_log() -> CrashLog:
    log = CrashLog()
    assert "lawdesk-tests-state-" in str(log.path)  # never the user's own log
    return log


def bug_in_the_build(*_args: Any, **_kwargs: Any) -> None:
    """Stands for a bug of the build, in the generation process or a batch worker."""
    raise ZeroDivisionError("bogue injecté dans la génération")


def test_a_bug_in_a_window_job_reaches_the_crash_log(qtbot, crash_log: CrashLog) -> None:  # noqa: ANN001
    from lawdesk.ui.worker import Job, Worker

    def work(_progress: Any, _cancel: CancelToken) -> None:
        raise KeyError("bogue injecté dans une tâche")

    worker = Worker()
    job = Job(work)
    with qtbot.waitSignal(job.failed, timeout=5000) as outcome:
        worker.start(job)
    worker.shutdown()
    assert "erreur interne de LawDesk (KeyError)" in outcome.args[0].message and str(crash_log.path) in outcome.args[0].message
    logged = crash_log.new()
    assert "KeyError: 'bogue injecté dans une tâche'" in logged and "in work" in logged


def test_a_bug_in_the_generation_process_reaches_the_crash_log_once(qtbot, crash_log: CrashLog) -> None:  # noqa: ANN001
    from lawdesk.generation import run_in_process
    from lawdesk.ui.worker import Job, Worker

    def work(progress: Any, cancel: CancelToken) -> Any:
        return run_in_process("tests.test_errors:bug_in_the_build", (), progress, cancel)

    worker = Worker()
    job = Job(work)
    with qtbot.waitSignal(job.failed, timeout=60_000) as outcome:
        worker.start(job)
    worker.shutdown()
    assert "ZeroDivisionError" in outcome.args[0].message
    logged = crash_log.new()
    assert logged.count("ZeroDivisionError: bogue injecté dans la génération") == 1  # from the child, with its traceback
    assert "in bug_in_the_build" in logged


def test_a_user_error_in_the_generation_process_arrives_as_itself() -> None:
    from lawdesk.generation import run_in_process

    with pytest.raises(BlockingProblems) as raised:
        run_in_process("tests.test_errors:blocking_build", (), NullProgress(), CancelToken())
    assert raised.value.problems == [error("documents", "le référé ne convient plus")]


def blocking_build(*_args: Any, **_kwargs: Any) -> None:
    raise BlockingProblems([error("documents", "le référé ne convient plus")])


def test_a_bug_in_a_batch_worker_reaches_the_crash_log(tmp_path: Path, crash_log: CrashLog) -> None:
    from lawdesk.batch import run_batch

    (tmp_path / "cases").mkdir()
    shutil.copytree(DEMO_CASE, tmp_path / "cases" / "demo", ignore=shutil.ignore_patterns(".lawdesk"))
    result = run_batch(tmp_path / "cases", tmp_path / "out", workers=1, build=bug_in_the_build)
    [row] = result.rows
    assert row.status == "failed" and "erreur inattendue (ZeroDivisionError" in row.messages[0]
    assert str(crash_log.path) in row.messages[0]
    assert "in bug_in_the_build" in crash_log.new()
