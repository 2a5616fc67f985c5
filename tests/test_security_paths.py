"""Pièce paths that leave the case folder: the build refuses them before reading or writing anything.

(`lawdesk check` refusing them is tested in test_cli_check.py.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lawdesk.build import build_dossier
from lawdesk.case import load_case
from lawdesk.errors import BlockingProblems
from tests import fuzz_hostile as hostile

UNSAFE = {
    "absolute": "{outside}/dehors.pdf",
    "dot-dot": "../dehors/dehors.pdf",
    "dot-dot-inside": "pieces/../../dehors/dehors.pdf",
    "backslashes": "pieces\\..\\..\\dehors\\dehors.pdf",
    "symlinked-file": "lien.pdf",
    "symlinked-folder": "raccourci/dehors.pdf",
    "nul-byte": "pieces/employeur.pdf\x00.png",
    "windows-drive": "C:/dehors/dehors.pdf",
    "windows-share": "\\\\serveur\\partage\\dehors.pdf",
}


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.mark.parametrize("kind", sorted(UNSAFE))
def test_unsafe_piece_path_is_refused_and_nothing_is_read_or_written(demo_case_dir: Path, tmp_path: Path, kind: str) -> None:
    outside = tmp_path / "dehors"
    outside.mkdir()
    (outside / "dehors.pdf").write_bytes((demo_case_dir / "pieces" / "employeur.pdf").read_bytes())
    os.symlink(outside / "dehors.pdf", demo_case_dir / "lien.pdf")
    os.symlink(outside, demo_case_dir / "raccourci", target_is_directory=True)
    name = UNSAFE[kind].format(outside=outside)
    data = json.loads((demo_case_dir / "case.json").read_text(encoding="utf-8"))
    data["pieces"][0] = {"id": "p1", "title": "Titre de séjour", "file": name}
    (demo_case_dir / "case.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = _snapshot(demo_case_dir)
    out = tmp_path / "sortie"

    with hostile.Watch() as watch, pytest.raises(BlockingProblems) as raised:
        build_dossier(load_case(demo_case_dir), out)

    errors = [p for p in raised.value.problems if p.is_error]
    assert [p.where for p in errors] == [name], errors
    assert "dossier du cas" in errors[0].message or "chemin" in errors[0].message
    assert watch.opened_under(outside) == []
    assert not out.exists()
    assert _snapshot(demo_case_dir) == before  # not even a cache entry
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dehors", "demo-case"]


def test_a_spreadsheet_cannot_take_pieces_from_outside_its_folder(tmp_path):
    import os

    from lawdesk.batch.pieces_dir import folder_pieces

    sheet_dir = tmp_path / "tableau"
    (sheet_dir / "pieces").mkdir(parents=True)
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    os.symlink(elsewhere / "secret.pdf", sheet_dir / "pieces" / "01_lien.pdf")
    for folder in (elsewhere, sheet_dir / ".." / "ailleurs", sheet_dir / "pieces"):
        found = folder_pieces(folder, sheet_dir)
        assert found.pieces == [] and found.files == []
        assert any(p.is_error and ("hors du dossier du tableau" in p.message or "sort du dossier" in p.message)
                   for p in found.problems)


def test_a_pieces_folder_with_a_nul_character_is_an_error_naming_the_column(tmp_path):
    from lawdesk.batch.pieces_dir import folder_pieces

    found = folder_pieces(tmp_path / "pie\0ces", tmp_path)  # found by fuzzing: resolve() raised ValueError
    assert found.pieces == [] and found.files == []
    assert [(p.where, p.is_error) for p in found.problems] == [("pieces_dir", True)]
    assert "caractère nul" in found.problems[0].message
