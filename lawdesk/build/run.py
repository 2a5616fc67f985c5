"""The build, stage after stage: plan → pièces → documents → layout → write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lawdesk.build import layout, pieces, write
from lawdesk.build.documents import rendering
from lawdesk.build.plan import plan as make_plan
from lawdesk.build.report import Report
from lawdesk.bundle.assemble import Bundle, Part, page_layout
from lawdesk.case.model import Case
from lawdesk.documents import render_cover, render_inventory
from lawdesk.errors import Problem, warning
from lawdesk.evidence.cache import EvidenceCache
from lawdesk.htmlpdf import refused_resources
from lawdesk.i18n import _
from lawdesk.pdfa import archival, documents_as_pdfa, not_conforming_warning
from lawdesk.progress import CancelToken, NullProgress, Progress, running


def build(case: Case, out: Path, documents: list[str] | None = None, templates_dir: Path | None = None,
          progress: Progress | None = None, cancel: CancelToken | None = None,
          today: dt.date | None = None, pdfa: bool = False) -> Report:
    """Build the whole dossier of `case` into `out` and return its report (also written as report.json).

    Nothing is written to `out` unless everything succeeded: the dossier is made in a temporary
    folder beside it and swapped in at the end. `pdfa`: the bundle as PDF/A-2b (lawdesk.pdfa).
    """
    progress = progress or NullProgress()
    cancel = cancel or CancelToken()
    plan = make_plan(case, documents, today or dt.date.today(), templates_dir, pdfa)
    cache = EvidenceCache(case.folder)
    pieces.start_helper(plan, cache)
    with documents_as_pdfa(pdfa), rendering(plan) as documents:
        known = pieces.check(plan, cache, cancel)  # 1-2: the pre-flight (BlockingProblems); a first build derives the pièces there
        write.check_output(out)
        steps = len(plan.case.data.get("pieces") or []) + len(plan.documents) + 2
        with running(progress, steps, _("Préparation du dossier {ref}").format(ref=case.reference)):
            prepared, warnings = pieces.prepare(plan, cache, progress, cancel, known)
            with refused_resources() as refused:
                inventory = render_inventory(plan.case, plan.info, templates_dir)
            piece_parts = layout.piece_parts(prepared)
            bundle = Bundle(piece_parts)  # the pièces are copied first, while the helper draws the documents
            outcomes = documents.results(cancel)[::-1]  # 3: the documents, shared with the helper
            rendered = [document for document, _urls in outcomes]
            progress.advance(len(prepared) + len(plan.documents), rendered[-1].title)

            contents = layout.contents(rendered, inventory, piece_parts)  # 4: where everything goes
            filings, named = layout.filings(plan.documents, {s.document for s in plan.timeline.steps}, prepared)
            cancel.check()
            with refused_resources() as refused_cover:
                cover = Part("cover", "Sommaire", render_cover(plan.case, plan.info, contents.toc, templates_dir), page_count=1)
            parts = [cover, *contents.parts]
            page_layout(parts)
            bundle_pdf = bundle.finish([p for p in parts if p.kind != "piece"], plan.metadata, layout.INVENTORY_BOOKMARK,
                                       contents.links)
            archived = None
            if pdfa:
                bundle_pdf, archived = archival(bundle_pdf)
            progress.advance(steps - 1, _("Assemblage"))

            warnings = known + warnings + named + _refused([u for _d, urls in outcomes for u in urls] + refused + refused_cover)
            if archived is not None and not archived["conforms"]:
                warnings.append(warning("", not_conforming_warning(archived)))
            cancel.check()
            files, report = write.dossier(plan, parts, rendered, prepared, bundle_pdf, filings, warnings, archived)
            write.write(out, files)  # 5: OUT at once
            cache.commit()
            progress.advance(steps, _("Terminé"))
    return report


def _refused(urls: list[str]) -> list[Problem]:
    return [warning("", _("ressource refusée (LawDesk ne lit que des fichiers locaux autorisés : modèles, ressources) : {url}").format(
        url=url)) for url in dict.fromkeys(urls)]


def build_dossier(case: Case, out: Path, documents: list[str] | None = None, templates_dir: Path | None = None,
                  progress: Progress | None = None, cancel: CancelToken | None = None,
                  today: dt.date | None = None, pdfa: bool = False) -> dict[str, Any]:
    """`build`, returning report.json's content (the contract's form, for scripts)."""
    return build(case, out, documents, templates_dir, progress, cancel, today, pdfa).as_json()
