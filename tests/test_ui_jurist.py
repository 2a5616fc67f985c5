"""Issue 18, the window as a jurist meets it: each numbered problem, driven through the real widgets
(clicks on the buttons, keys typed in the fields, the file dialog answered as a user does)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton, QTableView

from lawdesk.ui.case_editor import CaseEditor
from lawdesk.ui.main_window import MainWindow
from lawdesk.ui.settings import AppSettings
from lawdesk.store.base import OUTPUT_DIR
from lawdesk.store.folder import FolderStore
from tests.evidence_factory import pdf_file, png_screenshot
from tests.ui_cases import ago, not_registered_case, shown_window, write_case
from tests.ui_driver import (
    answer_question, choose_files_in_dialog, click, click_row, field, open_section, type_date, type_keys,
    type_text, when_shown,
)

APPLICANT, PROCEDURE, INCIDENTS, HARMS, PIECES = 0, 1, 2, 3, 4


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # noqa: ANN001
    return shown_window(qtbot, tmp_path)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Where the user keeps the evidence, outside the workspace."""
    folder = tmp_path / "Téléchargements"
    folder.mkdir()
    pdf_file(folder, "Titre de séjour.pdf", pages=1, label="Titre")
    png_screenshot(folder, "caf.png")
    pdf_file(folder, unicodedata.normalize("NFD", "Réponse employeur.pdf"), pages=1, label="Employeur")
    return folder


def new_case(window: MainWindow, reference: str = "JUR-1") -> CaseEditor:
    window.cases.new_case(reference)
    assert window.editor is not None
    return window.editor


def add_through_button(qtbot, editor: CaseEditor, files: list[Path]) -> list[Any]:  # noqa: ANN001
    """« Ajouter des fichiers… », the files chosen in the dialog; returns the dialog seen."""
    pieces = open_section(editor, PIECES, qtbot)
    [button] = [b for b in pieces.findChildren(QPushButton) if b.text() == "Ajouter des fichiers…"]
    seen: list[Any] = []
    choose_files_in_dialog(files, seen)
    with qtbot.waitSignal(editor.form.filesAdded, timeout=10_000):
        click(qtbot, button)
    return seen


# 1. « Ajouter des fichiers… » attached the files to pièce n° 1

def test_the_add_files_button_makes_new_pieces_not_pages_of_piece_1(qtbot, window: MainWindow, outside: Path) -> None:  # noqa: ANN001
    editor = new_case(window)
    add_through_button(qtbot, editor, [outside / "Titre de séjour.pdf"])
    add_through_button(qtbot, editor, [outside / "caf.png"])
    assert [(p["id"], p.get("file"), p.get("files")) for p in editor.case.data["pieces"]] == [
        ("p1", "pieces/Titre de séjour.pdf", None), ("p2", "pieces/caf.png", None)]


def test_an_addition_undone_and_done_again_reuses_its_copy_and_leaves_nothing(
        qtbot, window: MainWindow, outside: Path) -> None:  # noqa: ANN001
    editor = new_case(window)
    folder = editor.case.folder
    add_through_button(qtbot, editor, [outside / "caf.png"])
    window.activateWindow()
    window.undo_action.trigger()  # Édition › Annuler
    assert editor.case.data["pieces"] == []
    add_through_button(qtbot, editor, [outside / "caf.png"])
    assert [p["file"] for p in editor.case.data["pieces"]] == ["pieces/caf.png"]  # not « caf (2).png »
    window.undo_action.trigger()
    click(qtbot, next(b for b in editor.header.findChildren(QPushButton) if b.text() == "‹ Tous les dossiers"))
    assert sorted(p.name for p in (folder / "pieces").iterdir()) == []  # the unused copy went with the case
    assert (outside / "caf.png").is_file()  # the original stays where the user keeps it


# 5f. Titles made from file names lost their accents

