"""The icons that mark problems (from the application style), and the date fields' calendar."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
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


def calendar_icon() -> QIcon:
    """A small calendar drawn for the date fields' button (no icon theme on Windows or macOS)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    with QPainter(pixmap) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#4a5361"), 2.4))
        painter.drawRoundedRect(QRectF(4, 7, 24, 21), 3, 3)
        painter.drawLine(QPointF(4, 13), QPointF(28, 13))
        painter.drawLine(QPointF(10, 3), QPointF(10, 9))
        painter.drawLine(QPointF(22, 3), QPointF(22, 9))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1f4e8c"))
        for x, y in ((8, 16), (14, 16), (20, 16), (8, 21), (14, 21)):
            painter.drawRect(QRectF(x, y, 4, 3))
    return QIcon(pixmap)
