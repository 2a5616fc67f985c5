"""Bringing evidence files into a case, whatever the store: which files, under which name.

Files are copied (never moved: the originals stay where the user keeps them) under the case's
`pieces/`, each under a free name. A file already in the case is not copied again, and a copy an
undone addition left behind (same name but for « (2) »…, same bytes, used by no pièce) is reused.
Each store says how its files are named, compared and written (`CaseFiles`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from lawdesk.fs import unique_name
from lawdesk.progress import CancelToken
from lawdesk.store.base import PIECES_DIR, ImportedFiles

ACCEPTED_SUFFIXES = frozenset(
    {".pdf", ".png", ".jpg", ".jpeg", ".heic", ".heif", ".tif", ".tiff", ".webp", ".gif", ".eml"}
)
IMAGE_SUFFIXES = ACCEPTED_SUFFIXES - {".pdf", ".eml"}


class CaseFiles(Protocol):
    """The files of one case, as a store keeps them (names relative to the case, `/`-separated)."""

    def names(self) -> list[str]:
        """The files under `pieces/`, in name order."""

    def inside(self, source: Path) -> str | None:
        """The case's name for `source` if it is a file of the case already (no need to copy it)."""

    def taken(self, name: str) -> bool:
        """Whether a new file may not be called `name`."""

    def same(self, name: str, source: Path) -> bool:
        """Whether the case's file `name` holds the same bytes as `source`."""

    def put(self, name: str, source: Path) -> None:
        """Copy `source` into the case as `name`: complete or absent."""


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


def _same_copy(files: CaseFiles, names: list[str], source: Path, taken: set[str]) -> str | None:
    """A file of the case that is already a copy of `source` (same name, or the same with « (2) »…,
    and the same bytes) and that no pièce uses (`taken`): added again, it is used again (an addition
    undone leaves its copy behind, and « caf (2).heic » would follow)."""
    stem, suffix = Path(source.name).stem, Path(source.name).suffix
    pattern = re.compile(rf"^{re.escape(PIECES_DIR)}/{re.escape(stem)}( \(\d+\))?{re.escape(suffix)}$")
    for name in names:
        if pattern.match(name) and name not in taken and files.same(name, source):
            return name
    return None


def copy_into_case(files: CaseFiles, paths: Iterable[Path], cancel: CancelToken | None = None,
                   in_use: frozenset[str] = frozenset()) -> ImportedFiles:
    """Copy the accepted files into the case's `pieces/`; each copy is complete or absent. `in_use`:
    the files the case's pièces use (an identical copy left there by an undone addition is reused)."""
    accepted, refused = expand(paths)
    names = files.names()
    written: list[str] = []
    copied: list[str] = []
    for source in accepted:
        if cancel is not None:
            cancel.check()
        already = files.inside(source)
        if already is not None:
            written.append(already)
            continue
        same = _same_copy(files, names, source, set(in_use) | set(written))
        if same is not None:
            written.append(same)
            continue
        name = f"{PIECES_DIR}/" + unique_name(source.name, lambda n: files.taken(f"{PIECES_DIR}/{n}"), keep_suffix=True)
        files.put(name, source)
        names.append(name)
        written.append(name)
        copied.append(name)
    return ImportedFiles(written, refused, copied)
