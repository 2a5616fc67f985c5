"""Handing files to the rest of the desktop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_path(path: Path) -> bool:
    """Open a file or folder with the system's application (PDF reader, file explorer); False when
    none could (no PDF reader installed): the caller says so."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
