"""The workspace on disk (no Qt): case folders listed with their status, created, duplicated,
imported, trashed and restored; evidence files copied in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lawdesk.case.model import load_case
from lawdesk.errors import LawdeskError, UnusableInput
from lawdesk.ui.evidence_files import copy_into_case, next_piece_id, set_piece_files, title_from_file
from lawdesk.ui.workspace import (
    OUTPUT_DIR, CaseStatus, Workspace, derive_status, folder_name, read_report, unique_path,
)


def write_report(case_folder: Path, documents: list[str]) -> None:
    out = case_folder / OUTPUT_DIR
    out.mkdir()
    (out / "report.json").write_text(json.dumps({"documents": [{"id": d} for d in documents]}), encoding="utf-8")


def test_status_follows_validation_then_the_generated_documents(demo_case_dir: Path, tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "ws")
    ready = workspace.root / "ready"
    shutil.copytree(demo_case_dir, ready)
    letters = workspace.root / "letters"
    shutil.copytree(demo_case_dir, letters)
    write_report(letters, ["prefecture", "defenseur"])
    refere = workspace.root / "refere"
    shutil.copytree(demo_case_dir, refere)
    write_report(refere, ["prefecture", "refere"])
    draft = workspace.new_case("2025-001").folder
    broken = workspace.root / "broken"
    broken.mkdir()
    (broken / "case.json").write_text("{ not json", encoding="utf-8")

    statuses = {s.folder.name: s.status for s in workspace.list_cases()}

    assert statuses == {"ready": CaseStatus.READY, "letters": CaseStatus.LETTERS, "refere": CaseStatus.FILING,
                        draft.name: CaseStatus.DRAFT, "broken": CaseStatus.UNREADABLE}


def test_a_generated_case_whose_data_broke_is_a_draft_again() -> None:
    assert derive_status(True, {"documents": [{"id": "refere"}]}) is CaseStatus.DRAFT
    assert derive_status(False, None) is CaseStatus.READY


def test_summary_shows_what_the_list_searches(demo_case_dir: Path, tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "ws")
    shutil.copytree(demo_case_dir, workspace.root / "demo")
    [summary] = workspace.list_cases()
    assert (summary.reference, summary.name, summary.foreign_number, summary.department) == (
        "SSD-2025-0142", "DIALLO Aïssatou Binta", "9301234567", "93")


def test_new_case_gets_a_safe_unique_folder(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "ws")
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
    workspace = Workspace(tmp_path / "ws")
    source = workspace.root / "SSD-2025-0142"
    shutil.copytree(demo_case_dir, source)
    write_report(source, ["prefecture"])

    copy = workspace.duplicate(source)

    assert copy.data["reference"] == "SSD-2025-0142 (copie)"
    assert (copy.folder / "pieces" / "lettre-prefet.pdf").is_file()
    assert not (copy.folder / OUTPUT_DIR).exists()
    assert read_report(copy.folder) is None
    assert load_case(source).data["reference"] == "SSD-2025-0142"


def test_import_copies_a_case_from_elsewhere_and_refuses_what_is_not_one(demo_case_dir: Path, tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "ws")
    imported = workspace.import_case(demo_case_dir)
    assert imported.folder.parent == workspace.root.resolve()
    assert (imported.folder / "pieces").is_dir()
    assert demo_case_dir.is_dir()
    with pytest.raises(UnusableInput):
        workspace.import_case(tmp_path / "ws")
    with pytest.raises(UnusableInput):
        workspace.import_case(imported.folder)


def test_trash_then_restore(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "ws")
    folder = workspace.new_case("A-1").folder
    entry = workspace.trash(folder)
    assert not folder.exists() and entry.trashed.is_dir()
    assert workspace.list_cases() == []
    assert workspace.restore(entry) == folder
    assert [s.folder.name for s in workspace.list_cases()] == ["A-1"]


def test_evidence_is_copied_with_collisions_resolved_and_unsupported_files_skipped(tmp_path: Path) -> None:
    case_folder = tmp_path / "case"
    case_folder.mkdir()
    outside = tmp_path / "scans"
    (outside / "sub").mkdir(parents=True)
    (outside / "b.pdf").write_bytes(b"%PDF-1.4 b")
    (outside / "sub" / "a.PNG").write_bytes(b"png")
    (outside / "notes.docx").write_bytes(b"docx")
    (outside / ".hidden.pdf").write_bytes(b"hidden")
    lone = tmp_path / "b.pdf"
    lone.write_bytes(b"%PDF-1.4 other b")

    result = copy_into_case(case_folder, [outside, lone])

    assert result.files == ["pieces/b.pdf", "pieces/a.PNG", "pieces/b (2).pdf"]
    assert [p.name for p in result.skipped] == ["notes.docx"]
    assert (case_folder / "pieces" / "b (2).pdf").read_bytes() == b"%PDF-1.4 other b"
    assert (outside / "b.pdf").exists()  # copied, not moved
    again = copy_into_case(case_folder, [case_folder / "pieces" / "b.pdf"])
    assert again.files == ["pieces/b.pdf"]  # already in the case: not copied twice


def test_titles_ids_and_files_of_new_pieces() -> None:
    assert title_from_file("pieces/01_titre-de-sejour.pdf") == "Titre de sejour"
    assert next_piece_id([{"id": "p1"}, {"id": "p7"}, {"id": "mandat"}]) == "p8"
    piece = {"id": "p1", "title": "t", "file": "a.pdf"}
    set_piece_files(piece, ["a.pdf", "b.png"])
    assert piece == {"id": "p1", "title": "t", "files": ["a.pdf", "b.png"]}
    set_piece_files(piece, ["b.png"])
    assert piece == {"id": "p1", "title": "t", "file": "b.png"}
