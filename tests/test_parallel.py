"""A build shares the rendering of its documents with a forked helper while the pièces are
prepared. Each scenario runs in a fresh interpreter: pytest's own process may hold Qt's threads,
where LawDesk rightly refuses to fork."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.processes import is_running, still_running

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="helpers are forked on Linux only")


def _run(script: str, *args: str) -> dict:
    completed = subprocess.run([sys.executable, "-c", textwrap.dedent(script), *args], cwd=ROOT, capture_output=True,
                               text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


COMMON = """
import json, os, sys, threading, time
from lawdesk import parallel
from lawdesk.errors import Cancelled, TemplateError
from lawdesk.progress import CancelToken
PARENT = os.getpid()

def pid(_item):
    time.sleep(0.1)
    return os.getpid()

def fails_on_two(item):
    if item == 2:
        raise TemplateError("modèle illisible : ligne 3")
    return item

def dies_in_child(item):
    if os.getpid() != PARENT:
        os._exit(3)
    return item * 10

def sleeps_in_child(item):
    if os.getpid() != PARENT:
        time.sleep(60)
    return item
"""


def test_the_tasks_are_shared_between_the_child_and_this_process_and_come_back_in_order() -> None:
    out = _run(COMMON + """
with parallel.shared(lambda item: (item, pid(item)), range(8)) as tasks:
    results = tasks.results()
print(json.dumps({"items": [item for item, _ in results], "pids": sorted({p for _, p in results}), "parent": PARENT}))
""")
    assert out["items"] == list(range(8))
    assert len(out["pids"]) == 2 and out["parent"] in out["pids"]  # each did its share


def test_more_tasks_than_task_numbers_are_shared_by_groups_and_come_back_in_order() -> None:
    """A first build of a dossier of hundreds of pièces: a task number is one byte."""
    out = _run(COMMON + """
def quick_pid(item):
    time.sleep(0.002)
    return item, os.getpid()

with parallel.shared(quick_pid, range(700)) as tasks:
    results = tasks.results()
print(json.dumps({"items": [item for item, _ in results], "pids": sorted({p for _, p in results}), "parent": PARENT}))
""")
    assert out["items"] == list(range(700))
    assert len(out["pids"]) == 2 and out["parent"] in out["pids"]


def test_an_error_in_the_child_is_raised_here_with_its_type_and_message() -> None:
    out = _run(COMMON + """
try:
    with parallel.shared(fails_on_two, [2]) as tasks:
        forked = tasks._pid is not None
        time.sleep(0.3)  # the child takes the task, and fails
        tasks.results()
except TemplateError as exc:
    print(json.dumps({"forked": forked, "raised": type(exc).__name__, "message": exc.message}))
""")
    assert out == {"forked": True, "raised": "TemplateError", "message": "modèle illisible : ligne 3"}


def test_what_a_dying_child_took_is_done_here() -> None:
    out = _run(COMMON + """
with parallel.shared(dies_in_child, [1, 2, 3]) as tasks:
    forked = tasks._pid is not None
    time.sleep(0.3)
    print(json.dumps({"forked": forked, "results": tasks.results()}))
""")
    assert out == {"forked": True, "results": [10, 20, 30]}


def test_cancelling_stops_the_child_and_leaves_no_process_behind() -> None:
    out = _run(COMMON + """
cancel = CancelToken()
started = time.monotonic()
outcome = "finished"
try:
    with parallel.shared(sleeps_in_child, [1]) as tasks:
        child = tasks._pid
        time.sleep(0.3)  # the child takes the task
        threading.Timer(0.3, cancel.cancel).start()  # after the fork: the Cancel button
        tasks.results(cancel)
except Cancelled:
    outcome = "cancelled"
time.sleep(0.1)
print(json.dumps({"outcome": outcome, "forked": child is not None, "seconds": time.monotonic() - started,
                  "child_left": os.path.exists(f"/proc/{child}")}))
""")
    assert out["outcome"] == "cancelled" and out["forked"]
    assert out["seconds"] < 10 and not out["child_left"]


def test_a_process_with_threads_or_a_batch_worker_does_the_work_itself() -> None:
    out = _run(COMMON + """
stop = threading.Event()
thread = threading.Thread(target=stop.wait)
thread.start()
with parallel.shared(pid, range(4)) as tasks:
    with_thread = tasks.results()
stop.set(); thread.join()
parallel.allow_helper_processes(False)
with parallel.shared(pid, range(4)) as tasks:
    batch_worker = tasks.results()
print(json.dumps({"pids": sorted(set(with_thread + batch_worker)), "parent": PARENT}))
""")
    assert out["pids"] == [out["parent"]]


def test_a_dossier_is_the_same_with_or_without_the_helper(demo_case_dir: Path, tmp_path: Path) -> None:
    out = _run("""
import json, sys
from pathlib import Path
from pypdf import PdfReader
from lawdesk import parallel
from lawdesk.build import build_dossier
from lawdesk.case import load_case

