"""The case as a timeline, in the window (issues 14 and 15): steps recorded in « Envois et échéances »
with their AR, pièces and answer, the situation and the deadlines of today; the new fields of the
procedure; the case list sorted by the next deadline; only the documents that fit are offered and
generated. Every test drives the real widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from lawdesk.case import load_case
from lawdesk.status import days_left
from lawdesk.timeline import shown, timeline
from lawdesk.ui.case_editor import CaseEditor
from lawdesk.ui.case_list_model import DEADLINE, REFERENCE
from lawdesk.ui.main_window import MainWindow
from tests.ui_cases import TODAY, ago, not_registered_case, shown_window, write_case
from tests.ui_driver import click, field, open_section, pick, tick, type_date, type_text

PROCEDURE, CLAIMS, DOCUMENTS, STEPS = 1, 6, 7, 8


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # noqa: ANN001
    return shown_window(qtbot, tmp_path)


def open_case(window: MainWindow, data: dict[str, Any], name: str = "CASE-1") -> CaseEditor:
    editor = window.open_case(write_case(window.cases.store.root, name, data).name)
    assert editor is not None
    return editor


def summary(editor: CaseEditor) -> str:
    return " ".join(editor.form.section(STEPS).summary.toPlainText().split())


def test_a_step_recorded_in_the_panel_shows_its_deadline_then_its_answer(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = open_case(window, not_registered_case())
    steps = open_section(editor, STEPS, qtbot)
    assert "demande non enregistrée par le téléservice" in summary(editor)
    assert "Envoyer la lettre au préfet" in summary(editor)

    records = steps.records
    click(qtbot, records.add_button)
    assert field(records, "document").currentData() == "prefecture"  # the first step is the letter
    type_date(qtbot, field(records, "sent"), ago(3))
    pick(qtbot, field(records, "mode"), "lrar")
    type_text(qtbot, field(records, "tracking"), "1A 123 456 7890 1")
    type_date(qtbot, field(records, "received"), ago(1))
    type_text(qtbot, field(records, "deadline_days"), "8")
    tick(qtbot, field(records, "pieces"), ["p3"])
    editor.validate()  # what the 250 ms timer does after an edit

    end = ago(1) + dt.timedelta(days=8)
    text = summary(editor)
    assert f"Fin du délai laissé au préfet par la lettre du {shown(ago(3))}" in text
    assert shown(end) in text and "dans 7 jours" in text
    assert f"délai de 8 jours fixé par la lettre du {shown(ago(3))}, à compter de sa réception le {shown(ago(1))}" in text
    assert f"Attendre la réponse du préfet jusqu'au {shown(end)}" in text
    assert records.model.index(0, 5).data() == "n° 3"

    type_date(qtbot, field(records, "answer", "date"), TODAY)
    type_text(qtbot, field(records, "answer", "summary"), "Réponse type : dossier en cours d'instruction")
    pick(qtbot, field(records, "answer", "piece"), "p2")
    assert editor.flush()
    [step] = load_case(editor.case.folder).data["steps"]
    assert step == {"document": "prefecture", "sent": ago(3).isoformat(), "mode": "lrar", "tracking": "1A 123 456 7890 1",
                    "received": ago(1).isoformat(), "deadline_days": 8, "pieces": ["p3"],
                    "answer": {"date": TODAY.isoformat(), "summary": "Réponse type : dossier en cours d'instruction",
                               "piece": "p2"}}


def test_an_other_step_and_a_step_without_proof(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = open_case(window, not_registered_case())
    records = open_section(editor, STEPS, qtbot).records
    click(qtbot, records.add_button)
    pick(qtbot, field(records, "document"), "other")
    pick(qtbot, field(records, "mode"), "email")
    type_text(qtbot, field(records, "description"), "Courriel au service des étrangers")
    editor.validate()
    assert records.model.index(0, 1).data() == "Autre envoi"
    box = records.binder.field_for(("pieces",)).box
    assert "Aucune pièce ne prouve cet envoi" in box.message.full_text()


def test_the_procedure_records_validity_acknowledgement_incompleteness_and_legal_aid(
        qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = open_case(window, not_registered_case())
    procedure = open_section(editor, PROCEDURE, qtbot)
    received = procedure.received
    click(qtbot, received.add_button)
    pick(qtbot, field(received, "kind"), "recepisse")
    type_date(qtbot, field(received, "date"), ago(60))
    type_date(qtbot, field(received, "valid_until"), ago(2))
    pick(qtbot, field(received, "piece"), "p2")
    assert received.model.index(0, 2).data() == ago(2).strftime("%d/%m/%Y")

    type_date(qtbot, field(procedure, "procedure", "acknowledgement", "date"), ago(50))
    assert editor.case.data["procedure"]["acknowledgement"] == {"date": ago(50).isoformat(), "mentions_delays": False}
    click(qtbot, field(procedure, "procedure", "acknowledgement", "mentions_delays"))
    pick(qtbot, field(procedure, "procedure", "acknowledgement", "piece"), "p3")
    incomplete = field(procedure, "procedure", "incomplete")
    click(qtbot, incomplete)
    assert editor.case.data["procedure"]["incomplete"] is True
    click(qtbot, incomplete)
    assert "incomplete" not in editor.case.data["procedure"]

    claims = open_section(editor, CLAIMS, qtbot)
    click(qtbot, field(claims, "claims", "legal_aid"))
    assert editor.flush()
    saved = load_case(editor.case.folder).data
    assert saved["procedure"]["received"] == [{"kind": "recepisse", "date": ago(60).isoformat(),
                                               "valid_until": ago(2).isoformat(), "piece": "p2"}]
    assert saved["procedure"]["acknowledgement"] == {"date": ago(50).isoformat(), "mentions_delays": True, "piece": "p3"}
    assert saved["claims"]["legal_aid"] is True

    open_section(editor, PROCEDURE, qtbot)
    kinds = [field(received, "kind").itemData(i) for i in range(field(received, "kind").count())]
    assert {"refus", "refus_avec_oqtf"} <= set(kinds)
    pick(qtbot, field(received, "kind"), "refus_avec_oqtf")
    editor.validate()
    assert "obligation de quitter le territoire" in summary(editor) and "agissez sans attendre" in summary(editor)


def test_the_case_list_shows_and_sorts_by_the_next_deadline(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    root = window.cases.store.root
    soon = not_registered_case(steps=[{"document": "prefecture", "sent": ago(5).isoformat(), "mode": "lrar",
                                       "received": ago(4).isoformat(), "deadline_days": 8, "pieces": ["p3"]}])
    later = not_registered_case(steps=[{"document": "prefecture", "sent": ago(1).isoformat(), "mode": "lrar",
                                        "deadline_days": 30, "pieces": ["p3"]}])
    later["procedure"]["current_permit"]["expires"] = (TODAY + dt.timedelta(days=200)).isoformat()
    none = not_registered_case()
    none["procedure"]["current_permit"]["expires"] = ago(400).isoformat()
    for name, data in (("B-LATER", later), ("A-NONE", none), ("C-SOON", soon)):
        write_case(root, name, data)
    page = window.cases
    page.refresh()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 3, timeout=10_000)

    def column(number: int) -> list[str]:
        return [page.proxy.index(row, number).data() for row in range(page.proxy.rowCount())]

    assert column(REFERENCE) == ["C-SOON", "B-LATER", "A-NONE"]  # nearest first, no deadline last
    end = ago(4) + dt.timedelta(days=8)
    deadline = timeline(soon, TODAY).next_deadline
    assert column(DEADLINE)[0] == f"{end.strftime('%d/%m/%Y')} ({days_left(deadline, TODAY)})" == \
        f"{end.strftime('%d/%m/%Y')} (dans 4 jours)"
    assert column(DEADLINE)[2] == ""
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, DEADLINE))
    assert column(REFERENCE) == ["B-LATER", "C-SOON", "A-NONE"]  # the other way, and still none last
    assert "Fin du délai laissé au préfet" in page.proxy.index(1, DEADLINE).data(Qt.ItemDataRole.ToolTipRole)


def _section_centre(header: Any, section: int) -> QPoint:
    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)


def chooser_item(editor: CaseEditor, code: str) -> Any:
    chooser = editor.form.section(DOCUMENTS).chooser
    return next(chooser.list.item(i) for i in range(chooser.list.count())
                if chooser.list.item(i).data(Qt.ItemDataRole.UserRole) == code)


def test_only_the_documents_that_fit_today_can_be_ticked_with_the_reason_shown(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    editor = open_case(window, not_registered_case())
    documents = open_section(editor, DOCUMENTS, qtbot)
    chooser = documents.chooser
    assert [chooser.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(chooser.list.count())] == [
        "prefecture", "defenseur", "refere", "motifs", "annulation", "suspension"]
    refere = chooser_item(editor, "refere")
    assert not refere.flags() & Qt.ItemFlag.ItemIsUserCheckable and not refere.flags() & Qt.ItemFlag.ItemIsEnabled
    reason_line = refere.text().splitlines()[1]
    assert reason_line.startswith("ne convient pas aujourd'hui : le référé suppose une lettre au préfet envoyée")
    assert refere.toolTip() == reason_line
    annulation = chooser_item(editor, "annulation")
    assert "ne convient pas aujourd'hui" in annulation.text() and not annulation.flags() & Qt.ItemFlag.ItemIsEnabled
    tick(qtbot, chooser.list, ["prefecture", "defenseur"])
    assert editor.case.data["documents"] == ["prefecture", "defenseur"]

    # the letter is recorded as sent four weeks ago: the référé fits now, the letter is a pièce of what follows
    records = open_section(editor, STEPS, qtbot).records
    click(qtbot, records.add_button)
    type_date(qtbot, field(records, "sent"), ago(28))
    type_text(qtbot, field(records, "deadline_days"), "8")
    editor.validate()
    open_section(editor, DOCUMENTS, qtbot)
    refere = chooser_item(editor, "refere")
    assert refere.flags() & Qt.ItemFlag.ItemIsUserCheckable and refere.text() == "Requête en référé « mesures utiles »"
    letter = chooser_item(editor, "prefecture")
    assert letter.text().splitlines()[1].startswith(f"déjà envoyé le {shown(ago(28))}")
    tick(qtbot, chooser.list, ["prefecture", "defenseur", "refere"])
    assert editor.case.data["documents"] == ["prefecture", "defenseur", "refere"]


def test_generate_writes_the_chosen_documents_that_fit(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    # chosen when it fitted: the référé now lacks the letter's deadline
    editor = open_case(window, not_registered_case(documents=["prefecture", "refere"]))
    assert "ne convient pas aujourd'hui" in chooser_item(editor, "refere").text()
    editor.validate()
    assert not [p for p in editor.problems if p.is_error and p.where == "documents"]
    with qtbot.waitSignal(editor.generated, timeout=120_000) as outcome:
        click(qtbot, editor.generate_button)
    assert [d["id"] for d in outcome.args[0]["documents"]] == ["prefecture"]
