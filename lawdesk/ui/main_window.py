"""The main window: the case list, or one case open in its editor."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox, QStackedWidget, QWidget

from lawdesk import __version__
from lawdesk.errors import LawdeskError
from lawdesk.i18n import _, current_language
from lawdesk.ui.case_list import CaseListPage
from lawdesk.ui.desktop import open_path
from lawdesk.ui.file_dialogs import existing_folder
from lawdesk.ui.language import apply_language
from lawdesk.ui.lock_keeper import LockKeeper, lock_case, lost_message
from lawdesk.ui.settings import AppSettings
from lawdesk.ui.worker import Job, Worker
from lawdesk.store import open_store
from lawdesk.store.base import CaseStore

if TYPE_CHECKING:
    from lawdesk.ui.case_editor import CaseEditor


def _load_editor() -> None:
    """The case editor pulls in the validation (jsonschema) and QtPdf: about a third of a second
    of imports, done in the background once the window is up rather than before it shows."""
    import lawdesk.ui.case_editor  # noqa: F401


def redo_shortcuts() -> list[QKeySequence]:
    """The platform's Redo, plus the two every user knows (Ctrl+Y, Ctrl+Maj+Z)."""
    found = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    for extra in (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")):
        if extra not in found:
            found.append(extra)
    return found


class MainWindow(QMainWindow):
    def __init__(self, store: CaseStore, settings: AppSettings | None = None, worker: Worker | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.worker = worker or Worker(parent=self)
        self.editor: CaseEditor | None = None
        self.lock: LockKeeper | None = None
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle("LawDesk")
        self.setMinimumSize(1000, 640)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.cases = self._list_page(store)
        self._build_menus()
        geometry = settings.window_geometry if settings else None
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1360, 860)
        self._update_actions()
        self.worker.start(Job(lambda _progress, _cancel: _load_editor()))

    def _list_page(self, store: CaseStore) -> CaseListPage:
        page = CaseListPage(store, self.worker, self, counsel_profile=lambda: self.settings.counsel if self.settings else {})
        page.openRequested.connect(self.open_case)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        page.refresh()
        return page

    def _build_menus(self) -> None:
        def action(menu: QMenu, text: str, slot: Any, shortcut: QKeySequence | str | None = None) -> QAction:
            created = QAction(text, self)
            if shortcut is not None:
                created.setShortcut(QKeySequence(shortcut))
            created.triggered.connect(slot)
            menu.addAction(created)
            return created

        files = self.menuBar().addMenu(_("&Fichier"))
        action(files, _("&Nouveau dossier…"), lambda: self.cases.ask_new_case(), QKeySequence.StandardKey.New)
        action(files, _("&Importer un dossier…"), lambda: self.cases.ask_import(), "Ctrl+I")
        action(files, _("&Traitement par lot…"), self.open_batch, "Ctrl+Shift+B")
        files.addSeparator()
        self.explore_action = action(files, _("Ouvrir l'espace de travail dans l'&explorateur"), self._explore)
        action(files, _("&Changer d'espace de travail…"), self._change_workspace)
        files.addSeparator()
        action(files, _("&Quitter"), self.close, QKeySequence.StandardKey.Quit)

        edit = self.menuBar().addMenu(_("É&dition"))
        self.undo_action = self.undo_group.createUndoAction(self, _("&Annuler"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, _("&Rétablir"))
        self.redo_action.setShortcuts(redo_shortcuts())
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        action(edit, _("&Préférences…"), self.open_preferences, "Ctrl+,")

        view = self.menuBar().addMenu(_("Affic&hage"))
        self.guided_action = action(view, _("Mode &guidé (question par question)"), self._guided_chosen, "Ctrl+M")
        self.guided_action.setCheckable(True)
        self.guided_action.setChecked(bool(self.settings and self.settings.guided))

        case = self.menuBar().addMenu(_("D&ossier"))
        self.save_action = action(case, _("&Enregistrer maintenant"), self._save, QKeySequence.StandardKey.Save)
        self.check_action = action(case, _("&Vérifier les pièces"), lambda: self.editor and self.editor.check_evidence(), "F5")
        self.generate_action = action(case, _("&Générer le dossier"), lambda: self.editor and self.editor.generate(), "Ctrl+G")
        self.output_action = action(case, _("&Ouvrir le dossier généré"),
                                    lambda: self.editor and open_path(self.store.dossier_folder(self.editor.case)))
        case.addSeparator()
        self.close_action = action(case, _("&Fermer le dossier"), self.show_list, QKeySequence.StandardKey.Close)

        help_menu = self.menuBar().addMenu(_("&Aide"))
        action(help_menu, _("&Guide : les trois étapes et les preuves"), self.open_guide, QKeySequence.StandardKey.HelpContents)
        help_menu.addSeparator()
        action(help_menu, _("À &propos de LawDesk"), self._about)

    def _guided_chosen(self, guided: bool) -> None:
        """The guided mode switched on or off (menu or the case's own button): remembered for the next cases."""
        self.guided_action.setChecked(guided)
        if self.settings is not None:
            self.settings.guided = guided
        if self.editor is not None and self.editor.is_guided != guided:
            self.editor.set_guided(guided)

    def open_guide(self) -> None:
        from lawdesk.ui.help_dialog import GuideDialog

        GuideDialog(self).show()

    @property
    def store(self) -> CaseStore:
        return self.cases.store

    def _explore(self) -> None:
        root = self.store.local_root()
        if root is not None:
            open_path(root)

    def _update_actions(self) -> None:
        self.explore_action.setEnabled(self.store.local_root() is not None)
        for item in (self.save_action, self.check_action, self.output_action, self.close_action):
            item.setEnabled(self.editor is not None)
        self.generate_action.setEnabled(self.editor is not None and not self.editor.read_only)

    # navigation

    def open_case(self, ref: str) -> CaseEditor | None:
        """Open a case for editing, or read-only when another window or computer has it open."""
        from lawdesk.ui.case_editor import CaseEditor

        self.show_list()
        try:
            case = self.store.load(ref)
            self.lock, held_by = lock_case(self.store.lease(ref), self)
        except LawdeskError as exc:
            self.cases.messages.show_message("error", exc.message)
            return None
        self.editor = CaseEditor(case, self.store, self.worker, self,
                                 self.settings.templates_dir if self.settings else None, self.lock)
        self.editor.closeRequested.connect(self.show_list)
        self.undo_group.addStack(self.editor.form.history)
        self.editor.set_guided(self.guided_action.isChecked())
        self.editor.guidedChanged.connect(self._guided_chosen)
        if self.lock is None or not self.lock.editing:
            self.editor.set_read_only(held_by)
        else:
            self.lock.lost.connect(self._lock_lost)
            self.undo_group.setActiveStack(self.editor.form.history)
            self.editor.recover_unsaved()
        self.stack.addWidget(self.editor)
        self.stack.setCurrentWidget(self.editor)
        self.setWindowTitle(_("{reference} — LawDesk").format(reference=case.reference))
        self._update_actions()
        return self.editor

    def _lock_lost(self) -> None:
        if self.editor is not None:
            self.editor.set_read_only(lost_message())
            self._update_actions()

    def show_list(self) -> None:
        if self.editor is not None:
            self.editor.leave()
            ref = self.editor.case.ref
            self.undo_group.removeStack(self.editor.form.history)
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
            self._release_lock()
            self.cases.refresh(select=ref)
        self.stack.setCurrentWidget(self.cases)
        self.setWindowTitle("LawDesk")
        self._update_actions()

    def _release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock.deleteLater()
            self.lock = None

    def _save(self) -> None:
        if self.editor is not None:
            self.editor.flush()

    def _change_workspace(self) -> None:
        chosen = existing_folder(self, "workspace", _("Choisir l'espace de travail"), self.store.local_root())
        if chosen is not None:
            self.set_workspace(chosen)

    def set_workspace(self, location: Path | str) -> bool:
        """Show the cases of another workspace folder or server (remembered for the next start); False,
        with the reason on screen, when it cannot be opened."""
        try:
            store = open_store(location)
        except (LawdeskError, OSError) as exc:
            self.cases.messages.show_message("error", exc.message if isinstance(exc, LawdeskError) else _(
                "espace de travail inutilisable : {folder} ({reason})").format(folder=location, reason=exc.strerror))
            return False
        self.show_list()
        previous = self.store
        self._replace_list_page(store)
        previous.close()
        if self.settings is not None:
            self.settings.store_location = location
        return True

    def _replace_list_page(self, store: CaseStore) -> None:
        self.stack.removeWidget(self.cases)
        self.cases.deleteLater()
        self.cases = self._list_page(store)

    # settings, language, batch

    def open_preferences(self) -> None:
        from lawdesk.ui.settings_dialog import Preferences, SettingsDialog

        settings = self.settings or AppSettings()
        current = Preferences(settings.counsel, settings.templates_dir, settings.workspace or self.store.local_root(),
                              current_language(), settings.server_url or "")
        dialog = SettingsDialog(current, self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        chosen = dialog.preferences()
        settings.counsel = chosen.counsel
        settings.templates_dir = chosen.templates_dir
        if self.editor is not None:
            self.editor.templates_dir = chosen.templates_dir
        if chosen.server_url != current.server_url or chosen.workspace != current.workspace:
            self.set_workspace(chosen.server_url or chosen.workspace)
        if chosen.language != current.language:
            settings.language = chosen.language
            self.switch_language(chosen.language)

    def switch_language(self, language: str) -> None:
        """Show the window in `language` without losing anything: the open case is saved, the
        widgets are built again in the new language and the case reopens on the same section
        (its undo history starts afresh)."""
        ref = section = None
        if self.editor is not None:
            if not self.editor.read_only and not self.editor.flush():
                return  # the autosave failed: its message is on screen, nothing is rebuilt
            ref, section = self.editor.case.ref, self.editor.nav.currentRow()
        self.show_list()
        app = QApplication.instance()
        assert app is not None
        apply_language(app, language)
        self.menuBar().clear()
        self._build_menus()
        self._replace_list_page(self.store)
        if ref is not None:
            editor = self.open_case(ref)
            if editor is not None and section is not None:
                editor.nav.setCurrentRow(section)
        self._update_actions()

    def open_batch(self) -> None:
        from lawdesk.ui.batch_dialog import BatchDialog

        dialog = BatchDialog(self.store, self.worker, self.settings, self)
        dialog.casesImported.connect(lambda: self.cases.refresh())
        dialog.show()

    def _about(self) -> None:
        QMessageBox.about(self, _("À propos de LawDesk"), _(
            "<b>LawDesk {version}</b><br>Dossiers pour les personnes bloquées par le téléservice ANEF : courrier au "
            "préfet, réclamation à la Défenseure des droits, référé « mesures utiles ».<br><br>LawDesk fonctionne "
            "hors ligne : aucune donnée ne quitte cet ordinateur.").format(version=__version__))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Nothing typed is lost: the open case is saved before the window goes."""
        if self.editor is not None and not self.editor.leave():
            answer = QMessageBox.warning(
                self, _("Enregistrement impossible"),
                _("Les dernières modifications n'ont pas pu être enregistrées. Fermer quand même ?"),
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                return
        self._release_lock()
        if self.settings is not None:
            self.settings.window_geometry = self.saveGeometry()
        self.worker.shutdown()
        from lawdesk.generation import stop_generation_process

        stop_generation_process()
        self.store.close()
        event.accept()
