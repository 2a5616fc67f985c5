"""New pièces in the window: a first title from the file name, a fresh id, the files of a pièce as
the contract writes them. Copying the files into the case is the store's (lawdesk.store)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any


def title_from_file(name: str) -> str:
    """A first title from a file name, kept as the user wrote it (accents, capitals, hyphens) but for
    its extension, a leading number (the inventory numbers the pièces) and the separators of a name
    without spaces: "01_Titre de séjour.pdf" → "Titre de séjour", "titre-de-sejour.pdf" → "Titre de
    sejour". Names from a Mac (accents as combining marks) are composed again, so that « é » is one
    letter in the title, the bundle and the Télérecours name. The user edits it in the pièce's form."""
    stem = unicodedata.normalize("NFC", Path(name).stem)
    stem = re.sub(r"^\d+[\s._-]+", "", stem)
    separators = r"_" if " " in stem else r"[._-]"
    words = " ".join(re.sub(separators, " ", stem).split())
    return (words[:1].upper() + words[1:]) if words else stem


def next_piece_id(pieces: list[Any]) -> str:
    """A fresh `pN` id: ids stay stable when pièces move, only numbers follow the order."""
    used = {p.get("id") for p in pieces if isinstance(p, dict)}
    numbers = [int(m.group(1)) for i in used if isinstance(i, str) and (m := re.fullmatch(r"p(\d+)", i))]
    candidate = max(numbers, default=0) + 1
    while f"p{candidate}" in used:
        candidate += 1
    return f"p{candidate}"


def set_piece_files(piece: dict[str, Any], files: list[str]) -> None:
    """Write the files of a pièce as `file` (one) or `files` (several), as the contract says."""
    piece.pop("file", None)
    piece.pop("files", None)
    if len(files) == 1:
        piece["file"] = files[0]
    elif files:
        piece["files"] = list(files)
