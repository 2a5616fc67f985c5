"""The pre-flight panel: every problem of the case, blocking errors first; a click goes to the field."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from lawdesk.errors import Problem
from lawdesk.i18n import _, ngettext
from lawdesk.ui.form.binding import mark
from lawdesk.ui.icons import level_icon, level_of


class ProblemRow(QFrame):
    """One problem: where it is (in words) and what to do; clicking it goes there."""

    clicked = Signal(str)

    def __init__(self, problem: Problem, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemRow")
        self.problem = problem
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(_("Aller au champ concerné"))
        icon = QLabel(self)
        icon.setPixmap(level_icon(problem.level).pixmap(18, 18))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        message = problem.message[:1].upper() + problem.message[1:]
        self.text = QLabel(f"<b>{html.escape(location)}</b><br>{html.escape(message)}", self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 7, 8, 7)
        layout.setSpacing(8)
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.problem.where)


class ProblemsPanel(QWidget):
    activated = Signal(str)  # the problem's `where`
    checkRequested = Signal()

    def __init__(self, describe: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self._describe = describe
        self.rows: list[ProblemRow] = []
        heading = QLabel(_("Vérification"), self)
        heading.setObjectName("panelTitle")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self._list = QWidget()
        self._list.setObjectName("problemList")
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(4)
        self._list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._list)
        self.evidence_state = QLabel(self)
        self.evidence_state.setObjectName("hint")
        self.evidence_state.setWordWrap(True)
        check = QPushButton(_("Vérifier les pièces"), self)
        check.setToolTip(_("Ouvre chaque fichier de pièce pour vérifier qu'il pourra être joint au dossier"))
        check.clicked.connect(self.checkRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 16, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.evidence_state)
        layout.addWidget(check)

    def set_problems(self, problems: list[Problem]) -> None:
        ordered = [p for p in problems if p.is_error] + [p for p in problems if not p.is_error]
        errors = sum(p.is_error for p in problems)
        warnings = len(problems) - errors
        if errors:
            self.summary.setText(ngettext("{n} erreur bloquante", "{n} erreurs bloquantes", errors).format(n=errors)
                                 + ", " + ngettext("{n} avertissement", "{n} avertissements", warnings).format(n=warnings))
        elif warnings:
            self.summary.setText(ngettext("Prêt à générer, avec {n} avertissement", "Prêt à générer, avec {n} avertissements",
                                          warnings).format(n=warnings))
        else:
            self.summary.setText(_("Aucun problème : le dossier est prêt à être généré."))
        mark(self.summary, level_of(problems))
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for problem in ordered:
            row = ProblemRow(problem, self._describe(problem.where), self._list)
            row.clicked.connect(self.activated)
            self._list_layout.insertWidget(len(self.rows), row)
            self.rows.append(row)

    def set_evidence_state(self, text: str) -> None:
        self.evidence_state.setText(text)
