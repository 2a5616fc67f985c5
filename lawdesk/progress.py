"""One progress interface for the build, the batch runner, the terminal bar and the Qt dialog."""

from __future__ import annotations

import threading
from typing import Protocol

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


class CancelToken:
    """Set from another thread (a Cancel button, Ctrl-C); checked between steps of the work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            from lawdesk.i18n import _

            raise Cancelled(_("opération annulée ; rien n'a été écrit"))
