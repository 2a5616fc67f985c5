"""Bugs (not user errors) are written with their traceback to one log file for the maintainers."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path


def crash_log() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("LawDesk", appauthor=False)) / "crash.log"


def record_crash(exc: BaseException) -> Path | None:
    """Append the traceback of `exc` to the crash log; None if the log cannot be written."""
    log_file = crash_log()
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n")
            log.write("".join(traceback.format_exception(exc)))
    except OSError:
        return None
    return log_file
