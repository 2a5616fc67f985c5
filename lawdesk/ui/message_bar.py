"""A bar across the top of a page for what just happened, with buttons to act on it
(« Annuler » after a deletion, « Ouvrir le PDF » after a generation). Never blocks, unlike a dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from lawdesk.i18n import _

Action = tuple[str, Callable[[], object]]


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(14, 8, 8, 8)
        self._layout.addWidget(self.text, 1)
        self._buttons: list[QPushButton] = []
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(_("Fermer"))
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        self._layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, kind: str, text: str, actions: Sequence[Action] = (), timeout_ms: int = 0) -> None:
        """`kind` is "info", "success", "warning" or "error" (the style sheet colours the bar)."""
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        for position, (label, callback) in enumerate(actions, start=1):
            button = QPushButton(label, self)
            button.clicked.connect(self.hide)  # first: the action may show a message of its own
            button.clicked.connect(callback)
            self._layout.insertWidget(position, button)
            self._buttons.append(button)
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText(text)
        self.show()
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()
