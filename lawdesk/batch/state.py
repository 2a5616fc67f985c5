"""Resume: a case is up to date when the fingerprint of its inputs matches the one stored in
its dossier folder by its last successful build.

The fingerprint covers the case data, the content of every evidence file, the LawDesk
version and the templates, so that changing any of them rebuilds the case. The state file
lives inside the dossier folder and is written after the build: deleting the dossier, or a
build that did not finish, leaves no state and the case is built again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import lawdesk
from lawdesk.case.model import canonical_json
from lawdesk.fs import atomic_write_bytes, file_digest
from lawdesk.paths import templates_dir as builtin_templates

STATE_FILE = ".lawdesk-batch.json"


@dataclass(frozen=True)
class State:
    fingerprint: str
    pages: int | None
    warnings: tuple[str, ...] = ()


def _file_digest(path: Path | None) -> str:
    try:
        return file_digest(path).hex() if path is not None else "absent"
    except OSError:
        return "absent"


def environment_fingerprint(templates_dir: Path | None) -> str:
    """The LawDesk version and every template file (built-in and the clinic's own)."""
    digest = hashlib.sha256(lawdesk.__version__.encode())
    for root in (builtin_templates(), templates_dir):
        if root is None or not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(f"\0{path.relative_to(root).as_posix()}\0{_file_digest(path)}".encode())
    return digest.hexdigest()


def case_fingerprint(environment: str, data: dict[str, Any], files: Iterable[tuple[str, Path | None]], day: dt.date) -> str:
    """`files`: each evidence file as named in the case, with where to read it (None: missing).
    `day`: the day the case is judged; the documents not yet sent are dated that day, and the
    remedies that fit depend on it, so a dossier built on another day is not up to date."""
    document = [environment, day.isoformat(), canonical_json(data), [[name, _file_digest(path)] for name, path in files]]
    return hashlib.sha256(json.dumps(document, ensure_ascii=False).encode()).hexdigest()


def read_state(dossier: Path) -> State | None:
    try:
        raw = json.loads((dossier / STATE_FILE).read_text(encoding="utf-8"))
        return State(str(raw["fingerprint"]), raw.get("pages"), tuple(raw.get("warnings", ())))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_state(dossier: Path, state: State) -> None:
    atomic_write_bytes(dossier / STATE_FILE, json.dumps(asdict(state), ensure_ascii=False, indent=2).encode())
