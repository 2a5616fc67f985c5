"""Shared fixtures: the demo case copied to a scratch folder, offscreen Qt."""

from __future__ import annotations

import atexit
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Messages are asserted in French (the default language): the machine's locale (LANG=en_US on many CI
# runners) must not switch them to English. tests/test_i18n_*.py choose the language explicitly.
os.environ["LANGUAGE"] = "fr"
# Bugs the tests inject go to a crash log of the test session, not the user's (set before any worker
# process starts: batch workers fork from a server that keeps the environment it started with).
# (Child processes import this module again: they keep the folder their parent chose.)
if "LAWDESK_TESTS_STATE" not in os.environ:
    os.environ["LAWDESK_TESTS_STATE"] = os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="lawdesk-tests-state-")
    # and the edits kept while a save fails (lawdesk.store.journal) in the session's folder, not the user's;
    # so are the cached copies of files (compiled templates, a server's case files)
    os.environ["XDG_DATA_HOME"] = os.environ["XDG_CACHE_HOME"] = os.environ["XDG_STATE_HOME"]
    _session = (os.getpid(), os.environ["LAWDESK_TESTS_STATE"])
    atexit.register(lambda: os.getpid() == _session[0] and shutil.rmtree(_session[1], ignore_errors=True))  # not a fork's

ROOT = Path(__file__).resolve().parent.parent
DEMO_CASE = ROOT / "examples" / "demo-case"


@pytest.fixture
def demo_case_dir(tmp_path: Path) -> Path:
    """A private copy of the demo case folder, safe to modify, without the cache earlier builds left."""
    target = tmp_path / "demo-case"
    shutil.copytree(DEMO_CASE, target, ignore=shutil.ignore_patterns(".lawdesk"))
    return target


def _left_running(before: set[Any]) -> list[Any]:
    threads = [t for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread"]
    return [item for item in threads + multiprocessing.active_children() if item not in before]


@pytest.fixture
def nothing_left_running() -> Iterator[None]:
    """After a batch, no worker process nor pool thread is left: one, waiting forever for a
    worker that could not end, hung the interpreter at exit (the CI run never finished).
    What is left is killed, so that the next tests do not inherit it."""
    before = set(_left_running(set()))
    yield
    deadline = time.monotonic() + 15
    while (left := _left_running(before)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for process in (item for item in left if isinstance(item, multiprocessing.process.BaseProcess)):
        process.kill()
    assert not left, f"still running after the test: {[item.name for item in left]}"


@pytest.fixture
def temporary_files_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """This process's temporary folder made private for the test; the returned function lists what
    is left in it (but multiprocessing's own pymp-* folder, removed at exit) and the WeasyPrint
    folders that appeared meanwhile in the machine's temporary folder."""
    system_tmp = Path(tempfile.gettempdir())
    before = set(system_tmp.glob("weasyprint-*"))
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))

    def left() -> list[str]:
        return ([p.name for p in private.iterdir() if not p.name.startswith("pymp-")]
                + [str(p) for p in set(system_tmp.glob("weasyprint-*")) - before])

    return left


# PostgreSQL: one throwaway cluster for the session (tests/pg_server.py), a fresh database per test made
# from a template that already holds the schema (`lawdesk store init`'s migrations).

@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    from tests.pg_server import start_cluster

    cluster = start_cluster(template=True)
    yield cluster
    cluster.remove()


@pytest.fixture
def pg_url(pg_cluster: Any) -> str:
    """The URL of a new database holding the case store's schema and nothing else."""
    from tests.pg_server import TEMPLATE

    return pg_cluster.url(pg_cluster.new_database(template=TEMPLATE))


@pytest.fixture
def pg_store(pg_url: str, tmp_path: Path) -> Iterator[Any]:
    from lawdesk.store.postgres import PostgresStore

    store = PostgresStore(pg_url, work_root=tmp_path / "copies-de-travail")
    yield store
    store.close()
