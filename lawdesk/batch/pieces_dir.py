"""The pièces of a spreadsheet row: the files of its `pieces_dir` folder, in name order.

A sub-folder is one pièce made of its files (a set of screenshots). Titles come from a
`pieces.csv` (`file;title`) in the folder, else from the name without its number prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawdesk.batch.fields import PIECES_DIR
from lawdesk.batch.names import natural_key
from lawdesk.batch.table import open_table
from lawdesk.errors import Problem, UnusableInput, error, warning
from lawdesk.i18n import _

TITLES_FILE = "pieces.csv"
CASE_PIECES = "pieces"  # the pièces' folder inside a written case folder
_IGNORED = {TITLES_FILE, "thumbs.db", "desktop.ini"}
_NUMBER_PREFIX = re.compile(r"^\d+\s*[-_.)]?\s*")


@dataclass
class FolderPieces:
    pieces: list[dict[str, Any]] = field(default_factory=list)
    files: list[tuple[str, Path]] = field(default_factory=list)  # path in the case folder → source
    problems: list[Problem] = field(default_factory=list)


def _is_evidence(entry: Path) -> bool:
    return not entry.name.startswith((".", "~$")) and entry.name.lower() not in _IGNORED


def _entries(folder: Path) -> list[Path]:
    return sorted((e for e in folder.iterdir() if _is_evidence(e)), key=lambda e: natural_key(e.name))


def default_title(entry: Path) -> str:
    """"03_Courrier de l'employeur.pdf" → "Courrier de l'employeur"."""
    base = entry.name if entry.is_dir() else entry.stem
    title = " ".join(_NUMBER_PREFIX.sub("", base).replace("_", " ").split())
    return title or base


def _titles(folder: Path, names: set[str]) -> tuple[dict[str, str], list[Problem]]:
    path = folder / TITLES_FILE
    if not path.is_file():
        return {}, []
    try:
        table = open_table(path)
        if "file" not in table.headers or "title" not in table.headers:
            return {}, [error(PIECES_DIR, _("{file} : les colonnes « file » et « title » sont attendues (séparées par « ; »)").format(file=path))]
        file_at, title_at = table.headers.index("file"), table.headers.index("title")
        titles: dict[str, str] = {}
        problems: list[Problem] = []
        for line, cells in table.rows():
            name = str(cells[file_at]).strip() if file_at < len(cells) and cells[file_at] else ""
            title = str(cells[title_at]).strip() if title_at < len(cells) and cells[title_at] else ""
            if name and title:
                titles[name] = title
                if name not in names:
                    problems.append(warning(PIECES_DIR, _("{file}, ligne {line} : « {name} » n'est pas dans le dossier des pièces ; corrigez le nom ou ajoutez le fichier").format(file=path, line=line, name=name)))
        return titles, problems
    except UnusableInput as exc:
        return {}, [error(PIECES_DIR, exc.message)]


def _inside(path: Path, root: Path) -> bool:
    resolved = path.resolve()
    return resolved == root or root in resolved.parents


def folder_pieces(folder: Path, root: Path) -> FolderPieces:
    """The pièces of `folder`, which must lie (with every file, symlinks followed) inside `root`,
    the spreadsheet's folder: a spreadsheet cannot pull in files from elsewhere on the machine."""
    result = FolderPieces()
    root = root.resolve()
    if "\0" in str(folder):  # no path can hold it; resolve() would raise
        result.problems.append(error(PIECES_DIR, _("le chemin du dossier des pièces contient un caractère nul ; corrigez la cellule « {column} »").format(column=PIECES_DIR)))
        return result
    if not _inside(folder, root):
        result.problems.append(error(PIECES_DIR, _("le dossier des pièces « {folder} » sort du dossier du tableau ; placez les pièces dans un sous-dossier du dossier du tableau").format(folder=folder)))
        return result
    if not folder.is_dir():
        result.problems.append(error(PIECES_DIR, _("le dossier des pièces « {folder} » n'existe pas ; le chemin est relatif au tableau").format(folder=folder)))
        return result
    try:
        entries = _entries(folder)
        titles, result.problems = _titles(folder, {e.name for e in entries})
        outside = [e for e in entries if not _inside(e, root)]
        result.problems += [error(PIECES_DIR, _("« {file} » est un lien vers un fichier hors du dossier du tableau ; copiez le fichier lui-même").format(file=e)) for e in outside]
        for entry in (e for e in entries if e not in outside):
            piece: dict[str, Any] = {"id": f"p{len(result.pieces) + 1}", "title": titles.get(entry.name) or default_title(entry)}
            if entry.is_dir():
                files = [(f"{CASE_PIECES}/{entry.name}/{f.name}", f) for f in _entries(entry) if f.is_file()]
                if not files:
                    result.problems.append(error(PIECES_DIR, _("le sous-dossier « {folder} » ne contient aucun fichier ; retirez-le ou ajoutez-y les fichiers de la pièce").format(folder=entry)))
                    continue
                piece["files"] = [name for name, _source in files]
            else:
                files = [(f"{CASE_PIECES}/{entry.name}", entry)]
                piece["file"] = files[0][0]
            result.pieces.append(piece)
            result.files.extend(files)
    except OSError as exc:
        result.problems.append(error(PIECES_DIR, _("le dossier des pièces « {folder} » est illisible ({reason})").format(folder=folder, reason=exc.strerror)))
    if not result.pieces and not result.problems:
        result.problems.append(warning(PIECES_DIR, _("le dossier des pièces « {folder} » est vide : le dossier sera constitué sans aucune pièce").format(folder=folder)))
    return result
