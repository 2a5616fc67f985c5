"""Input widgets with one interface: `value()`, `set_value(v)` and an `edited` signal.

`edited` fires only on a user's change, never on `set_value`: loading a case never writes
it back, so fields the form does not show, or shows differently, stay as they were.
`value()` is None for "not given": the field is then removed from the case data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, QKeyCombination, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from lawdesk.departments import all_departments, normalize_code
from lawdesk.i18n import _
from lawdesk.ui.labels import Choices

DATE_FORMAT = "dd/MM/yyyy"
_NO_DATE = QDate(1800, 1, 1)  # shown as "non renseignée"


_REDO_KEYS = (QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Z),
              QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y))


def leave_undo_to_window(event: QEvent) -> bool:
    """True if `event` is Undo/Redo typed in a text field: the case's history handles it (one
    step per field edit, across fields), not the field's own undo."""
    if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
            or event.keyCombination() in _REDO_KEYS):
        event.ignore()
        return True
    return False


class TextLine(QLineEdit):
    edited = Signal()

    def event(self, event: QEvent) -> bool:
        return leave_undo_to_window(event) or super().event(event)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.textEdited.connect(self.edited)

    def value(self) -> str | None:
        return self.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))


class TextArea(QPlainTextEdit):
    edited = Signal()

    def __init__(self, placeholder: str = "", lines: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        self._height = self.fontMetrics().lineSpacing() * lines + 16
        self.setMinimumHeight(self._height)
        self.textChanged.connect(self._changed)
        self._loading = False

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)

    def event(self, event: QEvent) -> bool:
        return leave_undo_to_window(event) or super().event(event)

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> str | None:
        return self.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.setPlainText("" if value is None else str(value))
        finally:
            self._loading = False


class ChoiceCombo(QComboBox):
    """Coded values shown with their French label; an unknown code in the data is kept and shown."""

    edited = Signal()

    def __init__(self, choices: Choices, placeholder: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._placeholder = placeholder if placeholder is not None else _("— choisir —")
        # long labels (pièce titles) must not widen the form: the popup shows them whole
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.set_choices(choices)
        self.activated.connect(self.edited)

    def set_choices(self, choices: Choices) -> None:
        current = self.value()
        with QSignalBlocker(self):
            self.clear()
            self.addItem(self._placeholder, None)
            for code, label in choices:
                self.addItem(label, code)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self):
            index = 0 if value is None else self.findData(value)
            if index < 0:
                self.addItem(_("« {value} » (valeur inconnue)").format(value=value), value)
                index = self.count() - 1
            self.setCurrentIndex(index)


