"""The documents LawDesk writes, one module each: its template, the situations it fits, its
pre-flight rules, its context and, for a court filing, its Télérecours folder.

The registry's order is the documents' place in a dossier and in the interface. A clinic adapts
the wording by overriding a document's template in its templates folder (`--templates`).
"""

from __future__ import annotations

from lawdesk.errors import LawdeskError
from lawdesk.i18n import _
from lawdesk.procedures import annulation, defenseur, motifs, prefecture, refere, suspension
from lawdesk.procedures.registry import Document, Filing

DOCUMENTS: dict[str, Document] = {
    module.DOCUMENT.id: module.DOCUMENT
    for module in (prefecture, defenseur, refere, motifs, annulation, suspension)
}


def document(doc_id: str) -> Document:
    """The registry's document `doc_id`; a LawdeskError naming the known ones otherwise."""
    found = DOCUMENTS.get(doc_id)
    if found is None:
        raise LawdeskError(_("document inconnu « {id} » ; documents possibles : {known}").format(
            id=doc_id, known=", ".join(DOCUMENTS)))
    return found


__all__ = ["DOCUMENTS", "Document", "Filing", "document"]
