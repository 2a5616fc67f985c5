"""The widgets that take evidence files: the pièces table (drop files to add, drag a row to
reorder) and the file list of one pièce."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from lawdesk.i18n import _
from lawdesk.store.evidence_files import ACCEPTED_SUFFIXES
from lawdesk.ui.pieces_model import ROWS_MIME
from lawdesk.ui.thumbnails import ThumbnailCache


def dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """The local files and folders a drag carries (nothing for text or web links)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class AcceptsFileDrops:
    """Mixin for a widget that takes files and folders dropped on it; it implements files_dropped()."""

    def files_dropped(self, paths: list[Path]) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped(paths)


def file_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in sorted(ACCEPTED_SUFFIXES))
    return _("Pièces ({patterns})").format(patterns=patterns)


class PiecesView(QTableView):
    """The pièces table: drag a row to reorder, drop files to add pièces where they fall."""

    filesDropped = Signal(list, int)  # paths, row to insert at
    rowDropped = Signal(int, int)  # row, insert before this row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAlternatingRowColors(True)
        self.setIconSize(QSize(40, 40))
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(50)
        self.setMinimumHeight(300)

    def _internal(self, event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> bool:
        return event.source() is self and event.mimeData().hasFormat(ROWS_MIME)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        elif self._internal(event):
            super().dragEnterEvent(event)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        if dropped_paths(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        elif not self._internal(event):
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        row = self.drop_row(event.position().toPoint())
        paths = dropped_paths(event)
        if paths:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.filesDropped.emit(paths, row)
        elif self._internal(event):
            source = int(bytes(event.mimeData().data(ROWS_MIME).data()).decode() or -1)
            # Copy, not Move: a Move would make the view delete the source row after the drop.
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.rowDropped.emit(source, row)
        else:
            event.ignore()

    def drop_row(self, position: QPoint) -> int:
        index = self.indexAt(position)
        if not index.isValid():
            return self.model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if position.y() > rect.center().y() else 0)


class FilesEditor(AcceptsFileDrops, QWidget):
    """The files of one pièce (several screenshots make one pièce), reorderable, with their thumbnails."""

    edited = Signal()
    filesDropped = Signal(list)
    addRequested = Signal()

    def __init__(self, folder: Path, thumbnails: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self._thumbnails = thumbnails
        self.list = QListWidget(self)
        self.list.setIconSize(QSize(48, 48))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setMaximumHeight(130)
        self.list.model().rowsMoved.connect(self.edited)
        add = QPushButton(_("Ajouter des fichiers à cette pièce…"), self)
        self.remove = QPushButton(_("Retirer le fichier"), self)
        add.clicked.connect(self.addRequested)
        self.remove.clicked.connect(self._remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.setAcceptDrops(True)
        thumbnails.ready.connect(self._thumbnail_arrived)

    def files_dropped(self, paths: list[Path]) -> None:
        self.filesDropped.emit(paths)

    def _remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0 and self.list.count() > 1:
            self.list.takeItem(row)
            self.edited.emit()

    def value(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def set_value(self, value: Any) -> None:
        self.list.clear()
        for name in value or []:
            item = QListWidgetItem(self._thumbnails.icon(self._folder / name), name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        self.remove.setEnabled(self.list.count() > 1)

    def _thumbnail_arrived(self, path: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if str(self._folder / item.data(Qt.ItemDataRole.UserRole)) == path:
                item.setIcon(self._thumbnails.icon(Path(path)))

    def problem_targets(self) -> list[QWidget]:
        return [self.list]
