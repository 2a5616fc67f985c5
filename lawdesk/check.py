"""The pre-flight: everything `lawdesk check` reports, shared by build, batch and the window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from lawdesk.case.model import Case
from lawdesk.case.pieces import UnsafePath, piece_files, resolve_case_file
from lawdesk.case.validate import validate_data
from lawdesk.errors import EvidenceError, Problem, error
from lawdesk.evidence.dates import Normalizer, date_problems
from lawdesk.evidence.inspect import inspect_file
from lawdesk.progress import CancelToken, Progress


def evidence_files(case: Case) -> Iterator[tuple[int, str, Path | UnsafePath]]:
    """(pièce number, path as written, resolved path or the reason it is refused) for every file."""
    pieces = case.data.get("pieces")
    for number, piece in enumerate(pieces if isinstance(pieces, list) else [], start=1):
        if not isinstance(piece, dict):
            continue
        for shown in piece_files(piece):
            try:
                yield number, shown, resolve_case_file(case.folder, shown)
            except UnsafePath as refused:
                yield number, shown, refused


Inspector = Callable[[Path, str], list[Problem]]


def evidence_problems(case: Case, inspect: Inspector = inspect_file) -> list[Problem]:
    problems: list[Problem] = []
    for _number, shown, resolved in evidence_files(case):
        if isinstance(resolved, UnsafePath):
            problems.append(error(shown, str(resolved)))
        else:
            problems.extend(inspect(resolved, shown))
    return problems


def piece_locations(case: Case, piece: dict) -> tuple[list[Path], list[str]] | None:
    """A pièce's resolved files and their names as written; None if one of them is refused."""
    shown = piece_files(piece)
    try:
        return [resolve_case_file(case.folder, name) for name in shown], shown
    except UnsafePath:
        return None


def preflight(case: Case, today: dt.date | None = None, inspect: Inspector = inspect_file,
              normalized: Normalizer | None = None) -> list[Problem]:
    """Every problem of the case: its data, then its evidence files (errors first, then warnings),
    then the dates of the pièces against the facts that cite them.

    `inspect` looks at one evidence file and `normalized` makes a pièce's pages (read for its dates);
    the build passes ones that remember what they found and made.
    """
    problems = validate_data(case.data, today) + evidence_problems(case, inspect)
    if not any(p.is_error for p in problems):
        from lawdesk.evidence.normalize import normalize_files

        problems += date_problems(case.data, lambda piece: piece_locations(case, piece), normalized or normalize_files)
    return [p for p in problems if p.is_error] + [p for p in problems if not p.is_error]


def evidence_check(case: Case, progress: Progress | None = None, cancel: CancelToken | None = None) -> list[Problem]:
    """The problems the window's evidence check adds to those of the data, which it checks live as the user
    types. The window runs it in its generation process (lawdesk.generation, whose calling convention gives
    `progress` and `cancel`): OCR there never holds the window's interpreter. What the last build stored is
    read from the case's cache; what is missing is made, every pièce into pages when nothing stops the
    build, and remembered by that process for the « Générer » that follows (lawdesk.evidence.cache)."""
    from lawdesk.evidence.cache import EvidenceCache
    from lawdesk.evidence.normalize import normalize_files

    cache = EvidenceCache(case.folder)  # read, never written here: the build writes what it used
    data_problems = set(validate_data(case.data))
    found = preflight(case, inspect=lambda path, shown: cache.inspected(path, shown, inspect_file),
                      normalized=lambda paths, shown: cache.normalized(paths, shown, normalize_files))
    if not any(p.is_error for p in found):
        pieces = case.data.get("pieces")
        for piece in pieces if isinstance(pieces, list) else []:
            located = piece_locations(case, piece) if isinstance(piece, dict) else None
            if located is not None:
                try:
                    cache.normalized(*located, normalize_files)
                except EvidenceError:
                    pass  # the build says it, naming the pièce
    return [p for p in found if p not in data_problems]
