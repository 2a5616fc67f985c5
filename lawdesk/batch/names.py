"""File and folder names: the order people expect, and names every file system accepts."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"(\d+)")
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_MAX_LENGTH = 100


def natural_key(name: str) -> list[str | int]:
    """"2 capture" before "10 courrier": numbers compare as numbers, letters ignore case."""
    return [int(part) if index % 2 else part.casefold() for index, part in enumerate(_DIGITS.split(name))]


def folder_name(text: str) -> str:
    """`text` as a folder name valid on Windows, macOS and Linux (empty if nothing is left)."""
    name = _FORBIDDEN.sub("_", unicodedata.normalize("NFC", text)).strip().rstrip(". ").lstrip(".")
    name = name[:_MAX_LENGTH].rstrip(". ")
    return f"_{name}" if name.split(".")[0].lower() in _RESERVED else name
