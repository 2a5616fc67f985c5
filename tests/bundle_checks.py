"""Helpers that read a produced bundle: outline, page texts, active content."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, ArrayObject, IndirectObject

ACTIVE_KEYS = {"/JavaScript", "/JS", "/OpenAction", "/Launch", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia"}


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def active_content(path: Path) -> set[str]:
    """Names of active-content keys found anywhere in the file's object graph."""
    reader = PdfReader(path)
    seen: set[int] = set()
    found: set[str] = set()

    def walk(obj):
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                return
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in ACTIVE_KEYS:
                    found.add(key)
                if key == "/S" and value in ("/JavaScript", "/Launch", "/URI", "/SubmitForm", "/ImportData"):
                    found.add(str(value))
                walk(value)
        elif isinstance(obj, ArrayObject):
            for value in obj:
                walk(value)

    walk(reader.trailer)
    return found
