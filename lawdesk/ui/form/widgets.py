"""Input widgets with one interface: `value()`, `set_value(v)` and an `edited` signal.

`edited` fires only on a user's change, never on `set_value`: loading a case never writes
it back, so fields the form does not show, or shows differently, stay as they were.
`value()` is None for "not given": the field is then removed from the case data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QKeyCombination, QLocale, QObject, QPoint, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget, QCheckBox, QComboBox, QCompleter, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSpinBox, QToolButton, QVBoxLayout, QWidget,
)

from lawdesk.departments import all_departments, department_from_postal_code, normalize_code
from lawdesk.i18n import _
from lawdesk.typed_dates import read_typed_date, typed_form
from lawdesk.ui.icons import calendar_icon
from lawdesk.ui.labels import Choices


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
    """A date typed as people do (« 12/03/1988 », « 12031988 », « 12/3/88 ») or picked in a calendar.

    Empty means not given. The value follows the text as soon as it is a real day; when typing ends
    (Enter, leaving the field) whatever was typed is written, an impossible or unreadable date too:
    the field says what is wrong, the pre-flight refuses it, nothing is silently corrected.
    """

    edited = Signal()
    localProblemChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(_("jj/mm/aaaa"))
        self.edit.setMaxLength(40)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.pick = QToolButton(self)
        self.pick.setIcon(calendar_icon())
        self.pick.setToolTip(_("Choisir dans le calendrier"))
        self.pick.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.pick)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self._value: str | None = None
        self._problem: str | None = None
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(self)
        self.pick.clicked.connect(self.open_calendar)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and leave_undo_to_window(event):
            return True
        return super().eventFilter(watched, event)

    def _typed(self, text: str) -> None:
        """While typing, a complete real date (or nothing) is written at once; the rest waits for the end."""
        typed = read_typed_date(text)
        if typed.problem is None:
            self._set_problem(None)
            self._commit(typed.value)

    def _finished(self) -> None:
        typed = read_typed_date(self.edit.text())
        self._set_problem(typed.problem)
        if typed.date is not None:
            self.edit.setText(typed_form(typed.value))
        self._commit(typed.value)

    def _commit(self, value: str | None) -> None:
        if value != self._value:
            self._value = value
            self.edited.emit()

    def _set_problem(self, problem: str | None) -> None:
        if problem != self._problem:
            self._problem = problem
            self.localProblemChanged.emit()

    def local_problem(self) -> str | None:
        """What is wrong with the text typed, in the field's own words (day/month/year order)."""
        return self._problem

    def open_calendar(self) -> None:
        popup = CalendarPopup(self)
        current = read_typed_date(self.edit.text()).date
        if current is not None:
            popup.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        popup.calendar.clicked.connect(lambda date: self.set_date(dt.date(date.year(), date.month(), date.day())))
        popup.calendar.activated.connect(lambda date: self.set_date(dt.date(date.year(), date.month(), date.day())))
        popup.show_below(self.edit)

    def value(self) -> str | None:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value if isinstance(value, str) and value else None
        self.edit.setText(typed_form(self._value))
        self._set_problem(None)

    def set_date(self, date: dt.date | None) -> None:
        """As if the user picked `date` in the calendar (or emptied the field)."""
        self.edit.setText(date.strftime("%d/%m/%Y") if date else "")
        self._set_problem(None)
        self._commit(date.isoformat() if date else None)

    def problem_targets(self) -> list[QWidget]:
        return [self.edit]


