"""A build renders its documents in a forked helper while the pièces are prepared. Each scenario
runs in a fresh interpreter: pytest's own process may hold Qt's threads, where LawDesk rightly
refuses to fork."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

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

def pid():
    return os.getpid()

def fails():
    raise TemplateError("modèle illisible : ligne 3")

def dies_in_child():
    if os.getpid() != PARENT:
        os._exit(3)
    return "made here"

def sleeps_in_child():
    if os.getpid() != PARENT:
        time.sleep(60)
    return "made here"
"""


def test_the_work_is_done_in_a_child_process_and_its_result_comes_back() -> None:
    out = _run(COMMON + """
with parallel.beside(pid) as pending:
    child = pending.result()
print(json.dumps({"child": child, "parent": PARENT}))
""")
    assert out["child"] != out["parent"]


def test_an_error_in_the_child_is_raised_here_with_its_type_and_message() -> None:
    out = _run(COMMON + """
try:
    with parallel.beside(fails) as pending:
        forked = pending._pid is not None
        pending.result()
except TemplateError as exc:
    print(json.dumps({"forked": forked, "raised": type(exc).__name__, "message": exc.message}))
""")
    assert out == {"forked": True, "raised": "TemplateError", "message": "modèle illisible : ligne 3"}


def test_a_child_that_dies_is_replaced_by_the_work_done_here() -> None:
    out = _run(COMMON + """
with parallel.beside(dies_in_child) as pending:
    print(json.dumps({"forked": pending._pid is not None, "result": pending.result()}))
""")
    assert out == {"forked": True, "result": "made here"}


def test_cancelling_stops_the_child_and_leaves_no_process_behind() -> None:
    out = _run(COMMON + """
cancel = CancelToken()
started = time.monotonic()
outcome = "finished"
try:
    with parallel.beside(sleeps_in_child) as pending:
        child = pending._pid
        threading.Timer(0.3, cancel.cancel).start()  # after the fork: the Cancel button
        pending.result(cancel)
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
with parallel.beside(pid) as pending:
    with_thread = pending.result()
stop.set(); thread.join()
parallel.allow_helper_processes(False)
with parallel.beside(pid) as pending:
    batch_worker = pending.result()
print(json.dumps({"with_thread": with_thread, "batch_worker": batch_worker, "parent": PARENT}))
""")
    assert out["with_thread"] == out["parent"] == out["batch_worker"]


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
parallel.Pending._start = (lambda start: lambda self: helped.append(1) or start(self))(parallel.Pending._start)
results = {}
for name in ("forked", "alone"):
    report = build_dossier(case, out / name)
    reader = PdfReader(out / name / report["bundle"])
    results[name] = {"report": report, "text": [page.extract_text() for page in reader.pages],
                     "docx": [p.read_bytes() != b"" for p in sorted((out / name / "documents").iterdir())]}
    parallel.allow_helper_processes(False)
print(json.dumps({"helped": len(helped), **results}))
""", str(demo_case_dir), str(tmp_path))
    assert out["helped"] == 1
    assert out["forked"] == out["alone"]
    assert out["forked"]["report"]["pages"] == len(out["forked"]["text"]) > 20
