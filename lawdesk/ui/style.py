"""The look: Fusion with a light palette and a sober style sheet, the same on Windows and macOS.

One explicit look rather than the platform's, so that the colour codes of the form (a red
border on a field in error) read the same everywhere and screenshots match the manual.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, QStandardPaths, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyleFactory

ACCENT = "#1f4e8c"
ERROR = "#b3261e"
WARNING = "#8a5a00"
MUTED = "#7a828e"

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: #f4f5f7; }}
QLabel#pageTitle {{ font-size: {{font*1.5}}; font-weight: 600; color: #1c2430; }}
QLabel#sectionTitle {{ font-size: {{font*1.45}}; font-weight: 600; color: #1c2430; }}
QLabel#panelTitle {{ font-size: {{font*1.15}}; font-weight: 600; color: #1c2430; }}
QLabel#caseTitle {{ font-size: {{font*1.15}}; font-weight: 600; color: #1c2430; }}
QLabel#hint {{ color: #5b6472; }}
QLabel#emptyState {{ color: #5b6472; font-size: {{font*1.08}}; qproperty-alignment: AlignCenter; padding: 40px; }}
QWidget#sectionPage {{ background: #ffffff; }}
QWidget#caseHeader {{ background: #ffffff; border-bottom: 1px solid #d9dde3; }}
QWidget#problemsPanel {{ background: #fafbfc; }}

QGroupBox {{ font-weight: 600; color: #1c2430; border: 1px solid #dfe3e8; border-radius: 6px;
             margin-top: 14px; padding: 16px 14px 12px 14px; background: #ffffff; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; }}

QLineEdit, QPlainTextEdit, QComboBox, QDateEdit, QSpinBox, QListWidget, QTableView {{
    border: 1px solid #c5cbd3; border-radius: 4px; background: #ffffff; selection-background-color: {ACCENT}; }}
QLineEdit, QComboBox, QDateEdit, QSpinBox {{ padding: 4px 6px; min-height: 20px; }}
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
    width: 24px; border: none; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{{down}}"); width: 10px; height: 10px; }}
QSpinBox::up-button, QSpinBox::down-button {{ width: 20px; border: none; }}
QSpinBox::up-arrow {{ image: url("{{up}}"); width: 9px; height: 9px; }}
QSpinBox::down-arrow {{ image: url("{{down}}"); width: 9px; height: 9px; }}
QLabel#fieldLabel {{ min-width: 170px; padding-top: 5px; color: #3b4350; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QDateEdit:focus, QSpinBox:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit:disabled, QDateEdit:disabled, QComboBox:disabled {{ background: #f1f3f5; color: #7a828e; }}
*[problem="error"] {{ border: 1px solid {ERROR}; }}
*[problem="warning"] {{ border: 1px solid #d39b2a; }}
QLabel[problem="error"] {{ border: none; color: {ERROR}; }}
QLabel[problem="warning"] {{ border: none; color: {WARNING}; }}
QLabel[problem="ok"] {{ border: none; color: #1b6e3a; }}

QLabel#statusChip {{ border-radius: 10px; padding: 2px 10px; font-weight: 600; background: #e8ebef; color: #3b4350; }}
QLabel#statusChip[status="draft"] {{ background: #fff1cc; color: #7a5200; }}
QLabel#statusChip[status="ready"] {{ background: #dcf1e3; color: #1b6e3a; }}
QLabel#statusChip[status="letters"] {{ background: #dde8f7; color: {ACCENT}; }}
QLabel#statusChip[status="filing"] {{ background: #ebe0f5; color: #5b2a86; }}
QLabel#statusChip[status="outdated"] {{ background: #fff1cc; color: #7a5200; }}
QLabel#previewCaption {{ color: #3b4350; padding: 0 12px 6px 12px; }}
QLabel#previewCaption[draft="true"] {{ color: {WARNING}; font-weight: 600; }}

QPushButton {{ padding: 5px 12px; border: 1px solid #c5cbd3; border-radius: 4px; background: #ffffff; }}
QPushButton:hover {{ background: #eef2f7; }}
QPushButton:disabled {{ color: #9aa1ab; background: #f4f5f7; }}
QPushButton#primary {{ background: {ACCENT}; color: #ffffff; border: 1px solid {ACCENT}; font-weight: 600; }}
QPushButton#primary:hover {{ background: #2a5fa3; }}
QPushButton#primary:disabled {{ background: #8aa3c4; border-color: #8aa3c4; }}
QPushButton#flat {{ border: none; background: transparent; color: {ACCENT}; font-weight: 600; }}

QListWidget#sectionNav {{ border: none; border-right: 1px solid #d9dde3; background: #eef0f3; padding-top: 10px;
                          outline: 0; }}
QListWidget#sectionNav::item {{ padding: 9px 10px; border-radius: 4px; margin: 1px 6px; color: #1c2430; }}
QListWidget#sectionNav::item:selected {{ background: #ffffff; color: {ACCENT}; font-weight: 600; }}
QHeaderView::section {{ background: #f1f3f5; border: none; border-bottom: 1px solid #d9dde3; padding: 6px; font-weight: 600; }}
QTableView {{ gridline-color: #eceff2; alternate-background-color: #f8f9fb; }}
QTableView::item {{ padding: 0 4px; }}

QFrame#messageBar {{ border-radius: 6px; margin: 8px 12px 0 12px; }}
QFrame#messageBar[kind="info"] {{ background: #e6eef9; border: 1px solid #b7cbe8; }}
QFrame#messageBar[kind="success"] {{ background: #e3f3e8; border: 1px solid #a8d5b6; }}
QFrame#messageBar[kind="warning"] {{ background: #fff4d6; border: 1px solid #ecd08a; }}
QFrame#messageBar[kind="error"] {{ background: #fbe4e2; border: 1px solid #eab2ad; }}
"""


_FONT_SIZE = re.compile(r"\{font\*([\d.]+)\}")


def style_sheet(base_points: float) -> str:
    """The style sheet with its titles sized relative to the system font (`base_points`), so
    that a user's larger font, or a 200 % screen, enlarges them too."""
    return _FONT_SIZE.sub(lambda match: f"{base_points * float(match.group(1)):.1f}pt", STYLE_SHEET)


def _arrows(directory: Path) -> dict[str, str]:
    """Chevron images for combo boxes and spin boxes: once a style sheet styles their buttons,
    Qt draws no arrow of its own."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, points in (("down", ((2, 5), (8, 11), (14, 5))), ("up", ((2, 11), (8, 5), (14, 11)))):
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        with QPainter(pixmap) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor("#4a5361"), 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.drawPolyline([QPointF(x, y) for x, y in points])
        path = directory / f"arrow-{name}.png"
        pixmap.save(str(path))
        paths[name] = path.as_posix()
    return paths


def apply_style(app: QApplication) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#f4f5f7", QPalette.ColorRole.WindowText: "#1c2430",
        QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f8f9fb",
        QPalette.ColorRole.Text: "#1c2430", QPalette.ColorRole.Button: "#ffffff",
        QPalette.ColorRole.ButtonText: "#1c2430", QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1c2430", QPalette.ColorRole.PlaceholderText: "#8a919c",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    arrows = _arrows(Path(cache or tempfile.gettempdir()) / "style")
    sheet = style_sheet(app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0)
    app.setStyleSheet(sheet.replace("{down}", arrows["down"]).replace("{up}", arrows["up"]))
