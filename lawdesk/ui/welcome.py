"""First start: where the cases will live (the workspace folder), and how to fill them: question by
question (the guided mode, for a first day) or the whole form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from lawdesk.i18n import _
from lawdesk.ui.file_dialogs import existing_folder


class WelcomeDialog(QDialog):
    def __init__(self, proposed: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Bienvenue dans LawDesk"))
        self.setMinimumWidth(560)
        title = QLabel(_("Bienvenue dans LawDesk"), self)
        title.setObjectName("pageTitle")
        text = QLabel(_("Chaque dossier de personne accompagnée est rangé dans votre espace de travail, avec ses "
                        "pièces et les documents produits. Choisissez où le ranger ; un dossier partagé du cabinet "
                        "convient aussi. Vous pourrez en changer plus tard (menu Fichier)."), self)
        text.setWordWrap(True)
        self.path = QLineEdit(str(proposed), self)
        browse = QPushButton(_("Choisir…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.guided = QRadioButton(_("Me guider question par question (conseillé pour débuter)"), self)
        self.expert = QRadioButton(_("Tout le formulaire, section par section (pour les habitués)"), self)
        self.guided.setChecked(True)
        how = QLabel(_("Pour remplir un dossier :"), self)
        later = QLabel(_("Vous pourrez changer à tout moment (menu Affichage, ou le bouton en haut du dossier)."), self)
        later.setObjectName("hint")
        later.setWordWrap(True)
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
        layout.addSpacing(6)
        layout.addWidget(how)
        layout.addWidget(self.guided)
        layout.addWidget(self.expert)
        layout.addWidget(later)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        text = self.path.text().strip()
        chosen = existing_folder(self, "workspace", _("Espace de travail"), Path(text).parent if text else None)
        if chosen is not None:
            self.path.setText(str(chosen))

    def guided_chosen(self) -> bool:
        return self.guided.isChecked()

    def chosen(self) -> Path:
        return Path(self.path.text().strip()).expanduser()
