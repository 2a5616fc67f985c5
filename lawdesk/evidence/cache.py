"""Normalised pièces kept beside the evidence, so that rebuilding after a change of facts is fast.

The cache lives in the case folder (`.lawdesk/cache/`), next to the files it derives from, so it
is covered by the same secrecy and goes away with the case. An entry is keyed by the content of
the pièce's files, their names as written and the LawDesk version; entries no longer used are
removed after each successful build. A folder that cannot be written simply means no cache.

Case folders travel between volunteers: an entry is only used if it carries a MAC made with
this user's own secret key (kept in the user's data folder, never in the case), so a case
folder that arrives with a forged `.lawdesk/cache` cannot slip pages, scripts or links into
the dossier in place of its evidence — foreign entries are simply made again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from functools import cache
from pathlib import Path

from lawdesk import __version__
from lawdesk.case.model import atomic_write_bytes
from lawdesk.evidence.normalize import NormalizedPiece

CACHE_FOLDER = Path(".lawdesk") / "cache"
_FORMAT = "1"
_KEY_FILE = "cache-key"
_KEY_BYTES = 32


@cache
def _secret() -> bytes | None:
    """This user's key for cache entries, made on first use; None (no cache) if it cannot be kept."""
    from platformdirs import user_data_dir

    path = Path(user_data_dir("LawDesk", appauthor=False)) / _KEY_FILE
    try:
        if not path.is_file():
            atomic_write_bytes(path, secrets.token_bytes(_KEY_BYTES))  # a private (0600) temporary file, renamed
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) >= _KEY_BYTES else None


def _mac(secret: bytes, key: str, info: dict[str, object], pdf: bytes) -> str:
    signed = hmac.new(secret, f"{_FORMAT}\0{key}\0".encode(), hashlib.sha256)
    signed.update(json.dumps(info, sort_keys=True, ensure_ascii=True).encode() + b"\0")
    signed.update(pdf)
    return signed.hexdigest()


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
        secret = _secret()
        try:
            key = self.key(paths, shown_as)
        except OSError:
            return make(paths, shown_as)
        if secret is None:
            return make(paths, shown_as)
        self._used.add(key)
        pdf_file, info_file = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        try:
            stored = json.loads(info_file.read_text(encoding="utf-8"))
            info = {"page_count": int(stored["page_count"]), "warnings": [str(w) for w in stored["warnings"]]}
            pdf = pdf_file.read_bytes()
            if hmac.compare_digest(str(stored["mac"]), _mac(secret, key, info, pdf)):
                return NormalizedPiece(pdf, info["page_count"], info["warnings"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        piece = make(paths, shown_as)
        info = {"page_count": piece.page_count, "warnings": piece.warnings}
        try:
            atomic_write_bytes(pdf_file, piece.pdf)
            atomic_write_bytes(info_file, json.dumps({**info, "mac": _mac(secret, key, info, piece.pdf)}).encode())
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