case, out = load_case(Path(sys.argv[1])), Path(sys.argv[2])
helped = []
parallel.ForkedTasks._start = (lambda start: lambda self: helped.append(1) or start(self))(parallel.ForkedTasks._start)
results = {}
for name in ("forked", "alone"):
    report = build_dossier(case, out / name)
    reader = PdfReader(out / name / report["bundle"])
    results[name] = {"report": report, "text": [page.extract_text() for page in reader.pages],
                     "docx": [p.read_bytes() != b"" for p in sorted((out / name / "documents").iterdir())]}
    parallel.allow_helper_processes(False)
print(json.dumps({"helped": len(helped), **results}))
""", str(demo_case_dir), str(tmp_path))
    assert out["helped"] == 3  # a first build: one helper for the documents, one for the files' checks, one for the pièces
    assert out["forked"] == out["alone"]
    assert out["forked"]["report"]["pages"] == len(out["forked"]["text"]) > 20


def test_when_fork_fails_the_work_is_done_here_and_no_descriptor_is_left_open() -> None:
    out = _run(COMMON + """
def no_fork():
    raise BlockingIOError(11, "Resource temporarily unavailable")
os.fork = no_fork
before = len(os.listdir("/proc/self/fd"))
with parallel.shared(lambda item: item * 2, [1, 2, 3]) as tasks:
    results = tasks.results()
    again = tasks.results()
print(json.dumps({"results": results, "again": again, "fds": len(os.listdir("/proc/self/fd")) - before}))
""")
    assert out == {"results": [2, 4, 6], "again": [2, 4, 6], "fds": 0}


def test_a_helper_finished_or_killed_leaves_no_temporary_file_behind(demo_case_dir: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = _run("""
import json, os, sys, tempfile
from pathlib import Path
tempfile.tempdir = sys.argv[3]
from lawdesk import parallel
from lawdesk.build import build_dossier
from lawdesk.case import load_case
helped = []
parallel.ForkedTasks._start = (lambda start: lambda self: helped.append(1) or start(self))(parallel.ForkedTasks._start)
from lawdesk.case import Case
from lawdesk.errors import BlockingProblems
case = load_case(Path(sys.argv[1]))
build_dossier(case, Path(sys.argv[2]))
during = sorted(p.name for p in Path(sys.argv[3]).iterdir())  # only this process's font folder
bad = Case(case.folder, {**case.data, "procedure": {**case.data["procedure"], "department": "00"}})
try:
    build_dossier(bad, Path(sys.argv[2]) / "refused")  # the helper is killed when the pre-flight refuses
except BlockingProblems:
    pass
print(json.dumps({"helped": len(helped), "during": during}))
""", str(demo_case_dir), str(tmp_path / "out"), str(scratch))
    assert out["helped"] == 4  # the first build's three (documents, checks, pièces), the refused build's one
    assert [name.split("-")[0] for name in out["during"]] == ["weasyprint"]  # nothing of the helper's
    assert list(scratch.iterdir()) == []  # and this process's own went at exit


# --- the pooled helper: Windows, macOS and processes with threads; forced here by LAWDESK_HELPER=spawn ---

POOLED = """
import json, os, sys, threading, time
os.environ["LAWDESK_TEST_PARENT"] = str(os.getpid())
from lawdesk import parallel
from lawdesk.errors import Cancelled, TemplateError
from lawdesk.progress import CancelToken
from tests.parallel_tasks import dies_in_helper, fails_in_helper, fails_on_two, item_and_pid, pid, sleeps_in_helper
PARENT = os.getpid()
parallel.start_helper_pool()
time.sleep(3)  # the helper has started and loaded WeasyPrint
HELPER = next(iter(parallel.pool_processes(parallel._pool)))
"""


def _run_pooled(script: str, *args: str) -> dict:
    import os

    completed = subprocess.run([sys.executable, "-c", textwrap.dedent(script), *args], cwd=ROOT, capture_output=True,
                               text=True, timeout=180, env={**os.environ, "LAWDESK_HELPER": "spawn"})
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_pooled_tasks_are_shared_with_the_helper_and_come_back_in_order() -> None:
    out = _run_pooled(POOLED + """
with parallel.shared(item_and_pid, range(8)) as tasks:
    kind = type(tasks).__name__
    results = tasks.results()
print(json.dumps({"kind": kind, "items": [item for item, _pid in results], "pids": sorted({pid for _item, pid in results}),
                  "parent": PARENT, "helper": HELPER}))
""")
    assert out["kind"] == "PooledTasks"
    assert out["items"] == list(range(8))
    assert sorted(out["pids"]) == sorted([out["parent"], out["helper"]])  # each did its share


def test_a_helper_still_starting_is_given_no_task_that_this_process_would_then_wait_for() -> None:
    """Where the helper must start from scratch (Windows, macOS), a build's first shared tasks come while it
    still imports WeasyPrint: this process does them all rather than wait for it."""
    out = _run_pooled(POOLED.replace("time.sleep(3)  # the helper has started and loaded WeasyPrint", "").replace(
        "HELPER = next(iter(parallel.pool_processes(parallel._pool)))", "") + """
