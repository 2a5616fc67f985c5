"""The pièces as a table model over `case.data["pieces"]`: the row is the pièce number."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from lawdesk.case.pieces import piece_files
from lawdesk.errors import Problem
from lawdesk.i18n import _, ngettext
from lawdesk.ui.formatting import short_date
from lawdesk.ui.icons import problem_marker
from lawdesk.ui.thumbnails import ThumbnailCache

ROWS_MIME = "application/x-lawdesk-piece-row"
AnyIndex = QModelIndex | QPersistentModelIndex
NUMBER, TITLE, DATE, FILES = range(4)


class PiecesModel(QAbstractTableModel):
    def __init__(self, data: dict[str, Any], folder: Path, thumbnails: ThumbnailCache) -> None:
        super().__init__()
        self._data = data
        self._folder = folder
        self._thumbnails = thumbnails
        self._problems: dict[int, list[Problem]] = {}
        thumbnails.ready.connect(self._thumbnail_arrived)

    def pieces(self) -> list[Any]:
        found = self._data.get("pieces")
        if not isinstance(found, list):
            found = self._data["pieces"] = []
        return found

    def piece(self, row: int) -> dict[str, Any] | None:
        pieces = self.pieces()
        return pieces[row] if 0 <= row < len(pieces) and isinstance(pieces[row], dict) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.pieces())

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("N°"), _("Pièce"), _("Date"), _("Fichiers"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        piece = self.piece(index.row()) or {}
        column = index.column()
        problems = self._problems.get(index.row(), [])
        files = piece_files(piece) if piece else []
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NUMBER:
                return str(index.row() + 1)
            if column == TITLE:
                return str(piece.get("title") or _("(sans titre)"))
            if column == DATE:
                return short_date(piece.get("date"))
            if column == FILES:
                names = [Path(f).name for f in files]
                return names[0] if len(names) == 1 else ngettext("{n} fichier", "{n} fichiers", len(names)).format(n=len(names))
        if role == Qt.ItemDataRole.DecorationRole:
            if column == TITLE and files:
                return self._thumbnails.icon(self._folder / files[0])
            if column == NUMBER and problems:
                return problem_marker(problems)
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                return "\n".join(p.message for p in problems)
            if column == FILES:
                return "\n".join(files)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [ROWS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes})
        mime.setData(ROWS_MIME, QByteArray(str(rows[0] if rows else -1).encode()))
        return mime

    def move(self, row: int, before: int) -> int:
        """Move pièce `row` so that it comes before the pièce now at `before`; returns its new row."""
        pieces = self.pieces()
        if not 0 <= row < len(pieces) or not 0 <= before <= len(pieces) or before in (row, row + 1):
            return row
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), before)
        pieces.insert(before if before < row else before - 1, pieces.pop(row))
        self.endMoveRows()
        self.renumbered()
        return before if before < row else before - 1

    def insert(self, row: int, pieces: list[dict[str, Any]]) -> None:
        self.beginInsertRows(QModelIndex(), row, row + len(pieces) - 1)
        self.pieces()[row:row] = pieces
        self.endInsertRows()
        self.renumbered()

    def remove(self, row: int) -> dict[str, Any]:
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self.pieces().pop(row)
        self.endRemoveRows()
        self.renumbered()
        return removed

    def renumbered(self) -> None:
        """Every row's number and problems may have changed."""
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 3))

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, 3))

    def set_problems(self, problems: dict[int, list[Problem]]) -> None:
        self._problems = problems
        self.renumbered()

    def _thumbnail_arrived(self, path: str) -> None:
        for row in range(self.rowCount()):
            files = piece_files(self.piece(row) or {})
            if files and str(self._folder / files[0]) == path:
                self.dataChanged.emit(self.index(row, TITLE), self.index(row, TITLE))
