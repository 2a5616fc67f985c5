"""A section of the case form: a titled, scrollable page whose fields answer for some paths."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from lawdesk.errors import Problem
from lawdesk.ui.form import field_names
from lawdesk.ui.form.binding import Binder, FormBuilder, ProblemLine
from lawdesk.ui.icons import level_of
from lawdesk.ui.form.paths import FieldPath


class Target(Protocol):
    """Binder and RecordListEditor: something that shows problems on fields and can reveal them."""

    def follow_case(self) -> None:
        """The case changed (in this section or another): refresh what this section derives from it (the
        département that the postal code proposes…)."""
        for editor in self.findChildren(QWidget):
            if hasattr(editor, "follow_case") and not isinstance(editor, Section):
                editor.follow_case()

    def show_problems(self, problems: list[tuple[FieldPath, Problem]]) -> list[tuple[FieldPath, Problem]]: ...

    def reveal(self, path: FieldPath) -> QWidget | None: ...

    def load(self) -> None: ...


class Section(QScrollArea):
    """Subclasses add their widgets, then call `finish()`. `index` is the section's place in
    field_names.sections(), which gives its title and the fields it answers for."""

    changed = Signal()
    index = 0

    def __init__(self, data: dict[str, Any], intro: str = "", parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)
        self.title = title or field_names.sections()[self.index].title
        self.data = data
        self.targets: list[Target] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget(self)
        page.setObjectName("sectionPage")
        self.body = QVBoxLayout(page)
        self.body.setContentsMargins(28, 20, 28, 28)
        self.body.setSpacing(14)
        self.heading = heading = QLabel(self.title, page)
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)
        self.body.addWidget(heading)
        if intro:
            self.intro = QLabel(intro, page)
            self.intro.setObjectName("hint")
            self.intro.setWordWrap(True)
            self.body.addWidget(self.intro)
        self.banner = ProblemLine(page)
        self.body.addWidget(self.banner)
        self.setWidget(page)
        self.binder = Binder(data, self)
        self.binder.changed.connect(self.changed)
        self.targets.append(self.binder)

    def form(self, title: str) -> FormBuilder:
        """A new titled group of bound fields in this section."""
        box = QGroupBox(title)
        self.body.addWidget(box)
        return FormBuilder(self.binder, QFormLayout(box))

    def add_target(self, target: Any) -> None:
        self.targets.append(target)
        target.changed.connect(self.changed)

    def finish(self) -> None:
        self.body.addStretch(1)
        self.load()

    def load(self) -> None:
        for target in self.targets:
            target.load()

    def follow_case(self) -> None:
        """The case changed (in this section or another): refresh what this section derives from it (the
        département that the postal code proposes…)."""
        for editor in self.findChildren(QWidget):
            if hasattr(editor, "follow_case") and not isinstance(editor, Section):
                editor.follow_case()

    def show_problems(self, problems: list[tuple[FieldPath, Problem]]) -> None:
        remaining = problems
        for target in self.targets:
            remaining = target.show_problems(remaining)
        found = [p for _path, p in remaining]
        self.banner.set_messages([p.message for p in found], level_of(found) if found else "")

    def reveal(self, path: FieldPath) -> QWidget:
        for target in self.targets:
            widget = target.reveal(path)
            if widget is not None:
                self.ensureWidgetVisible(widget, 40, 80)
                return widget
        self.ensureWidgetVisible(self.banner)
        return self.banner
