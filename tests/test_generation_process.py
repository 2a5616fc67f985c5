"""The window's generation process, kept warm: ready before the first « Générer », reused by the next,
stopped at once by Cancel and replaced, replaced when it dies; its user errors arrive as themselves."""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import pytest

from lawdesk.errors import Cancelled, LawdeskError
from lawdesk.generation import GenerationProcess
from lawdesk.progress import CancelToken, NullProgress
from tests.processes import is_running, still_running


def pid(*_args: Any, **_kwargs: Any) -> int:
    return os.getpid()


def loaded(*_args: Any, **_kwargs: Any) -> list[str]:
    import sys

    return sorted(m for m in ("weasyprint", "lawdesk.build") if m in sys.modules)


def sleeps(*_args: Any, cancel: CancelToken, **_kwargs: Any) -> None:
    time.sleep(120)  # never checks `cancel`: Cancel must not wait for the work to look


def refused(*_args: Any, **_kwargs: Any) -> None:
    raise LawdeskError("dossier refusé")


def build_counting(case_folder: str, out: str, **_kwargs: Any) -> dict[str, int]:
    """A build, counting the files this process inspects and the pièces it makes into pages."""
    from pathlib import Path

    import lawdesk.build.pieces as pieces
    from lawdesk.build import build
    from lawdesk.case import load_case

    counted = {"inspected": 0, "made": 0}
    inspect, normalize = pieces.inspect_file, pieces.normalize_files

    def inspected(*args: Any) -> Any:
        counted["inspected"] += 1
        return inspect(*args)

    def made(*args: Any, **kwargs: Any) -> Any:
        counted["made"] += 1
        return normalize(*args, **kwargs)

    pieces.inspect_file, pieces.normalize_files = inspected, made
    try:
        counted["pages"] = build(load_case(Path(case_folder)), Path(out)).pages
    finally:
        pieces.inspect_file, pieces.normalize_files = inspect, normalize
    return counted


@pytest.fixture
def process() -> GenerationProcess:
    found = GenerationProcess()
    yield found
    found.stop()


def test_it_gets_ready_in_the_background_and_serves_builds_one_after_the_other(process: GenerationProcess) -> None:
    process.start()
    first = process.run("tests.test_generation_process:pid", (), NullProgress(), CancelToken())
    assert process.ready.wait(60)
    assert process.run("tests.test_generation_process:loaded", (), NullProgress(), CancelToken()) == ["lawdesk.build", "weasyprint"]
    assert process.run("tests.test_generation_process:pid", (), NullProgress(), CancelToken()) == first != os.getpid()
    with pytest.raises(LawdeskError, match="dossier refusé"):  # a user error keeps the process
        process.run("tests.test_generation_process:refused", (), NullProgress(), CancelToken())
    assert process.run("tests.test_generation_process:pid", (), NullProgress(), CancelToken()) == first


def test_cancel_stops_at_once_and_the_next_build_gets_a_new_process(process: GenerationProcess) -> None:
    first = process.run("tests.test_generation_process:pid", (), NullProgress(), CancelToken())
    cancel = CancelToken()
    threading.Timer(1.0, cancel.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        process.run("tests.test_generation_process:sleeps", (), NullProgress(), cancel)
    assert time.monotonic() - started < 5
    assert not is_running(first)
    second = process.run("tests.test_generation_process:pid", (), NullProgress(), CancelToken())
    assert second != first


def test_a_process_that_died_is_replaced(process: GenerationProcess) -> None:
    first = process.run("tests.test_generation_process:pid", (), NullProgress(), CancelToken())
    os.kill(first, 9)
    time.sleep(0.5)
    assert process.run("tests.test_generation_process:pid", (), NullProgress(), CancelToken()) not in (first, os.getpid())


def test_it_ends_with_the_window_even_when_the_window_is_killed(tmp_path) -> None:  # noqa: ANN001
    """Not a daemon (it has its own helper): it watches the window's process and ends with it."""
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    script = ("import sys, time\nfrom lawdesk.generation import GenerationProcess\nfrom lawdesk.progress import CancelToken, NullProgress\n"
              "p = GenerationProcess()\nprint(p.run('tests.test_generation_process:pid', (), NullProgress(), CancelToken()), flush=True)\n"
              "time.sleep(600)\n")
    window = subprocess.Popen([sys.executable, "-c", script], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        generation = int(window.stdout.readline())
        assert is_running(generation)
        window.send_signal(signal.SIGKILL)
        window.wait(10)
        assert still_running([generation], 15) == []
    finally:
        window.kill()


def test_told_to_end_it_ends_its_helper_first(tmp_path) -> None:  # noqa: ANN001
    """A child of multiprocessing skips atexit: ending without stopping its helper, the generation process
    took its queues away from a helper still starting, which then printed a traceback. A main module slow
    to import (pytest's is) keeps the helper starting long enough to see it."""
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    script = tmp_path / "window.py"
    script.write_text(textwrap.dedent("""
        import time
        if __name__ == "__mp_main__":
            time.sleep(2)  # imported again by each process spawned from this one
        if __name__ == "__main__":
            from lawdesk import generation
            generation.start_generation_process()
            assert generation.generation_ready(120)
            generation.stop_generation_process()
            time.sleep(4)  # the helper, were it still there, has read its queues by now
    """), encoding="utf-8")
    completed = subprocess.run([sys.executable, str(script)], cwd=Path(__file__).resolve().parent.parent,
                               capture_output=True, text=True, timeout=180,
                               env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr, completed.stderr


def test_what_the_evidence_check_made_serves_the_build_that_follows(process: GenerationProcess, demo_case_dir,
                                                                    tmp_path) -> None:  # noqa: ANN001
    """The window checks the evidence of a case when it opens it (OCR included): a « Générer » that follows
    makes none of it again, neither here nor in the helper; without that check, the build makes it all."""
    import shutil

    from lawdesk.case import load_case

    copy = tmp_path / "copie"
    shutil.copytree(demo_case_dir, copy)
    process.run("lawdesk.check:evidence_check", (load_case(demo_case_dir),), NullProgress(), CancelToken())
    checked = process.run("tests.test_generation_process:build_counting", (str(demo_case_dir), str(tmp_path / "a")),
                          NullProgress(), CancelToken())
    process.stop()  # a new process, which has checked nothing
    unchecked = process.run("tests.test_generation_process:build_counting", (str(copy), str(tmp_path / "b")),
                            NullProgress(), CancelToken())
    assert checked == {"inspected": 0, "made": 0, "pages": unchecked["pages"]}
    assert unchecked["made"] > 0 and unchecked["inspected"] > 0  # its share: the helper made the others
