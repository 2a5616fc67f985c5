"""Préférences: counsel profile of new cases, clinic templates, workspace, language at run time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from lawdesk.i18n import current_language, set_language
from lawdesk.ui.formatting import short_date
from lawdesk.ui.generation import build_job
from lawdesk.ui.language import qt_translator
from lawdesk.ui.main_window import MainWindow
from lawdesk.ui.settings import AppSettings
from lawdesk.ui.settings_dialog import Preferences, SettingsDialog
from lawdesk.store.folder import FolderStore
from tests.test_ui_window import field, open_section, type_text

COUNSEL = {"kind": "association", "name": "Droits Devant 93", "representative": "Claire Martin, juriste",
           "address": {"line1": "3 rue Gabriel Péri", "postal_code": "93200", "city": "Saint-Denis"},
           "email": "permanence@dd93.example", "phone": "01 23 45 67 89"}


def _settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_the_dialog_reads_and_returns_every_preference(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    initial = Preferences(COUNSEL, tmp_path / "modeles", tmp_path / "ws", "fr")
    dialog = SettingsDialog(initial, None)
    qtbot.addWidget(dialog)
    assert dialog.preferences() == initial
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.templates.edit.clear()
    chosen = dialog.preferences()
    assert chosen.language == "en" and chosen.templates_dir is None and chosen.counsel == COUNSEL


def test_the_profile_is_the_counsel_of_new_cases_only(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    settings = _settings(tmp_path)
    settings.counsel = COUNSEL
    assert _settings(tmp_path).counsel == COUNSEL  # kept in the INI file
    workspace = FolderStore(tmp_path / "ws")
    old = workspace.new_case("AVANT")
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    folder = window.cases.new_case("APRES-1")
    assert folder is not None and window.editor is not None
    assert window.editor.case.data["counsel"] == COUNSEL
    assert window.editor.case.data["counsel"] is not settings.counsel
    assert old.data["counsel"] == {}


def test_generation_uses_the_clinic_templates(qtbot, tmp_path: Path, demo_case_dir: Path, monkeypatch) -> None:  # noqa: ANN001
    seen: list[tuple] = []
    monkeypatch.setattr("lawdesk.ui.generation.run_in_process",
                        lambda target, args, progress, cancel: [] if target == "lawdesk.check:evidence_check"
                        else seen.append(args) or ({}, None))
    settings = _settings(tmp_path)
    settings.templates_dir = tmp_path / "modeles"
    window = MainWindow(FolderStore(demo_case_dir.parent), settings)
    qtbot.addWidget(window)
    editor = window.open_case(demo_case_dir.name)
    assert editor is not None and editor.templates_dir == tmp_path / "modeles"
    build_job(editor.case, editor.templates_dir)._work(None, None)  # type: ignore[arg-type]
    assert seen[0][3] == tmp_path / "modeles"


def test_switching_language_keeps_the_open_case_and_its_section(qtbot, tmp_path: Path, demo_case_dir: Path) -> None:  # noqa: ANN001
    settings = _settings(tmp_path)
    window = MainWindow(FolderStore(demo_case_dir.parent), settings)
    qtbot.addWidget(window)
    window.show()
    editor = window.open_case(demo_case_dir.name)
    assert editor is not None
    section = open_section(editor, 1)
    name = field(open_section(editor, 0), "applicant", "family_name")
    type_text(qtbot, name, "TYPED-BEFORE-SWITCH")
    editor.nav.setCurrentRow(1)
    assert section is editor.form.currentWidget()
    menus_before = [a.text() for a in window.menuBar().actions()]
    assert menus_before[0] == "&Fichier"
    try:
        window.switch_language("en")
        assert current_language() == "en" and QLocale().name().startswith("en")
        translator = qt_translator(QApplication.instance())
        assert translator is not None and translator.language().startswith("en")
        assert window.editor is not None and window.editor is not editor  # rebuilt in the new language
        assert window.editor.case.data["applicant"]["family_name"] == "TYPED-BEFORE-SWITCH"  # nothing lost
        assert window.editor.nav.currentRow() == 1
        assert not window.editor.read_only  # its own lock was released and taken again
        assert [a.text() for a in window.menuBar().actions()] != menus_before  # English catalog: "&File"
        assert short_date("2025-06-03") == "03/06/2025"  # British, never the US "6/3/25"
    finally:
        window.switch_language("fr")
        set_language("fr")
    assert [a.text() for a in window.menuBar().actions()] == menus_before
    assert short_date("2025-06-03") == "03/06/2025"
