"""The case list's data: one row per case, and the search and filters over it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from lawdesk.departments import all_departments
from lawdesk.i18n import _
from lawdesk.ui import labels
from lawdesk.status import days_left
from lawdesk.ui.formatting import short_date, timestamp
from lawdesk.ui.style import ERROR
from lawdesk.store.base import CaseStatus, CaseSummary
from lawdesk.ui.presence import holders_text

AnyIndex = QModelIndex | QPersistentModelIndex
REFERENCE, NAME, FOREIGN_NUMBER, DEPARTMENT, STATUS, DEADLINE, MODIFIED = range(7)
SOON_DAYS = 7  # a deadline this close is shown in red
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
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Référence"), _("Demandeur"), _("N° étranger"), _("Département"), _("Statut"),
                    _("Prochaine échéance"), _("Modifié le"))[section]
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
                return labels.status_text(case.status, case.outdated and case.status in GENERATED)
            if column == DEADLINE:
                return deadline_text(case)
            if column == MODIFIED:
                return timestamp(case.modified) if case.modified else ""
            return (case.reference, case.name or _("(sans nom)"), case.foreign_number)[column]
        if role == SORT_ROLE:
            if column == MODIFIED:
                return case.modified
            if column == STATUS:
                return list(CaseStatus).index(case.status)
            if column == DEADLINE:
                return deadline_key(case)
            return str(self.data(index, Qt.ItemDataRole.DisplayRole)).lower()
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QBrush(QColor(STATUS_COLOURS[case.status]))
        if role == Qt.ItemDataRole.ForegroundRole and column == DEADLINE and (
                case.urgent or (case.deadline is not None and case.deadline.days_left(dt.date.today()) <= SOON_DAYS)):
            return QBrush(QColor(ERROR))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DEADLINE and (case.urgent or case.deadline is not None):
                return case.urgent or f"{case.deadline.what}\n{case.deadline.basis}"
            return "\n".join(filter(None, [case.problem or case.label, holders_text(case.holders)]))
        return None


GENERATED = (CaseStatus.LETTERS, CaseStatus.FILING)


def deadline_text(case: CaseSummary) -> str:
    """« 12/06/2026 (dans 5 jours) »; a refusal with an OQTF says its deadlines are to be checked at once."""
    if case.urgent:
        return _("OQTF : délais à vérifier immédiatement")
    if case.deadline is None:
        return ""
    return _("{date} ({left})").format(date=short_date(case.deadline.date.isoformat()),
                                       left=days_left(case.deadline, dt.date.today()))


def deadline_key(case: CaseSummary) -> int | None:
    """The order of the deadline column: the nearest first, a case with an OQTF before all, None for no deadline."""
    if case.urgent:
        return -1
    return case.deadline.date.toordinal() if case.deadline is not None else None


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

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        """A case with no deadline sorts last, whichever the order of the deadline column."""
        if left.column() == DEADLINE:
            first, second = left.data(SORT_ROLE), right.data(SORT_ROLE)
            if first is None or second is None:
                # Qt sorts descending with lessThan(right, left): "no deadline" must then be the smallest
                last_is_largest = self.sortOrder() == Qt.SortOrder.AscendingOrder
                return (second is None and first is not None) if last_is_largest else (first is None and second is not None)
            return first < second
        return super().lessThan(left, right)

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
