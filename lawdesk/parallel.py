"""A list of tasks shared with a helper process while this one goes on.

A build renders its documents (WeasyPrint, about half of a rebuild) while the pièces are made
ready and copied into the bundle: a helper process starts on the documents at once, and the
build joins in as soon as its own work is done. On two cores this takes most of the documents
off the critical path; a first build shares the making of its pièces into pages the same way.

How the helper starts, fastest first:
- forked (Linux, a process with a single thread): it inherits everything already loaded
  (WeasyPrint, its fonts, the templates) and starts at once. A process with threads must not fork
  (a fork copies the locks other threads hold, forever locked in the child).
- from a helper pool (`start_helper_pool`): Windows and macOS, where fork is not available or not
  safe, and the window's generation process, which has threads. A new process costs about as much
  as a rebuild's documents (an interpreter, WeasyPrint's import): the window's generation process
  starts its pool once, when it starts; a command line starts one only for seconds of work (a first
  build checking, paging and stamping its pièces, `warm_up`), and otherwise does the documents itself.
  The pool's one process is spawned (a new interpreter: safe everywhere, and one step where a
  forkserver takes two) and loads WeasyPrint at once, beside the owner's own start, so that it is
  ready when the first tasks come. `LAWDESK_HELPER=spawn` forces this path on Linux (tests, benchmarks).
- no helper: everything is done here, when the results are asked for (a batch worker, whose pool
  already keeps every core busy: `allow_helper_processes(False)`; or no pool was started).

Forked: tasks are claimed one byte at a time from a pipe holding their numbers (a read of one byte
is atomic), so each is done once, by whichever process is free. Pooled: the same, the helper given
one task at a time once it has started, the next when it hands back the last. Either way
the helper only ever hands back results: if it fails in any way (an error, a crash, a result that
cannot be sent), its tasks are done again here, where an error then arises with its own type and
message, as if there had been no helper.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import pickle
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Generic, Protocol, TypeVar

from lawdesk import scratch
from lawdesk.lifeline import end_with_parent
from lawdesk.private_api import pool_processes
from lawdesk.progress import CancelToken

Item = TypeVar("Item")
Result = TypeVar("Result")
POLL_SECONDS = 0.05
MAX_TASKS = 256  # a task number is one byte: more items are shared by groups
_allowed = True


def _set_parent_death_signal() -> None:
    """Linux: the helper is killed if its parent dies (a crash, kill -9) instead of working on, orphaned."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def allow_helper_processes(allowed: bool) -> None:
    """Whether this process may fork helpers (a batch worker may not: its pool uses every core)."""
    global _allowed
    _allowed = allowed


def _forced(kind: str) -> bool:
    """LAWDESK_HELPER=spawn forces the pooled helper, =none no helper at all (tests, benchmarks)."""
    return os.environ.get("LAWDESK_HELPER") == kind


def _helpers_allowed() -> bool:
    return _allowed and not _forced("none")