class CalendarPopup(QFrame):
    """The calendar of a date field, in the interface's locale (weeks start on Monday in French)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(QLocale())
        self.calendar.setFirstDayOfWeek(QLocale().firstDayOfWeek())
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self.close)
        self.calendar.activated.connect(self.close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def show_below(self, anchor: QWidget) -> None:
        self.adjustSize()
        self.move(anchor.mapToGlobal(QPoint(0, anchor.height())))
        self.show()
        self.calendar.setFocus()


class CheckField(QCheckBox):
    """A yes/no question: ticked writes true; unticked writes `unticked` (None: the field is removed)."""

    edited = Signal()

    def __init__(self, text: str, unticked: bool | None = None, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._unticked = unticked
        self.clicked.connect(self.edited)

    def value(self) -> bool | None:
        return True if self.isChecked() else self._unticked

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self):
            self.setChecked(value is True)


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
    """The département, typed (code or name, completed as one types) or chosen in the list, with
    the tribunal and the defendant that follow from it. A text that names no département is written
    as typed, and the pre-flight says so: it never becomes a neighbouring département.
    `postal_code` gives the applicant's postal code, whose département is proposed while none is chosen."""

    edited = Signal()

    def __init__(self, postal_code: Callable[[], Any] = lambda: None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._postal_code = postal_code
        self._value: str | None = None
        self.combo = QComboBox(self)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMaxVisibleItems(20)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(24)
        for found in all_departments().values():
            self.combo.addItem(f"{found.code} — {found.name}", found.code)
        self.combo.lineEdit().setPlaceholderText(_("code ou nom, par ex. 93 ou Seine-Saint-Denis"))
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        self.suggestion = QPushButton(self)
        self.suggestion.setObjectName("flat")
        self.suggestion.clicked.connect(self._take_suggestion)
        self.consequence = QLabel(self)
        self.consequence.setObjectName("hint")
        self.consequence.setWordWrap(True)
        self.consequence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # two lines, always: the fields below do not move when a département is chosen
        self.consequence.setMinimumHeight(self.consequence.fontMetrics().lineSpacing() * 2 + 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        row = QHBoxLayout()
        row.addWidget(self.combo, 1)
        row.addWidget(self.suggestion)
        layout.addLayout(row)
        layout.addWidget(self.consequence)
        self.setFocusProxy(self.combo)
        self.combo.activated.connect(self._picked)
        completer.activated[str].connect(self._completed)
        self.combo.lineEdit().editingFinished.connect(self._typed)

    def _picked(self, index: int) -> None:
        self._commit(self.combo.itemData(index))

    def _completed(self, text: str) -> None:
        index = self.combo.findText(text)
        if index >= 0:
            self.combo.setCurrentIndex(index)
            self._commit(self.combo.itemData(index))

    def _typed(self) -> None:
        text = self.combo.currentText().strip()
        code = self.match(text)
        if code is not None:
            self.combo.setCurrentIndex(self.combo.findData(code))
            self._commit(code)
        else:
            self._commit(text or None)

    @staticmethod
    def match(text: str) -> str | None:
        """The département `text` names: its code (« 93 », « 2a », « 1 »), its list entry, or its name."""
        if not text:
            return None
        known = all_departments()
        code = normalize_code(text.split("—")[0])
        if code in known:
            return code
        wanted = text.casefold()
        return next((c for c, d in known.items() if d.name.casefold() == wanted), None)

    def _commit(self, value: str | None) -> None:
        if value != self._value:
            self._value = value
            self._explain()
            self.edited.emit()

    def _take_suggestion(self) -> None:
        code = self._suggested()
        if code is not None:
            self.combo.setCurrentIndex(self.combo.findData(code))
            self._commit(code)

    def _suggested(self) -> str | None:
        postal_code = self._postal_code()
        return department_from_postal_code(postal_code) if isinstance(postal_code, str) else None

    def follow_case(self) -> None:
        """The postal code may have changed: propose its département (what is being typed stays)."""
        self._explain()

    def _explain(self) -> None:
        found = all_departments().get(normalize_code(self._value or ""))
        if found is not None:
            self.consequence.setText(_("Juridiction compétente : {tribunal}\nDéfendeur : le {prefect}").format(
                tribunal=found.tribunal, prefect=found.prefect))
        else:
            self.consequence.setText(_("Le département de résidence désigne le tribunal administratif compétent et le "
                                       "préfet défendeur."))
        suggested = self._suggested()
        self.suggestion.setVisible(self._value is None and suggested is not None)
        if suggested is not None:
            self.suggestion.setText(_("Choisir {department} (code postal {postal_code})").format(
                department=self.combo.itemText(self.combo.findData(suggested)), postal_code=self._postal_code()))

    def value(self) -> str | None:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value if isinstance(value, str) and value else None
        with QSignalBlocker(self.combo):
            index = self.combo.findData(self._value) if self._value is not None else -1
            self.combo.setCurrentIndex(index)
            if index < 0:
                self.combo.setEditText(self._value or "")
        self._explain()

    def problem_targets(self) -> list[QWidget]:
        return [self.combo]


class PostalCodeField(QWidget):
    """A postal code, with the département it belongs to shown beside it as soon as it is complete."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = TextLine(_("5 chiffres, par ex. 93200"), self)
        self.edit.setMaxLength(10)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00000000000") + 24)
        self.department = QLabel(self)
        self.department.setObjectName("hint")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.department, 1)
        self.setFocusProxy(self.edit)
        self.edit.edited.connect(self._changed)

    def _changed(self) -> None:
        self._explain()
        self.edited.emit()

    def _explain(self) -> None:
        code = department_from_postal_code(self.edit.value() or "")
        found = all_departments().get(code) if code else None
        self.department.setText(_("département {code} — {name}").format(code=found.code, name=found.name) if found else "")

    def value(self) -> str | None:
        return self.edit.value()

    def set_value(self, value: Any) -> None:
        self.edit.set_value(value)
        self._explain()

    def problem_targets(self) -> list[QWidget]:
        return [self.edit]
