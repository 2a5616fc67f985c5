"""`lawdesk build`: case → documents → bundle → files, written atomically (contract.md section 3)."""

from __future__ import annotations

import datetime as dt
import glob
import json
import re
import shutil
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from lawdesk.bundle.assemble import Bundle, BundleMetadata, Part, page_layout, stamped_piece
from lawdesk.bundle.telerecours import SIZE_LIMIT, ascii_words, export_names, shortened
from lawdesk.case.model import Case
from lawdesk.case.pieces import piece_files, resolve_case_file
from lawdesk.check import preflight
from lawdesk.departments import department
from lawdesk.evidence.cache import EvidenceCache
from lawdesk.errors import BlockingProblems, CannotWrite, EvidenceError, LawdeskError, UnusableInput, error
from lawdesk.evidence.inspect import inspect_file
from lawdesk.htmlpdf import refused_resources
from lawdesk.i18n import _
from lawdesk.parallel import shared
from lawdesk.procedures import document as document_spec
from lawdesk.progress import CancelToken, NullProgress, Progress
from lawdesk.timeline import Timeline, shown, timeline

REPORT = "report.json"
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
# Bytes, not characters: most file systems refuse names over 255 bytes (an accent takes 2, Arabic 2, CJK 3).
MAX_NAME_BYTES = 180
# All the pièces of a dossier, once made into PDF pages: the bundle, the Télérecours copies, the
# pièces themselves and the cache entries a first build writes at its end are held in memory
# together (about 7 times this), which must stay under 1.5 GB.
MAX_DOSSIER_BYTES = 150 * 1024 * 1024
STALE_STAGING_SECONDS = 3600


@dataclass
class _Piece:
    """A pièce ready for the dossier: `pdf` has every page stamped with its number."""

    number: int
    id: str
    title: str
    pdf: bytes
    page_count: int


def _safe_file_name(text: str) -> str:
    """A file name part without separators, control or invisible formatting characters (a right-to-left
    override would make "x\u202efdp.exe" display as "xexe.pdf"), short enough in bytes for any disk."""
    visible = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c for c in text)
    name = " ".join(_UNSAFE_IN_NAME.sub(" ", visible).split())
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:
        name = name[:-1]
    return name.rstrip(" .")


def _applicant_name(data: dict[str, Any]) -> str:
    applicant = data.get("applicant", {})
    return f"{applicant.get('family_name', '')} {applicant.get('given_names', '')}".strip()


def _requested_documents(case: Case, documents: list[str] | None, today: dt.date) -> list[str]:
    """The documents to write. A document the case records as sent is a pièce of what follows, not
    written again, unless `documents` names it (it is then dated the day it was sent)."""
    from lawdesk.procedures import DOCUMENTS

    chosen = documents if documents is not None else list(case.data.get("documents") or [])
    unknown = [d for d in chosen if d not in DOCUMENTS]
    if unknown or not chosen:
        raise UnusableInput(_("documents demandés inconnus ou absents ({given}) ; choisissez parmi : {known}").format(
            given=", ".join(unknown) or "—", known=", ".join(DOCUMENTS)))
    if documents is not None:
        return chosen
    t = timeline(case.data, today)
    sent = {s.document: s.sent for s in t.steps}
    remaining = [d for d in chosen if d not in sent]
    if not remaining:
        listed = ", ".join(_("« {id} » le {date}").format(id=d, date=shown(sent[d])) for d in chosen)
        raise BlockingProblems([error("documents", _(
            "tous les documents demandés ont déjà été envoyés ({listed}) ; prochaine étape : {next}").format(
            listed=listed, next=t.next_step))])
    return remaining


def _check_output(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / REPORT).is_file())):
        raise UnusableInput(_("{out} existe et ne contient pas un dossier LawDesk : choisissez un dossier vide ou nouveau, rien n'a été écrit").format(out=out))


