"""`lawdesk batch` on worker processes: bad rows, crashes and hangs cost one case, resume skips
what is up to date, cancel keeps what is finished. The build is a fast stand-in that runs the
real pre-flight (as build_dossier does) and can crash or hang on demand."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from lawdesk.batch import BatchResult, run_batch
from lawdesk.batch.state import STATE_FILE
from lawdesk.case.model import Case, canonical_json
from lawdesk.fs import atomic_write_bytes
from lawdesk.check import preflight
from lawdesk.build import Report
from lawdesk.errors import BlockingProblems, UnusableInput, warning
from lawdesk.evidence.normalize import normalize_files
from lawdesk.progress import CancelToken
from tests.batch_samples import HEADERS, make_pieces, sample_row, write_csv
from tests.processes import still_running

pytestmark = pytest.mark.usefixtures("nothing_left_running")

CRASH, HANG, SLOW, BUG = "CRASH", "HANG", "SLOW", "BUG"


def fake_build(case: Case, out: Path, documents: list[str] | None = None, templates_dir: Path | None = None,
               progress: Any = None, cancel: CancelToken | None = None, today: dt.date | None = None) -> Report:
    """Like lawdesk.build.build: pre-flight, then OUT written atomically; given_names picks a fault. (The
    pièces' dates are read without OCR: the real build takes the OCR'd pièces from its cache.)"""
    problems = preflight(case, today, normalized=lambda paths, shown: normalize_files(paths, shown, ocr=False))
    if any(p.is_error for p in problems):
        raise BlockingProblems(problems)
    behaviour = case.data["applicant"]["given_names"]
    if behaviour == CRASH:
        time.sleep(0.3)  # long enough for the other worker to be busy too
        os._exit(70)
    if behaviour == HANG:
        time.sleep(600)
    if behaviour == SLOW:
        time.sleep(0.4)
    if behaviour == BUG:
        raise ValueError("bogue simulé")
    report = Report(case.reference, "bundle.pdf", 2 + len(case.data["pieces"]), "", [], [], [], [], "", [], "",
                    [warning("incidents[1].pieces", "fictif")])
    staging = out.with_name(f".{out.name}.tmp")
    atomic_write_bytes(staging / "report.json", json.dumps(report.as_json()).encode())
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    return report


class Recorder:
    def __init__(self, on_advance: Any = None) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.on_advance = on_advance

    def start(self, total: int, label: str) -> None:
        self.calls.append(("start", total, label))

    def advance(self, done: int, label: str = "") -> None:
        self.calls.append(("advance", done, label))
        if self.on_advance:
            self.on_advance(done)

    def finish(self) -> None:
        self.calls.append(("finish",))


def batch(folder: Path, rows: list[dict[str, str]], **options: Any) -> BatchResult:
    for row in rows:
        if row.get("pieces_dir", "").startswith("pieces/") and not (folder / row["pieces_dir"]).exists():
            make_pieces(folder / row["pieces_dir"])
    spreadsheet = folder / "cases.csv"
    if not spreadsheet.exists():
        write_csv(spreadsheet, rows)
    return run_batch(spreadsheet, folder / "out", **({"workers": 2, "build": fake_build} | options))


def statuses(result: BatchResult) -> dict[str, str]:
    return {row.reference: row.status for row in result.rows}


def report_rows(folder: Path) -> list[list[str]]:
    raw = (folder / "out" / "batch-report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))


def test_each_row_reports_its_situation_and_next_deadline_and_a_remedy_that_does_not_fit_fails_alone(tmp_path: Path) -> None:
    """The letter of 2 May 2025 (avis de réception on the 5th, eight days): on 10 May the référé does not fit
    yet, the prefect's deadline ends on 13 May; the same row asking for the letter only is built."""
    steps = {"steps.1.document": "prefecture", "steps.1.sent": "02/05/2025", "steps.1.mode": "lrar",
             "steps.1.tracking": "1A 000 1", "steps.1.received": "05/05/2025", "steps.1.deadline_days": "8",
             "steps.1.pieces": "p1"}
    rows = [sample_row("B-1") | steps | {"documents": "refere"}, sample_row("B-2") | steps | {"documents": "defenseur"}]
    headers = HEADERS + list(steps)
    for row in rows:
        make_pieces(tmp_path / row["pieces_dir"])
    write_csv(tmp_path / "cases.csv", rows, headers=headers)
    result = run_batch(tmp_path / "cases.csv", tmp_path / "out", workers=2, build=fake_build, today=dt.date(2025, 5, 10))

    assert [(r.reference, r.status) for r in result.rows] == [("B-1", "failed"), ("B-2", "built")]
    assert any("le référé peut être déposé à partir du 14 mai 2025" in m for m in result.rows[0].messages)
    written = report_rows(tmp_path)
    assert written[0][-3:] == ["situation", "next_deadline", "next_deadline_what"]
    for line in written[1:]:
        assert line[-3:] == ["not_registered", "2025-05-13", "Fin du délai laissé au préfet par la lettre du 2 mai 2025"]


