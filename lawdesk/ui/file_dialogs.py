"""File and folder dialogs that open where the user keeps things: the folder last used for the same
purpose during this session, else the user's Documents folder (never the program's working folder,
a temporary one when started from a launcher). Their labels follow the interface language
(lawdesk.ui.language installs Qt's translations)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

_last: dict[str, Path] = {}


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder(purpose: str, current: Path | None = None) -> Path:
    """Where a dialog for `purpose` opens: the `current` choice it changes, else the folder last chosen
    for the same purpose, else Documents."""
    for candidate in (current, _last.get(purpose)):
        if candidate is not None and candidate.is_dir():
            return candidate
    return documents_folder()


def open_files(parent: QWidget, purpose: str, title: str, filters: str) -> list[Path]:
    names, _filter = QFileDialog.getOpenFileNames(parent, title, str(start_folder(purpose)), filters)
    chosen = [Path(n) for n in names]
    if chosen:
        _last[purpose] = chosen[0].parent
    return chosen


def open_file(parent: QWidget, purpose: str, title: str, filters: str) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder(purpose)), filters)
    if not name:
        return None
    _last[purpose] = Path(name).parent
    return Path(name)


def existing_folder(parent: QWidget, purpose: str, title: str, current: Path | None = None) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(start_folder(purpose, current)))
    if not name:
        return None
    _last[purpose] = Path(name).parent
    return Path(name)
