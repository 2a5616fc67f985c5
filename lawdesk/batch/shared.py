"""`lawdesk batch --store URL -o OUT`: the cases of a clinic's server built by every machine that runs
the same command, from one queue (lawdesk.store.queue), with one report.

Each machine claims a case when one of its workers is free, builds it into its own OUT/<case>/dossier
(as `lawdesk batch` does: resumable, a case that fails is a row), stores the dossier on the server as
the case's generated dossier, and reports the row to the queue. A machine whose cases are all claimed
waits for the others: if one of them dies, its claims run out (`lease`) and are taken over. When no case
is left, each machine writes OUT/batch-report.csv with every case's row, whoever built it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from lawdesk.batch.jobs import Job
from lawdesk.batch.report import BatchResult, BatchRow, write_report
from lawdesk.batch.run import _absolute, _prepare_out
from lawdesk.batch.runner import DEFAULT_TIMEOUT, Runner
from lawdesk.batch.state import environment_fingerprint
from lawdesk.batch.worker import BuildFunction, Settings
from lawdesk.errors import LawdeskError, UnusableInput
from lawdesk.i18n import _, current_language
from lawdesk.progress import CancelToken, NullProgress, Progress
from lawdesk.store import is_server_url
from lawdesk.store.postgres import PostgresStore
from lawdesk.store.queue import BatchQueue, Claim, row_from_json, row_json

DEFAULT_LEASE = 120.0  # seconds: a machine silent this long has its cases taken over
WAIT = 0.25  # seconds between two looks at the queue while other machines build the last cases


def batch_key(settings: Settings, refs: list[str] | None) -> str:
    """What decides a batch's outcome: machines started with the same settings share one batch."""
    return hashlib.sha256(json.dumps([settings.environment, settings.today.isoformat(), settings.language,
                                      sorted(refs) if refs else None]).encode()).hexdigest()


class _Claims:
    """The cases this machine holds, renewed in the background while it builds them."""

    def __init__(self, queue: BatchQueue) -> None:
        self.queue = queue
        self.held: dict[int, tuple[Claim, int]] = {}  # seq → (claim, version of the case built)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew, daemon=True, name="lawdesk-batch-lease")
        self._thread.start()

    def add(self, claim: Claim, version: int) -> None:
        with self._lock:
            self.held[claim.seq] = (claim, version)

    def pop(self, seq: int) -> tuple[Claim, int]:
        with self._lock:
            return self.held.pop(seq)

    def tokens(self) -> list[str]:
        with self._lock:
            return [claim.token for claim, _version in self.held.values()]

    def _renew(self) -> None:
        while not self._stop.wait(self.queue.lease_seconds / 3):
            try:
                self.queue.renew(self.tokens())
            except LawdeskError:
                pass  # the server is away for a moment: renewed at the next beat, if the lease has not run out

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def run_shared_batch(url: str, out: Path, workers: int | None = None, progress: Progress | None = None,
                     cancel: CancelToken | None = None, templates_dir: Path | None = None, *,
                     timeout: float = DEFAULT_TIMEOUT, build: BuildFunction | None = None,
                     today: dt.date | None = None, refs: list[str] | None = None, lease: float = DEFAULT_LEASE,
                     store: PostgresStore | None = None) -> BatchResult:
    """Build the cases of the server at `url` (every case, or those named by `refs`) with the other
    machines running the same batch; OUT/batch-report.csv lists them all."""
    if not is_server_url(url):
        raise UnusableInput(_("--store : « {url} » n'est pas l'adresse d'un serveur ; un dossier de dossiers de cas "
                              "se donne comme INPUT (lawdesk batch DOSSIER -o OUT)").format(url=url))
    out = _absolute(out)
    templates_dir = _absolute(templates_dir) if templates_dir else None
    _prepare_out(out)
    store = store or PostgresStore(url)
    settings = Settings(environment_fingerprint(templates_dir), templates_dir, build, current_language(),
                        today or dt.date.today())
    progress = progress or NullProgress()
    queue = BatchQueue(store, lease)
    try:
        ids = [store.find(ref) for ref in refs] if refs else None
        queue.join(batch_key(settings, ids), {"day": settings.today.isoformat(), "language": settings.language}, ids)
        total, done, _elsewhere = queue.progress()
        progress.start(total, _("Constitution des dossiers (partagée avec les autres postes)"))
        claims = _Claims(queue)
        try:
            cancelled = _work(store, queue, claims, settings, out, workers, timeout, cancel, progress)
        finally:
            claims.close()
            queue.give_back(claims.tokens())
        queue.finish()
        result = BatchResult(total=total, rows=[row_from_json(row) for row in queue.rows()], cancelled=cancelled)
        result.report = write_report(out, result.rows)
    finally:
        progress.finish()
        store.close()
    return result


def _work(store: PostgresStore, queue: BatchQueue, claims: _Claims, settings: Settings, out: Path,
          workers: int | None, timeout: float, cancel: CancelToken | None, progress: Progress) -> bool:
    """Build what can be claimed, then wait for the cases other machines hold; True when cancelled."""

    def jobs() -> Iterator[Job]:
        while not (cancel and cancel.cancelled):
            claim = queue.claim()
            if claim is None:
                return
            try:
                case = store.load(claim.case_id)
            except LawdeskError as exc:
                queue.done(claim, row_json(BatchRow(claim.name, claim.reference, "failed", messages=(exc.message,))), False)
                continue
            claims.add(claim, int(case.revision))
            yield Job(claim.seq, claim.name, claim.reference, out / claim.name, case_folder=case.folder)

    def record(job: Job, row: BatchRow) -> None:
        claim, version = claims.pop(job.seq)
        if row.status == "built" and job.dossier is not None:
            try:
                store.publish_folder(claim.case_id, job.dossier, version)
            except (LawdeskError, OSError) as exc:
                reason = exc.message if isinstance(exc, LawdeskError) else str(exc)
                row = BatchRow(row.line_or_folder, row.reference, row.status, row.pages, row.output,
                               (*row.messages, "warning: " + _("dossier non enregistré sur le serveur ({reason})").format(
                                   reason=reason)), row.situation, row.next_deadline, row.next_deadline_what)
        queue.done(claim, row_json(row), row.status == "built")
        total, done, _elsewhere = queue.progress()
        progress.advance(done, f"{row.where()} : {row.status_label()}")

    workers = max(1, workers or os.cpu_count() or 1)
    while True:
        if not Runner(settings, workers, record, timeout, cancel).run(jobs()):
            return True
        total, done, _elsewhere = queue.progress()
        if done >= total:
            return False
        progress.advance(done, _("en attente des cas traités par d'autres postes"))
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if cancel and cancel.cancelled:
                return True
            time.sleep(0.1)