def test_bad_rows_are_reported_with_their_line_while_others_build(tmp_path: Path) -> None:
    rows = [sample_row("A-1", "LEFÈVRE"), sample_row("A-2", birth_date="12/04/2099"),
            sample_row("A-3", pieces_dir="pieces/absent"), sample_row("A-4")]
    rows[2]["pieces_dir"] = "introuvable"
    progress = Recorder()
    result = batch(tmp_path, rows, progress=progress)

    assert (result.total, result.built, result.skipped, result.failed) == (4, 2, 0, 2)
    assert [(r.line_or_folder, r.reference, r.status) for r in result.rows] == [
        (2, "A-1", "built"), (3, "A-2", "failed"), (4, "A-3", "failed"), (5, "A-4", "built")]
    assert any(m.startswith("error: applicant.birth_date : date de naissance dans le futur") for m in result.rows[1].messages)
    assert any(m.startswith("warning: incidents.3.pieces : ") for m in result.rows[1].messages)  # column names
    assert any(m.startswith("error: pieces_dir : le dossier des pièces") for m in result.rows[2].messages)
    assert result.exit_status == 1

    out = tmp_path / "out"
    case = json.loads((out / "A-1" / "case" / "case.json").read_text(encoding="utf-8"))
    assert case["applicant"]["family_name"] == "LEFÈVRE"
    assert (out / "A-1" / "case" / case["pieces"][0]["file"]).read_bytes() == (tmp_path / "pieces/A-1/01_Titre de séjour.pdf").read_bytes()
    assert (out / "A-1" / "dossier" / "report.json").is_file() and (out / "A-1" / "dossier" / STATE_FILE).is_file()
    assert not (out / "A-2" / "dossier").exists()

    # first applications the téléservice never registered, no letter sent yet: no deadline runs
    calendar = ["not_registered", "", ""]
    assert report_rows(tmp_path) == [
        ["line_or_folder", "reference", "status", "pages", "output", "messages", "situation", "next_deadline",
         "next_deadline_what"],
        ["2", "A-1", "built", "4", "A-1/dossier", "warning: incidents.1.pieces : fictif", *calendar],
        ["3", "A-2", "failed", "", "", " | ".join(result.rows[1].messages), *calendar],
        ["4", "A-3", "failed", "", "", " | ".join(result.rows[2].messages), *calendar],
        ["5", "A-4", "built", "4", "A-4/dossier", "warning: incidents.1.pieces : fictif", *calendar],
    ]
    assert progress.calls[0] == ("start", 4, "Constitution des dossiers")
    assert [c[1] for c in progress.calls if c[0] == "advance"] == [1, 2, 3, 4]
    assert progress.calls[-1] == ("finish",)
    summary = result.summary()
    assert summary.startswith("4 cas : 2 dossiers constitués, 0 déjà à jour, 2 en échec")
    assert "ligne 3 (A-2) : error: applicant.birth_date" in summary