def test_titles_from_file_names_keep_them_as_written_and_are_ready_to_edit(
        qtbot, window: MainWindow, outside: Path) -> None:  # noqa: ANN001
    editor = new_case(window)
    add_through_button(qtbot, editor, [outside / "Titre de séjour.pdf",
                                       outside / unicodedata.normalize("NFD", "Réponse employeur.pdf")])
    titles = [p["title"] for p in editor.case.data["pieces"]]
    assert titles == ["Titre de séjour", "Réponse employeur"]
    assert all(unicodedata.is_normalized("NFC", t) for t in titles)
    title = editor.form.evidence.title_field
    window.activateWindow()  # back from the file dialog
    qtbot.waitUntil(title.hasFocus, timeout=3000)
    assert title.selectedText() == "Titre de séjour"
    type_keys(title, "Titre de séjour expiré le 31 janvier 2025")
    assert editor.case.data["pieces"][0]["title"] == "Titre de séjour expiré le 31 janvier 2025"


# 6. Half-English dialogs opening in the temporary folder; US dates in English

def test_the_file_dialog_is_french_and_opens_in_documents(qtbot, window: MainWindow, outside: Path,
                                                          monkeypatch) -> None:  # noqa: ANN001
    documents = outside.parent / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _kind: str(documents))
    from lawdesk.ui import file_dialogs

    monkeypatch.setattr(file_dialogs, "_last", {})
    from lawdesk.ui.app import configure

    configure(QApplication.instance())
    editor = new_case(window)
    seen: list[Path] = []  # where each dialog opened
    labels: list[str] = []

    def look(dialog: QFileDialog) -> None:
        seen.append(Path(dialog.directory().absolutePath()))
        labels.extend(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
        dialog.reject()

    when_shown(QFileDialog, look)
    pieces = open_section(editor, PIECES, qtbot)
    click(qtbot, next(b for b in pieces.findChildren(QPushButton) if b.text() == "Ajouter des fichiers…"))
    assert seen == [documents]
    # Qt's own French (its wording changes from one Qt version to the next: « Voir dans », « Regarder dans »)
    assert any(re.search(r"dans\s*:", text) for text in labels) and any(re.search(r"type.*:", text, re.I) for text in labels)
    assert not [text for text in labels if text.replace("&", "") in ("Look in:", "Files of type:", "File name:")]

    seen.clear()
    add_through_button(qtbot, editor, [outside / "caf.png"])
    when_shown(QFileDialog, look)
    click(qtbot, next(b for b in pieces.findChildren(QPushButton) if b.text() == "Ajouter des fichiers…"))
    assert seen[-1] == outside  # where the last files came from


def test_english_dates_are_day_first(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    from PySide6.QtCore import QDate, QLocale

    from lawdesk.i18n import set_language
    from lawdesk.ui.formatting import short_date
    from lawdesk.ui.language import apply_language

    try:
        apply_language(QApplication.instance(), "en")
        assert QLocale().toString(QDate(2025, 9, 16), QLocale.FormatType.ShortFormat) == "16/09/2025"
        assert short_date("2025-09-16") == "16/09/2025"
    finally:
        apply_language(QApplication.instance(), "fr")
        set_language("fr")


# 2. The form jumped: a message appearing or going moved the fields below it

def test_messages_appearing_or_going_never_move_the_fields(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = new_case(window)
    applicant = open_section(editor, APPLICANT, qtbot)
    below = field(applicant, "applicant", "address", "line1")
    page = applicant.widget()

    def where() -> int:
        return below.mapTo(page, below.rect().topLeft()).y()

    before = where()
    number = field(applicant, "applicant", "foreign_national_number")
    type_text(qtbot, number, "12345")
    qtbot.waitUntil(lambda: number.property("problem") == "error", timeout=3000)
    box = applicant.binder.field_for(("applicant", "foreign_national_number")).box
    assert "10 chiffres" in box.message.text()
    assert where() == before
    type_text(qtbot, number, "9301234567")
    qtbot.waitUntil(lambda: number.property("problem") == "", timeout=3000)
    assert where() == before

    incidents = open_section(editor, INCIDENTS, qtbot).records
    table_top = incidents.table.mapTo(incidents, incidents.table.rect().topLeft()).y()
    for _number in range(3):
        click(qtbot, incidents.add_button)
        editor.validate()
        assert incidents.table.mapTo(incidents, incidents.table.rect().topLeft()).y() == table_top


# 3. Dates could not be typed; an impossible date became another one

def test_dates_are_typed_as_people_write_them(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = new_case(window)
    applicant = open_section(editor, APPLICANT, qtbot)
    birth = field(applicant, "applicant", "birth_date")
    for typed, stored in (("12/03/1988", "1988-03-12"), ("12031988", "1988-03-12"), ("1/3/88", "1988-03-01"),
                          ("12.03.1988", "1988-03-12"), ("120388", "1988-03-12")):
        type_date(qtbot, birth, typed)
        assert editor.case.data["applicant"]["birth_date"] == stored, typed
        assert birth.edit.text() == dt.date.fromisoformat(stored).strftime("%d/%m/%Y")
    editor.validate()
    box = applicant.binder.field_for(("applicant", "birth_date")).box
    assert box.message.text() == ""


def test_an_impossible_date_is_an_error_not_a_correction(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = new_case(window)
    applicant = open_section(editor, APPLICANT, qtbot)
    birth = field(applicant, "applicant", "birth_date")
    type_date(qtbot, birth, "31/02/2026")
    assert birth.edit.text() == "31/02/2026"  # as typed
    assert editor.case.data["applicant"]["birth_date"] == "2026-02-31"  # kept, and refused
    box = applicant.binder.field_for(("applicant", "birth_date")).box
    assert box.message.text() == "Le 31/02/2026 n'existe pas : vérifiez le jour et le mois"
    assert birth.edit.property("problem") == "error"
    editor.validate()
    assert [p.message for p in editor.problems if p.where == "applicant.birth_date"] == [
        "la date « 2026-02-31 » n'existe pas ; vérifiez le jour et le mois"]
    type_date(qtbot, birth, "28/02/1986")
    editor.validate()
    assert box.message.text() == "" and editor.case.data["applicant"]["birth_date"] == "1986-02-28"


def test_a_birth_date_nine_months_ago_is_questioned(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = new_case(window)
    applicant = open_section(editor, APPLICANT, qtbot)
    type_date(qtbot, field(applicant, "applicant", "birth_date"), ago(270))
    editor.validate()
    [problem] = [p for p in editor.problems if p.where == "applicant.birth_date"]
    assert not problem.is_error and "le demandeur aurait 0 an" in problem.message


def test_the_calendar_button_picks_a_date(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    from lawdesk.ui.form.widgets import CalendarPopup

    editor = new_case(window)
    birth = field(open_section(editor, APPLICANT, qtbot), "applicant", "birth_date")
    type_date(qtbot, birth, "12/03/1988")
    click(qtbot, birth.pick)
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, CalendarPopup) and popup.calendar.selectedDate().toString("yyyy-MM-dd") == "1988-03-12"
    days = popup.calendar.findChild(QTableView)  # the grid of days, where the keys go
    qtbot.keyClick(days, Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert editor.case.data["applicant"]["birth_date"] == "1988-03-13" and birth.edit.text() == "13/03/1988"


# 4. States that lie

def open_case(window: MainWindow, data: dict[str, Any], name: str = "JUR-2") -> CaseEditor:
    editor = window.open_case(write_case(window.cases.store.root, name, data).name)
    assert editor is not None
    return editor


def generate(qtbot, editor: CaseEditor) -> dict[str, Any]:  # noqa: ANN001
    with qtbot.waitSignal(editor.generated, timeout=120_000) as outcome:
        click(qtbot, editor.generate_button)
    qtbot.waitUntil(editor.generate_button.isEnabled, timeout=5000)
    return outcome.args[0]


def test_the_not_generated_bar_follows_the_errors_once_fixed(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    data = not_registered_case()
    data["applicant"]["foreign_national_number"] = "12345"
    editor = open_case(window, data)
    with qtbot.waitSignal(editor.generationFailed, timeout=120_000):
        click(qtbot, editor.generate_button)
    assert editor.messages.isVisible() and editor.messages.property("kind") == "error"
    assert "1 erreur bloquante" in editor.messages.text.text()
    number = field(open_section(editor, APPLICANT, qtbot), "applicant", "foreign_national_number")
    type_text(qtbot, number, "9301234567")
    qtbot.waitUntil(lambda: editor.messages.property("kind") != "error", timeout=3000)
    assert "Les erreurs bloquantes sont corrigées" in editor.messages.text.text()
    assert not (editor.case.folder / OUTPUT_DIR).exists()


def test_a_removed_file_takes_its_error_away(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    data = not_registered_case()
    data["pieces"].append({"id": "p4", "title": "Scan abîmé", "file": "pieces/abime.pdf"})
    data["harms"][0]["pieces"] = ["p2", "p4"]
    folder = write_case(window.cases.store.root, "JUR-3", data)
    (folder / "pieces" / "abime.pdf").write_bytes(b"%PDF-1.4 this is not a PDF")
    editor = window.open_case(folder.name)
    assert editor is not None
    with qtbot.waitSignal(editor.evidenceChecked, timeout=60_000):
        editor.check_evidence()
    assert any(p.where == "pieces/abime.pdf" and p.is_error for p in editor.problems)
    pieces = open_section(editor, PIECES, qtbot)
    click_row(qtbot, pieces.view, 3, 1)
    answer_question(QMessageBox.StandardButton.Yes)
    click(qtbot, pieces.remove_button)
    assert [p["id"] for p in editor.case.data["pieces"]] == ["p1", "p2", "p3"]
    editor.validate()
    assert not [p for p in editor.problems if "abime" in p.where or "abime" in p.message]
    assert editor.nav.item(APPLICANT).text() == "Demandeur"  # no badge: nothing moved there


def test_the_status_says_when_the_dossier_is_older_than_the_case_and_the_preview_never_replaces_it(
        qtbot, window: MainWindow, monkeypatch) -> None:  # noqa: ANN001
    editor = open_case(window, not_registered_case())
    report = generate(qtbot, editor)
    bundle = editor.case.folder / OUTPUT_DIR / report["bundle"]
    generated = bundle.read_bytes()
    assert editor.status.text() == "courriers générés"

    type_text(qtbot, field(open_section(editor, APPLICANT, qtbot), "applicant", "birth_place"), "Kayes (Mali)")
    assert editor.status.text() == "courriers générés, à régénérer"
    editor.show_preview()
    assert "Le cas a été modifié depuis" in editor.preview.caption.text()
    with qtbot.waitSignal(editor.preview.document.statusChanged, timeout=120_000,
                          check_params_cb=lambda status: status == status.Ready):
        click(qtbot, editor.preview.refresh)
    assert bundle.read_bytes() == generated  # the dossier generated, maybe sent, is untouched
    assert editor.preview.caption.text().startswith("Aperçu du ")
    assert editor.status.text() == "courriers générés, à régénérer"
    assert editor.flush()
    window.show_list()
    qtbot.waitUntil(lambda: window.cases.proxy.rowCount() == 1, timeout=10_000)
    assert window.cases.proxy.index(0, 4).data() == "courriers générés, à régénérer"


# 5. Weak checks and feedback

def test_a_case_without_pieces_is_not_ready(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    data = not_registered_case(pieces=[])
    for item in (*data["incidents"], *data["harms"]):
        item["pieces"] = []
    editor = open_case(window, data)
    editor.validate()
    assert [p.message[:12] for p in editor.problems if p.where == "pieces"] == ["aucune pièce"]
    assert not editor.panel.summary.text().startswith("Aucun problème")


def test_the_postal_code_is_checked_and_proposes_its_department(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = new_case(window)
    applicant = open_section(editor, APPLICANT, qtbot)
    postal_code = field(applicant, "applicant", "address", "postal_code")
    type_text(qtbot, postal_code.edit, "7501")
    editor.validate()
    assert "cinq chiffres" in applicant.binder.field_for(("applicant", "address", "postal_code")).box.message.text()
    type_text(qtbot, postal_code.edit, "93200")
    assert postal_code.department.text() == "département 93 — Seine-Saint-Denis"
    editor.validate()
    department = field(open_section(editor, PROCEDURE, qtbot), "procedure", "department")
    assert department.suggestion.text() == "Choisir 93 — Seine-Saint-Denis (code postal 93200)"
    click(qtbot, department.suggestion)
    assert editor.case.data["procedure"]["department"] == "93" and not department.suggestion.isVisible()
    assert "Tribunal administratif de Montreuil" in department.consequence.text()


def test_a_department_that_does_not_exist_is_never_a_neighbour(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = new_case(window)
    department = field(open_section(editor, PROCEDURE, qtbot), "procedure", "department")
    line = department.combo.lineEdit()
    type_text(qtbot, line, "99")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert editor.case.data["procedure"]["department"] == "99"  # as typed, and refused
    editor.validate()
    assert [p.message[:24] for p in editor.problems if p.where == "procedure.department"] == ["département inconnu « 99"]
    for typed, code in (("94", "94"), ("2a", "2A"), ("seine-saint-denis", "93")):
        type_text(qtbot, line, typed)
        qtbot.keyClick(line, Qt.Key.Key_Return)
        assert editor.case.data["procedure"]["department"] == code, typed


def test_open_pdf_says_when_no_reader_can(qtbot, window: MainWindow, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)  # a machine without a PDF reader
    editor = open_case(window, not_registered_case())
    generate(qtbot, editor)
    click(qtbot, next(b for b in editor.messages.findChildren(QPushButton) if b.text() == "Ouvrir le PDF"))
    assert editor.messages.isVisible() and editor.messages.property("kind") == "warning"
    assert "Aucune application n'est installée pour ouvrir" in editor.messages.text.text()


def test_the_welcome_dialog_speaks_plainly(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from lawdesk.ui.welcome import WelcomeDialog

    dialog = WelcomeDialog(tmp_path / "Documents" / "LawDesk")
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "case.json" not in texts and "json" not in texts.lower()


# 7. The batch dialog

def batch_dialog(qtbot, tmp_path: Path):  # noqa: ANN001, ANN201
    from lawdesk.ui.batch_dialog import BatchDialog
    from lawdesk.ui.worker import Worker

    dialog = BatchDialog(FolderStore(tmp_path / "ws"), Worker(),
                         AppSettings(QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_batch_steps_are_numbered_1_2_3_before_a_table_is_chosen(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QGroupBox

    dialog = batch_dialog(qtbot, tmp_path)
    boxes = sorted((b for b in dialog.findChildren(QGroupBox) if b.isVisible()), key=lambda b: b.mapTo(dialog, b.pos()).y())
    titles = [box.title() for box in boxes]
    assert [t[:2] for t in titles] == ["1.", "2.", "3."]
    assert "Choisissez d'abord un tableau" in dialog.mapping_hint.text()


@pytest.mark.usefixtures("nothing_left_running")
def test_the_batch_results_are_readable_in_the_forms_words_on_a_small_screen(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from tests.test_ui_batch_dialog import french_sheet

    dialog = batch_dialog(qtbot, tmp_path)
    dialog.resize(760, 540)  # what a window manager leaves on a small screen (or at 200 %)
    with qtbot.waitSignal(dialog.checked, timeout=30_000):
        dialog.set_source(french_sheet(tmp_path / "clinique", rows=1, bad=True))
        click(qtbot, dialog.check_button)
    rows, details = dialog.rows, dialog.details
    assert rows.viewport().height() >= 4 * rows.verticalHeader().defaultSectionSize()  # not squeezed to one row
    table = rows.geometry().translated(rows.parentWidget().mapTo(dialog, rows.pos()) - rows.pos())
    text = details.geometry().translated(details.parentWidget().mapTo(dialog, details.pos()) - details.pos())
    assert not table.intersects(text)  # no box drawn over the table
    click_row(qtbot, rows, 1)
    shown = details.toPlainText()
    assert "Erreur — Demandeur › Date de naissance : La date « 1990-02-31 » n'existe pas" in shown
    assert "applicant.birth_date" not in shown and "error:" not in shown
