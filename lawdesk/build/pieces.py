"""Stage 2: the pièces. The pre-flight (the case and every file, as `lawdesk check`), every pièce made
into pages and each stamped with its number. What is derived comes from the case's signed cache when
it can; a first build derives it for each pièce in one pass shared with a helper process (both cores)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lawdesk.build.plan import Plan
from lawdesk.bundle.assemble import stamped_piece
from lawdesk.case.pieces import piece_files, resolve_case_file
from lawdesk.case.validate import validate_data
from lawdesk.check import evidence_problems, piece_locations
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


@dataclass
class _Derived:
    """What a first build derives from one pièce, in whichever process made it: the pre-flight's
    findings for each file; then, unless a file is refused, its pages (or the refusal) and the
    pages stamped with its number."""

    findings: list[list[Problem]]
    normalized: NormalizedPiece | EvidenceError | None = None
    stamped: bytes | None = None


def _derived(task: tuple[int, list[Path], list[str]]) -> _Derived:
    number, paths, shown = task
    findings = [inspect_file(path, name) for path, name in zip(paths, shown)]
    if any(p.is_error for found in findings for p in found):
        return _Derived(findings)
    try:
        normalized = normalize_files(paths, shown)
    except EvidenceError as refused:
        return _Derived(findings, refused)
    return _Derived(findings, normalized, stamped_piece(normalized.pdf, number))


def _weight(task: tuple[int, list[Path], list[str]]) -> int:
    """How long a pièce takes to derive, roughly: the size of its files (a missing one weighs nothing)."""
    return sum(path.stat().st_size if path.is_file() else 0 for path in task[1])


def _derive_all(plan: Plan, cache: EvidenceCache, cancel: CancelToken) -> None:
    """A first build: every pièce the cache does not hold yet inspected, made into pages and stamped,
    on both cores (a helper process takes its share), then handed to the cache, where the pre-flight
    and the stages after it find them. A rebuild has nothing to do here."""
    missing = []
    for number, piece in enumerate(plan.case.data.get("pieces") or [], start=1):
        located = piece_locations(plan.case, piece) if isinstance(piece, dict) else None
        if located is not None and not cache.holds_normalized(*located):
            missing.append((number, *located))
    if len(missing) < 2:
        return  # one pièce or none: nothing to share
    warm_up()  # seconds of work: worth a helper even where it must start from scratch (no fork)
    load_weasyprint()  # the stamps' font is drawn by WeasyPrint: loaded once here, inherited by a forked helper
    missing.sort(key=_weight, reverse=True)  # the heaviest first: both processes end about together
    with shared(_derived, missing) as tasks:
        done = tasks.results(cancel)
    for (number, paths, shown), made in zip(missing, done):
        for path, name, found in zip(paths, shown, made.findings):
            cache.inspected(path, name, lambda _path, _name, found=found: found)
        if isinstance(made.normalized, NormalizedPiece) and made.stamped is not None:
            cache.normalized(paths, shown, lambda _paths, _shown, piece=made.normalized: piece)
            cache.stamped(paths, shown, number, made.normalized, lambda _pdf, _number, pdf=made.stamped: pdf)


def check(plan: Plan, cache: EvidenceCache, cancel: CancelToken) -> list[Problem]:
    """The pre-flight of `lawdesk check`, findings and pages taken from the cache: BlockingProblems
    when it finds errors; the warnings otherwise."""
    def inspected(path: Path, shown: str) -> list[Problem]:
        return cache.inspected(path, shown, inspect_file)

    problems = validate_data(plan.checked.data, plan.today)
    if not any(p.is_error for p in problems):
        _derive_all(plan, cache, cancel)  # the files are inspected there, and the dates are read in the pages
    problems += evidence_problems(plan.checked, inspected)
    if not any(p.is_error for p in problems):
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
