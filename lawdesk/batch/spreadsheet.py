"""A spreadsheet of cases (contract.md section 4) → one job per non-blank row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lawdesk.batch.fields import FORMAT_FIELD, PIECES_DIR, Column, column
from lawdesk.batch.jobs import Job
from lawdesk.batch.names import folder_name
from lawdesk.batch.pieces_dir import folder_pieces
from lawdesk.batch.table import open_table
from lawdesk.case.model import FORMAT
from lawdesk.errors import Problem, UnusableInput, error
from lawdesk.i18n import _

# What a header says a cell is: a case field, the pièces folder, or nothing (no header).
Target = Column | str | None


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _targets(headers: list[str]) -> list[Target]:
    targets: list[Target] = []
    for index, header in enumerate(headers):
        if header and header in headers[:index]:
            raise UnusableInput(_("colonne « {column} » en double (colonnes {first} et {second}) ; gardez-en une seule").format(
                column=header, first=headers.index(header) + 1, second=index + 1))
        targets.append(None if not header else PIECES_DIR if header == PIECES_DIR else column(header))
    return targets


def _put(tree: dict[Any, Any], path: tuple[str | int, ...], value: Any) -> None:
    node = tree
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def _with_lists(node: Any) -> Any:
    """List items are gathered under their 1-based index; an index never filled leaves no gap."""
    if not isinstance(node, dict):
        return node
    if node and all(isinstance(key, int) for key in node):
        return [_with_lists(node[key]) for key in sorted(node)]
    return {key: _with_lists(value) for key, value in node.items()}


class SpreadsheetSource:
    """Reads the header at once (an unusable header stops the batch before any work) and the
    rows lazily, each time `jobs()` is called."""

    def __init__(self, path: Path, out: Path) -> None:
        self.path = path
        self.out = out
        self.table = open_table(path)
        self.targets = _targets(self.table.headers)
        self.total = sum(1 for _line, cells in self.table.rows() if not all(map(_blank, cells)))

    def jobs(self) -> Iterator[Job]:
        lines_by_name: dict[str, int] = {}
        rows = ((line, cells) for line, cells in self.table.rows() if not all(map(_blank, cells)))
        for seq, (line, cells) in enumerate(rows):
            yield self._job(seq, line, cells, lines_by_name)

    def _read(self, cells: list[Any]) -> tuple[dict[str, Any], str, list[Problem]]:
        tree: dict[Any, Any] = {FORMAT_FIELD: FORMAT}
        pieces_dir = ""
        problems: list[Problem] = []
        for index, cell in enumerate(cells):
            if _blank(cell):
                continue
            target = self.targets[index] if index < len(self.targets) else None
            if target is None:
                problems.append(error(_("colonne {number}").format(number=index + 1), _("cette cellule n'a pas d'en-tête de colonne ; ajoutez l'en-tête ou videz la cellule")))
            elif target == PIECES_DIR:
                pieces_dir = str(cell).strip()
            else:
                assert isinstance(target, Column)
                _put(tree, target.path, target.value(cell))
        return _with_lists(tree), pieces_dir, problems

    def _job(self, seq: int, line: int, cells: list[Any], lines_by_name: dict[str, int]) -> Job:
        data, pieces_dir, problems = self._read(cells)
        files: list[tuple[str, Path]] = []
        if pieces_dir:
            found = folder_pieces(self.path.parent / pieces_dir, self.path.parent)
            data["pieces"], files = found.pieces, found.files
            problems.extend(found.problems)
        else:
            data["pieces"] = []
            problems.append(error(PIECES_DIR, _("indiquez le dossier des pièces de ce cas (chemin relatif au tableau)")))
        reference = data["reference"] if isinstance(data.get("reference"), str) else ""
        name = folder_name(reference) or f"ligne-{line}"
        output: Path | None = self.out / name
        if name.casefold() in lines_by_name:
            output = None
            problems.append(error("reference", _("la référence « {reference} » est déjà celle de la ligne {line} ; chaque ligne doit avoir sa propre référence").format(
                reference=reference, line=lines_by_name[name.casefold()])))
        else:
            lines_by_name[name.casefold()] = line
        return Job(seq, line, reference, output, data=data, files=tuple(files), problems=tuple(problems))
