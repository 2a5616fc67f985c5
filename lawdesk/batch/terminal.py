"""Batch progress on a terminal: a bar redrawn in place on a TTY, plain lines otherwise (logs,
pipes, CI). Both implement lawdesk.progress.Progress, like the window's progress dialog."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from typing import TextIO

from babel.numbers import format_decimal

from lawdesk.i18n import _, current_language, ngettext
from lawdesk.progress import Progress

_BAR_WIDTH = 24
_REDRAW_EVERY = 0.1  # seconds


def duration(seconds: float) -> str:
    """Time left, as a person reads it: "45 s", "3 min 20 s", "1 h 05 min"."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class _Rate:
    """Cases per second and time left since start()."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.started = clock()
        self.total = 0

    def restart(self, total: int) -> None:
        self.started = self.clock()
        self.total = total

    def figures(self, done: int) -> str:
        elapsed = self.clock() - self.started
        if done <= 0 or elapsed <= 0:
            return ""
        rate = done / elapsed
        figures = _("{rate} cas/s").format(rate=format_decimal(rate, format="0.0", locale=current_language()))
        if done < self.total:
            figures += " · " + _("reste {time}").format(time=duration((self.total - done) / rate))
        return figures


class TerminalBar:
    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.rate = _Rate(clock)
        self._drawn_at = float("-inf")
        self._width = 0

    def start(self, total: int, label: str) -> None:
        self.rate.restart(total)
        self._draw(0, label, force=True)

    def advance(self, done: int, label: str = "") -> None:
        self._draw(done, label, force=done >= self.rate.total)

    def finish(self) -> None:
        if self._width:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0

    def _draw(self, done: int, label: str, force: bool) -> None:
        now = self.rate.clock()
        if not force and now - self._drawn_at < _REDRAW_EVERY:
            return
        self._drawn_at = now
        total = self.rate.total
        filled = _BAR_WIDTH * done // total if total else _BAR_WIDTH
        parts = [f"[{'#' * filled}{'-' * (_BAR_WIDTH - filled)}] {done}/{total}", self.rate.figures(done), label]
        line = " · ".join(part for part in parts if part)
        columns = shutil.get_terminal_size().columns - 1
        line = line[:columns]
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)


class PlainLines:
    """One line per finished case, for logs."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.rate = _Rate(clock)

    def start(self, total: int, label: str) -> None:
        self.rate.restart(total)
        self.stream.write(ngettext("{label} : {total} cas", "{label} : {total} cas", total).format(label=label, total=total) + "\n")
        self.stream.flush()

    def advance(self, done: int, label: str = "") -> None:
        parts = [self.rate.figures(done), label]
        self.stream.write(f"[{done}/{self.rate.total}] " + " · ".join(part for part in parts if part) + "\n")
        self.stream.flush()

    def finish(self) -> None:
        pass


def make_progress_for_terminal(stream: TextIO) -> Progress:
    isatty = getattr(stream, "isatty", None)
    return TerminalBar(stream) if isatty is not None and isatty() else PlainLines(stream)
