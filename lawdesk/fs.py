"""Files and folders, one way each: a file written whole or not at all, a folder swapped in at once,
a name every file system accepts, the digest of a file's content."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
import uuid
from collections.abc import Callable
from pathlib import Path

# Bytes, not characters: most file systems refuse names over 255 bytes (an accent takes 2, Arabic 2, CJK 3).
MAX_NAME_BYTES = 180
_FORBIDDEN_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
# Windows refuses these names, whatever the extension.
_RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def atomic_write_bytes(path: Path, content: bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file. The file is
    private (0600) unless `mode` says otherwise (a lock others must read on a shared folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            os.chmod(temporary, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def copy_file(source: Path, target: Path, link: bool = False) -> None:
    """Copy `source` to `target`, complete or absent (a hidden partial copy, then renamed); `link`: a
    hard link instead when the file system allows it (the same bytes, no second copy on disk)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        try:
            if not link:
                raise OSError
            os.link(source, partial)
        except OSError:
            shutil.copy2(source, partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def unique_name(name: str, taken: Callable[[str], bool], keep_suffix: bool = False) -> str:
    """`name`, or `name (2)`, `name (3)`… if `taken`; `keep_suffix` for files (`scan (2).pdf`)."""
    stem, suffix = (Path(name).stem, Path(name).suffix) if keep_suffix else (name, "")
    candidate, number = name, 2
    while taken(candidate):
        candidate = f"{stem} ({number}){suffix}"
        number += 1
    return candidate


def replace_folder(new: Path, target: Path) -> None:
    """Put the complete folder `new` in place of `target` (two renames: Windows cannot rename a
    folder over another one); if the second fails, `target` is put back as it was."""
    if not target.exists():
        os.replace(new, target)
        return
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write every file (`relative/path` → content) into a fresh folder beside `target`, then swap it
    in place of `target`: readers see the old folder or the new one, never a half-written one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        for name, content in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        replace_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def safe_file_name(text: str, replacement: str = " ", max_bytes: int = MAX_NAME_BYTES) -> str:
    """`text` as a file or folder name valid on Windows, macOS and Linux ("" if nothing is left):
    separators and characters file systems refuse become `replacement`; control and invisible
    formatting characters go (a right-to-left override would make "x\u202efdp.exe" display as
    "xexe.pdf"); the name is cut to `max_bytes` and never ends with a dot or a space."""
    visible = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c
                      for c in unicodedata.normalize("NFC", text))
    name = " ".join(_FORBIDDEN_IN_NAME.sub(replacement, visible).split()).lstrip(".")
    while len(name.encode("utf-8")) > max_bytes:
        name = name[:-1]
    name = name.rstrip(" .")
    return f"_{name}" if name.split(".")[0].lower() in _RESERVED_NAMES else name


def file_digest(path: Path) -> bytes:
    """SHA-256 of the file's content."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()
