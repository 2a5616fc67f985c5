"""`lawdesk batch --store`: several machines (here processes) share one queue on a real server; each case
is built once, a machine that dies has its cases taken over after its lease, and there is one report."""

from __future__ import annotations

import csv
from collections import Counter
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from lawdesk.cli import main
from lawdesk.store.postgres import PostgresStore
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("nothing_left_running")


def fill(store: PostgresStore, count: int) -> list[str]:
    refs = []
    for index in range(count):
        case = store.new_case(f"LOT-{index + 1:02d}")
        refs.append(case.ref)
    store.new_case("LOT-02")  # two cases of one reference: each its own folder in OUT
    return refs


def machine(url: str, out: Path, lease: float, seconds: float, cache: Path) -> subprocess.Popen[str]:
    """One machine of the clinic: `lawdesk batch --store` with a build of known length."""
    env = {**os.environ, "LAWDESK_TEST_BUILD_SECONDS": str(seconds), "XDG_CACHE_HOME": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "tests.store_batch_build", url, str(out), str(lease), "1"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def items(store: PostgresStore) -> list[Any]:
    with store.connect() as connection:
        return connection.execute(text("SELECT c.reference, i.name, i.state, i.claims, i.builds, i.claimed_by, i.row "
                                       "FROM batch_items i JOIN cases c ON c.id = i.case_id ORDER BY i.seq")).all()


def report(out: Path) -> list[dict[str, str]]:
    with (out / "batch-report.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_two_machines_share_the_queue_each_case_built_once_one_report(pg_store: PostgresStore, tmp_path: Path) -> None:
    fill(pg_store, 9)
    first = machine(pg_store.url, tmp_path / "out-a", 30, 0.4, tmp_path / "cache-a")
    second = machine(pg_store.url, tmp_path / "out-b", 30, 0.4, tmp_path / "cache-b")
    outcomes = [json.loads(p.communicate(timeout=120)[0]) for p in (first, second)]

    rows = items(pg_store)
    assert [(r.state, r.claims, r.builds) for r in rows] == [("done", 1, 1)] * 10
    assert [(o["total"], o["built"]) for o in outcomes] == [(10, 10)] * 2  # each machine reports every case
    by_machine = Counter(r.claimed_by.rsplit("(", 1)[1] for r in rows)
    assert sorted(by_machine) == sorted(f"{p.pid})" for p in (first, second))  # both machines built some
    for out in (tmp_path / "out-a", tmp_path / "out-b"):  # one report, the same on each machine
        assert sorted(r["reference"] for r in report(out)) == sorted(r.reference for r in rows)
        assert {r["status"] for r in report(out)} == {"built"}
    assert report(tmp_path / "out-a") == report(tmp_path / "out-b")
    dossiers = sorted(p.parent.parent.name for out in (tmp_path / "out-a", tmp_path / "out-b")
                      for p in out.glob("*/dossier/report.json"))
    assert dossiers == sorted(r.name for r in rows) and len(set(dossiers)) == 10  # LOT-02 twice, apart
    with pg_store.connect() as connection:  # every dossier is on the server, with the case
        assert connection.execute(text("SELECT count(*) FROM dossiers")).scalar() == 10


def test_a_machine_killed_mid_run_has_its_cases_taken_over_after_its_lease(pg_store: PostgresStore, tmp_path: Path) -> None:
    fill(pg_store, 7)
    doomed = machine(pg_store.url, tmp_path / "out-a", 3, 1.5, tmp_path / "cache-a")
    deadline = time.monotonic() + 60
    while not any(r.state == "running" for r in items(pg_store)) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivor = machine(pg_store.url, tmp_path / "out-b", 3, 0.3, tmp_path / "cache-b")
    time.sleep(0.5)
    held = {r.name for r in items(pg_store) if r.state == "running" and r.claimed_by.endswith(f"({doomed.pid})")}
    assert held  # mid-run: it holds cases it has not finished
    doomed.send_signal(signal.SIGKILL)  # a machine switched off
    doomed.wait(timeout=30)
    outcome = json.loads(survivor.communicate(timeout=120)[0])

    rows = items(pg_store)
    assert [(r.state, r.builds) for r in rows] == [("done", 1)] * 8  # each case counted once, none lost
    taken_over = {r.name for r in rows if r.claims == 2}
    assert held <= taken_over and all(r.claimed_by.endswith(f"({survivor.pid})") for r in rows if r.name in held)
    assert outcome["total"] == 8 and not (tmp_path / "out-a" / "batch-report.csv").exists()
    assert sorted(r["reference"] for r in report(tmp_path / "out-b")) == sorted(r.reference for r in rows)
    assert {r["status"] for r in report(tmp_path / "out-b")} == {"built"}


def test_batch_store_on_the_command_line_needs_a_server(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["batch", "--store", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert "n'est pas l'adresse d'un serveur" in capsys.readouterr().err
