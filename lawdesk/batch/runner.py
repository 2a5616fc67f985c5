"""Running jobs on long-lived worker processes, whatever a case does to its worker.

- Bounded memory: jobs are taken from their (lazy) source only to keep at most
  2 × workers in flight.
- Isolation: each worker says which job it starts. When a worker dies (crash, os._exit,
  segfault: BrokenProcessPool), the pool is rebuilt; a job that was running alone is the
  culprit and fails; when several were running, each is run again alone to find out. Jobs
  not started yet are simply resubmitted.
- Timeout: a job running longer than `timeout` has its worker killed and fails.
- Cancel (CancelToken or Ctrl-C): nothing more starts, running builds are asked to stop
  (they are atomic), finished rows are kept.
- Closing: every worker ends; those still there 10 s after the pool's shutdown are killed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from lawdesk import scratch
from lawdesk.batch.jobs import Job
from lawdesk.batch.report import BatchRow
from lawdesk.batch.worker import Settings, run_in_worker, start_worker
from lawdesk.errors import LawdeskError
from lawdesk.i18n import _
from lawdesk.private_api import pool_processes
from lawdesk.progress import CancelToken

DEFAULT_TIMEOUT = 300.0
CANCEL_GRACE = 30.0
CLOSE_GRACE = 10.0
_TICK = 0.1
_FUTILE_BREAKS = 3  # pools that died before running anything: the workers cannot start


def _context() -> Any:
    """forkserver where it exists, spawn elsewhere: never fork a process that may run Qt threads."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _kill(pid: int) -> None:
    try:
        os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
    except OSError:
        pass  # already gone


class _Pool:
    """One executor with its own channels: a killed worker may leave their locks held, so a
    new pool gets new ones."""

    def __init__(self, workers: int, settings: Settings) -> None:
        context = _context()
        self.starts = context.SimpleQueue()
        self.cancel_event = context.Event()
        self.scratch = scratch.create("batch")  # the workers' temporary files, removed by close()
        self.executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=start_worker,
            initargs=(settings, self.starts, self.cancel_event, self.scratch),
        )
        # A reference of our own: shutdown() drops the executor's.
        self._workers = pool_processes(self.executor)

    def started(self) -> Iterator[tuple[int, int]]:
        """(job seq, worker pid) of the jobs started since the last call."""
        while not self.starts.empty():
            yield self.starts.get()

    def close(self, grace: float = CLOSE_GRACE) -> None:
        """Shut the pool down and make sure its workers end, whatever happens meanwhile (a
        Ctrl-C included). A worker killed while it waited for its next job (a timeout or a
        cancel that came as a job ended) dies holding the job queue's lock: the other workers
        then wait for that lock forever, and so would the executor, and the interpreter at exit.
        Running builds are asked to stop; workers still there after `grace` seconds are killed."""
        self.cancel_event.set()
        self.executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + grace
        try:
            while any(process.is_alive() for process in list(self._workers.values())) and time.monotonic() < deadline:
                time.sleep(_TICK)
        finally:
            for process in list(self._workers.values()):
                if process.is_alive():
                    process.kill()
                    process.join()
            scratch.remove(self.scratch)


