"""Normalised pièces kept beside the evidence, so that rebuilding after a change of facts is fast.

The cache lives in the case folder (`.lawdesk/cache/`), next to the files it derives from, so it
is covered by the same secrecy and goes away with the case. An entry is keyed by the content of
the pièce's files, their names as written and the LawDesk version; entries no longer used are
removed after each successful build. A folder that cannot be written simply means no cache.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from lawdesk import __version__
from lawdesk.case.model import atomic_write_bytes
from lawdesk.evidence.normalize import NormalizedPiece

CACHE_FOLDER = Path(".lawdesk") / "cache"
_FORMAT = "1"


class NormalizationCache:
    def __init__(self, case_folder: Path) -> None:
        self.folder = case_folder / CACHE_FOLDER
        self._used: set[str] = set()

    @staticmethod
    def key(paths: list[Path], shown_as: list[str]) -> str:
        digest = hashlib.sha256(f"{_FORMAT}\0{__version__}".encode())
        for path, shown in zip(paths, shown_as):
            digest.update(shown.encode("utf-8") + b"\0")
            with path.open("rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
        return digest.hexdigest()

    def normalized(self, paths: list[Path], shown_as: list[str],
                   make: Callable[[list[Path], list[str]], NormalizedPiece]) -> NormalizedPiece:
        try:
            key = self.key(paths, shown_as)
        except OSError:
            return make(paths, shown_as)
        self._used.add(key)
        pdf_file, info_file = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        try:
            info = json.loads(info_file.read_text(encoding="utf-8"))
            return NormalizedPiece(pdf_file.read_bytes(), int(info["page_count"]), list(info["warnings"]))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        piece = make(paths, shown_as)
        try:
            atomic_write_bytes(pdf_file, piece.pdf)
            atomic_write_bytes(info_file, json.dumps({"page_count": piece.page_count, "warnings": piece.warnings}).encode())
        except OSError:
            pass
        return piece

    def prune(self) -> None:
        """Remove the entries this build did not use (pièces removed or changed since)."""
        try:
            for entry in self.folder.iterdir():
                if entry.stem not in self._used:
                    entry.unlink(missing_ok=True)
        except OSError:
            pass
