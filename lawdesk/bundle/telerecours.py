"""File names of the Télérecours export (contract.md section 3; article R. 414-5 CJA).

Each name begins with the inventory number, describes the pièce with its title, and keeps to
the Télérecours rules: at most 80 characters, only ASCII letters, digits, spaces, `-` and `_`,
unique within the export, `.pdf` extension.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 80
EXTENSION = ".pdf"
SIZE_LIMIT = 32 * 1024 * 1024  # Télérecours citoyens

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O",
                            "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "°": " "})
_NOT_ALLOWED = re.compile(r"[^A-Za-z0-9 _-]+")


def ascii_words(text: str) -> str:
    """Accents removed, every other character outside the allowed set turned into a space."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_ALLOWED.sub(" ", plain).split())


def _fit(prefix: str, title: str, budget: int) -> str:
    words = ascii_words(title) or "Piece"
    if len(words) > budget:
        cut = words[:budget]
        words = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return f"{prefix}_{words}".rstrip(" _-")


def export_names(titles: list[str], first_number: int = 1) -> list[str]:
    """Names for files numbered first_number, first_number + 1, ... (0 is the requête).

    The numeric prefix makes every name unique.
    """
    width = max(2, len(str(first_number + len(titles) - 1)))
    names = []
    for offset, title in enumerate(titles):
        prefix = str(first_number + offset).zfill(width)
        names.append(_fit(prefix, title, MAX_NAME - len(EXTENSION) - len(prefix) - 1) + EXTENSION)
    return names