def test_crashing_cases_fail_alone(tmp_path: Path) -> None:
    """Two neighbours crash their workers (found by running each suspect alone); a bug in a
    build is one failed case too."""
    behaviours = {3: CRASH, 4: CRASH, 6: BUG}
    rows = [sample_row(f"C-{n}", given_names=behaviours.get(n, "Zoé")) for n in range(1, 8)]
    result = batch(tmp_path, rows)
    assert statuses(result) == {f"C-{n}": "failed" if n in behaviours else "built" for n in range(1, 8)}
    assert "arrêté brutalement" in result.rows[2].messages[0] and "arrêté brutalement" in result.rows[3].messages[0]
    [message] = result.rows[5].messages
    assert message.startswith("erreur inattendue (ValueError : bogue simulé) ; signalez-la en joignant ce cas (détails dans ")
    assert not (tmp_path / "out" / "C-3" / "dossier").exists()


def test_a_hanging_case_times_out_alone(tmp_path: Path) -> None:
    rows = [sample_row(f"H-{n}", given_names=HANG if n == 2 else "Zoé") for n in range(1, 5)]
    started = time.monotonic()
    result = batch(tmp_path, rows, timeout=2.0)
    assert time.monotonic() - started < 30
    assert statuses(result) == {"H-1": "built", "H-2": "failed", "H-3": "built", "H-4": "built"}
    assert "dépassé 2 s" in result.rows[1].messages[0]


def test_second_run_skips_what_is_up_to_date_and_rebuilds_what_changed(tmp_path: Path) -> None:
    rows = [sample_row(f"R-{n}") for n in range(1, 5)]
    assert batch(tmp_path, rows).built == 4
    report = tmp_path / "out" / "R-1" / "dossier" / "report.json"
    built_at = report.stat().st_mtime_ns

    again = batch(tmp_path, rows)
    assert statuses(again) == dict.fromkeys(statuses(again), "skipped")
    assert [(r.pages, r.output, r.messages) for r in again.rows][0] == (4, "R-1/dossier", ("warning: incidents.1.pieces : fictif",))
    assert report.stat().st_mtime_ns == built_at
    assert "4 déjà à jour, 0 en échec" in again.summary().splitlines()[0]

    screenshot = tmp_path / "pieces" / "R-2" / "02_Capture ANEF.png"
    screenshot.write_bytes(screenshot.read_bytes() + b"\0")  # same name, new content
    os.utime(tmp_path / "pieces" / "R-3" / "01_Titre de séjour.pdf")  # touched, same content
    rows[3]["incidents.3.description"] = "Nouveau passage au point d'accueil numérique."
    (tmp_path / "cases.csv").unlink()
    third = batch(tmp_path, rows)
    assert statuses(third) == {"R-1": "skipped", "R-2": "built", "R-3": "skipped", "R-4": "built"}

    shutil.rmtree(tmp_path / "out" / "R-1" / "dossier")
    assert statuses(batch(tmp_path, rows))["R-1"] == "built"


def test_cancel_keeps_finished_cases_and_leaves_no_partial_one(tmp_path: Path) -> None:
    rows = [sample_row(f"S-{n}", given_names=SLOW) for n in range(1, 9)]
    cancel = CancelToken()
    result = batch(tmp_path, rows, cancel=cancel, progress=Recorder(lambda done: cancel.cancel()))

    assert result.cancelled and result.exit_status == 1
    assert 1 <= len(result.rows) < 8 and all(r.status == "built" for r in result.rows)
    assert "Traitement interrompu" in result.summary()
    out = tmp_path / "out"
    for folder in (p for p in out.iterdir() if p.is_dir()):
        assert (folder / "dossier" / STATE_FILE).is_file(), f"{folder.name} is half done"
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted(r.reference for r in result.rows)
    assert not [p for p in out.rglob(".*") if p.name != STATE_FILE]
    assert [row[1] for row in report_rows(tmp_path)[1:]] == [r.reference for r in result.rows]

    resumed = batch(tmp_path, rows)
    assert resumed.skipped == len(result.rows) and resumed.built == 8 - len(result.rows)


