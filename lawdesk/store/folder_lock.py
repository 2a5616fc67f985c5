"""Who is editing a case folder: a lock file in it, so that two windows, or two volunteers on a
shared network folder, never edit the same case at once.

The lock (`.lawdesk/lock.json`) is created with O_CREAT|O_EXCL, which is atomic on local disks
and on SMB/NFS shares; its holder rewrites the `heartbeat` every half-minute. A lock whose
heartbeat is older than STALE_AFTER, or held on this computer by a process that is gone, is
stale: the window offers to take it over.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

from lawdesk.fs import atomic_write_bytes
from lawdesk.store.base import Holder

LOCK_DIR = ".lawdesk"
LOCK_NAME = "lock.json"
STALE_AFTER = 120
_FIELDS = ("user", "host", "pid", "since", "heartbeat", "token")


def lock_path(case_folder: Path) -> Path:
    return case_folder / LOCK_DIR / LOCK_NAME


def _content(holder: Holder) -> bytes:
    return json.dumps({k: v for k, v in asdict(holder).items() if k in _FIELDS}).encode("utf-8")


def read_holder(path: Path) -> Holder | None:
    """The holder written in a lock file; None if there is none. An unreadable file (half
    written, or damaged) counts as a holder that is long gone."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Holder(str(raw["user"]), str(raw["host"]), int(raw["pid"]), float(raw["since"]),
                      float(raw["heartbeat"]), str(raw["token"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return Holder("?", "?", 0, 0.0, 0.0, "")


def pid_alive(pid: int) -> bool:
    """Whether a process of this computer is running. On Windows os.kill would terminate it:
    there, only the heartbeat tells."""
    if sys.platform == "win32" or pid <= 0:
        return pid > 0
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_stale(holder: Holder, now: float) -> bool:
    if now - holder.heartbeat > STALE_AFTER:
        return True
    return holder.host == socket.gethostname() and not pid_alive(holder.pid)


def _write_new(path: Path, holder: Holder) -> bool:
    """Create the lock file if there is none (atomically); False if another exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(_content(holder))
    return True


class CaseLock:
    """The lock of one case folder, as seen by this window (a `Lease` of the folder store)."""

    def __init__(self, case_folder: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = lock_path(case_folder)
        self._clock = clock
        self.mine: Holder | None = None

    def acquire(self) -> Holder | None:
        """Take the lock: None on success, else who holds it."""
        me = Holder.me(self._clock())
        while not _write_new(self.path, me):
            holder = read_holder(self.path)
            if holder is not None:
                return holder
            # released between our attempt and our read: try again
        self.mine = me
        return None

    def is_stale(self, holder: Holder) -> bool:
        return is_stale(holder, self._clock())

    def take_over(self, stale: Holder) -> Holder | None:
        """Replace the stale lock of `stale`; None on success, else who holds it now (someone
        refreshed it, or took it over first). The lock is moved aside by a rename (atomic: of two
        windows taking over at once, one wins) and put back if it changed meanwhile."""
        aside = self.path.with_name(f"{LOCK_NAME}.{uuid.uuid4().hex}.stale")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return self.acquire()
        moved = read_holder(aside)
        if moved is not None and moved.token != stale.token:
            with contextlib.suppress(OSError):
                os.link(aside, self.path)  # fails if a new lock exists: never overwrites one
        with contextlib.suppress(OSError):
            aside.unlink()
        return self.acquire()

    def refresh(self) -> bool:
        """Write a new heartbeat; False if the lock is no longer ours (taken over meanwhile)."""
        if self.mine is None:
            return False
        current = read_holder(self.path)
        if current is None or current.token != self.mine.token:
            self.mine = None
            return False
        self.mine = replace(self.mine, heartbeat=self._clock())
        try:
            atomic_write_bytes(self.path, _content(self.mine), mode=0o644)  # others read it
        except OSError:
            return True  # the network folder is away for a moment: still ours, try at the next beat
        return True

    def release(self) -> None:
        """Remove the lock if it is still ours."""
        if self.mine is None:
            return
        current = read_holder(self.path)
        if current is not None and current.token == self.mine.token:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.mine = None

    def others(self) -> list[Holder]:
        holder = read_holder(self.path)
        return [holder] if holder is not None and (self.mine is None or holder.token != self.mine.token) else []

    def watch(self) -> None:
        """A folder keeps no list of readers: only the editor is known."""
