"""Section « Pièces »: the evidence, in inventory order.

Files arrive by drag and drop (files or whole folders) or through the Ajouter buttons; both
go through `add_files`, which copies them into the case's pieces/ folder in a worker and
then adds the pièces. The list order is the numbering: moving a pièce renumbers it
everywhere at once (the other sections listen to the PieceCatalog).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QMessageBox, QPushButton, QWidget,
)

from lawdesk.case.model import Case
from lawdesk.case.pieces import piece_files
from lawdesk.errors import LawdeskError, Problem
from lawdesk.i18n import _, ngettext
from lawdesk.store.base import CaseStore, ImportedFiles
from lawdesk.ui.evidence_files import next_piece_id, set_piece_files, title_from_file
from lawdesk.ui.evidence_views import AcceptsFileDrops, FilesEditor, PiecesView, file_filter
from lawdesk.ui.file_dialogs import existing_folder, open_files
from lawdesk.ui.form import field_names
from lawdesk.ui.form.binding import Binder, FormBuilder
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.paths import FieldPath
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.widgets import DateField, TextLine
from lawdesk.ui.history import CaseHistory, recorded
from lawdesk.ui.pieces_model import FILES, NUMBER, TITLE, PiecesModel
from lawdesk.ui.thumbnails import ThumbnailCache
from lawdesk.ui.worker import Job, Worker


class EvidenceSection(AcceptsFileDrops, Section):
    index = 4
    filesAdded = Signal(list)  # case-relative paths, once copied and added to the case
    notice = Signal(str, str)  # kind ("warning", "error"), message

    def __init__(self, case: Case, catalog: PieceCatalog, worker: Worker, thumbnails: ThumbnailCache,
                 store: CaseStore) -> None:
        super().__init__(case.data,
                         _("Glissez ici des fichiers ou un dossier entier (PDF, photos, captures d'écran, courriels "
                           ".eml) : ils sont copiés dans le dossier du cas. L'ordre de la liste fait la numérotation ; "
                           "faites glisser une ligne pour la déplacer."))
        self.case = case
        self.store = store
        self.catalog = catalog
        self.worker = worker
        self._row_problems: dict[int, list[tuple[FieldPath, Problem]]] = {}
        self.copied: set[str] = set()  # files this window copied into the case (see unused_copies)
        self.setAcceptDrops(True)

        self.model = PiecesModel(case.data, case.folder, thumbnails)
        self.view = PiecesView(self)
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FILES, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FILES, 200)
        self.view.filesDropped.connect(lambda paths, row: self.add_files(paths, at=row))
        self.view.rowDropped.connect(self._row_dropped)
        self.view.selectionModel().currentRowChanged.connect(self._row_selected)

        add_files = QPushButton(_("Ajouter des fichiers…"), self)
        add_files.setObjectName("primary")
        add_folder = QPushButton(_("Ajouter un dossier…"), self)
        self.up_button = QPushButton(_("Monter"), self)
        self.down_button = QPushButton(_("Descendre"), self)
        self.remove_button = QPushButton(_("Retirer la pièce"), self)
        # not connected to _choose_files itself: `clicked` passes checked=False, which became `into`:
        # pièce n° 1 (False == 0) received the files
        add_files.clicked.connect(lambda: self._choose_files())
        add_folder.clicked.connect(lambda: self._choose_folder())
        self.up_button.clicked.connect(lambda: self.move(self.current_row(), -1))
        self.down_button.clicked.connect(lambda: self.move(self.current_row(), 1))
        self.remove_button.clicked.connect(self._confirm_remove)
        buttons = QHBoxLayout()
        for button in (add_files, add_folder):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        self.body.addLayout(buttons)
        self.body.addWidget(self.view, 1)

        self.detail = QGroupBox(self)
        self.history: CaseHistory | None = None
        self.detail_binder = Binder(None, self, locate=lambda: ("pieces", self.current_row()))
        form = FormBuilder(self.detail_binder, QFormLayout(self.detail), ("pieces", 0))
        self.title_field = TextLine(_("tel qu'il apparaîtra au bordereau, par ex. Attestation de dépôt ANEF "
                                      "du 20 novembre 2024"))
        form.add(("title",), self.title_field)
        form.add(("date",), DateField())
        self.files = FilesEditor(case.folder, thumbnails)
        form.add(("files",), self.files, read=piece_files, write=set_piece_files)
        self.files.filesDropped.connect(lambda paths: self.add_files(paths, into=self.current_row()))
        self.files.addRequested.connect(lambda: self._choose_files(into=self.current_row()))
        self.detail_binder.changed.connect(self._detail_changed)
        self.body.addWidget(self.detail)
        self.load()

    # the list

    def load(self) -> None:
        self.model.beginResetModel()
        self.model.endResetModel()
        self.select(0 if self.model.rowCount() else -1)

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, TITLE) if 0 <= row < self.model.rowCount() else QModelIndex())
        self._row_selected()

    def _row_selected(self) -> None:
        row = self.current_row()
        piece = self.model.piece(row)
        self.detail.setTitle(field_names.item_name(("pieces",), row) if piece is not None
                             else _("Aucune pièce sélectionnée"))
        self.detail_binder.set_root(piece)
        self.detail_binder.show_problems(self._row_problems.get(row, []))
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)
        self.remove_button.setEnabled(piece is not None)

    def _detail_changed(self) -> None:
        self.model.row_changed(self.current_row())
        self.changed.emit()
        self.catalog.notify()

    def move(self, row: int, delta: int) -> None:
        self._move_before(row, row + delta + (1 if delta > 0 else 0))

    def _row_dropped(self, row: int, before: int) -> None:
        self._move_before(row, before)

    def _move_before(self, row: int, before: int) -> None:
        with recorded(self.history, _("Déplacement de la pièce n° {number}").format(number=row + 1),
                      ("pieces", before if before < row else before - 1)):
            moved_to = self.model.move(row, before)
        if moved_to != row:
            self.select(moved_to)
            self._pieces_changed()

    def _confirm_remove(self) -> None:
        row = self.current_row()
        piece = self.model.piece(row)
        if piece is None:
            return
        citing = len(self._citations(piece.get("id")))
        text = _("Retirer la pièce n° {number} « {title} » ? Ses fichiers restent dans le dossier du cas.").format(
            number=row + 1, title=piece.get("title") or "")
        if citing:
            text += "\n" + ngettext("Elle est citée par {n} fait ; cette mention sera retirée.",
                                    "Elle est citée par {n} faits ; ces mentions seront retirées.", citing).format(n=citing)
        if QMessageBox.question(self, _("Retirer la pièce"), text) == QMessageBox.StandardButton.Yes:
            self.remove(row)

    def _citations(self, piece_id: Any) -> list[dict[str, Any]]:
        """The facts that cite this pièce: incidents, harms, documents received, the current permit, the
        accusé de réception, the steps and their answers."""
        data = self.case.data
        procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
        steps = [s for s in data.get("steps") or [] if isinstance(s, dict)]
        facts = [*(data.get("incidents") or []), *(data.get("harms") or []), *(procedure.get("received") or []),
                 procedure.get("current_permit"), procedure.get("acknowledgement"), *steps,
                 *(s.get("answer") for s in steps)]
        return [f for f in facts if isinstance(f, dict)
                and (piece_id in (f.get("pieces") or []) or f.get("piece") == piece_id)]

    def remove(self, row: int) -> None:
        piece = self.model.piece(row)
        if piece is None:
            return
        with recorded(self.history, _("Retrait de la pièce n° {number}").format(number=row + 1), ("pieces", row)):
            for fact in self._citations(piece.get("id")):
                if isinstance(fact.get("pieces"), list):
                    fact["pieces"] = [i for i in fact["pieces"] if i != piece.get("id")]
                if fact.get("piece") == piece.get("id"):
                    del fact["piece"]
            self.model.remove(row)
        self.select(min(row, self.model.rowCount() - 1))
        self._pieces_changed()

    def _pieces_changed(self) -> None:
        self.changed.emit()
        self.catalog.notify()

    # adding files

    def _choose_files(self, into: int | None = None) -> None:
        names = open_files(self, "pieces", _("Ajouter des pièces"), file_filter())
        if names:
            self.add_files(names, into=into)

    def _choose_folder(self) -> None:
        folder = existing_folder(self, "pieces", _("Ajouter un dossier de pièces"))
        if folder is not None:
            self.add_files([folder])

    def files_dropped(self, paths: list[Path]) -> None:
        self.add_files(paths)

    def add_files(self, paths: list[Path], into: int | None = None, at: int | None = None) -> Job:
        """Copy files (or folders of files) into the case, then add them as new pièces inserted at
        row `at` (default: at the end), or as more files of the pièce at row `into`."""
        store, case = self.store, self.case
        target = self.model.piece(into) if into is not None else None
        # the target pièce and row travel with the result: the list may change while files copy
        in_use = self.files_in_use()
        job = Job(lambda _progress, cancel: (store.add_evidence(case, paths, cancel, in_use), target, at))
        job.succeeded.connect(self._copied)
        job.failed.connect(self._copy_failed)
        self.worker.start(job)
        return job

    def _copy_failed(self, exc: LawdeskError) -> None:
        self.notice.emit("error", _("Copie des pièces impossible : {reason}").format(reason=exc.message))

    def _copied(self, outcome: tuple[ImportedFiles, dict[str, Any] | None, int | None]) -> None:
        result, target, at = outcome
        if result.skipped:
            names = ", ".join(p.name for p in result.skipped[:5]) + ("…" if len(result.skipped) > 5 else "")
            self.notice.emit("warning", ngettext(
                "{n} fichier ignoré (type non pris en charge : seuls les PDF, images et courriels .eml sont acceptés) : {names}",
                "{n} fichiers ignorés (type non pris en charge : seuls les PDF, images et courriels .eml sont acceptés) : {names}",
                len(result.skipped)).format(n=len(result.skipped), names=names))
        self.copied.update(result.copied)
        if not result.files:
            return
        pieces = self.model.pieces()
        if target is not None and any(p is target for p in pieces):
            row = next(i for i, p in enumerate(pieces) if p is target)
            with recorded(self.history, _("Ajout de fichiers à la pièce n° {number}").format(number=row + 1),
                          ("pieces", row, "files")):
                set_piece_files(target, piece_files(target) + result.files)
            self.model.row_changed(row)
            self.select(row)
        else:
            new: list[dict[str, Any]] = []
            for file in result.files:
                new.append({"id": next_piece_id(pieces + new), "title": title_from_file(file), "file": file})
            row = len(pieces) if at is None else max(0, min(at, len(pieces)))
            with recorded(self.history, ngettext("Ajout de {n} pièce", "Ajout de {n} pièces", len(new)).format(n=len(new)),
                          ("pieces", row)):
                self.model.insert(row, new)
            self.select(row)
            # the title comes from the file name: ready to be corrected at once
            self.title_field.setFocus()
            self.title_field.selectAll()
        self._pieces_changed()
        self.filesAdded.emit(result.files)

    def unused_copies(self) -> list[str]:
        """The files this window copied into the case that no pièce uses any more (an addition undone, a
        pièce removed): copies, the originals are where the user keeps them."""
        return sorted(self.copied - self.files_in_use())

    def files_in_use(self) -> frozenset[str]:
        return frozenset(f for piece in self.model.pieces() if isinstance(piece, dict) for f in piece_files(piece))

    # problems

    def show_problems(self, problems: list[tuple[FieldPath, Problem]]) -> None:
        self._row_problems = {}
        rest = []
        for path, problem in problems:
            if len(path) > 1 and path[0] == "pieces" and isinstance(path[1], int):
                self._row_problems.setdefault(path[1], []).append((self._field(path[2:]), problem))
            else:
                rest.append((path, problem))
        self.model.set_problems({row: [p for _path, p in found] for row, found in self._row_problems.items()})
        self.detail_binder.show_problems(self._row_problems.get(self.current_row(), []))
        super().show_problems(rest)

    @staticmethod
    def _field(sub: FieldPath) -> FieldPath:
        """`file` and `files[2]` are shown on the files list, a duplicate `id` on the title."""
        if sub and sub[0] in ("file", "files"):
            return ("files",)
        if sub and sub[0] == "id":
            return ("title",)
        return sub

    def reveal(self, path: FieldPath) -> QWidget:
        if len(path) > 1 and path[0] == "pieces" and isinstance(path[1], int):
            self.select(path[1])
            widget = self.detail_binder.reveal(self._field(path[2:])) or self.view
            self.ensureWidgetVisible(widget, 40, 80)
            return widget
        return super().reveal(path)
