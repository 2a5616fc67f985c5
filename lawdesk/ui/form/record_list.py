"""An editable list of records (incidents, harms, documents received): a table to pick, add,
remove and reorder them, and a form below for the selected one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QMessageBox,
    QPushButton, QTableView, QVBoxLayout, QWidget,
)

from lawdesk.errors import Problem
from lawdesk.i18n import _
from lawdesk.ui.form import field_names
from lawdesk.ui.form.binding import Binder, FormBuilder, ProblemLine
from lawdesk.ui.form.paths import FieldPath, get_in, set_in
from lawdesk.ui.history import CaseHistory, recorded
from lawdesk.ui.icons import level_of, problem_marker

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[dict[str, Any]], str]
    stretch: bool = False


class RecordTableModel(QAbstractTableModel):
    def __init__(self, records: Callable[[], list[Any]], columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records = records
        self._columns = columns
        self._problems: dict[int, list[Problem]] = {}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records())

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self._records()[index.row()]
        record = record if isinstance(record, dict) else {}
        problems = self._problems.get(index.row(), [])
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(self._columns[index.column()].text(record).split())
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 and problems:
            return problem_marker(problems)
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(p.message for p in problems)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def set_problems(self, problems: dict[int, list[Problem]]) -> None:
        self._problems = problems
        self.refresh()

    def refresh(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(self.rowCount() - 1, 0))


class RecordListEditor(QWidget):
    changed = Signal()

    def __init__(self, data: dict[str, Any], list_path: FieldPath, columns: list[Column],
                 new_record: Callable[[], dict[str, Any]], add_text: str,
                 build_detail: Callable[[FormBuilder], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = data
        self.list_path = list_path
        self._new_record = new_record
        self._row_problems: dict[int, list[tuple[FieldPath, Problem]]] = {}

        self.message = ProblemLine(self)

        self.model = RecordTableModel(self.records, columns, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.table.setMinimumHeight(170)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for number, column in enumerate(columns):
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch if column.stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._row_selected)

        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton(_("Supprimer"), self)
        self.up_button = QPushButton(_("Monter"), self)
        self.down_button = QPushButton(_("Descendre"), self)
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self._confirm_remove)
        self.up_button.clicked.connect(lambda: self.move(self.current_row(), -1))
        self.down_button.clicked.connect(lambda: self.move(self.current_row(), 1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.detail = QGroupBox(self)
        self.history: CaseHistory | None = None
        self.binder = Binder(None, self, locate=lambda: (*self.list_path, self.current_row()))
        build_detail(FormBuilder(self.binder, QFormLayout(self.detail), (*list_path, 0)))
        self.binder.changed.connect(self._detail_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.detail)
        self.load()

    def records(self) -> list[Any]:
        found = get_in(self._data, self.list_path)
        return found if isinstance(found, list) else []

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def load(self) -> None:
        self.model.beginResetModel()
        self.model.endResetModel()
        self.select(0 if self.records() else -1)

    def refresh(self) -> None:
        """Re-read what the table shows (pièce numbers changed, for instance)."""
        self.model.refresh()

    def select(self, row: int) -> None:
        if 0 <= row < len(self.records()):
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self.table.setCurrentIndex(QModelIndex())
        self._row_selected()

    def _row_selected(self) -> None:
        row = self.current_row()
        records = self.records()
        record = records[row] if 0 <= row < len(records) and isinstance(records[row], dict) else None
        self.detail.setTitle(field_names.item_name(self.list_path, row) if record is not None else _("Aucun élément sélectionné"))
        self.binder.set_root(record)
        self.binder.show_problems(self._row_problems.get(row, []))
        self.remove_button.setEnabled(record is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(records) - 1)

    def _detail_changed(self) -> None:
        row = self.current_row()
        self.model.dataChanged.emit(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
        self.changed.emit()

    def add(self) -> None:
        row = len(self.records())
        with recorded(self.history, _("Ajout de « {item} »").format(item=field_names.item_name(self.list_path, row)),
                      (*self.list_path, row)):
            records = get_in(self._data, self.list_path)
            if not isinstance(records, list):
                records = []
                set_in(self._data, self.list_path, records)
            self.model.beginInsertRows(QModelIndex(), row, row)
            records.append(self._new_record())
            self.model.endInsertRows()
        self.select(row)
        self.detail.setFocus()
        self.detail.focusNextChild()
        self.changed.emit()

    def _confirm_remove(self) -> None:
        row = self.current_row()
        item = field_names.item_name(self.list_path, row)
        answer = QMessageBox.question(self, _("Supprimer"), _("Supprimer « {item} » ?").format(item=item))
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(row)

    def remove(self, row: int) -> None:
        records = self.records()
        if not 0 <= row < len(records):
            return
        with recorded(self.history, _("Suppression de « {item} »").format(item=field_names.item_name(self.list_path, row)),
                      (*self.list_path, row)):
            self.model.beginRemoveRows(QModelIndex(), row, row)
            del records[row]
            self.model.endRemoveRows()
        self.select(min(row, len(records) - 1))
        self.changed.emit()

    def move(self, row: int, delta: int) -> None:
        records = self.records()
        target = row + delta
        if not (0 <= row < len(records) and 0 <= target < len(records)):
            return
        with recorded(self.history, _("Déplacement de « {item} »").format(item=field_names.item_name(self.list_path, row)),
                      (*self.list_path, target)):
            self.model.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + (1 if delta > 0 else 0))
            records.insert(target, records.pop(row))
            self.model.endMoveRows()
        self.select(target)
        self.changed.emit()

    # problems (the section routes those under list_path here)

    def show_problems(self, problems: list[tuple[FieldPath, Problem]]) -> list[tuple[FieldPath, Problem]]:
        size = len(self.list_path)
        mine = [(path, problem) for path, problem in problems if path[:size] == self.list_path]
        own = [problem for path, problem in mine if len(path) == size or not isinstance(path[size], int)]
        self._row_problems = {}
        for path, problem in mine:
            if len(path) > size and isinstance(path[size], int):
                self._row_problems.setdefault(path[size], []).append((path[size + 1:], problem))
        self.model.set_problems({row: [p for _path, p in found] for row, found in self._row_problems.items()})
        self.binder.show_problems(self._row_problems.get(self.current_row(), []))
        self.message.set_messages([p.message for p in own], level_of(own) if own else "")
        return [(path, problem) for path, problem in problems if path[:size] != self.list_path]

    def reveal(self, path: FieldPath) -> QWidget | None:
        size = len(self.list_path)
        if path[:size] != self.list_path:
            return None
        if len(path) > size and isinstance(path[size], int):
            self.select(path[size])
            return self.binder.reveal(path[size + 1:]) or self.table
        return self.table
