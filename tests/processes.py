"""Whether processes a test started are still running (a zombie left to an init that does not reap
it counts as ended)."""

from __future__ import annotations

import time


def is_running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


def still_running(pids: list[int], seconds: float = 10) -> list[int]:
    """The processes of `pids` still running after waiting up to `seconds` for them to end."""
    deadline = time.monotonic() + seconds
    while (alive := [pid for pid in pids if is_running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive
