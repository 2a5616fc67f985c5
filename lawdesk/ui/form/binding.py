"""Binding form fields to a dict of the case data (the case itself, or one incident, harm, pièce).

Each field is bound to a path; a user's edit writes that path at once (the form edits
`case.data` in place, so fields it does not know are never touched). Problems from the
validation are shown on the field that answers for their path (`paths.best_match`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from lawdesk.errors import Problem
from lawdesk.i18n import _
from lawdesk.ui.form import field_names
from lawdesk.ui.form.paths import FieldPath, best_match, get_in, set_in
from lawdesk.ui.history import CaseHistory, recorded


def restyle(widget: QWidget, name: str, value: str) -> None:
    """Set a dynamic property the style sheet selects on, and have the style sheet read it again."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        widget.updateGeometry()  # a padding or font change resizes it


def mark(widget: QWidget, level: str) -> None:
    """Set the `problem` property ("error", "warning" or "") the style sheet draws as a coloured border."""
    targets = widget.problem_targets() if hasattr(widget, "problem_targets") else [widget]
    for target in targets:
        restyle(target, "problem", level)


def name_for_assistive_technology(editor: QWidget, name: str) -> None:
    """A screen reader announces the field by its label: the editor, and the inner widgets of a
    compound one (the tick box and date of a DateField), carry it."""
    editor.setAccessibleName(name)
    for inner in editor.findChildren(QWidget):
        if not inner.accessibleName():
            inner.setAccessibleName(name)


class ProblemLine(QLabel):
    """Where the validation message of a field, a list or a section goes: one line that always
    keeps its place, so that a message appearing or going never moves what is below it (the next
    click would land in the wrong field). A longer message is cut with « … »; the tooltip and the
    Vérification panel give it whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().height() + 2)

    def set_messages(self, messages: list[str], level: str) -> None:
        self._lines = [m[:1].upper() + m[1:] for m in messages]
        self.setToolTip("\n".join(self._lines))
        self.setAccessibleDescription("\n".join(self._lines))
        mark(self, level)
        self._fit()

    def full_text(self) -> str:
        return "\n".join(self._lines)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._lines:
            self.setText("")
            return
        first = self._lines[0]
        if len(self._lines) > 1:
            first += " " + _("(+{n})").format(n=len(self._lines) - 1)
        self.setText(self.fontMetrics().elidedText(first, Qt.TextElideMode.ElideRight, max(self.width(), 40)))


class FieldBox(QWidget):
    """An editor with its validation message on the line below it (a ProblemLine). An editor that
    reads what was typed itself (a date) adds its own message, in the form's words, before the
    pre-flight's on the same field."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.message = ProblemLine(self)
        self._problems: list[Problem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.message)
        self.setFocusProxy(editor)
        if hasattr(editor, "localProblemChanged"):
            editor.localProblemChanged.connect(lambda: self.show_problems(self._problems))

    def show_problems(self, problems: list[Problem]) -> None:
        self._problems = problems
        local = self.editor.local_problem() if hasattr(self.editor, "local_problem") else None
        messages = [p.message for p in problems]
        if local:
            messages = [local] + [p.message for p in problems if not p.is_error]
        level = "error" if local or any(p.is_error for p in problems) else ("warning" if problems else "")
        mark(self.editor, level)
        self.message.set_messages(messages, level)


@dataclass
class Binding:
    path: FieldPath
    editor: Any  # a widgets.py editor: value(), set_value(), and an `edited` signal
    box: FieldBox
    read: Callable[[dict[str, Any]], Any] | None = None
    write: Callable[[dict[str, Any], Any], None] | None = None


class Binder(QObject):
    """`locate` says where the root sits in the case (() for the case itself, ("incidents", 2)
    for the third incident): it names the field an edit is recorded on in `history`."""

    changed = Signal()

    def __init__(self, root: dict[str, Any] | None = None, parent: QObject | None = None,
                 locate: Callable[[], FieldPath] = tuple) -> None:
        super().__init__(parent)
        self.root: dict[str, Any] | None = root
        self.history: CaseHistory | None = None
        self._locate = locate
        self._bindings: dict[FieldPath, Binding] = {}

    def bind(self, binding: Binding) -> None:
        self._bindings[binding.path] = binding
        binding.editor.edited.connect(lambda b=binding: self._store(b))

    def _store(self, binding: Binding) -> None:
        if self.root is None:
            return
        value = binding.editor.value()
        where = (*self._locate(), *binding.path)
        with recorded(self.history, _("Saisie « {field} »").format(field=field_names.label(where)), where, merge=True):
            if binding.write is not None:
                binding.write(self.root, value)
            else:
                set_in(self.root, binding.path, value)
        self.changed.emit()

    def set_root(self, root: dict[str, Any] | None) -> None:
        self.root = root
        self.load()

    def load(self) -> None:
        for binding in self._bindings.values():
            if self.root is None:
                binding.editor.set_value(None)
            else:
                binding.editor.set_value(binding.read(self.root) if binding.read else get_in(self.root, binding.path))
            binding.box.setEnabled(self.root is not None)

    def reveal(self, path: FieldPath) -> QWidget | None:
        binding = self.field_for(path)
        return binding.box if binding is not None else None

    def field_for(self, path: FieldPath) -> Binding | None:
        found = best_match(path, self._bindings)
        return self._bindings[found] if found is not None else None

    def show_problems(self, problems: list[tuple[FieldPath, Problem]]) -> list[tuple[FieldPath, Problem]]:
        """Mark the fields; return the problems no field answers for."""
        by_field: dict[FieldPath, list[Problem]] = {path: [] for path in self._bindings}
        unplaced = []
        for path, problem in problems:
            binding = self.field_for(path)
            if binding is None:
                unplaced.append((path, problem))
            else:
                by_field[binding.path].append(problem)
        for path, found in by_field.items():
            self._bindings[path].box.show_problems(found)
        return unplaced


class FormBuilder:
    """Adds labelled, bound fields to a form layout: `builder.add(("applicant", "family_name"), TextLine())`.

    Labels come from field_names; `prefix` is where the binder's root sits in the case
    (("incidents", 0) for the form of one incident), to find them.
    """

    def __init__(self, binder: Binder, layout: QFormLayout, prefix: FieldPath = ()) -> None:
        self.binder = binder
        self.layout = layout
        self.prefix = prefix
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.setHorizontalSpacing(16)
        layout.setVerticalSpacing(4)

    def add(self, path: FieldPath, editor: QWidget, label: str | None = None,
            read: Callable[[dict[str, Any]], Any] | None = None,
            write: Callable[[dict[str, Any], Any], None] | None = None) -> FieldBox:
        box = FieldBox(editor)
        self.binder.bind(Binding(path, editor, box, read, write))
        caption = QLabel(label or field_names.label((*self.prefix, *path)))
        caption.setObjectName("fieldLabel")
        caption.setBuddy(editor)
        name_for_assistive_technology(editor, caption.text())
        self.layout.addRow(caption, box)
        return box

    def add_wide(self, path: FieldPath, editor: QWidget) -> FieldBox:
        """A field across the whole form, without a label beside it (the group's title names it)."""
        box = FieldBox(editor)
        self.binder.bind(Binding(path, editor, box))
        name_for_assistive_technology(editor, field_names.label((*self.prefix, *path)))
        self.layout.addRow(box)
        return box
