"""File and folder names: the order people expect, and names every file system accepts."""

from __future__ import annotations

import re

from lawdesk.fs import safe_file_name

_DIGITS = re.compile(r"(\d+)")
_MAX_BYTES = 100


def natural_key(name: str) -> list[str | int]:
    """"2 capture" before "10 courrier": numbers compare as numbers, letters ignore case."""
    return [int(part) if index % 2 else part.casefold() for index, part in enumerate(_DIGITS.split(name))]


def folder_name(text: str) -> str:
    """`text` as a case's folder name in the batch output (empty if nothing is left)."""
    return safe_file_name(text, replacement="_", max_bytes=_MAX_BYTES)
