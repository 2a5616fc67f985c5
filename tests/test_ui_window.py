"""The real window, driven as a lawyer would: one case from a blank form to a generated dossier.

Evidence arrives through the same code path as a drop; pièces are reordered and their numbers
follow in the form and in the generated text; a validation error shows on its field and the
pre-flight panel leads to it; a crash after the autosave loses nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pypdf import PdfReader

from lawdesk.case import load_case
from lawdesk.ui.case_editor import CaseEditor
from lawdesk.ui.main_window import MainWindow
from lawdesk.ui.progress_dialog import JobProgressDialog
from lawdesk.ui.settings import AppSettings
from lawdesk.store.base import OUTPUT_DIR
from lawdesk.store.folder import FolderStore
from tests.evidence_factory import pdf_file, png_screenshot
from tests.ui_driver import (  # noqa: F401 - open_section, field and type_text are used by other test modules
    answer_question, choose_files_in_dialog, click, click_row, drop_files, field, fill, open_section, pick, tick, type_date, type_text,
)

APPLICANT, PROCEDURE, INCIDENTS, HARMS, PIECES, COUNSEL, CLAIMS, DOCUMENTS, STEPS = range(9)
TODAY = dt.date.today()


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


# The case's calendar, read from today: a renewal filed in the R. 431-5 window 70 days ago (the implicit
# rejection would arise in about 50 days), the permit expired 5 days ago, the letter to the prefect sent
# 20 days ago and received 18 days ago with 8 days to answer: the référé fits since 9 days ago.
EXPIRED, DEPOSIT, LETTER, LETTER_RECEIVED = days_ago(5), days_ago(70), days_ago(20), days_ago(18)
ATTEMPTS = (days_ago(100), days_ago(90), DEPOSIT)


def piece_field(pieces: Any, name: str) -> Any:
    """A field of the selected pièce."""
    return pieces.detail_binder.field_for((name,)).editor


# --- fixtures ----------------------------------------------------------------------------

@pytest.fixture
def workspace(tmp_path: Path) -> FolderStore:
    return FolderStore(tmp_path / "ws")


def make_window(qtbot, workspace: FolderStore, tmp_path: Path) -> MainWindow:  # noqa: ANN001
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(workspace, settings)
    window.show()
    return window


@pytest.fixture
def window(qtbot, workspace: FolderStore, tmp_path: Path) -> MainWindow:  # noqa: ANN001
    found = make_window(qtbot, workspace, tmp_path)
    qtbot.addWidget(found)
    return found


@pytest.fixture
def evidence(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "evidence"
    (folder / "captures").mkdir(parents=True)
    return {
        "titre": pdf_file(folder, "titre-de-sejour.pdf", pages=1, label="Titre de sejour"),
        "attestation": pdf_file(folder, "attestation.pdf", pages=2, label="Attestation de depot"),
        "captures": folder / "captures",
        "erreur": png_screenshot(folder / "captures", "erreur-anef.png"),
        "ccc": png_screenshot(folder / "captures", "reponse-ccc.png"),
    }


def new_case(window: MainWindow, reference: str = "SSD-2025-0142") -> CaseEditor:
    window.cases.new_case(reference)
    assert window.editor is not None
    return window.editor


def add_evidence(qtbot, editor: CaseEditor, evidence: dict[str, Path]) -> None:  # noqa: ANN001
    """Three pièces, by a drop of two files on the pièces list then a drop of a folder on the case."""
    pieces = open_section(editor, PIECES)
    with qtbot.waitSignal(editor.form.filesAdded, timeout=10_000):
        drop_files(qtbot, pieces.view, [evidence["titre"], evidence["attestation"]])
    with qtbot.waitSignal(editor.form.filesAdded, timeout=10_000):
        drop_files(qtbot, editor, [evidence["captures"]])


def add_record(qtbot, records: Any) -> None:  # noqa: ANN001
    """« Ajouter … » under a list: a new row, selected, its form below."""
    rows = records.model.rowCount()
    click(qtbot, records.add_button)
    assert records.model.rowCount() == rows + 1 and records.current_row() == rows


def record_letter(qtbot, editor: CaseEditor) -> None:  # noqa: ANN001
    """The letter to the prefect recorded as sent, in « Envois et échéances », as a user does."""
    records = open_section(editor, STEPS, qtbot).records
    add_record(qtbot, records)
    pick(qtbot, field(records, "document"), "prefecture")
    type_date(qtbot, field(records, "sent"), LETTER)
    pick(qtbot, field(records, "mode"), "lrar")
    type_text(qtbot, field(records, "tracking"), "1A 123 456 7890 1")
    type_date(qtbot, field(records, "received"), LETTER_RECEIVED)
    type_text(qtbot, field(records, "deadline_days"), "8")


def fill_every_section(qtbot, editor: CaseEditor, evidence: dict[str, Path]) -> None:  # noqa: ANN001
    fill(qtbot, open_section(editor, APPLICANT, qtbot), {
        "applicant.civility": "Mme", "applicant.family_name": "DIALLO", "applicant.given_names": "Aïssatou Binta",
        "applicant.birth_date": "12/04/1988", "applicant.birth_place": "Conakry (Guinée)",
        "applicant.nationality": "guinéenne", "applicant.foreign_national_number": "9301234567",
        "applicant.address.line1": "12 rue de la République", "applicant.address.postal_code": "93200",
        "applicant.address.city": "Saint-Denis"})

    procedure = open_section(editor, PROCEDURE, qtbot)
    department = field(procedure, "procedure", "department")
    type_text(qtbot, department.combo.lineEdit(), "93")
    qtbot.keyClick(department.combo.lineEdit(), Qt.Key.Key_Return)
    assert "Tribunal administratif de Montreuil" in department.consequence.text()
    assert "préfet de la Seine-Saint-Denis" in department.consequence.text()
    pick(qtbot, field(procedure, "procedure", "kind"), "renewal")
    type_text(qtbot, field(procedure, "procedure", "permit_requested"), "carte de séjour pluriannuelle « salarié »")
    type_text(qtbot, field(procedure, "procedure", "current_permit", "title"), "carte de séjour temporaire « salarié »")
    type_date(qtbot, field(procedure, "procedure", "current_permit", "expires"), EXPIRED)
    type_date(qtbot, field(procedure, "procedure", "anef_deposit_date"), DEPOSIT)

    add_evidence(qtbot, editor, evidence)
    pieces = open_section(editor, PIECES, qtbot)
    for row, title in enumerate(["Titre de séjour expiré", "Attestation de dépôt ANEF",
                                 "Erreur du téléservice ANEF", "Réponse du centre de contact citoyens"]):
        click_row(qtbot, pieces.view, row, 1)
        type_text(qtbot, piece_field(pieces, "title"), title)
    click_row(qtbot, pieces.view, 1, 1)
    type_date(qtbot, piece_field(pieces, "date"), DEPOSIT)

    open_section(editor, PROCEDURE, qtbot)
    received = procedure.received
    add_record(qtbot, received)
    pick(qtbot, field(received, "kind"), "attestation_de_depot")
    type_date(qtbot, field(received, "date"), DEPOSIT)
    pick(qtbot, field(received, "piece"), "p2")

    incidents = open_section(editor, INCIDENTS, qtbot).records
    for date, channel, text, cited in (
            (ATTEMPTS[0], "anef", "Le téléservice affiche une erreur technique au téléversement.", ["p3"]),
            (ATTEMPTS[1], "ccc", "Le centre de contact citoyens répond de réessayer plus tard.", ["p4"]),
            (ATTEMPTS[2], "anef", "Seule une attestation de dépôt est délivrée.", ["p2"])):
        add_record(qtbot, incidents)
        type_date(qtbot, field(incidents, "date"), date)
        pick(qtbot, field(incidents, "channel"), channel)
        type_text(qtbot, field(incidents, "description"), text)
        tick(qtbot, field(incidents, "pieces"), cited)

    harms = open_section(editor, HARMS, qtbot).records
    add_record(qtbot, harms)
    pick(qtbot, field(harms, "kind"), "employment")
    type_text(qtbot, field(harms, "description"), "L'employeur a suspendu le contrat de travail.")
    tick(qtbot, field(harms, "pieces"), ["p1"])

    counsel = open_section(editor, COUNSEL, qtbot)
    pick(qtbot, field(counsel, "counsel", "kind"), "lawyer")
    type_text(qtbot, field(counsel, "counsel", "name"), "Maître Jeanne Martin")
    type_text(qtbot, field(counsel, "counsel", "bar"), "Seine-Saint-Denis")
    type_text(qtbot, field(counsel, "counsel", "address", "line1"), "5 place du Caquet")
    type_text(qtbot, field(counsel, "counsel", "address", "postal_code"), "93200")
    type_text(qtbot, field(counsel, "counsel", "address", "city"), "Saint-Denis")

    claims = open_section(editor, CLAIMS, qtbot)
    type_text(qtbot, field(claims, "claims", "deadline_days"), "8")
    type_text(qtbot, field(claims, "claims", "penalty_eur_per_day"), "100")
    type_text(qtbot, field(claims, "claims", "costs_eur"), "1500")

    record_letter(qtbot, editor)

    documents = open_section(editor, DOCUMENTS, qtbot)
    chooser = field(documents, "documents")
    refere = next(chooser.list.item(i) for i in range(chooser.list.count())
                  if chooser.list.item(i).data(Qt.ItemDataRole.UserRole) == "refere")
    assert refere.flags() & Qt.ItemFlag.ItemIsUserCheckable, refere.text()  # the letter's deadline has passed
    tick(qtbot, chooser.list, ["prefecture", "refere"])
    type_text(qtbot, field(documents, "notes", "refere"), "Mme DIALLO élève seule deux enfants.")


# --- the tests -----------------------------------------------------------------------------

def test_every_section_writes_the_case_in_place_and_keeps_unknown_fields(
        qtbot, window: MainWindow, evidence: dict[str, Path]) -> None:  # noqa: ANN001
    editor = new_case(window)
    editor.case.data["clinic_extra"] = {"kept": True}
    fill_every_section(qtbot, editor, evidence)
    assert editor.flush()

    saved = load_case(editor.case.folder).data
    assert saved["clinic_extra"] == {"kept": True}
    assert saved["applicant"] == {
        "civility": "Mme", "family_name": "DIALLO", "given_names": "Aïssatou Binta", "birth_date": "1988-04-12",
        "birth_place": "Conakry (Guinée)", "nationality": "guinéenne", "foreign_national_number": "9301234567",
        "address": {"line1": "12 rue de la République", "postal_code": "93200", "city": "Saint-Denis"}}
    assert saved["procedure"] == {
        "department": "93", "kind": "renewal", "permit_requested": "carte de séjour pluriannuelle « salarié »",
        "current_permit": {"title": "carte de séjour temporaire « salarié »", "expires": EXPIRED.isoformat()},
        "anef_deposit_date": DEPOSIT.isoformat(),
        "received": [{"kind": "attestation_de_depot", "date": DEPOSIT.isoformat(), "piece": "p2"}]}
    assert [(i["date"], i["channel"], i["pieces"]) for i in saved["incidents"]] == [
        (ATTEMPTS[0].isoformat(), "anef", ["p3"]), (ATTEMPTS[1].isoformat(), "ccc", ["p4"]),
        (DEPOSIT.isoformat(), "anef", ["p2"])]
    assert saved["harms"] == [{"kind": "employment", "description": "L'employeur a suspendu le contrat de travail.",
                               "pieces": ["p1"]}]
    assert saved["pieces"] == [
        {"id": "p1", "title": "Titre de séjour expiré", "file": "pieces/titre-de-sejour.pdf"},
        {"id": "p2", "title": "Attestation de dépôt ANEF", "date": DEPOSIT.isoformat(), "file": "pieces/attestation.pdf"},
        {"id": "p3", "title": "Erreur du téléservice ANEF", "file": "pieces/erreur-anef.png"},
        {"id": "p4", "title": "Réponse du centre de contact citoyens", "file": "pieces/reponse-ccc.png"}]
    assert (editor.case.folder / "pieces" / "erreur-anef.png").read_bytes() == evidence["erreur"].read_bytes()
    assert saved["counsel"] == {"kind": "lawyer", "name": "Maître Jeanne Martin", "bar": "Seine-Saint-Denis",
                                "address": {"line1": "5 place du Caquet", "postal_code": "93200", "city": "Saint-Denis"}}
    assert saved["claims"] == {"deadline_days": 8, "penalty_eur_per_day": 100, "costs_eur": 1500}
    assert saved["documents"] == ["prefecture", "refere"]
    assert saved["notes"] == {"refere": "Mme DIALLO élève seule deux enfants."}
    assert saved["steps"] == [{"document": "prefecture", "sent": LETTER.isoformat(), "mode": "lrar",
                               "tracking": "1A 123 456 7890 1", "received": LETTER_RECEIVED.isoformat(),
                               "deadline_days": 8, "pieces": []}]
    editor.validate()
    assert not [p for p in editor.problems if p.is_error]
    assert editor.status.text() == "prêt"


def test_several_files_make_one_piece_and_unsupported_files_are_refused(
        qtbot, window: MainWindow, evidence: dict[str, Path], tmp_path: Path) -> None:  # noqa: ANN001
    editor = new_case(window)
    pieces = open_section(editor, PIECES, qtbot)
    choose_files_in_dialog([evidence["erreur"]])
    with qtbot.waitSignal(editor.form.filesAdded, timeout=10_000):
        click(qtbot, next(b for b in pieces.findChildren(QPushButton) if b.text() == "Ajouter des fichiers…"))
    click_row(qtbot, pieces.view, 0, 1)
    with qtbot.waitSignal(editor.form.filesAdded, timeout=10_000):
        drop_files(qtbot, pieces.files, [evidence["ccc"], evidence["ccc"]])
    assert editor.case.data["pieces"] == [{"id": "p1", "title": "Erreur anef", "files": [
        "pieces/erreur-anef.png", "pieces/reponse-ccc.png", "pieces/reponse-ccc (2).png"]}]
    word = tmp_path / "lettre.docx"
    word.write_bytes(b"PK")
    with qtbot.waitSignal(editor.form.filesAdded, timeout=10_000):
        drop_files(qtbot, pieces.view, [word, evidence["titre"]])
    assert "lettre.docx" in editor.messages.text.text() and editor.messages.isVisible()
    assert len(editor.case.data["pieces"]) == 2


def test_piece_numbers_follow_the_order_everywhere(qtbot, window: MainWindow, evidence: dict[str, Path]) -> None:  # noqa: ANN001
    editor = new_case(window)
    add_evidence(qtbot, editor, evidence)
    incidents = open_section(editor, INCIDENTS, qtbot).records
    add_record(qtbot, incidents)
    tick(qtbot, field(incidents, "pieces"), ["p4"])
    cited = incidents.model.index(0, 3)
    assert cited.data() == "n° 4"

    pieces = open_section(editor, PIECES, qtbot)
    click_row(qtbot, pieces.view, 3, 1)
    click(qtbot, pieces.up_button)
    click(qtbot, pieces.up_button)
    pieces.view.rowDropped.emit(1, 0)  # what a drag of the row to the top delivers
    assert [p["id"] for p in editor.case.data["pieces"]] == ["p4", "p1", "p2", "p3"]
    assert pieces.model.index(0, 0).data() == "1" and pieces.detail.title() == "Pièce n° 1"

    open_section(editor, INCIDENTS)
    assert cited.data() == "n° 1"
    checklist = field(incidents, "pieces")
    assert checklist.item(0).text() == "Pièce n° 1 — Reponse ccc"
    assert checklist.item(0).checkState() == Qt.CheckState.Checked

    pieces = open_section(editor, PIECES, qtbot)
    click_row(qtbot, pieces.view, 0, 1)
    answer_question(QMessageBox.StandardButton.Yes)
    click(qtbot, pieces.remove_button)
    open_section(editor, INCIDENTS, qtbot)
    assert editor.case.data["incidents"][0]["pieces"] == [] and cited.data() == ""


def test_a_validation_error_shows_on_its_field_and_the_panel_leads_there(
        qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = new_case(window)
    window.activateWindow()
    applicant = open_section(editor, APPLICANT)
    number = field(applicant, "applicant", "foreign_national_number")
    type_text(qtbot, number, "12345")
    qtbot.waitUntil(lambda: number.property("problem") == "error", timeout=3000)
    box = applicant.binder.field_for(("applicant", "foreign_national_number")).box
    assert box.message.isVisible() and "10 chiffres" in box.message.text()

    incidents = open_section(editor, INCIDENTS, qtbot).records
    add_record(qtbot, incidents)
    add_record(qtbot, incidents)
    type_date(qtbot, field(incidents, "date"), dt.date.today() + dt.timedelta(days=30))
    open_section(editor, DOCUMENTS)
    editor.validate()
    [row] = [r for r in editor.panel.rows if r.problem.where == "incidents[2].date"]
    assert "Démarche n° 2 › Date" in row.text.text()
    incidents.select(0)
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert editor.nav.currentRow() == INCIDENTS
    assert incidents.current_row() == 1
    date_edit = field(incidents, "date").edit
    assert date_edit.property("problem") == "error"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is date_edit, timeout=3000)

    [row] = [r for r in editor.panel.rows if r.problem.where == "applicant.foreign_national_number"]
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert editor.nav.currentRow() == APPLICANT
    qtbot.waitUntil(lambda: QApplication.focusWidget() is number, timeout=3000)
    type_text(qtbot, number, "9301234567")
    qtbot.waitUntil(lambda: number.property("problem") == "", timeout=3000)
    assert not box.message.text()


def test_generate_in_the_background_with_numbers_as_ordered(
        qtbot, window: MainWindow, evidence: dict[str, Path]) -> None:  # noqa: ANN001
    editor = new_case(window)
    fill_every_section(qtbot, editor, evidence)
    pieces = open_section(editor, PIECES)
    pieces.move(2, -1)
    pieces.move(1, -1)  # "Erreur du téléservice ANEF" (p3) becomes pièce n° 1
    with qtbot.waitSignal(editor.evidenceChecked, timeout=60_000):
        editor.check_evidence()

    gaps: list[int] = []
    clock = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: (gaps.append(clock.restart())))
    clock.start()
    heartbeat.start()
    with qtbot.waitSignal(editor.generated, timeout=300_000) as outcome:
        job = editor.generate()
        assert job is not None and not editor.generate_button.isEnabled()
    heartbeat.stop()
    print(f"longest pause of the window during generation: {max(gaps)} ms")
    assert max(gaps) < 250, f"the window froze for {max(gaps)} ms"

    report = outcome.args[0]
    out = editor.case.folder / OUTPUT_DIR
    assert [(p["number"], p["id"]) for p in report["pieces"]] == [(1, "p3"), (2, "p1"), (3, "p2"), (4, "p4")]
    requete = next(d for d in report["documents"] if d["id"] == "refere")
    text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(out / requete["pdf"]).pages).split())
    assert re.search(r"erreur technique au téléversement\.? \(pièce n°\s?1\)", text), text[:3000]
    assert re.search(r"attestation de dépôt est délivrée\.? \(pièce n°\s?3\)", text)
    assert editor.preview.document.pageCount() == report["pages"]
    assert editor.status.text() == "requête générée"
    assert [b.text() for b in editor.messages.findChildren(QPushButton)][:2] == ["Ouvrir le PDF", "Ouvrir le dossier"]
    qtbot.waitUntil(editor.generate_button.isEnabled, timeout=5000)


def test_cancelling_the_generation_writes_nothing(qtbot, window: MainWindow, evidence: dict[str, Path]) -> None:  # noqa: ANN001
    editor = new_case(window)
    fill_every_section(qtbot, editor, evidence)
    job = editor.generate()
    assert job is not None
    [cancel] = editor.findChild(JobProgressDialog).findChildren(QPushButton)
    assert cancel.text() == "Annuler"
    with qtbot.waitSignal(job.cancelled, timeout=120_000):
        cancel.click()
    assert "Génération annulée" in editor.messages.text.text()
    assert not (editor.case.folder / OUTPUT_DIR).exists()
    qtbot.waitUntil(editor.generate_button.isEnabled, timeout=5000)


def test_generation_refused_with_blocking_errors_shows_them(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = new_case(window)
    with qtbot.waitSignal(editor.generationFailed, timeout=120_000) as outcome:
        editor.generate()
    assert "erreurs bloquantes" in outcome.args[0]
    assert editor.messages.isVisible() and len(editor.panel.rows) > 5
    assert not (editor.case.folder / OUTPUT_DIR).exists()


def test_a_crash_after_the_autosave_loses_nothing(qtbot, workspace: FolderStore, tmp_path: Path) -> None:  # noqa: ANN001
    window = make_window(qtbot, workspace, tmp_path)
    editor = new_case(window, "CRASH-1")
    folder = editor.case.folder
    applicant = open_section(editor, APPLICANT)
    with qtbot.waitSignal(editor.autosaver.saved, timeout=10_000):
        type_text(qtbot, field(applicant, "applicant", "family_name"), "PETROV")
        type_text(qtbot, field(applicant, "applicant", "birth_place"), "Odessa")
    assert not editor.autosaver.pending
    QThreadPool.globalInstance().waitForDone(10_000)
    shiboken6.delete(window)  # gone without closeEvent: no save on close

    reopened = make_window(qtbot, workspace, tmp_path)
    qtbot.addWidget(reopened)
    editor = reopened.open_case(folder.name)
    applicant = open_section(editor, APPLICANT)
    assert field(applicant, "applicant", "family_name").text() == "PETROV"
    assert field(applicant, "applicant", "birth_place").text() == "Odessa"


def test_closing_the_window_saves_what_was_just_typed(qtbot, workspace: FolderStore, tmp_path: Path) -> None:  # noqa: ANN001
    window = make_window(qtbot, workspace, tmp_path)
    editor = new_case(window, "CLOSE-1")
    type_text(qtbot, field(open_section(editor, APPLICANT), "applicant", "family_name"), "NGUYEN")
    assert editor.autosaver.pending
    window.close()
    assert load_case(editor.case.folder).data["applicant"]["family_name"] == "NGUYEN"
