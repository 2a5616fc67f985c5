"""Driving the window as a user does: mouse clicks on the real buttons, list rows and combo popups,
key presses into the real fields. Never the method behind a button: that is how « Ajouter des
fichiers… » attaching files to pièce n° 1 went unnoticed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QFileDialog, QLineEdit, QListWidget, QMessageBox,
    QWidget,
)

from lawdesk.ui.case_editor import CaseEditor
from lawdesk.ui.form.record_list import RecordListEditor
from lawdesk.ui.form.section import Section


def click(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    """A left click in the middle of a button (or any widget)."""
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def click_row(qtbot, view: QAbstractItemView, row: int, column: int = 0) -> None:  # noqa: ANN001
    """A click on a row of a table or list (it becomes the current row)."""
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def open_section(editor: CaseEditor, index: int, qtbot=None) -> Section:  # noqa: ANN001
    """A click on the section's title in the navigation."""
    nav = editor.nav
    if qtbot is not None:
        item = nav.item(index)
        nav.scrollToItem(item)
        qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center())
    else:
        nav.setCurrentRow(index)
    assert nav.currentRow() == index
    section = editor.form.currentWidget()
    assert isinstance(section, Section)
    return section


def field(section: Section | RecordListEditor, *path: str | int) -> Any:
    binding = section.binder.field_for(tuple(path))
    assert binding is not None and binding.path == tuple(path), path
    return binding.editor


def type_keys(editor: QWidget, text: str) -> None:
    """One key event per character (QTest's keyClicks knows only ASCII)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def type_text(qtbot, editor: QWidget, text: str) -> None:  # noqa: ANN001
    """Select all and type."""
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    type_keys(editor, text)


def type_date(qtbot, date_field: Any, date: dt.date | str) -> None:  # noqa: ANN001
    """Type a date in a date field as people write it, then Enter."""
    text = date.strftime("%d/%m/%Y") if isinstance(date, dt.date) else date
    type_text(qtbot, date_field.edit, text)
    qtbot.keyClick(date_field.edit, Qt.Key.Key_Return)


def pick(qtbot, combo: QComboBox, value: Any) -> None:  # noqa: ANN001
    """Open the combo's popup with a click, go to the entry whose data is `value` with the arrow keys,
    and press Enter."""
    row = combo.findData(value)
    assert row >= 0, value
    click(qtbot, combo)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=3000)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    for _step in range(row):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=3000)
    assert combo.currentData() == value, (combo.currentText(), value)


def fill(qtbot, section: Section | RecordListEditor, values: dict[str, Any]) -> None:  # noqa: ANN001
    """Fill fields as a user does, by their dotted paths: a choice picked in its popup, a date or a
    text typed, a box ticked."""
    from lawdesk.ui.form.widgets import CheckField, DateField, PostalCodeField

    for dotted, value in values.items():
        editor = field(section, *dotted.split("."))
        if isinstance(editor, QComboBox):
            pick(qtbot, editor, value)
        elif isinstance(editor, DateField):
            type_date(qtbot, editor, value)
        elif isinstance(editor, CheckField):
            if editor.isChecked() != value:
                click(qtbot, editor)
        else:
            type_text(qtbot, editor.edit if isinstance(editor, PostalCodeField) else editor, str(value))


def tick(qtbot, checklist: QListWidget, ids: list[str]) -> None:  # noqa: ANN001
    """Tick exactly `ids` in a check list: a click on each row that must change, then Space."""
    for row in range(checklist.count()):
        item = checklist.item(row)
        wanted = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ids else Qt.CheckState.Unchecked
        if item.checkState() != wanted:
            qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=checklist.visualItemRect(item).center())
            qtbot.keyClick(checklist, Qt.Key.Key_Space)
            assert item.checkState() == wanted, item.text()


def drop_files(qtbot, target: QWidget, paths: list[Path]) -> None:  # noqa: ANN001
    """Deliver a drop of files from a file manager, as Qt does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    target.dropEvent(event)
    assert event.isAccepted()


def when_shown(kind: type[QWidget], handle: Callable[[Any], None], seen: list[Any] | None = None) -> None:
    """Handle the next modal dialog of `kind` once it shows (a file dialog, a question), as the user would."""
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            if seen is not None:
                seen.append(dialog)
            handle(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def answer_question(button: QMessageBox.StandardButton, seen: list[Any] | None = None) -> None:
    """Click `button` in the next message box."""
    when_shown(QMessageBox, lambda box: box.button(button).click(), seen)


def choose_files_in_dialog(paths: list[Path], seen: list[Any] | None = None) -> None:
    """In the next file dialog (Qt's own, as on Linux), type the file names and press « Ouvrir »."""
    def choose(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        dialog.setDirectory(str(paths[0].parent))
        name.setText(" ".join(f'"{p.name}"' for p in paths) if len(paths) > 1 else paths[0].name)
        accept = next(b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") in ("Ouvrir", "Open"))
        accept.click()

    when_shown(QFileDialog, choose, seen)
