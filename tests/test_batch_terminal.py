"""Batch progress on a terminal: a bar on a TTY, plain lines in logs."""

from __future__ import annotations

import io

import pytest

from lawdesk.batch import make_progress_for_terminal
from lawdesk.batch.terminal import PlainLines, TerminalBar, duration


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_tty_gets_a_bar_and_a_pipe_gets_lines() -> None:
    assert isinstance(make_progress_for_terminal(Tty()), TerminalBar)
    assert isinstance(make_progress_for_terminal(io.StringIO()), PlainLines)


def test_bar_shows_done_total_rate_time_left_and_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    stream, clock = Tty(), Clock()
    bar = TerminalBar(stream, clock)
    bar.start(200, "Constitution des dossiers")
    clock.now += 10
    bar.advance(50, "2 en échec · ligne 51 (B-0050) : constitué")
    frame = stream.getvalue().split("\r")[-1]
    assert frame.startswith("[######------------------] 50/200 · 5,0 cas/s · reste 30 s · 2 en échec · ligne 51")
    clock.now += 0.01
    bar.advance(51, "trop tôt")  # redrawn at most ten times a second
    assert "trop tôt" not in stream.getvalue()
    clock.now += 30
    bar.advance(200, "ligne 201 (B-0200) : constitué")
    bar.finish()
    last = stream.getvalue().split("\r")[-1]
    assert last.startswith("[########################] 200/200 · ") and "reste" not in last
    assert last.endswith("\n")


def test_bar_fits_the_terminal_and_erases_a_longer_previous_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    stream, clock = Tty(), Clock()
    bar = TerminalBar(stream, clock)
    bar.start(10, "un libellé bien trop long pour tenir sur une ligne de soixante colonnes")
    clock.now += 1
    bar.advance(1, "")
    first, second = stream.getvalue().split("\r")[1:]
    assert len(first) == 59 and len(second) == 59 and second.rstrip() == "[##----------------------] 1/10 · 1,0 cas/s · reste 9 s"


def test_plain_lines_one_per_case() -> None:
    stream, clock = io.StringIO(), Clock()
    lines = PlainLines(stream, clock)
    lines.start(3, "Constitution des dossiers")
    clock.now += 2
    lines.advance(1, "ligne 2 (A-1) : en échec")
    lines.finish()
    assert stream.getvalue().splitlines() == [
        "Constitution des dossiers : 3 cas",
        "[1/3] 0,5 cas/s · reste 4 s · ligne 2 (A-1) : en échec",
    ]


@pytest.mark.parametrize(("seconds", "text"), [(0.4, "0 s"), (45, "45 s"), (200, "3 min 20 s"), (3900, "1 h 05 min")])
def test_duration(seconds: float, text: str) -> None:
    assert duration(seconds) == text
