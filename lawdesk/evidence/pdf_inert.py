"""A PDF made inert: no scripts, automatic actions, hidden files or private metadata.

The pages themselves are kept as they are (vector text, rotation, forms, annotations, page
sizes); only what a reader could execute or extract is removed (lawdesk.evidence.pdf_active),
within the bounds of lawdesk.evidence.limits (pdf_open, pdf_streams).
"""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject

from lawdesk.evidence.pdf_active import PRIVATE_CATALOG_KEYS, active_content_warning, active_hits, kinds, point_navigation_at_pages, remove
from lawdesk.evidence.pdf_open import Budget, guarded, open_pdf
from lawdesk.evidence.pdf_streams import check_streams


def inert_pdf(data: bytes, shown_as: str) -> tuple[bytes, list[str]]:
    """The PDF without active content nor private metadata, and a warning for each kind of content
    removed. `Unreadable` if the PDF library cannot read it (another step may), any other
    EvidenceError if it is beyond the limits (final)."""
    budget = Budget(shown_as)
    reader = open_pdf(data, shown_as, budget)
    with guarded(budget):
        hits = active_hits(reader.root_object)
        remove(hits)  # in the reader's objects: the copy below takes only what is still reachable
        point_navigation_at_pages(reader)
        for key in PRIVATE_CATALOG_KEYS:
            reader.root_object.pop(key, None)
        check_streams(reader.root_object, shown_as, clean=True)
        info = reader.trailer.get("/Info")
        info = info.get_object() if info is not None else None
        if isinstance(info, DictionaryObject):
            info.clear()  # author, software, title (often a file path): not copied into the dossier
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        output = io.BytesIO()
        writer.write(output)
    return output.getvalue(), [active_content_warning(kind) for kind in kinds(hits)]
