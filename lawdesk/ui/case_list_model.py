"""The case list's data: one row per case folder, and the search and filters over it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from lawdesk.departments import all_departments
from lawdesk.i18n import _
from lawdesk.ui import labels
from lawdesk.ui.formatting import timestamp
from lawdesk.ui.workspace import CaseStatus, CaseSummary

AnyIndex = QModelIndex | QPersistentModelIndex
REFERENCE, NAME, FOREIGN_NUMBER, DEPARTMENT, STATUS, MODIFIED = range(6)
SORT_ROLE = Qt.ItemDataRole.UserRole
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLOURS = {CaseStatus.DRAFT: "#8a6d00", CaseStatus.READY: "#1b6e3a", CaseStatus.LETTERS: "#1f4e8c",
                  CaseStatus.FILING: "#5b2a86", CaseStatus.UNREADABLE: "#b3261e"}


class CaseListModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases: list[CaseSummary] = []

    def set_cases(self, cases: list[CaseSummary]) -> None:
        self.beginResetModel()
        self.cases = cases
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.cases)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Référence"), _("Demandeur"), _("N° étranger"), _("Département"), _("Statut"), _("Modifié le"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        case = self.cases[index.row()]
        column = index.column()
        if role == SUMMARY_ROLE:
            return case
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DEPARTMENT:
                found = all_departments().get(case.department)
                return f"{case.department} — {found.name}" if found else case.department
            if column == STATUS:
                return labels.statuses()[case.status]
            if column == MODIFIED:
                return timestamp(case.modified) if case.modified else ""
            return (case.reference, case.name or _("(sans nom)"), case.foreign_number)[column]
        if role == SORT_ROLE:
            if column == MODIFIED:
                return case.modified
            if column == STATUS:
                return list(CaseStatus).index(case.status)
            return str(self.data(index, Qt.ItemDataRole.DisplayRole)).lower()
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QBrush(QColor(STATUS_COLOURS[case.status]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return case.problem or str(case.folder)
        return None


class CaseFilter(QSortFilterProxyModel):
    """Search on name, reference and n° étranger; filters on département and status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.department: str | None = None
        self.status: CaseStatus | None = None
        self.setSortRole(SORT_ROLE)

    def set_filters(self, text: str, department: str | None, status: CaseStatus | None) -> None:
        self.beginFilterChange()
        self.text, self.department, self.status = text.strip().lower(), department, status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:
        case: CaseSummary = self.sourceModel().index(row, 0, parent).data(SUMMARY_ROLE)
        if self.department is not None and case.department != self.department:
            return False
        if self.status is not None and case.status != self.status:
            return False
        if not self.text:
            return True
        digits = self.text.replace(" ", "")
        return (self.text in case.name.lower() or self.text in case.reference.lower()
                or (bool(digits) and digits in case.foreign_number))
