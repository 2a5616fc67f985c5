"""All the files of one pièce → one inert PDF, pages in the listed order.

The chain, step by step (each step is a module of its own):

1. each file as PDF pages: a PDF through the recovery chain (lawdesk.evidence.recover: as it is,
   repaired by qpdf, redrawn by poppler) and made inert (pdf_inert); an e-mail laid out as pages
   (email_page); a picture on A4 pages (images);
2. the files of the pièce in one PDF;
3. pages without a text layer (photos, screenshots, scans) made searchable by OCR (ocr).

The bundle is made PDF/A afterwards, on request (lawdesk.pdfa).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from lawdesk.errors import Problem, warning
from lawdesk.evidence.common import evidence_kind, failures_as
from lawdesk.evidence.email_page import email_to_pdf
from lawdesk.evidence.images import image_to_pdf
from lawdesk.evidence.ocr import OcrOutcome, searchable
from lawdesk.evidence.pdf_open import corrupt_message
from lawdesk.evidence.recover import recovered_inert_pdf
from lawdesk.evidence.sniff import EvidenceKind


@dataclass
class NormalizedPiece:
    pdf: bytes
    page_count: int
    warnings: list[Problem] = field(default_factory=list)  # where: the file, as the case names it
    # Pages that needed OCR, and whether OCR could run (lawdesk.evidence.ocr.OcrOutcome).
    ocr: str = OcrOutcome.NOT_NEEDED


def normalize_files(paths: list[Path], shown_as: list[str], ocr: bool = True) -> NormalizedPiece:
    """One PDF from the files of a pièce. Raises EvidenceError naming the first unusable file.

    Each warning names its file (`where`). `ocr` False leaves out step 3 (the pre-flight).
    """
    if not paths or len(paths) != len(shown_as):
        raise ValueError("normalize_files needs one shown_as per path, and at least one path")
    parts: list[bytes] = []
    warnings: list[Problem] = []
    for path, shown in zip(paths, shown_as):
        pdf, notes = normalize_file(path, shown)  # step 1
        parts.append(pdf)
        warnings += [warning(shown, note) for note in notes]
    with failures_as(", ".join(shown_as), corrupt_message()):
        pdf = parts[0] if len(parts) == 1 else _concatenated(parts)  # step 2
    outcome = OcrOutcome.NOT_NEEDED
    if ocr:
        pdf, outcome = searchable(pdf, ", ".join(shown_as))  # step 3
    with failures_as(", ".join(shown_as), corrupt_message()):
        page_count = len(PdfReader(io.BytesIO(pdf)).pages)
    return NormalizedPiece(pdf, page_count, warnings, outcome)


def normalize_file(path: Path, shown_as: str) -> tuple[bytes, list[str]]:
    """One evidence file as inert PDF bytes, and warnings (without the file name) about what was changed."""
    kind = evidence_kind(path, shown_as)
    if kind is EvidenceKind.PDF:
        return recovered_inert_pdf(path, shown_as)
    if kind is EvidenceKind.EML:
        return email_to_pdf(path, shown_as)
    return image_to_pdf(path, kind, shown_as), []


def _concatenated(parts: list[bytes]) -> bytes:
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
