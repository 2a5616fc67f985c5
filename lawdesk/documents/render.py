"""Render one legal document from its template: the HTML is the one source of its text,
WeasyPrint makes the PDF of it and `worddoc` the editable DOCX."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from lawdesk.case.model import Case
from lawdesk.documents.context import build_context
from lawdesk.documents.environment import render_template, template_file
from lawdesk.documents.french import french_spacing
from lawdesk.documents.worddoc import render_docx
from lawdesk.htmlpdf import render_pdf
from lawdesk.paths import resource, templates_dir as builtin_templates_dir


@dataclass
class DossierInfo:
    """The dossier being built: its date, and the documents generated in it, in order
    (the référé mentions the letter and the referral when they are part of it)."""

    today: dt.date
    documents: list[str] = field(default_factory=list)


@dataclass
class RenderedDocument:
    id: str
    title: str
    pdf: bytes
    docx: bytes
    page_count: int


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def render_html(case: Case, template: str, info: DossierInfo, templates_dir: Path | None,
                doc_id: str = "", **extra: Any) -> str:
    """A template rendered with the case's context, French spacing applied."""
    context = build_context(case, doc_id, info.today, info.documents)
    context.update(fonts_css=resource("fonts", "fonts.css").as_uri(), **extra)
    return french_spacing(render_template(template, context, templates_dir))


def html_to_pdf(html: str, templates_dir: Path | None) -> bytes:
    """PDF of template HTML; a clinic's folder may hold images its templates refer to."""
    base = templates_dir if templates_dir is not None else builtin_templates_dir()
    return render_pdf(html, base, extra_roots=[templates_dir] if templates_dir is not None else None)


def render_document(case: Case, doc_id: str, info: DossierInfo,
                    templates_dir: Path | None = None) -> RenderedDocument:
    """The PDF and the DOCX of document `doc_id`, with the same text."""
    from lawdesk.procedures import document as registered

    document = registered(doc_id)
    html = render_html(case, document.template, info, templates_dir, doc_id, document=document)
    pdf = html_to_pdf(html, templates_dir)
    docx = render_docx(html, template_file(document.docx_shell, templates_dir), case.reference, document.title)
    return RenderedDocument(document.id, document.title, pdf, docx, page_count(pdf))