class Runner:
    """Runs the jobs of one batch; `on_row` is called in the caller's thread as each case ends."""

    def __init__(self, settings: Settings, workers: int, on_row: Callable[[Job, BatchRow], None],
                 timeout: float = DEFAULT_TIMEOUT, cancel: CancelToken | None = None) -> None:
        self.settings = settings
        self.workers = workers
        self.on_row = on_row
        self.timeout = timeout
        self.cancel = cancel
        self._pool: _Pool | None = None
        self._jobs: Iterator[Job] = iter(())
        self._in_flight: dict[Future[BatchRow | None], Job] = {}
        self._running: dict[int, tuple[int, float]] = {}  # seq → (pid, start time)
        self._killed: set[int] = set()
        self._retry: deque[Job] = deque()
        self._suspects: deque[Job] = deque()
        self._isolated: Job | None = None
        self._futile_breaks = 0

    def run(self, jobs: Iterator[Job]) -> bool:
        """Run every job; False when cancelled or interrupted before the end."""
        self._jobs = jobs
        try:
            try:
                finished = self._loop()
            except KeyboardInterrupt:
                finished = False
            if not finished:
                try:
                    self._stop(CANCEL_GRACE)
                except KeyboardInterrupt:  # a second Ctrl-C: stop now
                    self._stop(0)
        finally:
            self._close_pool()
        return finished

    def _loop(self) -> bool:
        while not (self.cancel and self.cancel.cancelled):
            self._fill()
            if not self._in_flight:
                if not (self._retry or self._suspects):
                    return True
                continue
            done, _pending = wait(list(self._in_flight), timeout=_TICK, return_when=FIRST_COMPLETED)
            self._note_starts()
            if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
                self._recover()
            else:
                for future in done:
                    self._finish(future)
                self._enforce_timeout()
        return False

    def _next(self) -> Job | None:
        if self._isolated is not None:
            return None
        if self._suspects:
            if self._in_flight:
                return None
            self._isolated = self._suspects.popleft()
            return self._isolated
        return self._retry.popleft() if self._retry else next(self._jobs, None)

    def _requeue(self, job: Job) -> None:
        if job is self._isolated:
            self._isolated = None
            self._suspects.appendleft(job)
        else:
            self._retry.appendleft(job)

    def _fill(self) -> None:
        while len(self._in_flight) < 2 * self.workers and (job := self._next()) is not None:
            if self._pool is None:
                self._pool = _Pool(self.workers, self.settings)
            try:
                future = self._pool.executor.submit(run_in_worker, job)
            except BrokenProcessPool:
                self._requeue(job)
                if not self._in_flight:  # no future will report the break: rebuild now
                    self._broken([])
                return
            self._in_flight[future] = job

    def _note_starts(self) -> None:
        if self._pool is None:
            return
        in_flight = {job.seq for job in self._in_flight.values()}
        for seq, pid in self._pool.started():
            if seq in in_flight:  # a start heard after its result is stale
                self._running[seq] = (pid, time.monotonic())

    def _finish(self, future: Future[BatchRow | None], stopping: bool = False) -> None:
        job = self._in_flight.pop(future)
        self._running.pop(job.seq, None)
        if job is self._isolated:
            self._isolated = None
        if future.cancelled():
            return
        error = future.exception()
        if error is None:
            self._futile_breaks = 0
            row = future.result()
        elif stopping and isinstance(error, BrokenProcessPool):
            return
        else:  # the job itself catches everything: this is a result that could not come back
            row = job.failed([_("erreur inattendue ({kind} : {detail}) ; signalez-la en joignant ce cas").format(kind=type(error).__name__, detail=error)])
        if row is not None:
            self.on_row(job, row)

    def _enforce_timeout(self) -> None:
        now = time.monotonic()
        for seq, (pid, started) in self._running.items():
            if seq not in self._killed and now - started > self.timeout:
                self._killed.add(seq)
                _kill(pid)

    def _recover(self) -> None:
        """A worker died: every future of the pool ends at once; sort out their jobs."""
        wait(list(self._in_flight))
        self._note_starts()
        broken = []
        for future, job in list(self._in_flight.items()):
            if isinstance(future.exception(), BrokenProcessPool):
                del self._in_flight[future]
                broken.append(job)
            else:
                self._finish(future)
        self._broken(broken)

    def _broken(self, jobs: list[Job]) -> None:
        running = [job for job in jobs if job.seq in self._running and job.seq not in self._killed]
        waiting = [job for job in jobs if job.seq not in self._running]
        killed = [job for job in jobs if job.seq in self._killed]
        self._isolated = None
        self._running.clear()
        self._close_pool()
        for job in killed:
            self.on_row(job, job.failed([_("le traitement de ce cas a dépassé {seconds} s et a été arrêté ; vérifiez ses pièces (fichier très lourd ou endommagé)").format(seconds=round(self.timeout))]))
        if not killed and len(running) == 1:
            self.on_row(running[0], running[0].failed([_("le traitement de ce cas a arrêté brutalement le processus de calcul ; vérifiez ses pièces (fichier endommagé) et signalez le problème")]))
        elif not killed and running:
            self._suspects.extend(running)  # one of them crashed: run each alone
        else:
            waiting = running + waiting  # the cause is known (timeout): the others start again
        self._retry.extendleft(reversed(waiting))
        if killed or running:
            self._futile_breaks = 0
        else:
            self._futile_breaks += 1
            if self._futile_breaks >= _FUTILE_BREAKS:
                raise LawdeskError(_("les processus de calcul s'arrêtent dès leur démarrage ; relancez avec --workers 1 ou réinstallez LawDesk"))

    def _stop(self, grace: float) -> None:
        """Start nothing more; give running builds `grace` seconds to finish or cancel themselves."""
        if self._pool is None:
            return
        self._pool.cancel_event.set()
        self._pool.executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + grace
        while self._in_flight and time.monotonic() < deadline:
            done, _pending = wait(list(self._in_flight), timeout=_TICK)
            self._note_starts()
            for future in done:
                self._finish(future, stopping=True)
        if self._in_flight:
            self._note_starts()
            for pid, _started in self._running.values():
                _kill(pid)
            self._in_flight.clear()
            self._running.clear()

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
