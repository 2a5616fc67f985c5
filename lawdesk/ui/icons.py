"""The icons that mark problems, from the application style."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from lawdesk.errors import Problem

_PIXMAPS = {"error": QStyle.StandardPixmap.SP_MessageBoxCritical,
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "ok": QStyle.StandardPixmap.SP_DialogApplyButton}


def level_of(problems: Sequence[Problem]) -> str:
    """"error", "warning", or "ok" when there is nothing."""
    if any(p.is_error for p in problems):
        return "error"
    return "warning" if problems else "ok"


def level_icon(level: str) -> QIcon:
    return QApplication.style().standardIcon(_PIXMAPS[level])


def problem_marker(problems: Sequence[Problem], size: int = 16) -> QPixmap | None:
    """A small pixmap for a table row with problems (a pixmap keeps its size in a view with big icons)."""
    return level_icon(level_of(problems)).pixmap(size, size) if problems else None
