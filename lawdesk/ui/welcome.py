"""First start: where the cases will live (the workspace folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from lawdesk.i18n import _


class WelcomeDialog(QDialog):
    def __init__(self, proposed: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Bienvenue dans LawDesk"))
        self.setMinimumWidth(560)
        title = QLabel(_("Bienvenue dans LawDesk"), self)
        title.setObjectName("pageTitle")
        text = QLabel(_("Chaque dossier est un sous-dossier de votre espace de travail : ses données (case.json), "
                        "ses pièces et les documents générés. Choisissez où le ranger ; un dossier partagé du "
                        "cabinet convient aussi. Vous pourrez en changer plus tard (menu Fichier)."), self)
        text.setWordWrap(True)
        self.path = QLineEdit(str(proposed), self)
        browse = QPushButton(_("Choisir…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Commencer"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(QLabel(_("Espace de travail :"), self))
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Espace de travail"), self.path.text())
        if chosen:
            self.path.setText(chosen)

    def chosen(self) -> Path:
        return Path(self.path.text().strip()).expanduser()
