"""The pièces as other sections see them: their current numbers, and a signal when they change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from lawdesk.case.pieces import piece_numbers
from lawdesk.i18n import _


class PieceCatalog(QObject):
    """Numbers are the list order: when pièces move, `changed` tells every view to relabel."""

    changed = Signal()

    def __init__(self, data: dict[str, Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data = data

    def numbered(self) -> list[tuple[int, dict[str, Any]]]:
        """(number, pièce) for the pièces that can be cited (they have an id)."""
        pieces = self._data.get("pieces")
        return [(number, piece) for number, piece in enumerate(pieces if isinstance(pieces, list) else [], start=1)
                if isinstance(piece, dict) and isinstance(piece.get("id"), str)]

    def choices(self) -> list[tuple[str, str]]:
        """(id, "Pièce n° 3 — title") for combo boxes and check lists."""
        return [(piece["id"], _("Pièce n° {number} — {title}").format(number=number, title=piece.get("title") or ""))
                for number, piece in self.numbered()]

    def numbers_text(self, ids: Any) -> str:
        """"n° 2, 4" for the pièces a fact cites (an unknown id shows as such)."""
        if not isinstance(ids, list) or not ids:
            return ""
        numbers = piece_numbers(self._data)
        known = sorted(numbers[i] for i in ids if i in numbers)
        unknown = [f"« {i} » ?" for i in ids if i not in numbers]
        return ", ".join([_("n° {number}").format(number=n) for n in known] + unknown)

    def notify(self) -> None:
        self.changed.emit()
