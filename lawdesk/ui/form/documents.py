"""Section « Documents »: which documents to generate, in bundle order, and the lawyer's own paragraphs.

Every document of the registry is listed; one that does not fit the case today, or that the case
records as sent, cannot be ticked, and says why on its second line (and in its tooltip). The list is
judged again whenever the case changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from lawdesk.i18n import _
from lawdesk.offer import Offered, offer
from lawdesk.timeline import shown
from lawdesk.ui import labels
from lawdesk.ui.form.catalog import PieceCatalog
from lawdesk.ui.form.editors import Fields, PieceChoices
from lawdesk.ui.form.section import Section
from lawdesk.ui.style import MUTED, WARNING

CODE = Qt.ItemDataRole.UserRole
VISIBLE_ROWS = 6


def offered_text(item: Offered) -> tuple[str, str]:
    """The line shown for a document, and why it cannot be chosen today ("" when it can)."""
    if item.sent is not None:
        why = _("déjà envoyé le {date} : il est une pièce de ce qui suit (voir « Envois et échéances »)").format(
            date=shown(item.sent))
    elif item.reason is not None:
        why = _("ne convient pas aujourd'hui : {reason}").format(reason=item.reason)
    else:
        why = ""
    return item.label, why


class DocumentChooser(QWidget):
    """The documents as a checkable list in bundle order (drag or Monter/Descendre to reorder).
    `judge` gives each document with what the case says of it today (lawdesk.offer)."""

    edited = Signal()

    def __init__(self, judge: Callable[[list[str]], list[Offered]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._judge = judge
        self._shown: list[tuple[str, bool, str]] = []
        self.list = QListWidget(self)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        # a fixed height: reasons appearing or going never move the paragraphs below
        self.list.setFixedHeight(self.fontMetrics().lineSpacing() * VISIBLE_ROWS * 2 + 24)
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

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def value(self) -> list[str]:
        return [i.data(CODE) for i in self.items() if i.checkState() == Qt.CheckState.Checked]

    def set_value(self, value: Any) -> None:
        chosen = [str(v) for v in value] if isinstance(value, list) else []
        judged = self._judge(chosen)
        known = {o.id for o in judged}
        unknown = [Offered(c, _("« {value} » (document inconnu)").format(value=c), True, None, None)
                   for c in chosen if c not in known]
        shown = [(o.id, o.chosen, "\n".join(offered_text(o))) for o in [*unknown, *judged]]
        if shown == self._shown:
            return
        self._shown = shown
        current = self.list.currentItem().data(CODE) if self.list.currentItem() is not None else None
        with QSignalBlocker(self.list):
            self.list.clear()
            for item in [*unknown, *judged]:
                self.list.addItem(self._item(item))
            codes = [i.data(CODE) for i in self.items()]
            if current in codes:
                self.list.setCurrentRow(codes.index(current))

    def _item(self, offered: Offered) -> QListWidgetItem:
        label, why = offered_text(offered)
        item = QListWidgetItem(f"{label}\n{why}" if why else label)
        item.setData(CODE, offered.id)
        item.setToolTip(why or _("Cochez pour générer ce document"))
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if offered.available or offered.chosen:  # a chosen document that no longer fits can still be unticked
            flags |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
        if offered.chosen and not offered.available:
            item.setForeground(QBrush(QColor(WARNING)))
        elif not offered.available:
            item.setForeground(QBrush(QColor(MUTED)))  # the palette draws disabled text as enabled
        item.setFlags(flags)
        item.setCheckState(Qt.CheckState.Checked if offered.chosen else Qt.CheckState.Unchecked)
        return item

    def refresh(self) -> None:
        """Judge the documents again against the case as it is now."""
        self.set_value(self.value())

    def problem_targets(self) -> list[QWidget]:
        return [self.list]


class DocumentsSection(Section):
    index = 7

    def __init__(self, data: dict[str, Any], catalog: PieceCatalog) -> None:
        super().__init__(data, _("Les documents à produire, dans l'ordre du dossier. Les pièces et le bordereau "
                                 "suivent toujours les documents. Seuls les documents qui conviennent aujourd'hui à la "
                                 "situation du dossier peuvent être cochés ; pour les autres, la raison est indiquée."))
        self.chooser = DocumentChooser(lambda documents: offer({**data, "documents": documents}, dt.date.today()))
        self.form(_("Documents à générer, dans l'ordre")).add_wide(("documents",), self.chooser)
        Fields(data, PieceChoices(catalog, self)).add(self.form(_("Paragraphes ajoutés par le rédacteur (facultatif)")),
                                                      *[("notes", code) for code, _label in labels.documents()])
        self.finish()

    def follow_case(self) -> None:
        self.chooser.refresh()