def test_ctrl_c_stops_like_cancel(tmp_path: Path) -> None:
    def interrupt(done: int) -> None:
        raise KeyboardInterrupt

    rows = [sample_row(f"K-{n}", given_names=SLOW) for n in range(1, 7)]
    result = batch(tmp_path, rows, progress=Recorder(interrupt))
    assert result.cancelled and 1 <= len(result.rows) < 6
    assert (tmp_path / "out" / "batch-report.csv").is_file()


def test_folder_of_case_folders(tmp_path: Path) -> None:
    source = tmp_path / "dossiers"
    first = batch(tmp_path, [sample_row("alpha"), sample_row("beta", birth_date="12/04/2099")])
    assert statuses(first) == {"alpha": "built", "beta": "failed"}
    for name in ("alpha", "beta"):
        shutil.copytree(tmp_path / "out" / name / "case", source / f"dossier {name}")
    (source / "notes").mkdir()
    out = source / "sortie"  # inside the input: not a case
    result = run_batch(source, out, workers=2, build=fake_build)
    assert [(r.line_or_folder, r.reference, r.status, r.output) for r in result.rows] == [
        ("dossier alpha", "alpha", "built", "dossier alpha/dossier"),
        ("dossier beta", "beta", "failed", ""),
        ("notes", "", "failed", ""),
    ]
    assert any(m.startswith("warning: incidents[3].pieces : ") for m in result.rows[1].messages)  # case-format paths
    assert "case.json" in result.rows[2].messages[0]
    assert (out / "dossier alpha" / "dossier" / "report.json").is_file()
    assert not (out / "dossier alpha" / "case").exists()


@pytest.mark.parametrize("make", [
    lambda tmp: tmp / "absent.csv",
    lambda tmp: (tmp / "vide").mkdir() or tmp / "vide",
    lambda tmp: write_csv(tmp / "cases.csv", []),
    lambda tmp: make_pieces(tmp / "cas") and (tmp / "cas" / "case.json").write_text("{}") and tmp / "cas",
])
def test_unusable_input(tmp_path: Path, make: Any) -> None:
    with pytest.raises(UnusableInput):
        run_batch(make(tmp_path), tmp_path / "out", build=fake_build)
    assert not (tmp_path / "out").exists()


def test_data_in_case_json_is_canonical(tmp_path: Path) -> None:
    batch(tmp_path, [sample_row("J-1")])
    written = (tmp_path / "out" / "J-1" / "case" / "case.json").read_text(encoding="utf-8")
    assert written == canonical_json(json.loads(written))


def test_closing_the_pool_ends_a_worker_that_would_never_take_its_next_job() -> None:
    """A worker killed while it waited for a job dies holding the job queue's lock; the other
    workers then wait for it forever. Closing the pool must not wait for them (the interpreter
    hung at exit): the workers still there after the grace period are killed."""
    from lawdesk.batch.runner import _Pool
    from lawdesk.batch.worker import Settings

    pool = _Pool(1, Settings(environment="production"))
    pool.executor.submit(time.sleep, 60)  # stands for a worker that cannot go on
    workers = list(pool._workers.values())
    assert len(workers) == 1 and workers[0].is_alive()
    started = time.monotonic()
    pool.close(grace=0.5)
    assert time.monotonic() - started < 10
    assert not workers[0].is_alive()
    with pytest.raises(ProcessLookupError):
        os.kill(workers[0].pid, 0)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_batch_process_dies_without_closing_its_pool(tmp_path: Path) -> None:
    """kill -9 of the window or of `lawdesk batch`: the workers (children of the forkserver, not
    of the batch) would wait for jobs forever, holding the terminal's output open."""
    script = """
import sys, time
from lawdesk.batch.runner import _Pool
from lawdesk.batch.worker import Settings
pool = _Pool(2, Settings(environment="production"))
for _ in range(2):
    pool.executor.submit(time.sleep, 0.01).result()
print(" ".join(str(pid) for pid in pool._workers), flush=True)
time.sleep(60)
"""
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parent.parent,
                             env={**os.environ, "TMPDIR": str(tmp_path)})  # the pool's scratch folder stays
    try:
        pids = [int(pid) for pid in child.stdout.readline().split()]
        assert pids
    finally:
        child.kill()
        child.wait()
    assert still_running(pids) == []