started = time.monotonic()
with parallel.shared(item_and_pid, range(4)) as tasks:
    results = tasks.results()
print(json.dumps({"seconds": time.monotonic() - started, "pids": sorted({pid for _item, pid in results}),
                  "parent": PARENT, "items": [item for item, _pid in results]}))
""")
    assert out["items"] == [0, 1, 2, 3]
    assert out["pids"] == [out["parent"]]
    assert out["seconds"] < 0.8  # four tasks of 0.1 s, no wait for the helper's start


def test_no_helper_is_used_when_told_so_even_where_one_is_running() -> None:
    """LAWDESK_HELPER=none (tests that count calls, a diagnosis): every task is done here, even by a process
    whose pool an earlier build started."""
    out = _run_pooled(POOLED + """
os.environ["LAWDESK_HELPER"] = "none"
with parallel.shared(pid, range(4)) as tasks:
    results = tasks.results()
print(json.dumps({"pids": sorted(set(results)), "parent": PARENT}))
""")
    assert out["pids"] == [out["parent"]]


def test_pooled_errors_and_a_dying_helper_are_done_here_with_their_own_errors() -> None:
    out = _run_pooled(POOLED + """
with parallel.shared(fails_in_helper, [1, 2]) as tasks:
    recomputed = tasks.results()
try:
    with parallel.shared(fails_on_two, [2]) as tasks:
        tasks.results()
except TemplateError as exc:
    raised = exc.message
with parallel.shared(dies_in_helper, [1, 2, 3]) as tasks:
    after_death = tasks.results()
print(json.dumps({"recomputed": recomputed, "raised": raised, "after_death": after_death}))
""")
    assert out == {"recomputed": [1, 2], "raised": "modèle illisible : ligne 3", "after_death": [10, 20, 30]}


def test_pooled_cancel_stops_the_helper_and_leaves_no_process_behind() -> None:
    out = _run_pooled(POOLED + """
cancel = CancelToken()
started = time.monotonic()
try:
    with parallel.shared(sleeps_in_helper, [1]) as tasks:
        time.sleep(0.5)
        threading.Timer(0.3, cancel.cancel).start()
        tasks.results(cancel)
    outcome = "finished"
except Cancelled:
    outcome = "cancelled"
time.sleep(0.5)
print(json.dumps({"outcome": outcome, "seconds": time.monotonic() - started, "helper_left": os.path.exists(f"/proc/{HELPER}"),
                  "pool": parallel._pool is not None}))
""")
    assert out["outcome"] == "cancelled" and out["seconds"] < 10
    assert not out["helper_left"] and not out["pool"]


def test_a_pooled_helper_ends_when_the_process_that_started_it_is_killed() -> None:
    """The window's generation process is killed by Cancel (and at the window's close): its helper, a
    pool worker waiting for tasks, must not stay behind with WeasyPrint loaded."""
    import os

    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(POOLED + """
print(HELPER, flush=True)
time.sleep(120)
""")], cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "LAWDESK_HELPER": "spawn"})
    try:
        helper = int(child.stdout.readline())
        assert is_running(helper)
    finally:
        child.kill()
        child.wait()
    assert still_running([helper]) == []


def test_a_dossier_is_the_same_with_the_pooled_helper(demo_case_dir: Path, tmp_path: Path) -> None:
    """The command line on Windows and macOS: `lawdesk build` with the pooled helper, forced here."""
    import os

    reports = {}
    for name, helper in (("forked", "fork"), ("pooled", "spawn")):
        completed = subprocess.run([sys.executable, "-m", "lawdesk", "build", str(demo_case_dir), "-o", str(tmp_path / name)],
                                   cwd=ROOT, capture_output=True, text=True, timeout=180,
                                   env={**os.environ, "LAWDESK_HELPER": helper})
        assert completed.returncode == 0, completed.stderr
        reports[name] = json.loads((tmp_path / name / "report.json").read_text(encoding="utf-8"))
    assert reports["forked"] == reports["pooled"]
    from pypdf import PdfReader

    texts = {name: [p.extract_text() for p in PdfReader(tmp_path / name / reports[name]["bundle"]).pages] for name in reports}
    assert texts["forked"] == texts["pooled"] and len(texts["forked"]) == reports["forked"]["pages"]


def test_a_first_build_starts_the_pooled_helper_before_its_documents_and_it_draws_some(demo_case_dir: Path,
                                                                                      tmp_path: Path) -> None:
    """Where the helper must start from scratch, a first build starts it before anything else: it draws
    documents while the files are checked and made into pages (before, this process drew them all)."""
    out = _run_pooled("""
import json, sys
import lawdesk.build.documents as documents
from lawdesk.build import build
from lawdesk.case import load_case
drawn_here = []
real = documents.render_document
documents.render_document = lambda case, doc_id, *args: drawn_here.append(doc_id) or real(case, doc_id, *args)
from pathlib import Path
report = build(load_case(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"here": drawn_here, "documents": len(report.documents), "pages": report.pages}))
""", str(demo_case_dir), str(tmp_path / "out"))
    assert out["pages"] > 0
    assert len(out["here"]) < out["documents"]
