"""The guided mode for a new volunteer (issue 18): offered on first start, switchable at any time,
one question at a time in plain French, each page checked before the next, the questions following
the timeline (registered or not, on what date, letter sent or not, rejected or not), and the same
case file as the expert form. « Aide » offers a short guide. Driven through the real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QPushButton, QTextBrowser

from lawdesk.case import load_case
from lawdesk.ui import app as ui_app
from lawdesk.ui.case_editor import CaseEditor
from lawdesk.ui.main_window import MainWindow
from lawdesk.ui.settings import AppSettings
from lawdesk.ui.welcome import WelcomeDialog
from lawdesk.store.folder import FolderStore
from tests.ui_cases import ago
from tests.ui_driver import click, field, fill, pick, type_date, type_text, when_shown


def guided_window(qtbot, tmp_path: Path) -> MainWindow:  # noqa: ANN001
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.guided = True
    window = MainWindow(FolderStore(tmp_path / "ws"), settings)
    qtbot.addWidget(window)
    window.show()
    return window


def page(editor: CaseEditor):  # noqa: ANN201
    return editor.guided.pages.currentWidget()


def next_page(qtbot, editor: CaseEditor) -> str:  # noqa: ANN001
    click(qtbot, editor.guided.next_button)
    return editor.guided.current


def test_the_guided_mode_is_offered_on_first_start(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    monkeypatch.setattr(ui_app, "default_workspace", lambda: tmp_path / "Documents" / "LawDesk")
    seen: list[bool] = []

    def start(dialog: WelcomeDialog) -> None:
        seen.append(dialog.guided.isChecked())
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_shown(WelcomeDialog, start)
    assert ui_app.workspace_location(settings) == tmp_path / "Documents" / "LawDesk"
    assert seen == [True] and settings.guided is True


def test_a_new_case_question_by_question_following_the_timeline(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    window = guided_window(qtbot, tmp_path)
    window.cases.new_case("GUIDE-1")
    editor = window.editor
    assert editor is not None and editor.is_guided and editor.guided.current == "who"
    assert page(editor).heading.text() == "Qui accompagnez-vous ?"

    # nothing filled: « Suivant » says what to do and stays
    assert next_page(qtbot, editor) == "who"
    assert editor.guided.blocked.text().startswith("À corriger avant de continuer")

    fill(qtbot, page(editor), {
        "applicant.civility": "Mme", "applicant.family_name": "TRAORÉ", "applicant.given_names": "Awa",
        "applicant.birth_date": "3/7/91", "applicant.birth_place": "Bamako (Mali)", "applicant.nationality": "malienne"})
    assert next_page(qtbot, editor) == "where"

    where = page(editor)
    fill(qtbot, where, {"applicant.address.line1": "4 rue Danielle Casanova", "applicant.address.postal_code": "93200",
                        "applicant.address.city": "Saint-Denis"})
    editor.validate()
    click(qtbot, field(where, "procedure", "department").suggestion)
    assert next_page(qtbot, editor) == "request"

    request = page(editor)
    pick(qtbot, field(request, "procedure", "kind"), "renewal")
    type_text(qtbot, field(request, "procedure", "permit_requested"), "carte de séjour pluriannuelle « salarié »")
    assert next_page(qtbot, editor) == "permit"  # a renewal: the current permit comes next
    permit = page(editor)
    type_text(qtbot, field(permit, "procedure", "current_permit", "title"), "carte de séjour temporaire « salarié »")
    type_date(qtbot, field(permit, "procedure", "current_permit", "expires"), ago(30))
    assert next_page(qtbot, editor) == "registered", editor.guided.blocked.full_text()

    registered = page(editor)
    assert not registered.fields_box.isVisible()
    assert next_page(qtbot, editor) == "registered"  # a question to answer first
    assert "oui ou non" in editor.guided.blocked.text()
    yes, no = registered.answer.button(1), registered.answer.button(0)
    click(qtbot, yes)
    assert registered.fields_box.isVisible()
    type_date(qtbot, field(registered, "procedure", "anef_deposit_date"), ago(160))  # more than four months ago
    assert [next_page(qtbot, editor) for _step in range(4)] == ["received", "attempts", "harms", "pieces"]
    # silence since a registered deposit is a rejection: the route after a decision
    assert next_page(qtbot, editor) == "after"
    assert page(editor).heading.text() == "La demande a été rejetée : qu'avez-vous déjà envoyé ?"
    assert "rejet implicite" in page(editor).summary.toPlainText()
    assert [q.id for q in editor.guided.questions()][-5:] == ["after", "grounds", "counsel", "claims", "documents"]

    # the deposit never went through after all
    click(qtbot, next(b for b in editor.guided.findChildren(QPushButton) if b.text() == "‹ Précédent"))
    editor.guided.show_question("registered")
    click(qtbot, no)
    assert "anef_deposit_date" not in editor.case.data["procedure"]
    assert [q.id for q in editor.guided.questions()][9:11] == ["letter", "counsel"]

    # the same case in the expert form
    click(qtbot, editor.mode_button)
    assert not editor.is_guided and editor.mode_button.text() == "Mode guidé"
    assert window.settings.guided is False
    assert editor.flush()
    saved = load_case(editor.case.folder).data
    assert saved["applicant"]["family_name"] == "TRAORÉ" and saved["applicant"]["birth_date"] == "1991-07-03"
    assert saved["procedure"]["department"] == "93" and saved["procedure"]["kind"] == "renewal"


def test_the_last_question_offers_the_documents_that_fit_and_generates(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from tests.ui_cases import not_registered_case, write_case

    window = guided_window(qtbot, tmp_path)
    editor = window.open_case(write_case(window.cases.store.root, "GUIDE-2", not_registered_case()).name)
    assert editor is not None and editor.is_guided
    last = editor.guided.show_question("documents")
    assert "Envoyer la lettre au préfet" in last.summary.toPlainText()
    refere = next(last.chooser.list.item(i) for i in range(last.chooser.list.count())
                  if last.chooser.list.item(i).data(Qt.ItemDataRole.UserRole) == "refere")
    assert not refere.flags() & Qt.ItemFlag.ItemIsEnabled
    with qtbot.waitSignal(editor.generated, timeout=120_000) as outcome:
        click(qtbot, last.generate_button)
    assert [d["id"] for d in outcome.args[0]["documents"]] == ["prefecture"]


def test_help_offers_a_guide_to_the_three_stages_and_the_evidence(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    window = guided_window(qtbot, tmp_path)
    help_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Aide")
    [guide] = [a for a in help_menu.actions() if a.text().startswith("&Guide")]
    guide.trigger()
    dialog = next(w for w in window.findChildren(QDialog) if w.isVisible())
    text = dialog.findChild(QTextBrowser).toPlainText()
    for words in ("La lettre au préfet", "La Défenseure des droits", "Le tribunal administratif",
                  "Les preuves qu'attend le juge", "capture d'écran", "Quand la demande a été rejetée"):
        assert words in text, words


def test_the_evidence_added_in_the_guided_mode_is_the_cases(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from tests.evidence_factory import pdf_file
    from tests.ui_driver import choose_files_in_dialog, open_section

    window = guided_window(qtbot, tmp_path)
    window.cases.new_case("GUIDE-3")
    editor = window.editor
    assert editor is not None
    evidence = editor.guided.show_question("pieces").evidence
    assert evidence is not None
    outside = tmp_path / "Téléchargements"
    outside.mkdir()
    scan = pdf_file(outside, "Attestation de dépôt.pdf", pages=1)
    choose_files_in_dialog([scan])
    with qtbot.waitSignal(evidence.filesAdded, timeout=10_000):
        click(qtbot, next(b for b in evidence.findChildren(QPushButton) if b.text() == "Ajouter des fichiers…"))
    assert [p["title"] for p in editor.case.data["pieces"]] == ["Attestation de dépôt"]
    click(qtbot, editor.mode_button)
    pieces = open_section(editor, 4, qtbot)
    assert pieces.model.rowCount() == 1 and pieces.model.index(0, 1).data() == "Attestation de dépôt"
