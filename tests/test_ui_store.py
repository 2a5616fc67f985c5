"""The window on a clinic's server (a real PostgreSQL, tests/pg_server.py), driven as a user does: where
a case lives and who else has it open, a save that meets another machine's (merged field by field, or
the user's choice), edits typed while the server is away or the network down, saved when it is back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGroupBox, QMessageBox, QPushButton, QRadioButton
from sqlalchemy import text

import lawdesk.ui.autosave
import lawdesk.ui.lock_keeper
from lawdesk.store.postgres import PostgresStore
from lawdesk.ui.case_editor import CaseEditor
from lawdesk.ui.case_list_model import REFERENCE
from lawdesk.ui.conflict_dialog import ConflictDialog
from lawdesk.ui.main_window import MainWindow
from lawdesk.ui.settings import AppSettings
from tests import pg_server
from tests.ui_driver import click, click_row, field, open_section, type_text, when_shown

APPLICANT, PROCEDURE = 0, 1


@pytest.fixture(autouse=True)
def quick_beats(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lease's heartbeat and the retry of a save every few tenths of a second, not every half-minute."""
    monkeypatch.setattr(lawdesk.ui.lock_keeper, "HEARTBEAT_SECONDS", 0.3)
    monkeypatch.setattr(lawdesk.ui.autosave, "RETRY_MS", 300)


def window_on(qtbot, url: str, tmp_path: Path, name: str) -> MainWindow:  # noqa: ANN001
    """A machine of the clinic: its own settings and its own working copies."""
    window = MainWindow(PostgresStore(url, work_root=tmp_path / f"copies-{name}"),
                        AppSettings(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.cases.refreshed, timeout=10_000):
        window.cases.refresh()
    return window


def open_from_list(qtbot, window: MainWindow, reference: str) -> CaseEditor:  # noqa: ANN001
    """A click on the case's row in the list, then Enter."""
    table = window.cases.table
    row = next(r for r in range(window.cases.proxy.rowCount())
               if window.cases.proxy.index(r, REFERENCE).data() == reference)
    click_row(qtbot, table, row, REFERENCE)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor is not None, timeout=10_000)
    return window.editor


