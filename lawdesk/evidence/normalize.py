"""All the files of one pièce → one inert PDF, pages in the listed order."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from lawdesk.evidence.common import evidence_kind, failures_as
from lawdesk.evidence.email_page import email_to_pdf
from lawdesk.evidence.images import image_to_pdf
from lawdesk.evidence.pdf import corrupt_message, inert_pdf
from lawdesk.evidence.sniff import EvidenceKind


@dataclass
class NormalizedPiece:
    pdf: bytes
    page_count: int
    warnings: list[str] = field(default_factory=list)


def normalize_files(paths: list[Path], shown_as: list[str]) -> NormalizedPiece:
    """One PDF from the files of a pièce. Raises EvidenceError naming the first unusable file.

    Warnings name their file (``pieces/x.pdf : …``).
    """
    if not paths or len(paths) != len(shown_as):
        raise ValueError("normalize_files needs one shown_as per path, and at least one path")
    parts: list[bytes] = []
    warnings: list[str] = []
    for path, shown in zip(paths, shown_as):
        pdf, notes = normalize_file(path, shown)
        parts.append(pdf)
        warnings += [f"{shown} : {note}" for note in notes]
    with failures_as(", ".join(shown_as), corrupt_message()):
        pdf = parts[0] if len(parts) == 1 else _concatenated(parts)
        page_count = len(PdfReader(io.BytesIO(pdf)).pages)
    return NormalizedPiece(pdf, page_count, warnings)


def normalize_file(path: Path, shown_as: str) -> tuple[bytes, list[str]]:
    """One evidence file as PDF bytes, and warnings (without the file name) about what was changed."""
    kind = evidence_kind(path, shown_as)
    if kind is EvidenceKind.PDF:
        return inert_pdf(path, shown_as)
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
