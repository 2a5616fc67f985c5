"""Section « Documents »: which documents to generate, in bundle order, and the lawyer's own paragraphs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from lawdesk.i18n import _
from lawdesk.ui import labels
from lawdesk.ui.form.section import Section
from lawdesk.ui.form.widgets import TextArea


class DocumentChooser(QWidget):
    """The documents as a checkable list in bundle order (drag or Monter/Descendre to reorder)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSpacing(2)
        self.list.setMaximumHeight(110)
        up = QPushButton(_("Monter"), self)
        down = QPushButton(_("Descendre"), self)
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        buttons = QVBoxLayout()
        buttons.addWidget(up)
        buttons.addWidget(down)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)
        self.list.itemChanged.connect(self.edited)
        self.list.model().rowsMoved.connect(self.edited)

    def move(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        with QSignalBlocker(self.list.model()):
            item = self.list.takeItem(row)
            self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.edited.emit()

    def value(self) -> list[str]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def set_value(self, value: Any) -> None:
        chosen = [str(v) for v in value] if isinstance(value, list) else []
        known = labels.documents()
        names = dict(known)
        order = chosen + [code for code, _label in known if code not in chosen]
        with QSignalBlocker(self.list):
            self.list.clear()
            for code in order:
                item = QListWidgetItem(names.get(code, _("« {value} » (document inconnu)").format(value=code)))
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
                item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
                self.list.addItem(item)

    def problem_targets(self) -> list[QWidget]:
        return [self.list]


class DocumentsSection(Section):
    index = 7

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data, _("Les documents à produire, dans l'ordre du dossier. Les pièces et "
                                                 "le bordereau suivent toujours les documents."))
        chosen = self.form(_("Documents à générer"))
        chosen.add(("documents",), DocumentChooser(), label=_("Dans l'ordre"))
        notes = self.form(_("Paragraphes ajoutés par le rédacteur (facultatif)"))
        for code, _label in labels.documents():
            notes.add(("notes", code), TextArea(_("texte libre inséré dans ce document"), lines=4))
        self.finish()