class DateField(QWidget):
    """A French date (dd/MM/yyyy, calendar popup) that may be left "non renseignée" (unticked)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox(self)
        self.known.setToolTip(_("Cochez pour indiquer la date"))
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DATE_FORMAT)
        self.edit.setMinimumDate(_NO_DATE)
        self.edit.setSpecialValueText(_("non renseignée"))
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 48)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self._last = QDate.currentDate()
        self._show(None)
        self.known.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(self._date_changed)

    def _show(self, date: QDate | None) -> None:
        with QSignalBlocker(self.known), QSignalBlocker(self.edit):
            self.known.setChecked(date is not None)
            self.edit.setEnabled(date is not None)
            self.edit.setDate(date if date is not None else _NO_DATE)

    def _toggled(self, checked: bool) -> None:
        self._show(self._last if checked else None)
        if checked:
            self.edit.setFocus()
        self.edited.emit()

    def _date_changed(self, date: QDate) -> None:
        if date != _NO_DATE:
            self._last = date
            self.edited.emit()

    def value(self) -> str | None:
        if not self.known.isChecked():
            return None
        return self.edit.date().toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        try:
            parsed = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None  # an unreadable date stays in the data; the validation message says so
        date = QDate(parsed.year, parsed.month, parsed.day) if parsed else None
        if date is not None:
            self._last = date
        self._show(date)

    def set_date(self, date: dt.date | None) -> None:
        """As if the user picked `date` (or unticked the field)."""
        if date is None:
            self.known.setChecked(False)
            return
        self.known.setChecked(True)
        self.edit.setDate(QDate(date.year, date.month, date.day))

    def problem_targets(self) -> list[QWidget]:
        return [self.edit]


class NumberField(QSpinBox):
    """A whole number; the lowest value reads "non renseigné" and means absent."""

    edited = Signal()

    def __init__(self, maximum: int, suffix: str = "", minimum: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(minimum - 1, maximum)
        self.setSuffix(suffix)
        self.setSpecialValueText(_("non renseigné"))
        self.setGroupSeparatorShown(True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("non renseigné") + 48)
        self._loading = False
        self.valueChanged.connect(self._changed)

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> int | None:  # type: ignore[override]
        number = super().value()
        return None if number == self.minimum() else number

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.setValue(int(value) if isinstance(value, (int, float)) else self.minimum())
        finally:
            self._loading = False


class PieceChecklist(QListWidget):
    """The pièces that back a fact: a checkable list labelled with the current pièce numbers."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: list[tuple[str, str]] = []
        self._ids: list[str] = []
        self.setSpacing(1)
        self.setWordWrap(True)  # long pièce titles wrap rather than scroll sideways
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(96)
        self.setMaximumHeight(220)
        self.itemChanged.connect(self._item_changed)

    def _item_changed(self) -> None:
        self._ids = [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                     if self.item(i).checkState() == Qt.CheckState.Checked]
        self.edited.emit()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """(id, label) of every pièce, in number order."""
        self._choices = choices
        self._fill()

    def _fill(self) -> None:
        with QSignalBlocker(self):
            self.clear()
            known = [piece_id for piece_id, _label in self._choices]
            for piece_id, label in self._choices:
                self._add(label, piece_id)
            for unknown in (i for i in self._ids if i not in known):
                self._add(_("« {id} » : pièce inexistante (décochez-la)").format(id=unknown), unknown)
            if not self.count():
                empty = QListWidgetItem(_("Aucune pièce pour l'instant : ajoutez-les dans la section Pièces."))
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                self.addItem(empty)

    def _add(self, text: str, piece_id: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, piece_id)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if piece_id in self._ids else Qt.CheckState.Unchecked)
        self.addItem(item)

    def value(self) -> list[str]:
        return list(self._ids)

    def set_value(self, value: Any) -> None:
        self._ids = [str(i) for i in value] if isinstance(value, list) else []
        self._fill()


class DepartmentField(QWidget):
    """The département (code and name), with the tribunal and the defendant that follow from it."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        choices = [(d.code, f"{d.code} — {d.name}") for d in all_departments().values()]
        self.combo = ChoiceCombo(choices, _("— choisir le département —"), self)
        self.combo.setMaxVisibleItems(20)
        self.consequence = QLabel(self)
        self.consequence.setObjectName("hint")
        self.consequence.setWordWrap(True)
        self.consequence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.combo)
        layout.addWidget(self.consequence)
        self.setFocusProxy(self.combo)
        self.combo.edited.connect(self._changed)

    def _changed(self) -> None:
        self._explain()
        self.edited.emit()

    def _explain(self) -> None:
        found = all_departments().get(normalize_code(self.combo.value() or ""))
        self.consequence.setVisible(found is not None)
        if found is not None:
            self.consequence.setText(_("Juridiction compétente : {tribunal}\nDéfendeur : le {prefect}").format(
                tribunal=found.tribunal, prefect=found.prefect))

    def value(self) -> str | None:
        return self.combo.value()

    def set_value(self, value: Any) -> None:
        self.combo.set_value(value)
        self._explain()

    def problem_targets(self) -> list[QWidget]:
        return [self.combo]
