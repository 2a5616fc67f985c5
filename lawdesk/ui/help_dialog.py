"""« Aide › Guide »: the short guide of lawdesk.guide, chapters on the left, text on the right."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QTextBrowser, QVBoxLayout, QWidget

from lawdesk.guide import chapters
from lawdesk.i18n import _


def guide_html() -> str:
    parts = []
    for number, chapter in enumerate(chapters()):
        parts.append(f"<h2><a name='chapter-{number}'></a>{html.escape(chapter.title)}</h2>")
        parts += [f"<p>{html.escape(text)}</p>" for text in chapter.paragraphs]
        if chapter.points:
            parts.append("<ul>" + "".join(f"<li>{html.escape(point)}</li>" for point in chapter.points) + "</ul>")
    return "".join(parts)


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Guide : les trois étapes et les preuves"))
        self.contents = QListWidget(self)
        self.contents.setObjectName("sectionNav")
        self.contents.setAccessibleName(_("Chapitres du guide"))
        titles = [chapter.title for chapter in chapters()]
        self.contents.addItems(titles)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.setFixedWidth(max(self.fontMetrics().horizontalAdvance(t) for t in titles) + 64)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setHtml(guide_html())
        self.text.setAccessibleName(_("Texte du guide"))
        self.contents.currentRowChanged.connect(lambda row: self.text.scrollToAnchor(f"chapter-{row}"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.contents)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 130, self.fontMetrics().lineSpacing() * 40)
