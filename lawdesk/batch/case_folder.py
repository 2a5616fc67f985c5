"""Writing the case folder of a spreadsheet row: case.json and its own copy of every pièce.

The copy keeps the case self-contained (contract.md section 1: pièce paths stay inside the
case folder), so it can later be opened, edited and rebuilt on its own. Files are hard-linked
when the file system allows it: 500 cases of photos are not duplicated on disk.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lawdesk.case.model import CASE_FILE, canonical_json
from lawdesk.fs import replace_folder


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_case_folder(folder: Path, data: dict[str, Any], files: Iterable[tuple[str, Path]]) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        (temporary / CASE_FILE).write_bytes(canonical_json(data).encode("utf-8"))
        for name, source in files:
            target = temporary / name
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(source, target)
        replace_folder(temporary, folder)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
