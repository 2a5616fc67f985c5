"""Traitement par lot from the window: a French-headed spreadsheet mapped, checked, built, cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from lawdesk.ui.batch_dialog import BatchDialog
from lawdesk.ui.column_mapping import mapped_copy_path, normalize, suggest
from lawdesk.ui.settings import AppSettings
from lawdesk.ui.worker import Worker
from lawdesk.store.folder import FolderStore
from tests.batch_samples import HEADERS, make_pieces, sample_row, write_csv

pytestmark = pytest.mark.usefixtures("nothing_left_running")

FRENCH = {"reference": "Référence", "applicant.family_name": "Nom", "applicant.given_names": "Prénom(s)",
          "applicant.birth_date": "Date de naissance", "applicant.nationality": "Nationalité",
          "applicant.address.line1": "Adresse", "applicant.address.postal_code": "Code postal",
          "applicant.address.city": "Ville", "procedure.department": "Département", "pieces_dir": "Pièces"}


def french_sheet(folder: Path, rows: int = 1, bad: bool = False) -> Path:
    """A clinic's spreadsheet: French headers for the usual columns, field paths for the rest."""
    folder.mkdir(parents=True, exist_ok=True)
    data = []
    for number in range(1, rows + 1):
        reference = f"LOT-{number}"
        make_pieces(folder / "pieces" / reference)
        data.append(sample_row(reference))
    if bad:
        data.append(sample_row("LOT-BAD", birth_date="31/02/1990", pieces_dir="pieces/absent"))
    headers = [FRENCH.get(h, h) for h in HEADERS]
    return write_csv(folder / "permanence.csv", ({FRENCH.get(k, k): v for k, v in row.items()} for row in data), headers)


def _dialog(qtbot, tmp_path: Path) -> BatchDialog:  # noqa: ANN001
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    dialog = BatchDialog(FolderStore(tmp_path / "ws"), Worker(), settings)
    qtbot.addWidget(dialog)
    return dialog


def test_french_headers_are_suggested_without_accents_or_case() -> None:
    assert normalize("N° étranger") == "n etranger"
    assert suggest("n° étranger") == "applicant.foreign_national_number"
    assert suggest("PRÉNOM(S)") == "applicant.given_names"
    assert suggest("département") == "procedure.department"
    assert suggest("incidents.1.date") == "incidents.1.date"
    assert suggest("couleur préférée") is None


def test_map_check_run_and_import_a_french_spreadsheet(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    sheet = french_sheet(tmp_path / "clinique", rows=1, bad=True)
    dialog = _dialog(qtbot, tmp_path)
    dialog.set_source(sheet)
    assert dialog.mapping_box.isVisibleTo(dialog)
    fields = dialog.column_fields()
    assert fields["nom"] == "applicant.family_name" and fields["pièces"] == "pieces_dir"
    assert fields["incidents.1.date"] == "incidents.1.date"

    with qtbot.waitSignal(dialog.checked, timeout=30_000) as checked:
        dialog.check()
    ok, bad = checked.args[0]
    assert not ok.blocking and bad.blocking and bad.where == 3
    assert not mapped_copy_path(sheet).exists()  # the mapped copy is cleaned up

    dialog.out.edit.setText(str(tmp_path / "sortie"))
    with qtbot.waitSignal(dialog.batchFinished, timeout=240_000) as finished:
        dialog.run()
    result = finished.args[0]
    assert (result.total, result.built, result.failed) == (2, 1, 1)
    assert not mapped_copy_path(sheet).exists()
    assert dialog.rows.rowCount() == 2
    dialog.rows.setCurrentCell(1, 0)  # a click on the failed row shows its messages
    assert "pieces/absent" in dialog.details.toPlainText()
    qtbot.waitUntil(dialog.import_button.isEnabled)
    with qtbot.waitSignal(dialog.casesImported, timeout=30_000) as imported:
        dialog.import_cases()
    assert imported.args[0] == ["LOT-1"]
    assert (tmp_path / "ws" / "LOT-1" / "pieces").is_dir()

    dialog.set_column_field("nationalité", None)
    dialog.run_button.setEnabled(False)
    dialog._batch_input()  # what a run does first: remember the mapping
    again = BatchDialog(dialog.store, dialog.worker, dialog.settings)  # the same headers next time
    qtbot.addWidget(again)
    again.set_source(sheet)
    assert "nationalité" not in again.column_fields()


def test_a_batch_is_cancelled_from_the_dialog(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    sheet = french_sheet(tmp_path / "clinique", rows=4)
    dialog = _dialog(qtbot, tmp_path)
    dialog.set_source(sheet)
    dialog.out.edit.setText(str(tmp_path / "sortie"))
    with qtbot.waitSignal(dialog.batchFinished, timeout=240_000) as finished:
        dialog.run()
        dialog.cancel()
    result = finished.args[0]
    assert result.cancelled and len(result.rows) < 4
    assert "arrêté" in dialog.progress_label.text()
    qtbot.waitUntil(dialog.run_button.isEnabled)
    assert not dialog.cancel_button.isEnabled()
