"""The case list: statuses, search, filters, sort, new, duplicate, import, trash and undo."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from lawdesk.ui.case_list import CaseListPage
from lawdesk.ui.case_list_model import MODIFIED, REFERENCE, STATUS
from lawdesk.ui.worker import Worker
from lawdesk.store.base import OUTPUT_DIR
from lawdesk.store.folder import FolderStore


def shown(page: CaseListPage, column: int = REFERENCE) -> list[str]:
    return [page.proxy.index(row, column).data() for row in range(page.proxy.rowCount())]


@pytest.fixture
def page(qtbot, demo_case_dir: Path, tmp_path: Path) -> CaseListPage:  # noqa: ANN001
    workspace = FolderStore(tmp_path / "ws")
    shutil.copytree(demo_case_dir, workspace.root / "SSD-2025-0142")
    generated = workspace.root / "SSD-2025-0142" / OUTPUT_DIR
    generated.mkdir()
    (generated / "report.json").write_text(json.dumps({"documents": [{"id": "refere"}]}), encoding="utf-8")
    other = workspace.new_case("LYO-7")
    other.data["applicant"].update({"family_name": "PETROV", "given_names": "Ivan"})
    other.data["procedure"]["department"] = "69"
    other.save()
    worker = Worker()
    found = CaseListPage(workspace, worker)
    qtbot.addWidget(found)
    with qtbot.waitSignal(found.refreshed, timeout=10_000):
        found.refresh()
    yield found
    worker.shutdown()


def test_every_case_is_listed_with_its_status(page: CaseListPage) -> None:
    rows = dict(zip(shown(page), shown(page, STATUS), strict=True))
    assert rows == {"SSD-2025-0142": "requête générée", "LYO-7": "brouillon"}


def test_search_on_name_reference_and_foreign_number(page: CaseListPage, qtbot) -> None:  # noqa: ANN001
    for text, expected in (("petrov", ["LYO-7"]), ("ssd-2025", ["SSD-2025-0142"]), ("93 0123", ["SSD-2025-0142"]),
                           ("nobody", [])):
        page.search.setText(text)
        assert shown(page) == expected, text
    assert page.empty.text() == "Aucun dossier ne correspond à la recherche."


def test_filters_on_department_and_status(page: CaseListPage) -> None:
    page.department_filter.setCurrentIndex(page.department_filter.findData("69"))
    assert shown(page) == ["LYO-7"]
    page.department_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findText("Requête générée"))
    assert shown(page) == ["SSD-2025-0142"]


def test_sort_by_column(page: CaseListPage) -> None:
    page.table.sortByColumn(REFERENCE, Qt.SortOrder.AscendingOrder)
    assert shown(page) == ["LYO-7", "SSD-2025-0142"]
    page.table.sortByColumn(REFERENCE, Qt.SortOrder.DescendingOrder)
    assert shown(page) == ["SSD-2025-0142", "LYO-7"]
    page.table.sortByColumn(MODIFIED, Qt.SortOrder.DescendingOrder)
    assert shown(page)[0] == "LYO-7"  # saved last


def test_new_case_is_created_and_opened(page: CaseListPage, qtbot) -> None:  # noqa: ANN001
    with qtbot.waitSignal(page.openRequested) as opened:
        ref = page.new_case("NEW-1")
    assert opened.args == [ref] and (page.store.root / ref / "case.json").is_file()


def test_duplicate_and_import_run_in_the_background(page: CaseListPage, qtbot, demo_case_dir: Path) -> None:  # noqa: ANN001
    page.select("SSD-2025-0142")
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.duplicate(page.selected())
    assert "SSD-2025-0142 (copie)" in shown(page)
    assert page.selected() == "SSD-2025-0142 (copie)"
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.import_case(demo_case_dir)
    assert sorted(shown(page)).count("SSD-2025-0142") == 2


def test_delete_goes_to_the_trash_and_can_be_undone(page: CaseListPage, qtbot) -> None:  # noqa: ANN001
    folder = page.store.root / "LYO-7"
    page.select("LYO-7")
    page.trash(page.selected())
    assert shown(page) == ["SSD-2025-0142"] and not folder.exists()
    assert (page.store.trash_dir / "LYO-7" / "case.json").is_file()
    [undo] = [b for b in page.messages.findChildren(QPushButton) if b.text() == "Annuler"]
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        undo.click()
    assert folder.is_dir() and sorted(shown(page)) == ["LYO-7", "SSD-2025-0142"]
    assert page.selected() == "LYO-7"
