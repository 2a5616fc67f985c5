"""Bringing evidence files into a case folder: which files, copied where, titled how.

No Qt here. Files are copied (never moved: the originals stay where the user keeps them)
into the case's `pieces/` folder, under a free name.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
import filecmp
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawdesk.progress import CancelToken
from lawdesk.ui.workspace import unique_path

PIECES_DIR = "pieces"
ACCEPTED_SUFFIXES = frozenset(
    {".pdf", ".png", ".jpg", ".jpeg", ".heic", ".heif", ".tif", ".tiff", ".webp", ".gif", ".eml"}
)
IMAGE_SUFFIXES = ACCEPTED_SUFFIXES - {".pdf", ".eml"}


@dataclass(frozen=True)
class ImportedFiles:
    files: list[str]  # paths as written in case.json, e.g. "pieces/capture (2).png"
    skipped: list[Path]  # files of a type LawDesk does not take
    copied: list[str] = field(default_factory=list)  # those of `files` written by this import (not there before)


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Accepted files and refused files; a folder gives its files, by name, sub-folders included."""
    accepted: list[Path] = []
    refused: list[Path] = []
    for path in paths:
        if path.is_dir():
            inner = sorted((p for p in path.rglob("*") if p.is_file()), key=lambda p: str(p).lower())
            candidates = [p for p in inner if not any(part.startswith(".") for part in p.relative_to(path).parts)]
        else:
            candidates = [path]
        for candidate in candidates:
            (accepted if candidate.suffix.lower() in ACCEPTED_SUFFIXES else refused).append(candidate)
    return accepted, refused


def _inside(folder: Path, path: Path) -> str | None:
    """The case-relative path of a file already in the case folder (no need to copy it)."""
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return None


def _same_copy(target_dir: Path, source: Path, taken: set[str]) -> Path | None:
    """A file of `target_dir` that is already a copy of `source` (same name, or the same with « (2) »…,
    and the same bytes) and that no pièce uses (`taken`): added again, it is used again (an addition
    undone leaves its copy behind, and « caf (2).heic » would follow)."""
    stem, suffix = Path(source.name).stem, Path(source.name).suffix
    pattern = re.compile(rf"^{re.escape(stem)}( \(\d+\))?{re.escape(suffix)}$")
    for candidate in sorted(target_dir.iterdir()) if target_dir.is_dir() else []:
        if (pattern.match(candidate.name) and f"{PIECES_DIR}/{candidate.name}" not in taken and candidate.is_file()
                and filecmp.cmp(candidate, source, shallow=False)):
            return candidate
    return None


def copy_into_case(case_folder: Path, paths: Iterable[Path], cancel: CancelToken | None = None,
                   in_use: frozenset[str] = frozenset()) -> ImportedFiles:
    """Copy the accepted files into `case_folder/pieces/`; each copy is complete or absent. `in_use`:
    the files the case's pièces use (an identical copy left there by an undone addition is reused)."""
    accepted, refused = expand(paths)
    target_dir = case_folder / PIECES_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    copied: list[str] = []
    for source in accepted:
        if cancel is not None:
            cancel.check()
        already = _inside(case_folder, source)
        if already is not None:
            written.append(already)
            continue
        same = _same_copy(target_dir, source, set(in_use) | set(written))
        if same is not None:
            written.append(f"{PIECES_DIR}/{same.name}")
            continue
        target = unique_path(target_dir, source.name, keep_suffix=True)
        partial = target.with_name(f".{target.name}.part")
        try:
            shutil.copy2(source, partial)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        written.append(f"{PIECES_DIR}/{target.name}")
        copied.append(written[-1])
    return ImportedFiles(written, refused, copied)


def title_from_file(name: str) -> str:
    """A first title from a file name, kept as the user wrote it (accents, capitals, hyphens) but for
    its extension, a leading number (the inventory numbers the pièces) and the separators of a name
    without spaces: "01_Titre de séjour.pdf" → "Titre de séjour", "titre-de-sejour.pdf" → "Titre de
    sejour". Names from a Mac (accents as combining marks) are composed again, so that « é » is one
    letter in the title, the bundle and the Télérecours name. The user edits it in the pièce's form."""
    stem = unicodedata.normalize("NFC", Path(name).stem)
    stem = re.sub(r"^\d+[\s._-]+", "", stem)
    separators = r"_" if " " in stem else r"[._-]"
    words = " ".join(re.sub(separators, " ", stem).split())
    return (words[:1].upper() + words[1:]) if words else stem


def next_piece_id(pieces: list[Any]) -> str:
    """A fresh `pN` id: ids stay stable when pièces move, only numbers follow the order."""
    used = {p.get("id") for p in pieces if isinstance(p, dict)}
    numbers = [int(m.group(1)) for i in used if isinstance(i, str) and (m := re.fullmatch(r"p(\d+)", i))]
    candidate = max(numbers, default=0) + 1
    while f"p{candidate}" in used:
        candidate += 1
    return f"p{candidate}"


def set_piece_files(piece: dict[str, Any], files: list[str]) -> None:
    """Write the files of a pièce as `file` (one) or `files` (several), as the contract says."""
    piece.pop("file", None)
    piece.pop("files", None)
    if len(files) == 1:
        piece["file"] = files[0]
    elif files:
        piece["files"] = list(files)
