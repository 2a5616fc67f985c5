"""Stage 2: the pièces. The pre-flight first (the case and every file, as `lawdesk check`); then every
pièce made into pages and stamped with its number. What is derived comes from the case's signed cache
when it can; a first build shares the inspection of the files, then the pièces, with a helper process
(both cores)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lawdesk.build.plan import Plan
from lawdesk.bundle.assemble import stamped_piece
from lawdesk.case.pieces import piece_files, resolve_case_file
from lawdesk.case.validate import validate_data
from lawdesk.check import evidence_files, evidence_problems, piece_locations
from lawdesk.documents import piece_title
from lawdesk.errors import BlockingProblems, EvidenceError, LawdeskError, Problem, warning
from lawdesk.evidence.cache import EvidenceCache
from lawdesk.evidence.dates import date_problems
from lawdesk.evidence.inspect import inspect_file
from lawdesk.evidence.normalize import NormalizedPiece, normalize_files
from lawdesk.evidence.ocr import OcrOutcome, missing_ocr_warning
from lawdesk.htmlpdf import load_weasyprint
from lawdesk.i18n import _
from lawdesk.parallel import shared, warm_up
from lawdesk.progress import CancelToken, Progress

# All the pièces of a dossier, once made into PDF pages: the bundle, the Télérecours copies, the
# pièces themselves and the cache entries a first build writes at its end are held in memory
# together (about 7 times this), which must stay under 1.5 GB.
MAX_DOSSIER_BYTES = 150 * 1024 * 1024


@dataclass
class PreparedPiece:
    """A pièce ready for the dossier: `pdf` has every page stamped with its number."""

    number: int
    id: str
    title: str
    pdf: bytes
    page_count: int


def _files(plan: Plan, piece: dict) -> tuple[list[Path], list[str]]:
    shown = piece_files(piece)
    return [resolve_case_file(plan.case.folder, name) for name in shown], shown


def _inspected(file: tuple[Path, str]) -> list[Problem]:
    return inspect_file(*file)


def _not_inspected(plan: Plan, cache: EvidenceCache) -> list[tuple[Path, str]]:
    """The evidence files (within the case folder) the cache holds no findings for."""
    return [(path, shown) for _number, shown, path in evidence_files(plan.checked)
            if isinstance(path, Path) and not cache.holds_inspected(path, shown)]


def start_helper(plan: Plan, cache: EvidenceCache) -> None:
    """Before a first build, which checks its files and makes its pièces into pages (seconds of work, OCR
    included): where the helper cannot be forked, start it now, beside the plan and the checks, so that it
    draws the documents meanwhile. A rebuild does without: a new interpreter costs about what its
    documents do."""
    if len(_not_inspected(plan, cache)) >= 2:
        warm_up()


def _inspect_all(plan: Plan, cache: EvidenceCache, cancel: CancelToken) -> None:
    """A first build: every evidence file the cache holds no findings for, inspected on both cores (a
    helper process takes its share), then handed to the cache, where the pre-flight finds them."""
    missing = _not_inspected(plan, cache)
    if len(missing) < 2:
        return  # one file or none: nothing to share
    with shared(_inspected, missing) as tasks:  # the helper: started by start_helper, for these same files
        found = tasks.results(cancel)
    for (path, shown), problems in zip(missing, found):
        cache.inspected(path, shown, lambda _path, _shown, problems=problems: problems)


Derived = tuple[NormalizedPiece | EvidenceError, bytes]


def _derived(task: tuple[int, list[Path], list[str]]) -> Derived:
    """One pièce made into pages and stamped with its number, in whichever process takes it; its
    refusal comes back as a value."""
    number, paths, shown = task
    try:
        normalized = normalize_files(paths, shown)
    except EvidenceError as refused:
        return refused, b""
    return normalized, stamped_piece(normalized.pdf, number)


def _weight(task: tuple[int, list[Path], list[str]]) -> int:
    """How long a pièce takes to derive, roughly: the size of its files."""
    return sum(path.stat().st_size for path in task[1])


def _derive_all(plan: Plan, cache: EvidenceCache, cancel: CancelToken) -> None:
    """A first build, once the pre-flight found no error: every pièce the cache does not hold yet made
    into pages and stamped, on both cores, the heaviest first, then handed to the cache. A rebuild has
    nothing to do here."""
    missing = []
    for number, piece in enumerate(plan.case.data.get("pieces") or [], start=1):
        paths, shown = _files(plan, piece)
        if not cache.holds_normalized(paths, shown):
            missing.append((number, paths, shown))
    if len(missing) < 2:
        return  # one pièce or none: nothing to share
    warm_up()
    load_weasyprint()  # the stamps' font is drawn by WeasyPrint: loaded once here, inherited by a forked helper
    missing.sort(key=_weight, reverse=True)  # both processes then end about together
    with shared(_derived, missing) as tasks:
        done = tasks.results(cancel)
    for (number, paths, shown), (normalized, stamped) in zip(missing, done):
        if isinstance(normalized, NormalizedPiece):
            cache.normalized(paths, shown, lambda _paths, _shown, piece=normalized: piece)
            cache.stamped(paths, shown, number, normalized, lambda _pdf, _number, pdf=stamped: pdf)


def check(plan: Plan, cache: EvidenceCache, cancel: CancelToken) -> list[Problem]:
    """The pre-flight of `lawdesk check`, findings and pages taken from the cache: BlockingProblems
    when it finds errors; the warnings otherwise."""
    def inspected(path: Path, shown: str) -> list[Problem]:
        return cache.inspected(path, shown, inspect_file)

    problems = validate_data(plan.checked.data, plan.today)
    if not any(p.is_error for p in problems):
        _inspect_all(plan, cache, cancel)
    problems += evidence_problems(plan.checked, inspected)
    if not any(p.is_error for p in problems):
        _derive_all(plan, cache, cancel)  # the dates of the pièces are read in their pages
        problems += date_problems(plan.checked.data, lambda piece: piece_locations(plan.checked, piece),
                                  lambda paths, shown: cache.normalized(paths, shown, normalize_files))
    if any(p.is_error for p in problems):
        raise BlockingProblems([p for p in problems if p.is_error] + [p for p in problems if not p.is_error])
    return problems


def prepare(plan: Plan, cache: EvidenceCache, progress: Progress, cancel: CancelToken,
            known: list[Problem]) -> tuple[list[PreparedPiece], list[Problem]]:
    """Every pièce as a stamped PDF, and the warnings the pre-flight did not already give (`known`)."""
    pieces: list[PreparedPiece] = []
    warnings: list[Problem] = []
    ocr_missing = False
    total = 0
    for number, piece in enumerate(plan.case.data.get("pieces") or [], start=1):
        cancel.check()
        paths, shown = _files(plan, piece)
        try:
            normalized = cache.normalized(paths, shown, normalize_files)
        except EvidenceError as exc:
            raise LawdeskError(_("{ref}, pièce n° {number} ({title}) : {reason}").format(
                ref=plan.case.reference, number=number, title=piece.get("title", ""), reason=exc.message)) from None
        warnings += [w for w in normalized.warnings if w not in known]
        ocr_missing |= normalized.ocr == OcrOutcome.UNAVAILABLE
        total += len(normalized.pdf)
        if total > MAX_DOSSIER_BYTES:
            raise LawdeskError(_("{ref} : les pièces dépassent {limit} Mo une fois mises en pages (atteint à la pièce n° {number}, {title}) ; "
                                 "réduisez les plus lourdes (PDF compressé, scans en 200 dpi) ou scindez le dossier").format(
                ref=plan.case.reference, limit=MAX_DOSSIER_BYTES // (1024 * 1024), number=number, title=piece.get("title", "")))
        stamped = cache.stamped(paths, shown, number, normalized, stamped_piece)
        pieces.append(PreparedPiece(number, piece["id"], piece_title(piece["title"]), stamped, normalized.page_count))
        progress.advance(number, _("pièce n° {number}").format(number=number))
    return pieces, warnings + ([warning("", missing_ocr_warning())] if ocr_missing else [])
