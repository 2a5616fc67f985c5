"""One progress interface for the build, the batch runner, the terminal bar and the Qt dialog."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from lawdesk.errors import Cancelled


class Progress(Protocol):
    def start(self, total: int, label: str) -> None: ...

    def advance(self, done: int, label: str = "") -> None: ...

    def finish(self) -> None: ...


class NullProgress:
    def start(self, total: int, label: str) -> None:
        pass

    def advance(self, done: int, label: str = "") -> None:
        pass

    def finish(self) -> None:
        pass


@contextmanager
def running(progress: Progress, total: int, label: str) -> Iterator[Progress]:
    """`progress` started for the block and finished when it ends, however it ends: a failed or
    cancelled build still closes its bar (or its dialog)."""
    progress.start(total, label)
    try:
        yield progress
    finally:
        progress.finish()


class CancelToken:
    """Set from another thread (a Cancel button, Ctrl-C) or another process; checked between steps of
    the work. `event` is what it reads and sets: a threading.Event by default, a multiprocessing
    Event when the work runs in another process (a batch worker, the window's generation process)."""

    def __init__(self, event: Any = None) -> None:
        self._event = event if event is not None else threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            from lawdesk.i18n import _

            raise Cancelled(_("opération annulée ; rien n'a été écrit"))