def save_now(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """Ctrl+S: « Enregistrer maintenant »."""
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def row(store: PostgresStore, ref: str) -> Any:
    with store.connect() as connection:
        return connection.execute(text("SELECT data, version FROM cases WHERE id = :id"), {"id": ref}).one()


@pytest.fixture
def server_case(pg_store: PostgresStore) -> str:
    case = pg_store.new_case("SRV-1")
    case.data["applicant"].update({"civility": "Mme", "family_name": "DIALLO", "given_names": "Aïssatou"})
    case.data["procedure"].update({"department": "93", "kind": "renewal"})
    pg_store.save(case)
    return case.ref


def test_the_window_shows_where_the_case_lives_and_saves_it_there(qtbot, pg_store: PostgresStore, server_case: str,
                                                                  tmp_path: Path) -> None:  # noqa: ANN001
    window = window_on(qtbot, pg_store.url, tmp_path, "a")
    assert window.cases.location.text() == f"Sur le serveur {pg_store.describe()}"
    assert not window.explore_action.isEnabled()  # no folder to show in the explorer
    editor = open_from_list(qtbot, window, "SRV-1")
    assert editor.where.text() == f"Enregistré sur le serveur {pg_store.describe()}" and editor.where.isVisible()
    with qtbot.waitSignal(editor.autosaver.saved, timeout=10_000):
        type_text(qtbot, field(open_section(editor, APPLICANT, qtbot), "applicant", "family_name"), "KOUYATÉ")
        save_now(qtbot, window)
    data, version = row(pg_store, server_case)
    assert data["applicant"]["family_name"] == "KOUYATÉ" and version == 3 and editor.save_state.text().startswith("Enregistré")


def test_who_else_has_the_case_open_is_shown_on_both_machines(qtbot, pg_store: PostgresStore, server_case: str,
                                                                tmp_path: Path) -> None:  # noqa: ANN001
    first = window_on(qtbot, pg_store.url, tmp_path, "a")
    editing = open_from_list(qtbot, first, "SRV-1")
    assert not editing.read_only and not editing.others.isVisible()
    second = window_on(qtbot, pg_store.url, tmp_path, "b")
    assert "Ouvert par" in second.cases.proxy.index(0, REFERENCE).data(Qt.ItemDataRole.ToolTipRole)
    reading = open_from_list(qtbot, second, "SRV-1")
    assert reading.read_only and "lecture seule" in reading.messages.text.text()
    assert reading.others.isVisible() and reading.others.text().startswith("Ouvert par ")
    qtbot.waitUntil(lambda: editing.others.isVisible(), timeout=10_000)  # the editor learns at its next beat
    assert editing.others.text().startswith("Consulté par ")
    click(qtbot, next(b for b in second.findChildren(QPushButton) if b.text() == "‹ Tous les dossiers" and b.isVisible()))
    qtbot.waitUntil(lambda: not editing.others.isVisible(), timeout=10_000)


def test_edits_that_do_not_overlap_are_merged_field_by_field(qtbot, pg_store: PostgresStore, server_case: str,
                                                             tmp_path: Path) -> None:  # noqa: ANN001
    window = window_on(qtbot, pg_store.url, tmp_path, "a")
    editor = open_from_list(qtbot, window, "SRV-1")
    elsewhere = PostgresStore(pg_store.url, work_root=tmp_path / "b")  # another machine (its lease ran out meanwhile)
    theirs = elsewhere.load(server_case)
    theirs.data["applicant"]["birth_place"] = "Conakry (Guinée)"
    theirs.data["notes"] = {"prefecture": "Relance téléphonique le 3 mars."}
    elsewhere.save(theirs)
    elsewhere.close()

    type_text(qtbot, field(open_section(editor, APPLICANT, qtbot), "applicant", "family_name"), "CAMARA")
    save_now(qtbot, window)

    data, version = row(pg_store, server_case)
    assert (data["applicant"]["family_name"], data["applicant"]["birth_place"], data["notes"]["prefecture"]) == (
        "CAMARA", "Conakry (Guinée)", "Relance téléphonique le 3 mars.")
    assert version == 4  # theirs (3), then the merge
    assert "ses modifications sont reprises avec les vôtres" in editor.messages.text.text()
    assert field(open_section(editor, APPLICANT, qtbot), "applicant", "birth_place").text() == "Conakry (Guinée)"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the merge is one step, undone at once
    assert field(open_section(editor, APPLICANT, qtbot), "applicant", "birth_place").text() != "Conakry (Guinée)"


def test_a_field_both_changed_is_the_users_choice(qtbot, pg_store: PostgresStore, server_case: str,
                                                  tmp_path: Path) -> None:  # noqa: ANN001
    window = window_on(qtbot, pg_store.url, tmp_path, "a")
    editor = open_from_list(qtbot, window, "SRV-1")
    elsewhere = PostgresStore(pg_store.url, work_root=tmp_path / "b")
    theirs = elsewhere.load(server_case)
    theirs.data["applicant"]["family_name"] = "NGUYEN"
    theirs.data["applicant"]["birth_place"] = "Hanoï"
    elsewhere.save(theirs)
    elsewhere.close()
    applicant = open_section(editor, APPLICANT, qtbot)
    type_text(qtbot, field(applicant, "applicant", "family_name"), "TRAN")
    type_text(qtbot, field(applicant, "applicant", "birth_place"), "Hué")

    shown: list[ConflictDialog] = []
    when_shown(ConflictDialog, lambda dialog: dialog.later_button.click(), shown)  # first: not now
    save_now(qtbot, window)
    assert shown and row(pg_store, server_case)[1] == 3  # nothing written
    assert "ne sont pas enregistrées" in editor.messages.text.text() and editor.autosaver.pending

    def choose(dialog: ConflictDialog) -> None:
        boxes = {box.title(): box for box in dialog.findChildren(QGroupBox)}
        assert set(boxes) == {"Demandeur › Nom de famille", "Demandeur › Lieu de naissance"}
        theirs = next(b for b in boxes["Demandeur › Nom de famille"].findChildren(QRadioButton)
                      if b.text() == "Prendre la sienne : NGUYEN")
        qtbot.mouseClick(theirs, Qt.MouseButton.LeftButton, pos=QPoint(theirs.height() // 2, theirs.height() // 2))
        assert theirs.isChecked()
        click(qtbot, dialog.save_button)

    when_shown(ConflictDialog, choose, shown)
    click(qtbot, next(b for b in editor.messages.findChildren(QPushButton) if b.text() == "Comparer et enregistrer"))
    qtbot.waitUntil(lambda: row(pg_store, server_case)[1] == 4, timeout=10_000)
    data, _version = row(pg_store, server_case)
    assert (data["applicant"]["family_name"], data["applicant"]["birth_place"]) == ("NGUYEN", "Hué")
    assert field(applicant, "applicant", "family_name").text() == "NGUYEN"


@pytest.fixture(scope="module")
def own_server() -> Iterator[Any]:
    """A server of its own, stopped and started, reached through a relay whose network can be cut."""
    cluster = pg_server.start_cluster(template=True)
    proxy = pg_server.Proxy(cluster.port)
    yield cluster, proxy
    proxy.close()
    cluster.remove()


@pytest.mark.parametrize("outage", ["network", "server"])
def test_edits_typed_while_the_server_is_away_are_kept_and_saved_when_it_is_back(
        qtbot, own_server: Any, tmp_path: Path, outage: str) -> None:  # noqa: ANN001
    cluster, proxy = own_server
    url = proxy.url(cluster.new_database(template="lawdesk_template"))
    store = PostgresStore(url, work_root=tmp_path / "setup")
    ref = store.new_case("SRV-2").ref
    store.close()
    window = window_on(qtbot, url, tmp_path, "a")
    editor = open_from_list(qtbot, window, "SRV-2")
    applicant = open_section(editor, APPLICANT, qtbot)
    type_text(qtbot, field(applicant, "applicant", "family_name"), "DIOP")
    save_now(qtbot, window)
    assert row(window.store, ref)[0]["applicant"]["family_name"] == "DIOP"

    proxy.cut() if outage == "network" else cluster.stop()
    try:
        type_text(qtbot, field(applicant, "applicant", "birth_place"), "Dakar")
        save_now(qtbot, window)
        assert editor.save_state.text() == "Non enregistré : serveur injoignable"
        assert "seront enregistrées dès que le serveur répondra" in editor.messages.text.text()
        assert field(applicant, "applicant", "birth_place").text() == "Dakar"  # kept in the window
        type_text(qtbot, field(applicant, "applicant", "given_names"), "Fatou")  # typing goes on meanwhile
    finally:
        proxy.resume() if outage == "network" else cluster.start()
    qtbot.waitUntil(lambda: "Le serveur répond de nouveau" in editor.messages.text.text(), timeout=20_000)
    data, _version = row(window.store, ref)
    assert (data["applicant"]["family_name"], data["applicant"]["birth_place"], data["applicant"]["given_names"]) == (
        "DIOP", "Dakar", "Fatou")
    assert not editor.autosaver.pending and not editor.read_only


def test_a_dossier_generated_from_the_window_is_kept_on_the_server(qtbot, pg_store: PostgresStore, tmp_path: Path,
                                                                   demo_case_dir: Path) -> None:  # noqa: ANN001
    pg_store.import_folder(demo_case_dir)
    window = window_on(qtbot, pg_store.url, tmp_path, "a")
    editor = open_from_list(qtbot, window, "SSD-2025-0142")
    with qtbot.waitSignal(editor.generated, timeout=120_000) as generated:
        click(qtbot, editor.generate_button)
    report = generated.args[0]
    with pg_store.connect() as connection:
        qtbot.waitUntil(lambda: connection.execute(text("SELECT count(*) FROM dossiers")).scalar() == 1, timeout=20_000)
    with pg_store.connect() as connection:
        stored = connection.execute(text("SELECT d.report, d.built_version, c.version FROM dossiers d JOIN cases c "
                                         "ON c.id = d.case_id")).one()
        names = set(connection.execute(text("SELECT name FROM dossier_files")).scalars())
    assert stored.report["bundle"] == report["bundle"] and stored.built_version == stored.version
    assert {"report.json", report["bundle"]} <= names and any(n.startswith("telerecours/") for n in names) is bool(report["telerecours"])
    other = PostgresStore(pg_store.url, work_root=tmp_path / "b")  # another machine sees it, files and all
    case = other.load(other.find("SSD-2025-0142"))
    assert other.read_report(case)["bundle"] == report["bundle"]
    assert (other.dossier_folder(case) / report["bundle"]).read_bytes()[:5] == b"%PDF-"
    assert json.loads((other.dossier_folder(case) / "report.json").read_text())["pages"] == report["pages"]
    other.close()


def test_a_user_connects_to_the_clinics_server_in_the_preferences(qtbot, pg_store: PostgresStore, server_case: str,
                                                                 tmp_path: Path) -> None:  # noqa: ANN001
    from lawdesk.store.folder import FolderStore
    from lawdesk.ui.settings_dialog import SettingsDialog
    from tests.ui_driver import type_keys

    ini = tmp_path / "LawDesk.ini"
    window = MainWindow(FolderStore(tmp_path / "ws"), AppSettings(QSettings(str(ini), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    typed = pg_store.url.replace("postgres@", "postgres:mot-de-passe-tapé@")  # typed with a password, by mistake

    def connect(dialog: SettingsDialog) -> None:
        dialog.server.setFocus()
        type_keys(dialog.server, typed)
        click(qtbot, next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") in ("OK", "Ok")))

    when_shown(SettingsDialog, connect)
    next(a for a in window.findChildren(QAction) if a.text() == "&Préférences…").trigger()  # Édition › Préférences…
    qtbot.waitUntil(lambda: window.cases.proxy.rowCount() == 1, timeout=10_000)
    assert window.cases.location.text() == f"Sur le serveur {pg_store.describe()}"
    assert window.cases.proxy.index(0, REFERENCE).data() == "SRV-1"
    assert "mot-de-passe-tapé" not in ini.read_text() and AppSettings(QSettings(str(ini), QSettings.Format.IniFormat)).server_url == pg_store.url


def test_edits_kept_when_the_window_dies_before_the_server_is_back_are_saved_at_the_next_opening(
        qtbot, own_server: Any, tmp_path: Path) -> None:  # noqa: ANN001
    import shiboken6
    from PySide6.QtCore import QThreadPool

    cluster, proxy = own_server
    url = proxy.url(cluster.new_database(template="lawdesk_template"))
    store = PostgresStore(url, work_root=tmp_path / "setup")
    ref = store.new_case("SRV-3").ref
    store.close()
    window = MainWindow(PostgresStore(url, work_root=tmp_path / "copies-a"),  # not kept by qtbot: it will die
                        AppSettings(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat)))
    window.show()
    with qtbot.waitSignal(window.cases.refreshed, timeout=10_000):
        window.cases.refresh()
    editor = open_from_list(qtbot, window, "SRV-3")
    proxy.cut()
    try:
        type_text(qtbot, field(open_section(editor, APPLICANT, qtbot), "applicant", "family_name"), "SYLLA")
        save_now(qtbot, window)
        assert editor.save_state.text() == "Non enregistré : serveur injoignable"
        QThreadPool.globalInstance().waitForDone(10_000)
        shiboken6.delete(window)  # the window dies (a crash, a power cut) before the server is back
    finally:
        proxy.resume()
    elsewhere = PostgresStore(url, work_root=tmp_path / "b")  # meanwhile another machine saved something else
    with elsewhere.connect() as connection:  # and two minutes went by: the dead window's lease is silent
        connection.execute(text("UPDATE presence SET heartbeat = heartbeat - interval '120 seconds'"))
    theirs = elsewhere.load(ref)
    theirs.data["procedure"]["department"] = "93"
    elsewhere.save(theirs)
    elsewhere.close()

    again = window_on(qtbot, url, tmp_path, "a2")
    asked: list[str] = []
    when_shown(QMessageBox, lambda box: asked.append(box.text()) or box.button(QMessageBox.StandardButton.Yes).click())
    editor = open_from_list(qtbot, again, "SRV-3")  # « Reprendre le dossier ? »: its window is gone
    assert asked and "ne donne plus signe de vie" in asked[0]
    assert "n'avaient pas pu être enregistrées : elles sont reprises et enregistrées" in editor.messages.text.text()
    data, version = row(again.store, ref)
    assert (data["applicant"]["family_name"], data["procedure"]["department"], version) == ("SYLLA", "93", 3)
    assert field(open_section(editor, APPLICANT, qtbot), "applicant", "family_name").text() == "SYLLA"
