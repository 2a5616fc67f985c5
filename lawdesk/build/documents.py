"""Stage 3: the documents, drawn by WeasyPrint while the pièces are prepared: a helper process starts
on them at once (lawdesk.parallel), and the build joins in when its own work is done."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from lawdesk.build.plan import Plan
from lawdesk.case.model import Case
from lawdesk.documents import RenderedDocument, render_document
from lawdesk.htmlpdf import refused_resources
from lawdesk.parallel import SharedTasks, shared
from lawdesk.pdfa import documents_as_pdfa

Rendered = tuple[RenderedDocument, list[str]]


def _render(case: Case, doc_id: str, info: Any, templates_dir: Path | None, pdfa: bool) -> Rendered:
    """One document (PDF and DOCX), and the resources its template asked for that were refused; in
    whichever process takes it."""
    with documents_as_pdfa(pdfa), refused_resources() as refused:
        return render_document(case, doc_id, info, templates_dir), list(refused)


@contextmanager
def rendering(plan: Plan) -> Iterator[SharedTasks[str, Rendered]]:
    """The documents of `plan`, started at once, the longest first (the requête comes last in the list),
    even before the pre-flight: if that refuses the case, the helper is stopped and its work thrown
    away. `.results()` gives them in the order of `plan.documents` reversed."""
    render = partial(_render, plan.case, info=plan.info, templates_dir=plan.templates_dir, pdfa=plan.pdfa)
    with shared(render, plan.documents[::-1]) as documents:
        yield documents
