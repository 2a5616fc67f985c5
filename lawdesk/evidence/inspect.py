"""Pre-flight of one evidence file: what would stop the build, found the way the build finds it.

A PDF goes through the same recovery chain and inert copy as in the build
(lawdesk.evidence.recover), so that « prêt » means the build will use it; pictures and e-mails are
decoded cheaply, without rendering."""

from __future__ import annotations

from pathlib import Path

from lawdesk.errors import EvidenceError, Problem, error, warning
from lawdesk.evidence.common import evidence_kind
from lawdesk.evidence.email_page import read_email
from lawdesk.evidence.images import check_image
from lawdesk.evidence.recover import recovered_inert_pdf
from lawdesk.evidence.sniff import EvidenceKind


def inspect_file(path: Path, shown_as: str) -> list[Problem]:
    """Errors that make the file unusable, warnings about what the dossier will leave out.

    `shown_as` is the path as written in the case; every problem is reported there.
    """
    try:
        return [warning(shown_as, message) for message in _findings(path, shown_as)]
    except EvidenceError as exc:
        return [error(shown_as, exc.reason)]


def _findings(path: Path, shown_as: str) -> list[str]:
    kind = evidence_kind(path, shown_as)
    if kind is EvidenceKind.PDF:
        return recovered_inert_pdf(path, shown_as)[1]
    if kind is EvidenceKind.EML:
        read_email(path, shown_as)
    else:
        check_image(path, kind, shown_as)
    return []
