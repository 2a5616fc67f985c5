"""One piece of work done in a forked copy of this process while this one goes on.

A build renders its documents (WeasyPrint, about half of a rebuild) while the pièces are made
ready and copied into the bundle: on two cores this takes the documents off the critical path.

Fork, not spawn: a spawned process would first spend a second importing what a fork inherits
ready (WeasyPrint, its fonts, the templates). And fork only when it is safe: on Linux, when this
process has a single thread (a fork copies the locks other threads hold, forever locked in the
child). Elsewhere — Windows, macOS, a process with threads, a batch worker (its pool already
keeps every core busy: `allow_helper_processes(False)`) — the work is simply done here when its
result is asked for.

The child only ever hands back a result. If it fails in any way (an error, a crash, a result
that cannot be sent), the work is done again here: the error then arises in this process,
with its own type and message, as if there had been no helper.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from lawdesk.progress import CancelToken

T = TypeVar("T")
POLL_SECONDS = 0.05
_allowed = True


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


class Pending(Generic[T]):
    """The result of `function(*args)`, being made in a child process (or made here on demand)."""

    def __init__(self, function: Callable[..., T], args: tuple[Any, ...]) -> None:
        self._function, self._args = function, args
        self._pid: int | None = None
        self._pipe: int | None = None
        if _can_fork():
            self._start()

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code
            status = 1
            try:
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
                gc.disable()  # a collection would touch, hence copy, every page of the inherited memory
                data = pickle.dumps(self._function(*self._args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def result(self, cancel: CancelToken | None = None) -> T:
        """Wait for the child's result (checking `cancel` meanwhile); make it here if there is none."""
        if self._pipe is not None:
            chunks = []
            while True:
                if cancel is not None:
                    cancel.check()
                if not select.select([self._pipe], [], [], POLL_SECONDS)[0]:
                    continue
                chunk = os.read(self._pipe, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
            succeeded = self._reap() == 0
            if succeeded:
                try:
                    return pickle.loads(b"".join(chunks))  # noqa: S301 - written by our own child
                except Exception:  # noqa: BLE001 - a truncated result: made again below
                    pass
        return self._function(*self._args)

    def _reap(self) -> int | None:
        """Close the pipe, wait for the child; its exit status (None if there was none)."""
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._pid is None:
            return None
        _pid, status = os.waitpid(self._pid, 0)
        self._pid = None
        return os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        """Stop the child if it still runs (the build failed or was cancelled meanwhile)."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._reap()


@contextmanager
def beside(function: Callable[..., T], *args: Any) -> Iterator[Pending[T]]:
    """`function(*args)` started in a helper process while the block runs; ask `.result()` in it."""
    pending = Pending(function, args)
    try:
        yield pending
    finally:
        pending.close()