def _can_fork() -> bool:
    if not (_helpers_allowed() and sys.platform.startswith("linux") and hasattr(os, "fork")) or _forced("spawn"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # native threads too (Qt's), not only Python's
    except OSError:
        return False


class SharedTasks(Protocol[Item, Result]):
    def results(self, cancel: CancelToken | None = None) -> list[Result]: ...

    def close(self) -> None: ...


class ForkedTasks(Generic[Item, Result]):
    """`function(item)` for every item, started in a forked child process (or all done here on demand)."""

    def __init__(self, function: Callable[[Item], Result], items: Sequence[Item]) -> None:
        self._function, self._items = function, list(items)
        self._pid: int | None = None
        self._results_pipe: int | None = None
        self._results: list[Result] | None = None
        self._scratch: str | None = None
        tasks_read, tasks_write = os.pipe()
        os.write(tasks_write, bytes(range(len(self._items))))  # far below a pipe's capacity
        os.close(tasks_write)
        os.set_blocking(tasks_read, False)
        self._tasks: int | None = tasks_read
        if _can_fork():
            self._start()

    def _claim(self) -> int | None:
        """The number of a task nobody has taken yet, or None."""
        try:
            taken = os.read(self._tasks, 1) if self._tasks is not None else b""
        except BlockingIOError:
            return None
        return taken[0] if taken else None

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        parent = os.getpid()
        self._scratch = scratch.create("helper")  # the child's temporary files: see lawdesk.scratch
        try:
            pid = os.fork()
        except OSError:  # a process limit, no memory: no helper, the work is done here
            os.close(read_end)
            os.close(write_end)
            self._remove_scratch()
            return
        if pid == 0:  # the child: never returns into the caller's code
            try:
                scratch.use(self._scratch)
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
                _set_parent_death_signal()
                if os.getppid() != parent:  # the parent died before the signal was set
                    return
                gc.disable()  # a collection would touch, hence copy, every page of the inherited memory
                done = {}
                while (index := self._claim()) is not None:
                    done[index] = self._function(self._items[index])
                data = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as out:
                    out.write(data)
            finally:
                os._exit(0)
        os.close(write_end)
        self._pid, self._results_pipe = pid, read_end

    def results(self, cancel: CancelToken | None = None) -> list[Result]:
        """Every result, in the order of the items: the tasks nobody took are done here, then the
        child's results are awaited (checking `cancel` meanwhile); what it could not give is done here."""
        if self._results is None:
            done: dict[int, Result] = {}
            while (index := self._claim()) is not None:
                if cancel is not None:
                    cancel.check()
                done[index] = self._function(self._items[index])
            done.update(self._child_results(cancel))
            for index, item in enumerate(self._items):
                if index not in done:
                    done[index] = self._function(item)
            self._results = [done[index] for index in range(len(self._items))]
        return self._results

    def _child_results(self, cancel: CancelToken | None) -> dict[int, Result]:
        """What the child did: it writes its results only once all are pickled, so anything that
        does not unpickle (nothing written, a crash halfway) means none."""
        if self._results_pipe is None:
            return {}
        chunks = []
        while True:
            if cancel is not None:
                cancel.check()
            if not select.select([self._results_pipe], [], [], POLL_SECONDS)[0]:
                continue
            chunk = os.read(self._results_pipe, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        self._reap()
        try:
            return pickle.loads(b"".join(chunks))  # noqa: S301 - written by our own child
        except Exception:  # noqa: BLE001 - nothing or a truncated result: its tasks are done again here
            return {}

    def _reap(self) -> None:
        """Close the results pipe and wait for the child."""
        if self._results_pipe is not None:
            os.close(self._results_pipe)
            self._results_pipe = None
        if self._pid is not None:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:  # SIGCHLD ignored by whoever embeds LawDesk: reaped already
                pass
            self._pid = None

    def close(self) -> None:
        """Stop the child if it still runs (the build failed or was cancelled meanwhile)."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._reap()
        self._remove_scratch()
        if self._tasks is not None:
            os.close(self._tasks)
            self._tasks = None

    def _remove_scratch(self) -> None:
        if self._scratch is not None:
            scratch.remove(self._scratch)
            self._scratch = None


# The helper pool of this process (start_helper_pool), what it is given, and its scratch folder.
_pool: ProcessPoolExecutor | None = None
_helper: _Helper | None = None
_pool_scratch: str | None = None


class _Helper:
    """The pool's one process, given one task at a time, once it has started, from the oldest list that
    has tasks left (a build's documents, then its pièces). A task queued behind others, or behind a
    start still importing WeasyPrint, would be waited for when the build has done all the others."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool
        self.lock = threading.Lock()  # also each PooledTasks': a task is claimed by one process only
        self._busy, self._broken = True, False  # starting
        self._lists: list[PooledTasks] = []
        pool.submit(int).add_done_callback(self._free)  # a task to start the process now, not at the first real one

    def share(self, tasks: PooledTasks) -> None:
        with self.lock:
            self._lists.append(tasks)
        self._give_one()

    def withdraw(self, tasks: PooledTasks) -> None:
        with self.lock:
            if tasks in self._lists:
                self._lists.remove(tasks)

    def _free(self, finished: Future[object]) -> None:
        """The helper has started, or handed back a task (run by the pool's own thread)."""
        with self.lock:
            self._busy = False
            self._broken |= finished.cancelled()  # the pool was stopped
        self._give_one()

    def _give_one(self) -> None:
        with self.lock:
            if self._busy or self._broken:
                return
            while self._lists and (index := self._lists[0].claim()) is None:
                self._lists.pop(0)
            if not self._lists:
                return
            tasks = self._lists[0]
            try:
                future = self.pool.submit(tasks.function, tasks.items[index])
            except Exception:  # noqa: BLE001 - a broken pool (its process died): the task is done here
                self._broken = True
                future = Future()
                future.set_exception(RuntimeError("no helper"))
            tasks.given[index] = future
            self._busy = True
        future.add_done_callback(self._free)


def _pool_started(folder: str) -> None:
    """In the pool's process, first thing: its temporary files go into the folder its owner removes,
    it ends with its owner (killed, the owner never stops it), Ctrl-C is the owner's to handle, and
    WeasyPrint is loaded before any task comes."""
    scratch.use(folder)
    end_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from lawdesk.htmlpdf import load_weasyprint

    load_weasyprint()


def start_helper_pool() -> None:
    """Start this process's helper (once; it lives until `stop_helper_pool` or the exit). Called early by
    the owner of the process — the window's generation process when it starts, a build before seconds of
    shared work (`warm_up`) — so that the helper's start-up runs beside the owner's own work. Does nothing
    where helpers are not allowed."""
    global _pool, _helper, _pool_scratch
    if _pool is not None or not _helpers_allowed():
        return
    _pool_scratch = scratch.create("helper")
    _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                initializer=_pool_started, initargs=(_pool_scratch,))
    _helper = _Helper(_pool)
    atexit.register(stop_helper_pool)


def warm_up() -> None:
    """Before seconds of shared work: where the helper cannot be forked, start the pool (if none runs)."""
    if not _can_fork():
        start_helper_pool()


def stop_helper_pool() -> None:
    """Stop the helper, killing it if it is busy, and remove its temporary files."""
    global _pool, _helper, _pool_scratch
    pool, folder, _pool, _helper, _pool_scratch = _pool, _pool_scratch, None, None, None
    if pool is not None:
        processes = dict(pool_processes(pool))
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes.values():
            process.kill()
            process.join(5)
    if folder is not None:
        scratch.remove(folder)


class PooledTasks(Generic[Item, Result]):
    """`function(item)` for every item, in the list's order, by whichever of the helper and this process
    is free (the helper when `_Helper` gives it one)."""

    def __init__(self, helper: _Helper, function: Callable[[Item], Result], items: Sequence[Item]) -> None:
        self.function, self.items = function, list(items)
        self.given: dict[int, Future[Result]] = {}  # the tasks the helper took
        self._helper, self._lock = helper, helper.lock
        self._next = 0  # the first task nobody has taken
        self._results: list[Result] | None = None
        helper.share(self)

    def claim(self) -> int | None:
        """The number of a task nobody has taken yet, or None; called with the lock held."""
        if self._next == len(self.items):
            return None
        self._next += 1
        return self._next - 1

    def results(self, cancel: CancelToken | None = None) -> list[Result]:
        if self._results is None:
            done: dict[int, Result] = {}
            while True:
                with self._lock:
                    index = self.claim()
                if index is None:
                    break
                if cancel is not None:
                    cancel.check()
                done[index] = self.function(self.items[index])
            with self._lock:
                given = dict(self.given)
            for index, future in given.items():
                while not future.done():
                    if cancel is not None:
                        cancel.check()
                    wait([future], timeout=POLL_SECONDS)
                try:
                    done[index] = future.result()
                except Exception:  # noqa: BLE001 - an error or a crash there: done again here, with its own error
                    done[index] = self.function(self.items[index])
            self._results = [done[index] for index in range(len(self.items))]
        return self._results

    def close(self) -> None:
        """The build failed or was cancelled: the helper is given nothing more of these, and what it is
        still doing is stopped, with its pool (its owner starts one again before its next build)."""
        self._helper.withdraw(self)
        with self._lock:
            given = list(self.given.values())
        if self._results is None and any(not future.done() for future in given):
            stop_helper_pool()


class _EachOf(Generic[Item, Result]):
    """`function` over a group of items, as one task (picklable, for the pooled helper)."""

    def __init__(self, function: Callable[[Item], Result]) -> None:
        self.function = function

    def __call__(self, group: Sequence[Item]) -> list[Result]:
        return [self.function(item) for item in group]


class _Grouped(Generic[Item, Result]):
    """More items than task numbers: shared by consecutive groups, results given back one per item."""

    def __init__(self, tasks: SharedTasks[Sequence[Item], list[Result]]) -> None:
        self._tasks = tasks

    def results(self, cancel: CancelToken | None = None) -> list[Result]:
        return [result for group in self._tasks.results(cancel) for result in group]

    def close(self) -> None:
        self._tasks.close()


def _started(function: Callable[[Item], Result], items: Sequence[Item]) -> SharedTasks[Item, Result]:
    if len(items) > MAX_TASKS:  # a dossier of hundreds of pièces
        size = -(-len(items) // MAX_TASKS)
        groups = [items[start:start + size] for start in range(0, len(items), size)]
        return _Grouped(_started(_EachOf(function), groups))
    if _helper is not None and _helpers_allowed() and not _can_fork():
        return PooledTasks(_helper, function, items)
    return ForkedTasks(function, items)


@contextmanager
def shared(function: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[SharedTasks[Item, Result]]:
    """`function` applied to `items`, started in a helper process while the block runs; ask
    `.results()` in the block (this process then takes its share of what is left)."""
    tasks = _started(function, items)
    try:
        yield tasks
    finally:
        tasks.close()
