"""What a build derives from the evidence, kept beside it so that rebuilding after a change of facts
is fast: the pre-flight findings of each file, each pièce made into PDF pages, and each pièce
stamped with its number (the Télérecours file, and the pages of the bundle).

The cache lives in the case folder (`.lawdesk/cache/`), next to the files it derives from, so it
is covered by the same secrecy and goes away with the case. An entry is keyed by the content of
the files, their names as written, the LawDesk version and the language of the messages. Only a
successful build writes to the cache (a refused or failed one leaves the case folder as it was),
and it removes the entries it no longer used. A folder that cannot be written simply means no cache.

A long-lived process (the window's generation process) also remembers, in memory and within a
bound, the entries it made (`remember_made`): what the window's evidence check made (OCR included)
then serves the build that follows, which stores it.

Case folders travel between volunteers: an entry is only used if it carries a MAC made with
this user's own secret key (kept in the user's data folder, never in the case), so a case
folder that arrives with a forged `.lawdesk/cache` cannot slip pages, scripts or links into
the dossier in place of its evidence, nor hide a finding — foreign entries are simply made again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from lawdesk import __version__
from lawdesk.fs import atomic_write_bytes, file_digest
from lawdesk.errors import Problem
from lawdesk.evidence.limits import MAX_FILE_BYTES, MB
from lawdesk.evidence.normalize import NormalizedPiece
from lawdesk.evidence.ocr import OcrOutcome, ocr_available
from lawdesk.i18n import current_language

CACHE_FOLDER = Path(".lawdesk") / "cache"
_FORMAT = "4"
_KEY_FILE = "cache-key"
_KEY_BYTES = 32


# Entries made by this process, by key (`remember_made`); the key names the files' content.
_made: OrderedDict[str, tuple[dict[str, Any], bytes]] = OrderedDict()
_made_bound = 0  # bytes: 0 remembers nothing
_made_size = 0
_made_lock = threading.Lock()
_ENTRY_BYTES = 1024  # what an entry weighs besides its PDF (its findings), counted against the bound


def remember_made(bound: int = 64 * MB) -> None:
    """Keep in memory, within `bound` bytes, the entries this process makes, for its next checks and
    builds of the same files (0: none, the default: a command line or a batch worker builds once)."""
    global _made_bound
    with _made_lock:
        _made_bound = bound
        _forget_beyond()


def _forget_beyond() -> None:
    global _made_size
    while _made and _made_size > _made_bound:
        _key, (_info, pdf) = _made.popitem(last=False)
        _made_size -= len(pdf) + _ENTRY_BYTES


def _remembered(key: str) -> tuple[dict[str, Any], bytes] | None:
    with _made_lock:
        if key in _made:
            _made.move_to_end(key)
            return _made[key]
    return None


def _remember(key: str, entry: tuple[dict[str, Any], bytes]) -> None:
    global _made_size
    with _made_lock:
        if _made_bound and key not in _made:
            _made[key] = entry
            _made_size += len(entry[1]) + _ENTRY_BYTES
            _forget_beyond()


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


class EvidenceCache:
    def __init__(self, case_folder: Path) -> None:
        self.folder = case_folder / CACHE_FOLDER
        self._started = time.time()  # entries written after this were made by another build of the case
        self._used: set[str] = set()
        self._digests: dict[tuple[str, int, int], bytes] = {}
        self._new: dict[str, tuple[dict[str, Any], bytes, str]] = {}  # written by commit()

    def _file_digest(self, path: Path) -> bytes:
        """SHA-256 of a file, read once per build even when several entries depend on it. A file
        the pre-flight refuses unread is not read here either: not a regular file (a named pipe
        would block the read for good) or over the size limit (OSError: no cache for it)."""
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
            raise OSError(f"{path}: not a regular file of at most {MAX_FILE_BYTES} bytes, not cached")
        marker = (str(path), status.st_mtime_ns, status.st_size)
        if marker not in self._digests:
            self._digests[marker] = file_digest(path)
        return self._digests[marker]

    def key(self, purpose: str, paths: list[Path], shown_as: list[str]) -> str:
        # Entries are made again once OCR becomes available (Tesseract installed since the last build).
        digest = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{current_language()}\0{purpose}\0{ocr_available()}\0".encode())
        for path, shown in zip(paths, shown_as):
            digest.update(shown.encode("utf-8") + b"\0" + self._file_digest(path))
        return digest.hexdigest()

    def _cached(self, key: str | None, make: Callable[[], tuple[dict[str, Any], bytes]]) -> tuple[dict[str, Any], bytes]:
        """The signed entry `key` (its JSON-able info and its PDF bytes), made and stored if missing."""
        secret = _secret()
        if key is None or secret is None:
            return make()
        self._used.add(key)
        found = self._lookup(key, secret)
        if found is not None:
            return found
        info, pdf = _remembered(key) or make()
        _remember(key, (info, pdf))
        self._new[key] = (info, pdf, _mac(secret, key, info, pdf))
        return info, pdf

    def _lookup(self, key: str, secret: bytes) -> tuple[dict[str, Any], bytes] | None:
        """The entry made by this build, or the one stored if its MAC is this user's; None otherwise."""
        if key in self._new:
            return self._new[key][:2]
        try:
            stored = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            info = stored["info"]
            pdf = (self.folder / f"{key}.pdf").read_bytes() if stored["has_pdf"] else b""
            if hmac.compare_digest(str(stored["mac"]), _mac(secret, key, info, pdf)):
                return info, pdf
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def _key_or_none(self, purpose: str, paths: list[Path], shown_as: list[str]) -> str | None:
        try:
            return self.key(purpose, paths, shown_as)
        except OSError:
            return None  # no cache: the maker reports the unreadable or refused file

    def inspected(self, path: Path, shown_as: str, inspect: Callable[[Path, str], list[Problem]]) -> list[Problem]:
        """The pre-flight findings of one evidence file."""
        def make() -> tuple[dict[str, Any], bytes]:
            return {"problems": [[p.level, p.where, p.message] for p in inspect(path, shown_as)]}, b""

        info, _pdf = self._cached(self._key_or_none("inspect", [path], [shown_as]), make)
        try:
            return [Problem(str(level), str(where), str(message)) for level, where, message in info["problems"]]
        except (KeyError, TypeError, ValueError):
            return inspect(path, shown_as)

    def holds_inspected(self, path: Path, shown_as: str) -> bool:
        """Whether findings for this file are stored (see `holds_normalized`)."""
        return self._holds("inspect", [path], [shown_as])

    def holds_normalized(self, paths: list[Path], shown_as: list[str]) -> bool:
        """Whether an entry for the pièce made of `paths` exists (`normalized` verifies its MAC when it
        reads it: a forged one is then made again, in this process)."""
        return self._holds("normalize", paths, shown_as)

    def _holds(self, purpose: str, paths: list[Path], shown_as: list[str]) -> bool:
        key = self._key_or_none(purpose, paths, shown_as)
        return key is not None and (key in self._new or _remembered(key) is not None or (self.folder / f"{key}.json").is_file())

    def normalized(self, paths: list[Path], shown_as: list[str],
                   make: Callable[[list[Path], list[str]], NormalizedPiece]) -> NormalizedPiece:
        """The files of one pièce as one PDF."""
        def made() -> tuple[dict[str, Any], bytes]:
            piece = make(paths, shown_as)
            return {"page_count": piece.page_count, "warnings": [[w.level, w.where, w.message] for w in piece.warnings],
                    "ocr": piece.ocr}, piece.pdf

        info, pdf = self._cached(self._key_or_none("normalize", paths, shown_as), made)
        try:
            return NormalizedPiece(pdf, int(info["page_count"]),
                                   [Problem(str(level), str(where), str(message)) for level, where, message in info["warnings"]],
                                   OcrOutcome(info["ocr"]))
        except (KeyError, TypeError, ValueError):
            return make(paths, shown_as)

    def stamped(self, paths: list[Path], shown_as: list[str], number: int, normalized: NormalizedPiece,
                stamp: Callable[[bytes, int], bytes]) -> bytes:
        """The pièce made of `paths` (already normalised) with every page stamped as pièce n° `number`."""
        key = self._key_or_none(f"stamp {number}", paths, shown_as)
        return self._cached(key, lambda: ({}, stamp(normalized.pdf, number)))[1]

    def commit(self) -> None:
        """After a successful build: store the entries it made, remove those it did not use (pièces
        removed or changed since). Until then the case folder is left as it was. Entries written since
        this build started stay: another build of the case (the window and a batch) made them."""
        try:
            for key, (info, pdf, mac) in self._new.items():
                if pdf:
                    atomic_write_bytes(self.folder / f"{key}.pdf", pdf)
                atomic_write_bytes(self.folder / f"{key}.json",
                                   json.dumps({"info": info, "has_pdf": bool(pdf), "mac": mac}).encode())
            for entry in self.folder.iterdir():
                if entry.stem not in self._used and entry.stat().st_mtime < self._started:
                    entry.unlink(missing_ok=True)
        except OSError:
            pass
