"""Stage 5: the files of the dossier and report.json, written into OUT at once (contract.md section 3):
the bundle, each document's PDF and DOCX, the Télérecours folders. A failed or interrupted build
leaves OUT as it was; a disk that refuses is the user's CannotWrite."""

from __future__ import annotations

import glob
import json
import shutil
import time
from pathlib import Path
from typing import Any

from lawdesk.build.layout import FilingNames
from lawdesk.build.pieces import PreparedPiece
from lawdesk.build.plan import Plan, applicant_name
from lawdesk.build.report import REPORT, Report
from lawdesk.bundle.assemble import Part, stamped_piece
from lawdesk.bundle.telerecours import SIZE_LIMIT, ascii_words
from lawdesk.departments import department
from lawdesk.documents import RenderedDocument
from lawdesk.errors import CannotWrite, Problem, warning
from lawdesk.fs import safe_file_name, write_folder
from lawdesk.i18n import _

STALE_STAGING_SECONDS = 3600


def check_output(out: Path) -> None:
    """OUT must be new, empty or an earlier dossier: LawDesk never replaces a folder of other files."""
    from lawdesk.errors import UnusableInput

    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / REPORT).is_file())):
        raise UnusableInput(_("{out} existe et ne contient pas un dossier LawDesk : choisissez un dossier vide ou nouveau, "
                              "rien n'a été écrit").format(out=out))


def dossier(plan: Plan, parts: list[Part], documents: list[RenderedDocument], pieces: list[PreparedPiece],
            bundle: bytes, filings: list[FilingNames], warnings: list[Problem],
            pdfa: dict[str, Any] | None) -> tuple[dict[str, bytes], Report]:
    """Every file of the dossier (relative path → content) and the report that names them."""
    reference = safe_file_name(plan.case.reference)
    bundle_name = safe_file_name(f"{reference} - {applicant_name(plan.case.data)} - Dossier") + ".pdf"
    files: dict[str, bytes] = {bundle_name: bundle}
    documents_report = []
    for document, part in zip(documents, (p for p in parts if p.kind == "document")):
        stem = f"documents/{reference} - {ascii_words(document.title)}"
        files[f"{stem}.pdf"], files[f"{stem}.docx"] = document.pdf, document.docx
        documents_report.append({"id": document.id, "title": document.title, "first_page": part.first_page,
                                 "page_count": part.page_count, "bookmark": part.bookmark, "pdf": f"{stem}.pdf",
                                 "docx": f"{stem}.docx"})
    by_id = {document.id: document for document in documents}
    for filing in filings:
        copies = [stamped_piece(by_id[d].pdf, len(pieces) + n) for n, d in enumerate(filing.carried, start=1)]
        files.update(zip(filing.files, [by_id[filing.document].pdf] + [p.pdf for p in pieces] + copies))
        warnings = warnings + [warning(name, _("ce fichier dépasse 32 Mo, la limite de Télérecours citoyens : scindez la "
                                               "pièce ou réduisez sa taille"))
                               for name in filing.files if len(files[name]) > SIZE_LIMIT]
    first = filings[0].files[1:] if filings else []
    t = plan.timeline
    report = Report(
        case=plan.case.reference,
        bundle=bundle_name,
        pages=sum(p.page_count for p in parts),
        tribunal=department(plan.case.data["procedure"]["department"]).tribunal,
        documents=documents_report,
        pieces=[{"number": p.number, "id": p.id, "title": p.title, "bookmark": part.bookmark,
                 "first_page": part.first_page, "page_count": part.page_count,
                 "telerecours": first[index] if index < len(first) else None}
                for index, (p, part) in enumerate(zip(pieces, (q for q in parts if q.kind == "piece")))],
        telerecours=[name for filing in filings for name in filing.files],
        filings=[{"document": f.document, "folder": f.folder, "files": f.files} for f in filings],
        situation=t.situation.value,
        dates=[d.as_json() for d in t.deadlines],
        next_step=t.next_step,
        warnings=list(dict.fromkeys(warnings)),
        pdfa=pdfa,
    )
    files[REPORT] = (json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files, report


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


def write(out: Path, files: dict[str, bytes]) -> None:
    """Every file into a fresh folder beside OUT, swapped in place of OUT at once."""
    try:
        target = out.resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_leftovers(target)
        write_folder(target, files)
    except OSError as exc:
        raise CannotWrite(out, exc.strerror or str(exc)) from None
