"""A child process that ends itself when the process that started it is gone.

Killing a process (kill -9, a crash, Cancel in the window) leaves its children running: a pool's
worker, waiting for tasks on a queue whose writing end it holds itself, would wait forever, WeasyPrint
loaded. Each child LawDesk starts watches its parent's sentinel, which works with fork, forkserver and
spawn, on every platform."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable


def end_with_parent(before_exit: Callable[[], None] | None = None) -> None:
    """In a child started by multiprocessing: a daemon thread ends this process (status 1) once its
    parent has ended, after `before_exit` (say, stopping its own children)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        if before_exit is not None:
            before_exit()
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="lawdesk-parent-watch").start()
