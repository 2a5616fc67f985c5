"""Edits that could not be saved (the server away, the network folder gone), kept on this computer until
they are: a window that closes or crashes meanwhile loses nothing; the next time the case is opened
here, they are put back and saved (lawdesk.ui.case_editor).

One file per case, in the user's data folder (private, like the cache key), with what the edits started
from (`base`, `revision`) so that they merge with what others saved since.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lawdesk.case.model import Case
from lawdesk.fs import atomic_write_bytes

FOLDER = "non-enregistre"


@dataclass(frozen=True)
class Unsaved:
    data: dict[str, Any]
    base: dict[str, Any]
    revision: str
    when: float


def _path(where: str, ref: str) -> Path:
    from platformdirs import user_data_dir

    name = hashlib.sha256(f"{where}\0{ref}".encode()).hexdigest()[:24]
    return Path(user_data_dir("LawDesk", appauthor=False)) / FOLDER / f"{name}.json"


def keep(where: str, case: Case, base: dict[str, Any]) -> None:
    """Keep the case's unsaved data (never raises: a journal that cannot be written changes nothing)."""
    try:
        content = json.dumps({"ref": case.ref, "revision": case.revision, "when": time.time(), "base": base,
                              "data": case.data}, ensure_ascii=True).encode()
        atomic_write_bytes(_path(where, case.ref), content)
    except (OSError, ValueError, TypeError):
        pass


def found(where: str, ref: str) -> Unsaved | None:
    try:
        raw = json.loads(_path(where, ref).read_text(encoding="utf-8"))
        return Unsaved(raw["data"], raw["base"], str(raw["revision"]), float(raw["when"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def forget(where: str, ref: str) -> None:
    try:
        _path(where, ref).unlink(missing_ok=True)
    except OSError:
        pass
