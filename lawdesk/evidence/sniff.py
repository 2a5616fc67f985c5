"""The type of an evidence file, decided by its content: names and extensions are often wrong."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import filetype

# A PDF header may follow a little junk (readers accept up to 1 KB of it).
PDF_HEADER_WINDOW = 1024
# Enough for the header block of an e-mail with a long chain of Received: lines.
HEAD_SIZE = 64 * 1024

_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")  # RFC 5322 field name: printable ASCII except ':'
_MBOX_SEPARATOR = b"From "
_EMAIL_FIELDS = {b"from", b"to", b"subject", b"date"}
_MIN_EMAIL_FIELDS = 2


class EvidenceKind(StrEnum):
    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    GIF = "gif"
    WEBP = "webp"
    TIFF = "tiff"
    HEIF = "heif"
    EML = "eml"
    UNKNOWN = "unknown"


_BY_MIME = {
    "application/pdf": EvidenceKind.PDF,
    "image/png": EvidenceKind.PNG,
    "image/jpeg": EvidenceKind.JPEG,
    "image/gif": EvidenceKind.GIF,
    "image/webp": EvidenceKind.WEBP,
    "image/tiff": EvidenceKind.TIFF,
    "image/heic": EvidenceKind.HEIF,
}


def sniff(path: Path) -> EvidenceKind:
    """The kind of the file at `path`, from its first bytes (OSError if it cannot be read)."""
    with path.open("rb") as stream:
        head = stream.read(HEAD_SIZE)
    guess = filetype.guess(head)
    if guess is not None and guess.mime in _BY_MIME:
        return _BY_MIME[guess.mime]
    if b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        return EvidenceKind.PDF
    if _looks_like_email(head):
        return EvidenceKind.EML
    return EvidenceKind.UNKNOWN


def _looks_like_email(head: bytes) -> bool:
    """True for text that starts with an RFC 822 header block naming at least two of From/To/Subject/Date."""
    if b"\0" in head:
        return False
    lines = head.lstrip(b"\r\n").splitlines()
    if len(head) == HEAD_SIZE:  # the last line may be cut in the middle
        lines = lines[:-1]
    if lines and lines[0].startswith(_MBOX_SEPARATOR):  # a message saved from an mbox file
        lines = lines[1:]
    if not lines or not _HEADER_LINE.match(lines[0]):
        return False
    names: set[bytes] = set()
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):  # folded continuation of the previous field
            continue
        if not _HEADER_LINE.match(line):
            return False
        names.add(line.split(b":", 1)[0].strip().lower())
    return len(names & _EMAIL_FIELDS) >= _MIN_EMAIL_FIELDS
