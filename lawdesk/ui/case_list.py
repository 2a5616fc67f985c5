"""The cases page: every case of the store with its status, searched, filtered and sorted; new,
duplicate, import, and delete to the trash with undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit,
    QPushButton, QStackedLayout, QTableView, QVBoxLayout, QWidget,
)

from lawdesk.departments import all_departments
from lawdesk.errors import LawdeskError
from lawdesk.i18n import _, pgettext
from lawdesk.ui import labels
from lawdesk.ui.case_list_model import DEADLINE, NAME, SUMMARY_ROLE, CaseFilter, CaseListModel
from lawdesk.ui.file_dialogs import existing_folder
from lawdesk.ui.message_bar import MessageBar
from lawdesk.ui.presence import location_text
from lawdesk.ui.worker import Job, Worker
from lawdesk.store.base import CaseStore, CaseSummary, TrashEntry

if TYPE_CHECKING:
    from pathlib import Path


class CaseListPage(QWidget):
    openRequested = Signal(str)  # the case's ref in the store
    refreshed = Signal()  # the list was (re)read from the store

    def __init__(self, store: CaseStore, worker: Worker, parent: QWidget | None = None,
                 counsel_profile: Callable[[], dict[str, Any]] = dict) -> None:
        super().__init__(parent)
        self.store = store
        self.worker = worker
        self._counsel_profile = counsel_profile  # the `counsel` of new cases (the settings' profile)
        self.trashed: list[TrashEntry] = []

        title = QLabel(_("Dossiers"), self)
        title.setObjectName("pageTitle")
        self.location = QLabel(location_text(store), self)
        self.location.setObjectName("hint")
        new = QPushButton(_("Nouveau dossier"), self)
        new.setObjectName("primary")
        new.clicked.connect(self.ask_new_case)
        import_button = QPushButton(_("Importer un dossier…"), self)
        import_button.clicked.connect(self.ask_import)
        self.duplicate_button = QPushButton(_("Dupliquer"), self)
        self.duplicate_button.clicked.connect(lambda: self.duplicate(self.selected()))
        self.delete_button = QPushButton(_("Supprimer"), self)
        self.delete_button.clicked.connect(lambda: self.trash(self.selected()))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.location, 1)
        for button in (new, import_button, self.duplicate_button, self.delete_button):
            top.addWidget(button)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Rechercher : nom, référence ou n° étranger"))
        self.search.setClearButtonEnabled(True)
        self.department_filter = QComboBox(self)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(_("Tous les statuts"), None)
        for status, label in labels.statuses().items():
            self.status_filter.addItem(label[:1].upper() + label[1:], status)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.department_filter)
        filters.addWidget(self.status_filter)

        self.model = CaseListModel(self)
        self.proxy = CaseFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DEADLINE, Qt.SortOrder.AscendingOrder)  # what must be done first, on top
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self.openRequested.emit(index.data(SUMMARY_ROLE).ref))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self._content = QStackedLayout()
        self._content.addWidget(self.table)
        self._content.addWidget(self.empty)

        self.messages = MessageBar(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.messages)
        layout.addLayout(filters)
        layout.addLayout(self._content, 1)

        self.search.textChanged.connect(self._filter)
        self.department_filter.currentIndexChanged.connect(self._filter)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self._fill_departments()
        self._selection_changed()

    # reading the store

    def refresh(self, select: str | None = None) -> Job:
        """Read every case in the background (each is validated for its status), then select `select`
        (default: what was selected)."""
        store = self.store
        job = Job(lambda _progress, _cancel: (store.list_cases(), select))
        job.succeeded.connect(self._listed)
        job.failed.connect(self._failed)
        self.worker.start(job)
        return job

    def _listed(self, outcome: tuple[list[CaseSummary], str | None]) -> None:
        cases, select = outcome
        selected = select or self.selected()
        self.model.set_cases(cases)
        self._fill_departments()
        self._update_empty_state()
        if selected is not None:
            self.select(selected)
        self.refreshed.emit()

    def _fill_departments(self) -> None:
        current = self.department_filter.currentData()
        codes = sorted({c.department for c in self.model.cases if c.department})
        self.department_filter.blockSignals(True)
        self.department_filter.clear()
        self.department_filter.addItem(_("Tous les départements"), None)
        for code in codes:
            found = all_departments().get(code)
            self.department_filter.addItem(f"{code} — {found.name}" if found else code, code)
        self.department_filter.setCurrentIndex(max(0, self.department_filter.findData(current)))
        self.department_filter.blockSignals(False)

    def _filter(self) -> None:
        self.proxy.set_filters(self.search.text(), self.department_filter.currentData(), self.status_filter.currentData())
        self._update_empty_state()

    def _update_empty_state(self) -> None:
        if not self.model.rowCount():
            self.empty.setText(_("Aucun dossier dans cet espace de travail.\n\nCréez-en un avec « Nouveau dossier », "
                                 "ou reprenez un dossier existant avec « Importer un dossier… »."))
        else:
            self.empty.setText(_("Aucun dossier ne correspond à la recherche."))
        self._content.setCurrentWidget(self.table if self.proxy.rowCount() else self.empty)

    # selection

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(SUMMARY_ROLE).ref if rows else None

    def select(self, ref: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(SUMMARY_ROLE).ref == ref:
                self.table.selectRow(row)
                return

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.duplicate_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # actions

    def ask_new_case(self) -> None:
        reference, accepted = QInputDialog.getText(
            self, _("Nouveau dossier"), _("Référence du dossier (votre numéro interne) :"))
        if accepted and reference.strip():
            self.new_case(reference)

    def new_case(self, reference: str) -> str | None:
        try:
            case = self.store.new_case(reference, self._counsel_profile())
        except (LawdeskError, OSError) as exc:
            self._failed(exc)
            return None
        self.refresh()
        self.openRequested.emit(case.ref)
        return case.ref

    def duplicate(self, ref: str | None) -> Job | None:
        if ref is None:
            return None
        store = self.store
        return self._copy_job(lambda _progress, _cancel: store.duplicate(ref).ref,
                              _("Dossier dupliqué : la copie est sélectionnée."))

    def ask_import(self) -> None:
        folder = existing_folder(self, "import", _("Importer un dossier (le dossier d'un cas LawDesk)"))
        if folder is not None:
            self.import_case(folder)

    def import_case(self, source: Path) -> Job:
        store = self.store
        return self._copy_job(lambda _progress, _cancel: store.import_folder(source).ref,
                              _("Dossier importé dans l'espace de travail."))

    def _copy_job(self, work: Any, done_message: str) -> Job:
        """Copies run in the background: a case's pièces can weigh hundreds of megabytes."""
        job = Job(lambda progress, cancel: (work(progress, cancel), done_message))
        job.succeeded.connect(self._copied)
        job.failed.connect(self._failed)
        self.worker.start(job)
        return job

    def _copied(self, outcome: tuple[str, str]) -> None:
        ref, message = outcome
        self.messages.show_message("success", message, timeout_ms=6000)
        self.refresh(select=ref)

    def trash(self, ref: str | None) -> TrashEntry | None:
        if ref is None:
            return None
        try:
            entry = self.store.trash(ref)
        except (LawdeskError, OSError) as exc:
            self._failed(exc)
            return None
        self.trashed.append(entry)
        self.model.set_cases([c for c in self.model.cases if c.ref != ref])
        self._update_empty_state()
        self.messages.show_message(
            "info", _("Le dossier « {name} » a été placé dans la corbeille de l'espace de travail.").format(name=entry.name),
            [(pgettext("undo", "Annuler"), self.undo_trash)])
        return entry

    def undo_trash(self) -> str | None:
        if not self.trashed:
            return None
        entry = self.trashed.pop()
        try:
            restored = self.store.restore(entry)
        except (LawdeskError, OSError) as exc:
            self._failed(exc)
            return None
        self.messages.show_message("success", _("Dossier « {name} » restauré.").format(name=entry.name), timeout_ms=5000)
        self.refresh(select=restored)
        return restored

    def _failed(self, exc: Exception) -> None:
        message = exc.message if isinstance(exc, LawdeskError) else _("opération impossible : {reason}").format(
            reason=getattr(exc, "strerror", None) or exc)
        self.messages.show_message("error", message[:1].upper() + message[1:])
