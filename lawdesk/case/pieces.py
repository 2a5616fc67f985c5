"""Pièces: numbering by list order, their files, and safe resolution of file paths."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from lawdesk.i18n import _


def piece_files(piece: dict[str, Any]) -> list[str]:
    """The files of a pièce, in order, whether given as `file` or `files`."""
    if isinstance(piece.get("files"), list):
        return [str(f) for f in piece["files"]]
    return [str(piece["file"])] if piece.get("file") else []


def piece_numbers(data: dict[str, Any]) -> dict[str, int]:
    """Pièce id → its number in the inventory (1-based, the order of `pieces`)."""
    numbers: dict[str, int] = {}
    pieces = data.get("pieces")
    for index, piece in enumerate(pieces if isinstance(pieces, list) else [], start=1):
        if isinstance(piece, dict) and isinstance(piece.get("id"), str):
            numbers.setdefault(piece["id"], index)
    return numbers


class UnsafePath(ValueError):
    """A pièce path that is absolute or leaves the case folder (possibly through a symlink)."""


def resolve_case_file(folder: Path, relative: str) -> Path:
    """The real path of a file named in the case; refuses anything outside `folder`."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or relative.startswith(("/", "\\")) or (len(relative) > 1 and relative[1] == ":"):
        raise UnsafePath(_("chemin absolu refusé : indiquez un chemin relatif au dossier du cas (par ex. pieces/titre.pdf)"))
    if ".." in pure.parts:
        raise UnsafePath(_("chemin refusé : « .. » sortirait du dossier du cas ; placez le fichier dans le dossier du cas"))
    if "\0" in relative:  # no file name can hold it (and the system calls would fail on it)
        raise UnsafePath(_("chemin refusé : il contient un caractère nul ; corrigez le nom du fichier dans le cas"))
    root = folder.resolve()
    target = (root / Path(*pure.parts)).resolve()
    if target != root and root not in target.parents:
        raise UnsafePath(_("ce fichier est un lien qui pointe hors du dossier du cas ; copiez le fichier lui-même dans le dossier du cas"))
    return target
