"""What is particular to the folder store (no Qt): folder names, a copy that leaves the generated
dossier behind, an import from inside the workspace. What every store does is in
test_store_protocol.py, run against this store too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lawdesk.case import load_case
from lawdesk.errors import LawdeskError, UnusableInput
from lawdesk.store.base import OUTPUT_DIR, CaseStatus, derive_status
from lawdesk.store.folder import FolderStore, folder_name, read_report, unique_path
from lawdesk.ui.evidence_files import next_piece_id, set_piece_files, title_from_file


def write_report(case_folder: Path, documents: list[str]) -> None:
    out = case_folder / OUTPUT_DIR
    out.mkdir()
    (out / "report.json").write_text(json.dumps({"documents": [{"id": d} for d in documents]}), encoding="utf-8")


def test_a_generated_case_whose_data_broke_is_a_draft_again() -> None:
    assert derive_status(True, {"documents": [{"id": "refere"}]}) is CaseStatus.DRAFT
    assert derive_status(False, None) is CaseStatus.READY


def test_new_case_gets_a_safe_unique_folder(tmp_path: Path) -> None:
    workspace = FolderStore(tmp_path / "ws")
    first = workspace.new_case("SSD/2025:0142")
    second = workspace.new_case("SSD/2025:0142")
    assert first.folder.name == "SSD-2025-0142"
    assert second.folder.name == "SSD-2025-0142 (2)"
    assert load_case(second.folder).data["reference"] == "SSD/2025:0142"
    with pytest.raises(LawdeskError):
        workspace.new_case("   ")


def test_folder_names_and_free_names() -> None:
    assert folder_name(' a<b>c  "d" ') == "a-b-c -d-"
    assert folder_name("...") == "dossier"
    assert unique_path(Path("/nonexistent"), "x.pdf", keep_suffix=True) == Path("/nonexistent/x.pdf")


def test_duplicate_copies_pieces_but_not_the_generated_dossier(demo_case_dir: Path, tmp_path: Path) -> None:
    workspace = FolderStore(tmp_path / "ws")
    source = workspace.root / "SSD-2025-0142"
    shutil.copytree(demo_case_dir, source)
    write_report(source, ["prefecture"])

    copy = workspace.duplicate(source.name)

    assert copy.data["reference"] == "SSD-2025-0142 (copie)"
    assert (copy.folder / "pieces" / "lettre-prefet.pdf").is_file()
    assert not (copy.folder / OUTPUT_DIR).exists()
    assert read_report(copy.folder) is None
    assert load_case(source).data["reference"] == "SSD-2025-0142"


def test_import_copies_a_case_from_elsewhere_and_refuses_what_is_not_one(demo_case_dir: Path, tmp_path: Path) -> None:
    workspace = FolderStore(tmp_path / "ws")
    imported = workspace.import_folder(demo_case_dir)
    assert imported.folder.parent == workspace.root.resolve()
    assert (imported.folder / "pieces").is_dir()
    assert demo_case_dir.is_dir()
    with pytest.raises(UnusableInput):
        workspace.import_folder(tmp_path / "ws")
    with pytest.raises(UnusableInput):
        workspace.import_folder(imported.folder)


def test_titles_ids_and_files_of_new_pieces() -> None:
    assert title_from_file("pieces/01_titre-de-sejour.pdf") == "Titre de sejour"
    assert next_piece_id([{"id": "p1"}, {"id": "p7"}, {"id": "mandat"}]) == "p8"
    piece = {"id": "p1", "title": "t", "file": "a.pdf"}
    set_piece_files(piece, ["a.pdf", "b.png"])
    assert piece == {"id": "p1", "title": "t", "files": ["a.pdf", "b.png"]}
    set_piece_files(piece, ["b.png"])
    assert piece == {"id": "p1", "title": "t", "file": "b.png"}
