"""Préférences: the counsel profile of new cases, the clinic's templates, the workspace (a folder, or
the clinic's server), the language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from lawdesk.i18n import _
from lawdesk.store.url import without_password
from lawdesk.ui import labels
from lawdesk.ui.file_dialogs import existing_folder
from lawdesk.ui.form.binding import name_for_assistive_technology


@dataclass(frozen=True)
class Preferences:
    counsel: dict[str, Any]
    templates_dir: Path | None
    workspace: Path | None
    language: str
    server_url: str = ""  # the clinic's case server, without password; "": the workspace folder


def language_names() -> list[tuple[str, str]]:
    """Each language in its own words: whoever cannot read the current one still finds theirs."""
    return [("fr", "Français"), ("en", "English")]


class FolderField(QWidget):
    """A folder path typed or chosen with « Parcourir… »."""

    def __init__(self, title: str, path: Path | None, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.edit = QLineEdit(str(path) if path else "", self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMinimumWidth(self.edit.fontMetrics().averageCharWidth() * 40)
        browse = QPushButton(_("Parcourir…"), self)
        browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)
        self.setFocusProxy(self.edit)

    def _browse(self) -> None:
        text = self.edit.text().strip()
        chosen = existing_folder(self, self._title, self._title, Path(text) if text else None)
        if chosen is not None:
            self.edit.setText(str(chosen))

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None


class SettingsDialog(QDialog):
    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Préférences"))
        self._initial = preferences
        counsel = preferences.counsel
        address = counsel.get("address") if isinstance(counsel.get("address"), dict) else {}

        profile = QGroupBox(_("Représentant par défaut des nouveaux dossiers"), self)
        form = QFormLayout(profile)
        self.kind = QComboBox(profile)
        self.kind.addItem(_("— aucun —"), None)
        for code, label in labels.counsel_kinds():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(counsel.get("kind"))))
        self._texts: dict[str, QLineEdit] = {}
        rows: list[tuple[str, QWidget]] = [(_("Le demandeur est représenté par"), self.kind)]
        for key, label, value in (
                ("name", _("Nom (avocat ou association)"), counsel.get("name")),
                ("bar", _("Barreau"), counsel.get("bar")),
                ("representative", _("Représentée par (association)"), counsel.get("representative")),
                ("line1", _("Adresse"), address.get("line1")),
                ("line2", _("Complément d'adresse"), address.get("line2")),
                ("postal_code", _("Code postal"), address.get("postal_code")),
                ("city", _("Commune"), address.get("city")),
                ("email", _("Courriel"), counsel.get("email")),
                ("phone", _("Téléphone"), counsel.get("phone"))):
            self._texts[key] = QLineEdit(str(value or ""), profile)
            rows.append((label, self._texts[key]))
        for label, widget in rows:
            self._add_row(form, label, widget)

        where = QGroupBox(_("Dossiers et langue"), self)
        places = QFormLayout(where)
        self.templates = FolderField(_("Choisir le dossier des modèles"), preferences.templates_dir,
                                     _("aucun : les modèles de LawDesk"), where)
        self.workspace = FolderField(_("Choisir l'espace de travail"), preferences.workspace, parent=where)
        self.server = QLineEdit(preferences.server_url, where)
        self.server.setPlaceholderText(_("aucun : les dossiers sont dans l'espace de travail"))
        self.language = QComboBox(where)
        for code, name in language_names():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        self._add_row(places, _("Modèles du cabinet ou de l'association"), self.templates)
        self._add_row(places, _("Espace de travail"), self.workspace)
        self._add_row(places, _("Serveur de la clinique"), self.server)
        server_hint = QLabel(_("Adresse du serveur partagé, par ex. postgresql://prenom@serveur.clinique/lawdesk. "
                               "Le mot de passe n'est jamais enregistré : LawDesk le lit dans la variable "
                               "d'environnement PGPASSWORD ou dans votre fichier .pgpass."), where)
        server_hint.setObjectName("hint")
        server_hint.setWordWrap(True)
        places.addRow(server_hint)
        self._add_row(places, _("Langue de l'interface"), self.language)
        hint = QLabel(_("Les modèles du dossier choisi remplacent ceux de LawDesk qui portent le même nom."), where)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        places.addRow(hint)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(profile)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)

    @staticmethod
    def _add_row(form: QFormLayout, label: str, widget: QWidget) -> None:
        caption = QLabel(label)
        caption.setBuddy(widget)
        name_for_assistive_technology(widget, label)
        form.addRow(caption, widget)

    def preferences(self) -> Preferences:
        text = {key: edit.text().strip() for key, edit in self._texts.items()}
        address = {key: text[key] for key in ("line1", "line2", "postal_code", "city") if text[key]}
        counsel: dict[str, Any] = {key: text[key] for key in ("name", "bar", "representative", "email", "phone")
                                   if text[key]}
        if self.kind.currentData():
            counsel["kind"] = self.kind.currentData()
        if address:
            counsel["address"] = address
        return Preferences(counsel=counsel, templates_dir=self.templates.path(),
                           workspace=self.workspace.path() or self._initial.workspace, language=self.language.currentData(),
                           server_url=without_password(self.server.text()))
