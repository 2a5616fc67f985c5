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


# Words a shortened name can lose first: the title stays readable without them.
_SMALL_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "a", "au", "aux", "et", "en", "pour", "par", "sur", "un", "une"}
_MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
           "decembre")
_DATE_TAIL = re.compile(r"(?:\b(?:du|le)\s+)?\b(?:\d{1,2}|1er)\s+(?:" + "|".join(_MONTHS) + r")\s+\d{4}$")


def _shorten(words: str, budget: int) -> str:
    """A title over `budget` characters: small words go first, then the end is cut at a word,
    keeping a final date (« … du 4 mars 2025 »), which tells two similar pièces apart."""
    if len(words) <= budget:
        return words
    parts = words.split(" ")
    words = " ".join([parts[0]] + [w for w in parts[1:] if w.lower() not in _SMALL_WORDS])
    if len(words) <= budget:
        return words
    tail = _DATE_TAIL.search(words)
    keep = tail.group(0) if tail and len(tail.group(0)) < budget // 2 else ""
    head = words[: len(words) - len(keep)].strip() if keep else words
    room = budget - (len(keep) + 1 if keep else 0)
    cut = head[:room]
    if len(head) > room and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return f"{cut} {keep}".strip() if keep else cut


def _fit(prefix: str, title: str, budget: int) -> str:
    return f"{prefix}_{_shorten(ascii_words(title) or 'Piece', budget)}".rstrip(" _-")


def shortened(name: str, title: str) -> bool:
    """Whether the export name had to leave out meaningful words of the title (small words such as
    « de » or « la » can go: the name still designates the pièce)."""
    kept = name.removesuffix(EXTENSION).split("_", 1)[-1].split(" ")
    return any(word not in kept for word in ascii_words(title).split(" ") if word.lower() not in _SMALL_WORDS)


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
