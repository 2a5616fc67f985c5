"""Keyboard and assistive technology: menus with mnemonics, a tab order that follows the form,
every field named by its label, and a style that follows the system font."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from lawdesk.ui.form.binding import Binder
from lawdesk.ui.main_window import MainWindow
from lawdesk.ui.settings import AppSettings
from lawdesk.ui.style import style_sheet
from lawdesk.store.folder import FolderStore
from tests.test_ui_window import field, open_section


def _window(qtbot, demo_case_dir: Path, tmp_path: Path) -> MainWindow:  # noqa: ANN001
    window = MainWindow(FolderStore(demo_case_dir.parent), AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_every_menu_and_action_is_reachable_by_keyboard(qtbot, demo_case_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_case_dir, tmp_path)
    # The menu bar's actions stay referenced while their menus are used: PySide6 before 6.11.2
    # invalidates the QMenu that QAction.menu() returned once that QAction's wrapper is collected
    # (PYSIDE-3380; LawDesk itself never calls QAction.menu()).
    bar = window.menuBar().actions()
    menus = [a.menu() for a in bar]
    mnemonics = [a.text()[a.text().index("&") + 1].lower() for a in bar]
    assert len(set(mnemonics)) == len(mnemonics)
    for menu in menus:
        items = [a for a in menu.actions() if not a.isSeparator()]
        assert all("&" in a.text() for a in items), [a.text() for a in items]
        keys = [a.text()[a.text().index("&") + 1].lower() for a in items]
        assert len(set(keys)) == len(keys), keys
    shortcuts = {a.shortcut().toString() for m in menus for a in m.actions()}
    assert {"Ctrl+Z", "Ctrl+,", "Ctrl+Shift+B", "Ctrl+G", "Ctrl+S"} <= shortcuts


def test_tab_goes_through_the_applicant_fields_in_order(qtbot, demo_case_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_case_dir, tmp_path)
    editor = window.open_case(demo_case_dir.name)
    assert editor is not None
    section = open_section(editor, 0)
    first = field(section, "reference")
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    names = []
    for _step in range(8):
        names.append(QApplication.focusWidget().accessibleName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert names[:4] == ["Référence interne", "Civilité", "Nom de famille", "Prénoms"], names
    assert "Date de naissance" in names


def test_every_field_of_every_section_has_an_accessible_name(qtbot, demo_case_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_case_dir, tmp_path)
    editor = window.open_case(demo_case_dir.name)
    assert editor is not None
    for index in range(len(editor.form.titles)):
        section = editor.form.show_section(index)
        for binder in section.findChildren(Binder):
            for binding in binder._bindings.values():
                assert binding.editor.accessibleName(), binding.path
                for inner in binding.editor.findChildren(QWidget):
                    if inner.focusPolicy() != Qt.FocusPolicy.NoFocus:
                        assert inner.accessibleName(), (binding.path, inner)


def test_text_sizes_follow_the_system_font() -> None:
    small, large = style_sheet(9.0), style_sheet(18.0)
    assert not re.search(r"font-size: [\d.]+px", small) and "font-size: 13.5pt" in small and "font-size: 27.0pt" in large