def _normalize_pieces(case: Case, cache: EvidenceCache, progress: Progress, cancel: CancelToken,
                      done: int, known: set[str] | None = None) -> tuple[list[_Piece], list[str]]:
    """The pièces as stamped PDFs; `known` holds warnings already given by the pre-flight (not repeated)."""
    from lawdesk.documents import piece_title
    from lawdesk.evidence.normalize import normalize_files
    from lawdesk.evidence.ocr import OcrOutcome, missing_ocr_warning

    pieces, warnings = [], []
    ocr_missing = False
    known = known or set()
    total = 0
    for number, piece in enumerate(case.data.get("pieces") or [], start=1):
        cancel.check()
        shown = piece_files(piece)
        paths = [resolve_case_file(case.folder, f) for f in shown]
        try:
            normalized = cache.normalized(paths, shown, normalize_files)
        except EvidenceError as exc:
            raise LawdeskError(_("{ref}, pièce n° {number} ({title}) : {reason}").format(
                ref=case.reference, number=number, title=piece.get("title", ""), reason=exc.message)) from None
        warnings += [_("pièce n° {number} : {warning}").format(number=number, warning=w)
                     for w in normalized.warnings if w not in known]
        ocr_missing |= normalized.ocr == OcrOutcome.UNAVAILABLE
        total += len(normalized.pdf)
        if total > MAX_DOSSIER_BYTES:
            raise LawdeskError(_("{ref} : les pièces dépassent {limit} Mo une fois mises en pages (atteint à la pièce n° {number}, {title}) ; "
                                 "réduisez les plus lourdes (PDF compressé, scans en 200 dpi) ou scindez le dossier").format(
                ref=case.reference, limit=MAX_DOSSIER_BYTES // (1024 * 1024), number=number, title=piece.get("title", "")))
        stamped = cache.stamped(paths, shown, number, normalized, stamped_piece)
        pieces.append(_Piece(number, piece["id"], piece_title(piece["title"]), stamped, normalized.page_count))
        progress.advance(done + number, _("pièce n° {number}").format(number=number))
    return pieces, warnings + ([missing_ocr_warning()] if ocr_missing else [])


def _render_document(case: Case, doc_id: str, info: Any, templates_dir: Path | None) -> tuple[Any, list[str]]:
    """One document (PDF and DOCX), and the resources its template asked for that were refused."""
    from lawdesk.documents import render_document

    with refused_resources() as refused:
        return render_document(case, doc_id, info, templates_dir), list(refused)


def build_dossier(case: Case, out: Path, documents: list[str] | None = None, templates_dir: Path | None = None,
                  progress: Progress | None = None, cancel: CancelToken | None = None,
                  today: dt.date | None = None, pdfa: bool = False) -> dict[str, Any]:
    """Build the whole dossier of `case` into `out` and return the report (also written as report.json).

    Nothing is written to `out` unless everything succeeded: the dossier is made in a temporary
    folder beside it and swapped in at the end. `pdfa`: the bundle as PDF/A-2b (lawdesk.pdfa).
    """
    from lawdesk.pdfa import archival, documents_as_pdfa, not_conforming_warning

    from lawdesk.documents import DossierInfo, TocEntry, destination_names, render_cover, render_inventory

    progress = progress or NullProgress()
    cancel = cancel or CancelToken()
    today = today or dt.date.today()
    chosen = _requested_documents(case, documents, today)
    checked = Case(case.folder, {**case.data, "documents": chosen})
    info = DossierInfo(today=today, documents=chosen)
    # A helper starts on the documents at once, the longest first (the requête comes last in the
    # list), even before the pre-flight: if that refuses the case, the helper is stopped and its
    # work thrown away. This process joins in when the pièces are ready. Started before the first
    # progress report: in the window's generation process that report starts a thread, and a
    # process with threads does all the work itself (lawdesk.parallel).
    render = partial(_render_document, case, info=info, templates_dir=templates_dir)
    with documents_as_pdfa(pdfa), shared(render, chosen[::-1]) as documents:
        cache = EvidenceCache(case.folder)
        from lawdesk.evidence.normalize import normalize_files

        problems = preflight(checked, today, lambda path, shown: cache.inspected(path, shown, inspect_file),
                             lambda paths, shown: cache.normalized(paths, shown, normalize_files))
        if any(p.is_error for p in problems):
            raise BlockingProblems(problems)
        _check_output(out)

        pieces_data = case.data.get("pieces") or []
        progress.start(len(pieces_data) + len(chosen) + 2, _("Préparation du dossier {ref}").format(ref=case.reference))
        checked_lines = [f"{p.where} : {p.message}" for p in problems]
        pieces, warnings = _normalize_pieces(case, cache, progress, cancel, 0, set(checked_lines))
        warnings = checked_lines + warnings
        with refused_resources() as refused:
            inventory = render_inventory(case, info, templates_dir)
        piece_parts = [Part("piece", p.title, p.pdf, number=p.number, page_count=p.page_count) for p in pieces]
        bundle = Bundle(piece_parts)
        outcomes = documents.results(cancel)[::-1]
    rendered = [document for document, _refused in outcomes]
    refused_documents = [url for _document, urls in outcomes for url in urls]
    progress.advance(len(pieces) + len(chosen), rendered[-1].title)

    # The bundle (titles, bookmarks, PDF metadata) is a legal document: French whatever the interface language.
    inventory_title = "Bordereau des pièces"
    parts = ([Part("document", d.title, d.pdf, page_count=d.page_count) for d in rendered]
             + [Part("inventory", inventory_title, inventory)] + piece_parts)
    page_layout([Part("cover", "", b"", page_count=1), *parts])
    toc = [TocEntry(title=part.bookmark, page=part.first_page, level=1 if part.kind == "piece" else 0,
                    anchor=f"toc-{index}") for index, part in enumerate(parts)]
    cancel.check()
    with refused_resources() as refused_cover:
        cover = Part("cover", "Sommaire", render_cover(case, info, toc, templates_dir), page_count=1)
    warnings += [_("ressource refusée (LawDesk ne lit que des fichiers locaux autorisés : modèles, ressources) : {url}").format(url=url)
                 for url in dict.fromkeys(refused_documents + refused + refused_cover)]
    parts.insert(0, cover)
    page_layout(parts)

    counsel = case.data.get("counsel", {})
    author = _applicant_name(case.data) if counsel.get("kind") == "self" else str(counsel.get("name", ""))
    title = "Dossier {ref} — {name}".format(ref=case.reference, name=_applicant_name(case.data))
    links = dict(zip(destination_names(toc), (entry.page for entry in toc)))
    front = [part for part in parts if part.kind != "piece"]
    subject = document_spec(chosen[0]).subject
    bundle_pdf = bundle.finish(front, BundleMetadata(title=title, author=author, subject=subject),
                               "Inventaire / Pièces", links)
    archiving: dict[str, Any] = {}
    if pdfa:
        bundle_pdf, archiving["pdfa"] = archival(bundle_pdf)
        warnings += [] if archiving["pdfa"]["conforms"] else [not_conforming_warning(archiving["pdfa"])]
    progress.advance(len(pieces) + len(chosen) + 1, _("Assemblage"))

    cancel.check()
    report = _write_outputs(case, out, parts, rendered, pieces, bundle_pdf, warnings, title, timeline(case.data, today),
                            archiving)
    cache.commit()
    progress.advance(len(pieces) + len(chosen) + 2, _("Terminé"))
    progress.finish()
    return report


def _write_outputs(case: Case, out: Path, parts: list[Part], rendered: list[Any], pieces: list[_Piece],
                   bundle: bytes, warnings: list[str], title: str, situation: Timeline,
                   archiving: dict[str, Any] | None = None) -> dict[str, Any]:
    reference = _safe_file_name(case.reference)
    bundle_name = _safe_file_name(f"{reference} - {_applicant_name(case.data)} - Dossier") + ".pdf"
    files: dict[str, bytes] = {bundle_name: bundle}
    documents_report = []
    doc_parts = [p for p in parts if p.kind == "document"]
    for document, part in zip(rendered, doc_parts):
        stem = f"documents/{reference} - {ascii_words(document.title)}"
        files[f"{stem}.pdf"] = document.pdf
        files[f"{stem}.docx"] = document.docx
        documents_report.append({"id": document.id, "title": document.title, "first_page": part.first_page,
                                 "page_count": part.page_count, "bookmark": part.bookmark, "pdf": f"{stem}.pdf",
                                 "docx": f"{stem}.docx"})

    filings = _filings(rendered, pieces, situation, files, warnings)
    telerecours = [name for filing in filings for name in filing["files"]]
    first = filings[0]["files"][1:] if filings else []
    piece_exports: list[str | None] = [first[index] if index < len(first) else None for index in range(len(pieces))]

    piece_parts = [p for p in parts if p.kind == "piece"]
    report = {
        "case": case.reference,
        "bundle": bundle_name,
        "pages": sum(p.page_count for p in parts),
        "tribunal": department(case.data["procedure"]["department"]).tribunal,
        "documents": documents_report,
        "pieces": [{"number": p.number, "id": p.id, "title": p.title, "bookmark": part.bookmark,
                    "first_page": part.first_page, "page_count": part.page_count, "telerecours": export}
                   for p, part, export in zip(pieces, piece_parts, piece_exports)],
        "telerecours": telerecours,
        "filings": filings,
        "situation": situation.situation.value,
        "dates": [d.as_json() for d in situation.deadlines],
        "next_step": situation.next_step,
        "warnings": list(dict.fromkeys(warnings)),
        **(archiving or {}),
    }
    files[REPORT] = (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    _write_atomically(out, files)
    return report


def _filings(rendered: list[Any], pieces: list[_Piece], situation: Timeline, files: dict[str, bytes],
             warnings: list[str]) -> list[dict[str, Any]]:
    """The Télérecours export: one folder per requête (article R. 414-5 CJA), the requête first, then
    one file per pièce, then the documents of this dossier the filing carries (R. 522-1: the
    référé-suspension joins a copy of the requête en annulation). Adds the files to `files`."""
    by_id = {document.id: document for document in rendered}
    sent = {step.document for step in situation.steps}
    filings = []
    for document in rendered:
        spec = document_spec(document.id)
        if spec.filing is None:
            continue
        carried = [by_id[d] for d in spec.carried(list(by_id), sent)]
        titles = [p.title for p in pieces] + [document_spec(c.id).filing.copy_title for c in carried]
        folder = f"telerecours/{spec.filing.folder}"
        names = [f"{folder}/{n}" for n in export_names([spec.filing.requete], 0) + export_names(titles, 1)]
        copies = [stamped_piece(c.pdf, len(pieces) + offset) for offset, c in enumerate(carried, start=1)]
        for name, content in zip(names, [document.pdf] + [p.pdf for p in pieces] + copies):
            files[name] = content
        warnings += [_("{file} dépasse 32 Mo, la limite de Télérecours citoyens : scindez la pièce ou réduisez sa taille").format(file=f)
                     for f in names if len(files[f]) > SIZE_LIMIT]
        warnings += [_("pièce n° {number} : son titre dépasse la longueur permise par Télérecours (80 caractères) ; le fichier "
                       "s'appelle « {name} » : raccourcissez le titre si ce nom ne la désigne pas clairement").format(
            number=piece.number, name=Path(name).name)
            for piece, name in zip(pieces, names[1:]) if shortened(Path(name).name, piece.title)]
        filings.append({"document": document.id, "folder": folder, "files": names})
    return filings


def _remove_stale_leftovers(out: Path) -> None:
    """Staging folders of builds that were killed (power cut, kill -9) before they could clean up.
    Only old ones: a recent one may belong to a build of the same folder still running."""
    now = time.time()
    for entry in out.parent.glob(f".{glob.escape(out.name)}.*"):
        if not (entry.name.endswith(".tmp") or ".old-" in entry.name) or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            if now - entry.stat().st_mtime > STALE_STAGING_SECONDS:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            pass


def _write_atomically(out: Path, files: dict[str, bytes]) -> None:
    """Write every file into a fresh folder beside `out`, then swap it in place of `out`; a disk that
    refuses (read-only, full) is the user's CannotWrite, and `out` is left as it was."""
    try:
        _swap_in(out.resolve(), files)
    except OSError as exc:
        raise CannotWrite(out, exc.strerror or str(exc)) from None


def _swap_in(out: Path, files: dict[str, bytes]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for name, content in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        previous = None
        if out.exists():
            previous = out.with_name(f".{out.name}.old-{staging.name}")
            out.rename(previous)
        try:
            staging.rename(out)
        except BaseException:
            if previous is not None:
                previous.rename(out)
            raise
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
