"""Undo and redo of every edit of a case: fields (keystrokes merged), list rows, pièces."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from lawdesk.case import load_case
from lawdesk.ui.main_window import MainWindow
from lawdesk.ui.settings import AppSettings
from lawdesk.store.folder import FolderStore
from tests.test_ui_window import field, open_section, type_text

APPLICANT, PIECES, INCIDENTS = 0, 4, 2


def _open(qtbot, demo_case_dir: Path, tmp_path: Path):  # noqa: ANN001, ANN202
    window = MainWindow(FolderStore(demo_case_dir.parent),
                        AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor = window.open_case(demo_case_dir.name)
    assert editor is not None
    return window, editor


def test_typing_in_a_field_is_one_step_undone_and_redone_from_the_menu_and_keyboard(qtbot, demo_case_dir: Path,
                                                                                     tmp_path: Path) -> None:  # noqa: ANN001
    window, editor = _open(qtbot, demo_case_dir, tmp_path)
    name = field(open_section(editor, APPLICANT), "applicant", "family_name")
    before = editor.case.data["applicant"]["family_name"]
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    type_text(qtbot, name, "MARTIN")
    assert editor.case.data["applicant"]["family_name"] == "MARTIN"
    history = editor.form.history
    assert history.count() == 1  # six keystrokes (and the select-all delete), one step
    assert window.undo_action.isEnabled() and "Nom de famille" in window.undo_action.text()
    window.undo_action.trigger()
    assert editor.case.data["applicant"]["family_name"] == before and name.text() == before
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.case.data["applicant"]["family_name"] == "MARTIN" and name.text() == "MARTIN"
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the window's undo, not the field's
    assert name.text() == before
    window.show_list()
    assert load_case(demo_case_dir).data["applicant"]["family_name"] == before  # the undone state is saved


def test_a_piece_reorder_is_undone_with_its_numbers(qtbot, demo_case_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    window, editor = _open(qtbot, demo_case_dir, tmp_path)
    pieces = open_section(editor, PIECES)
    ids = [p["id"] for p in editor.case.data["pieces"]]
    pieces.select(0)
    pieces.down_button.click()
    moved = [ids[1], ids[0], *ids[2:]]
    assert [p["id"] for p in editor.case.data["pieces"]] == moved
    window.undo_action.trigger()
    assert [p["id"] for p in editor.case.data["pieces"]] == ids
    assert pieces.model.index(0, 1).data() == editor.case.data["pieces"][0]["title"]
    window.redo_action.trigger()
    assert [p["id"] for p in editor.case.data["pieces"]] == moved
    assert pieces.current_row() == 1  # the moved pièce is shown


def test_a_removed_piece_comes_back_with_the_facts_citing_it(qtbot, demo_case_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    window, editor = _open(qtbot, demo_case_dir, tmp_path)
    before = copy.deepcopy(editor.case.data)
    pieces = open_section(editor, PIECES)
    pieces.remove(0)
    assert editor.case.data != before
    window.undo_action.trigger()
    assert editor.case.data == before


def test_list_rows_and_their_fields_are_undone(qtbot, demo_case_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    window, editor = _open(qtbot, demo_case_dir, tmp_path)
    incidents = open_section(editor, INCIDENTS).targets[1]
    count = len(editor.case.data["incidents"])
    incidents.add()
    description = field(incidents, "description")
    type_text(qtbot, description, "Nouvel échec")
    assert editor.case.data["incidents"][-1]["description"] == "Nouvel échec"
    window.undo_action.trigger()
    assert "description" not in editor.case.data["incidents"][-1]
    assert incidents.current_row() == count  # the undone field's row is shown
    window.undo_action.trigger()
    assert len(editor.case.data["incidents"]) == count
    incidents.move(0, 1)
    first = editor.case.data["incidents"][0]
    window.undo_action.trigger()
    assert editor.case.data["incidents"][1] == first
