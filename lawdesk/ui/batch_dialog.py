"""Traitement par lot: a spreadsheet (or a folder of case folders) → one dossier per person.

The columns of a spreadsheet whose headers are not the case format's field paths are mapped to
fields (suggested, remembered for the next spreadsheet with the same headers); the pre-flight
of each row shows before anything runs; the batch runs in a worker (its cases in processes),
with progress, cancel, and the report row by row. The mapping is applied to a hidden copy of
the spreadsheet, next to it, so that its `pieces_dir` paths still resolve.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QScrollArea, QSplitter, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from lawdesk.batch import BatchResult, run_batch
from lawdesk.batch.fields import template_headers
from lawdesk.batch.jobs import CASE_DIR
from lawdesk.batch.table import CSV_SUFFIXES, XLSX_SUFFIXES, open_table
from lawdesk.errors import LawdeskError
from lawdesk.i18n import _, ngettext
from lawdesk.ui import column_mapping
from lawdesk.ui.batch_rows import RowCheck, check_rows, problem_line
from lawdesk.ui.form.field_names import readable
from lawdesk.ui.file_dialogs import existing_folder, open_file
from lawdesk.ui.settings import AppSettings
from lawdesk.ui.settings_dialog import FolderField
from lawdesk.ui.worker import Job, Worker
from lawdesk.store.base import CaseStore

MESSAGES_ROLE = Qt.ItemDataRole.UserRole


class BatchDialog(QDialog):
    checked = Signal(list)  # RowCheck
    batchFinished = Signal(object)  # BatchResult
    batchFailed = Signal(str)
    casesImported = Signal(list)  # the refs of the cases imported into the store

    def __init__(self, store: CaseStore, worker: Worker, settings: AppSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Traitement par lot"))
        self.store = store
        self.worker = worker
        self.settings = settings
        self.source: Path | None = None
        self.headers: list[str] = []
        self.result: BatchResult | None = None
        self._job: Job | None = None

        chosen = QGroupBox(_("1. Les cas à traiter"), self)
        self.source_edit = QLineEdit(chosen)
        self.source_edit.setReadOnly(True)
        self.source_edit.setPlaceholderText(_("un tableau CSV ou XLSX (une ligne par personne), ou un dossier de dossiers"))
        self.source_edit.setAccessibleName(_("Cas à traiter"))
        sheet = QPushButton(_("&Tableau…"), chosen)
        sheet.clicked.connect(self._choose_spreadsheet)
        folder = QPushButton(_("Dossier de &dossiers…"), chosen)
        folder.clicked.connect(self._choose_folder)
        row = QHBoxLayout(chosen)
        row.addWidget(self.source_edit, 1)
        row.addWidget(sheet)
        row.addWidget(folder)

        self.mapping_box = QGroupBox(_("2. Les colonnes du tableau"), self)
        self.mapping_hint = hint = QLabel(self.mapping_box)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.mapping = QTableWidget(0, 3, self.mapping_box)
        self.mapping.setHorizontalHeaderLabels([_("Colonne du tableau"), _("Exemple (1re ligne)"), _("Champ du dossier")])
        self.mapping.setAccessibleName(_("Correspondance des colonnes"))
        self._table_look(self.mapping)
        mapping_layout = QVBoxLayout(self.mapping_box)
        mapping_layout.addWidget(hint)
        mapping_layout.addWidget(self.mapping, 1)

        run_box = QGroupBox(_("3. Vérifier, puis constituer les dossiers"), self)
        self.out = FolderField(_("Choisir le dossier de sortie"), None, _("où écrire les dossiers constitués"), run_box)
        self.out.edit.setAccessibleName(_("Dossier de sortie"))
        self.out.edit.textChanged.connect(self._update_buttons)
        self.check_button = QPushButton(_("&Vérifier"), run_box)
        self.check_button.clicked.connect(self.check)
        self.run_button = QPushButton(_("&Lancer le traitement"), run_box)
        self.run_button.setObjectName("primary")
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(_("&Arrêter le traitement"), run_box)
        self.cancel_button.clicked.connect(self.cancel)
        self.import_button = QPushButton(_("&Importer les dossiers dans l'espace de travail"), run_box)
        self.import_button.clicked.connect(self.import_cases)
        self.progress = QProgressBar(run_box)
        self.progress.setAccessibleName(_("Avancement du traitement"))
        self.progress_label = QLabel(run_box)
        self.progress_label.setWordWrap(True)
        self.rows = QTableWidget(0, 4, run_box)
        self.rows.setHorizontalHeaderLabels([_("Ligne ou dossier"), _("Référence"), _("État"), _("Messages")])
        self.rows.setAccessibleName(_("Cas du lot"))
        self._table_look(self.rows)
        self.rows.setMinimumHeight(self.rows.verticalHeader().defaultSectionSize() * 5
                                   + self.rows.horizontalHeader().sizeHint().height() + 4)
        self.rows.currentCellChanged.connect(self._row_chosen)
        self.details = QPlainTextEdit(run_box)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Messages du cas choisi"))
        self.details.setPlaceholderText(_("Choisissez une ligne pour lire ses messages."))
        self.details.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        out_row = QFormLayout()
        caption = QLabel(_("Dossier de &sortie"), run_box)
        caption.setBuddy(self.out.edit)
        out_row.addRow(caption, self.out)
        buttons = QHBoxLayout()
        for button in (self.check_button, self.run_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        run_layout = QVBoxLayout(run_box)
        run_layout.addLayout(out_row)
        run_layout.addLayout(buttons)
        run_layout.addWidget(self.progress)
        run_layout.addWidget(self.progress_label)
        run_layout.addWidget(self.rows, 1)
        run_layout.addWidget(self.details)

        close = QPushButton(_("&Fermer"), self)
        close.clicked.connect(self.close)
        # the columns and the results share the height (drag the bar between them); on a small screen the
        # whole scrolls rather than drawing one box over another
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(self.mapping_box)
        self.split.addWidget(run_box)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 2)
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(chosen)
        inner.addWidget(self.split, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(close)
        layout.addLayout(footer)
        self._fit_screen()
        self._explain_mapping()
        self._update_buttons()

    def _fit_screen(self) -> None:
        """As large as the work needs, but never larger than the screen (at 200 % too)."""
        wanted = QSize(self.fontMetrics().averageCharWidth() * 170, self.fontMetrics().lineSpacing() * 60)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            wanted = wanted.boundedTo(QSize(int(screen.width() * 0.95), int(screen.height() * 0.9)))
        self.resize(wanted)

    def _explain_mapping(self) -> None:
        """Step 2 is always there, saying what it is for until a spreadsheet gives it columns."""
        if self.headers:
            text = _("Indiquez ce que contient chaque colonne ; les colonnes « — ignorer — » ne sont pas lues. "
                     "Ces choix sont gardés pour le prochain tableau aux mêmes colonnes.")
        elif self.source is not None and self.source.is_dir():
            text = _("Un dossier de dossiers n'a pas de colonnes : passez à l'étape 3.")
        else:
            text = _("Choisissez d'abord un tableau : ses colonnes s'afficheront ici, pour indiquer ce que contient chacune.")
        self.mapping_hint.setText(text)
        self.mapping.setVisible(bool(self.headers))

    @staticmethod
    def _table_look(table: QTableWidget) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)  # Tab leaves the table: the arrows move inside it
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(table.fontMetrics().lineSpacing() * 8)

    def _update_buttons(self) -> None:
        running = self._job is not None
        self.check_button.setEnabled(self.source is not None and not running)
        self.run_button.setEnabled(self.source is not None and self.out.path() is not None and not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running or self.result is not None)
        self.import_button.setEnabled(not running and self.result is not None and self._is_spreadsheet()
                                      and any(r.status != "failed" for r in self.result.rows))

    # the input

    def _choose_spreadsheet(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in (*XLSX_SUFFIXES, *CSV_SUFFIXES))
        name = open_file(self, "batch", _("Choisir le tableau des cas"), _("Tableaux ({patterns})").format(patterns=patterns))
        if name is not None:
            self.set_source(name)

    def _choose_folder(self) -> None:
        name = existing_folder(self, "batch", _("Choisir le dossier des dossiers de cas"))
        if name is not None:
            self.set_source(name)

    def _is_spreadsheet(self) -> bool:
        return self.source is not None and self.source.is_file()

    def set_source(self, path: Path) -> None:
        """A spreadsheet shows its columns to map; a folder of cases goes straight to the check."""
        self.source = path
        self.result = None
        self.source_edit.setText(str(path))
        self.rows.setRowCount(0)
        self.details.clear()
        if not self.out.path():
            self.out.edit.setText(str(path.parent / _("{name}-dossiers").format(name=path.stem if path.is_file() else path.name)))
        self.headers = []
        if path.is_file():
            try:
                table = open_table(path)
                self.headers = table.headers
                example = next((cells for _line, cells in table.rows() if any(c not in (None, "") for c in cells)), [])
            except LawdeskError as exc:
                self.progress_label.setText(exc.message)
                self.source = None
                self._update_buttons()
                return
            self._fill_mapping(example)
        self._explain_mapping()
        self._update_buttons()

    def _fill_mapping(self, example: list[Any]) -> None:
        remembered = self.settings.column_mapping(self.headers) if self.settings else {}
        suggested = column_mapping.suggestions(self.headers, remembered)
        fields = [*template_headers()]
        self.mapping.setRowCount(len(self.headers))
        for row, header in enumerate(self.headers):
            self.mapping.setItem(row, 0, QTableWidgetItem(header))
            value = example[row] if row < len(example) else None
            self.mapping.setItem(row, 1, QTableWidgetItem("" if value is None else str(value)))
            combo = QComboBox(self.mapping)
            combo.addItem(_("— ignorer —"), None)
            for field in fields:
                combo.addItem(f"{column_mapping.field_label(field)}  ({field})", field)
            combo.setCurrentIndex(max(0, combo.findData(suggested.get(header))))
            combo.setAccessibleName(_("Champ de la colonne « {column} »").format(column=header))
            self.mapping.setCellWidget(row, 2, combo)

    def column_fields(self) -> dict[str, str]:
        """Header → field path, for the columns to read."""
        chosen = {}
        for row, header in enumerate(self.headers):
            combo = self.mapping.cellWidget(row, 2)
            if isinstance(combo, QComboBox) and combo.currentData():
                chosen[header] = str(combo.currentData())
        return chosen

    def set_column_field(self, header: str, field: str | None) -> None:
        combo = self.mapping.cellWidget(self.headers.index(header), 2)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(max(0, combo.findData(field)))

    def _batch_input(self) -> Path:
        """The input as the batch reads it: the spreadsheet itself when its headers are field
        paths already, else its mapped copy (written now)."""
        assert self.source is not None
        if not self._is_spreadsheet():
            return self.source
        mapping = self.column_fields()
        if self.settings is not None:
            self.settings.set_column_mapping(self.headers, {h: mapping.get(h, "") for h in self.headers})
        if all(mapping.get(h) == h for h in self.headers if h):
            return self.source
        return column_mapping.write_mapped_copy(self.source, mapping)

    # check, run, cancel

    def _start(self, job: Job) -> Job:
        self._job = job
        job.failed.connect(lambda exc: self._failed(exc.message))
        job.finished.connect(self._job_finished)
        self._update_buttons()
        self.worker.start(job)
        return job

    def _job_finished(self) -> None:
        self._job = None
        self._update_buttons()

    def _failed(self, message: str) -> None:
        self.progress_label.setText(message)
        self.batchFailed.emit(message)

    def _prepared_input(self) -> Path | None:
        try:
            return self._batch_input()
        except (LawdeskError, OSError) as exc:
            self._failed(exc.message if isinstance(exc, LawdeskError) else str(exc))
            return None

    def check(self) -> Job | None:
        """The pre-flight of every row, shown before anything is built."""
        source, out = self._prepared_input(), self.out.path()
        if source is None or out is None:
            return None
        copy = source if source != self.source else None

        def work(_progress: Any, _cancel: Any) -> list[RowCheck]:
            try:
                return check_rows(source, out)
            finally:
                _remove(copy)

        job = Job(work)
        job.succeeded.connect(self._checked)
        self.progress_label.setText(_("Vérification des lignes…"))
        return self._start(job)

    def _checked(self, checks: list[RowCheck]) -> None:
        blocking = sum(c.blocking for c in checks)
        self.progress_label.setText(ngettext("{n} cas vérifié", "{n} cas vérifiés", len(checks)).format(n=len(checks))
                                    + " · " + ngettext("{n} à corriger", "{n} à corriger", blocking).format(n=blocking))
        self._show_rows([(self._where(c.where), c.reference,
                          _("à corriger") if c.blocking else (_("avertissements") if c.problems else _("prêt")),
                          [problem_line(p) for p in c.problems]) for c in checks])
        self.checked.emit(checks)

    def run(self) -> Job | None:
        source, out = self._prepared_input(), self.out.path()
        if source is None or out is None:
            return None
        copy = source if source != self.source else None
        templates = self.settings.templates_dir if self.settings else None

        def work(progress: Any, cancel: Any) -> BatchResult:
            try:
                return run_batch(source, out, progress=progress, cancel=cancel, templates_dir=templates)
            finally:
                _remove(copy)

        job = Job(work)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._finished)
        self.result = None
        self.rows.setRowCount(0)
        self.progress.setRange(0, 0)
        self.progress_label.setText(_("Préparation du lot…"))
        return self._start(job)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.progress_label.setText(_("Arrêt en cours : les cas commencés se terminent…"))

    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            self.progress_label.setText(label)

    def _finished(self, result: BatchResult) -> None:
        self.result = result
        text = result.summary().splitlines()[0]
        if result.cancelled:
            text = _("Traitement arrêté : {done} cas traités sur {total} ; relancez-le pour finir (les dossiers à jour ne "
                     "sont pas refaits).").format(done=len(result.rows), total=result.total) + "\n" + text
        self.progress_label.setText(text)
        self._show_rows([(row.where(), row.reference, row.status_label(), [readable(m) for m in row.messages])
                         for row in result.rows])
        failed = next((i for i, row in enumerate(result.rows) if row.status == "failed"), None)
        if failed is not None:
            self.rows.setCurrentCell(failed, 0)
        self.batchFinished.emit(result)

    # the rows shown (pre-flight, then report)

    @staticmethod
    def _where(where: int | str) -> str:
        return _("ligne {line}").format(line=where) if isinstance(where, int) else where

    def _show_rows(self, rows: list[tuple[str, str, str, list[str]]]) -> None:
        self.rows.setRowCount(len(rows))
        for number, (where, reference, state, messages) in enumerate(rows):
            first = QTableWidgetItem(where)
            first.setData(MESSAGES_ROLE, messages)
            self.rows.setItem(number, 0, first)
            self.rows.setItem(number, 1, QTableWidgetItem(reference))
            self.rows.setItem(number, 2, QTableWidgetItem(state))
            self.rows.setItem(number, 3, QTableWidgetItem(messages[0] if messages else ""))
        self.details.clear()

    def _row_chosen(self, row: int) -> None:
        item = self.rows.item(row, 0)
        messages = item.data(MESSAGES_ROLE) if item is not None else None
        self.details.setPlainText("\n".join(messages) if messages else _("Aucun message pour ce cas."))

    # into the workspace

    def import_cases(self) -> Job | None:
        """Copy the case folders the batch wrote from the spreadsheet into the workspace."""
        out = self.out.path()
        if self.result is None or out is None:
            return None
        names = [Path(row.output).parent.name for row in self.result.rows if row.status != "failed" and row.output]
        store = self.store
        job = Job(lambda _progress, _cancel: [store.import_folder(out / name / CASE_DIR, name).ref for name in names])
        job.succeeded.connect(self._imported)
        return self._start(job)

    def _imported(self, refs: list[str]) -> None:
        self.progress_label.setText(ngettext("{n} dossier importé dans l'espace de travail.",
                                             "{n} dossiers importés dans l'espace de travail.", len(refs)).format(n=len(refs)))
        self.casesImported.emit(refs)


def _remove(copy: Path | None) -> None:
    if copy is not None:
        with contextlib.suppress(OSError):
            copy.unlink()
