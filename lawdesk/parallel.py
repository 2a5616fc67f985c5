"""A list of tasks shared with a forked copy of this process while this one goes on.

A build renders its documents (WeasyPrint, about half of a rebuild) while the pièces are made
ready and copied into the bundle: a helper process starts on the documents at once, and the
build joins in as soon as its own work is done. On two cores this takes most of the documents
off the critical path.

Fork, not spawn: a spawned process would first spend a second importing what a fork inherits
ready (WeasyPrint, its fonts, the templates). And fork only when it is safe: on Linux, when this
process has a single thread (a fork copies the locks other threads hold, forever locked in the
child). Elsewhere — Windows, macOS, a process with threads, a batch worker (its pool already
keeps every core busy: `allow_helper_processes(False)`) — every task is done here when the
results are asked for.

Tasks are claimed one byte at a time from a pipe holding their numbers (a read of one byte is
atomic), so each is done once, by whichever process is free. The child only ever hands back
results: if it fails in any way (an error, a crash, a result that cannot be sent), its tasks are
done again here, where an error then arises with its own type and message, as if there had
been no helper.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Generic, TypeVar

from lawdesk import scratch
from lawdesk.progress import CancelToken

Item = TypeVar("Item")
Result = TypeVar("Result")
POLL_SECONDS = 0.05
MAX_TASKS = 256  # a task number is one byte
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


def _can_fork() -> bool:
    if not (_allowed and sys.platform.startswith("linux") and hasattr(os, "fork")):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # native threads too (Qt's), not only Python's
    except OSError:
        return False


class SharedTasks(Generic[Item, Result]):
    """`function(item)` for every item, started in a child process (or all done here on demand)."""

    def __init__(self, function: Callable[[Item], Result], items: Sequence[Item]) -> None:
        if len(items) > MAX_TASKS:
            raise ValueError(f"at most {MAX_TASKS} shared tasks")
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


@contextmanager
def shared(function: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[SharedTasks[Item, Result]]:
    """`function` applied to `items`, started in a helper process while the block runs; ask
    `.results()` in the block (this process then takes its share of what is left)."""
    tasks: SharedTasks[Item, Result] = SharedTasks(function, items)
    try:
        yield tasks
    finally:
        tasks.close()
