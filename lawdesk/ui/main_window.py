"""The main window: the case list, or one case open in its editor."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QStackedWidget, QWidget

from lawdesk import __version__
from lawdesk.case.model import load_case
from lawdesk.errors import LawdeskError
from lawdesk.i18n import _
from lawdesk.ui.case_list import CaseListPage
from lawdesk.ui.desktop import open_path
from lawdesk.ui.settings import AppSettings
from lawdesk.ui.worker import Job, Worker
from lawdesk.ui.workspace import Workspace, output_dir

if TYPE_CHECKING:
    from lawdesk.ui.case_editor import CaseEditor


def _load_editor() -> None:
    """The case editor pulls in the validation (jsonschema) and QtPdf: about a third of a second
    of imports, done in the background once the window is up rather than before it shows."""
    import lawdesk.ui.case_editor  # noqa: F401


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: AppSettings | None = None, worker: Worker | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.worker = worker or Worker(parent=self)
        self.editor: CaseEditor | None = None
        self.setWindowTitle("LawDesk")
        self.setMinimumSize(1000, 640)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.cases = self._list_page(workspace)
        self._build_menus()
        geometry = settings.window_geometry if settings else None
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1360, 860)
        self._update_actions()
        self.worker.start(Job(lambda _progress, _cancel: _load_editor()))

    def _list_page(self, workspace: Workspace) -> CaseListPage:
        page = CaseListPage(workspace, self.worker, self)
        page.openRequested.connect(self.open_case)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        page.refresh()
        return page

    def _build_menus(self) -> None:
        def action(menu: object, text: str, slot: object, shortcut: QKeySequence | str | None = None) -> QAction:
            created = QAction(text, self)
            if shortcut is not None:
                created.setShortcut(QKeySequence(shortcut))
            created.triggered.connect(slot)
            menu.addAction(created)  # type: ignore[attr-defined]
            return created

        files = self.menuBar().addMenu(_("&Fichier"))
        action(files, _("Nouveau dossier…"), lambda: self.cases.ask_new_case(), QKeySequence.StandardKey.New)
        action(files, _("Importer un dossier…"), lambda: self.cases.ask_import(), "Ctrl+I")
        files.addSeparator()
        action(files, _("Ouvrir l'espace de travail dans l'explorateur"), lambda: open_path(self.cases.workspace.root))
        action(files, _("Changer d'espace de travail…"), self._change_workspace)
        files.addSeparator()
        action(files, _("Quitter"), self.close, QKeySequence.StandardKey.Quit)

        case = self.menuBar().addMenu(_("&Dossier"))
        self.save_action = action(case, _("Enregistrer maintenant"), self._save, QKeySequence.StandardKey.Save)
        self.check_action = action(case, _("Vérifier les pièces"), lambda: self.editor and self.editor.check_evidence(), "F5")
        self.generate_action = action(case, _("Générer le dossier"), lambda: self.editor and self.editor.generate(), "Ctrl+G")
        self.output_action = action(case, _("Ouvrir le dossier généré"),
                                    lambda: self.editor and open_path(output_dir(self.editor.case.folder)))
        case.addSeparator()
        self.close_action = action(case, _("Fermer le dossier"), self.show_list, QKeySequence.StandardKey.Close)

        help_menu = self.menuBar().addMenu(_("&Aide"))
        action(help_menu, _("À propos de LawDesk"), self._about)

    def _update_actions(self) -> None:
        for item in (self.save_action, self.check_action, self.generate_action, self.output_action, self.close_action):
            item.setEnabled(self.editor is not None)

    # navigation

    def open_case(self, folder: Path) -> CaseEditor | None:
        from lawdesk.ui.case_editor import CaseEditor

        self.show_list()
        try:
            case = load_case(folder)
        except LawdeskError as exc:
            self.cases.messages.show_message("error", exc.message)
            return None
        self.editor = CaseEditor(case, self.worker, self)
        self.editor.closeRequested.connect(self.show_list)
        self.stack.addWidget(self.editor)
        self.stack.setCurrentWidget(self.editor)
        self.setWindowTitle(_("{reference} — LawDesk").format(reference=case.reference))
        self._update_actions()
        return self.editor

    def show_list(self) -> None:
        if self.editor is not None:
            self.editor.flush()
            folder = self.editor.case.folder
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
            self.cases.refresh(select=folder)
        self.stack.setCurrentWidget(self.cases)
        self.setWindowTitle("LawDesk")
        self._update_actions()

    def _save(self) -> None:
        if self.editor is not None:
            self.editor.flush()

    def _change_workspace(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Choisir l'espace de travail"), str(self.cases.workspace.root))
        if not chosen:
            return
        self.show_list()
        self.stack.removeWidget(self.cases)
        self.cases.deleteLater()
        self.cases = self._list_page(Workspace(Path(chosen)))
        if self.settings is not None:
            self.settings.workspace = Path(chosen)

    def _about(self) -> None:
        QMessageBox.about(self, _("À propos de LawDesk"), _(
            "<b>LawDesk {version}</b><br>Dossiers pour les personnes bloquées par le téléservice ANEF : courrier au "
            "préfet, réclamation à la Défenseure des droits, référé « mesures utiles ».<br><br>LawDesk fonctionne "
            "hors ligne : aucune donnée ne quitte cet ordinateur.").format(version=__version__))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Nothing typed is lost: the open case is saved before the window goes."""
        if self.editor is not None and not self.editor.flush():
            answer = QMessageBox.warning(
                self, _("Enregistrement impossible"),
                _("Les dernières modifications n'ont pas pu être enregistrées. Fermer quand même ?"),
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                return
        if self.settings is not None:
            self.settings.window_geometry = self.saveGeometry()
        self.worker.shutdown()
        event.accept()
