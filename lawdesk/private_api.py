"""The only places where LawDesk reaches into a library's private attributes.

Each is used because no public API does the job; each is checked by tests/test_private_api.py,
which names the versions it was checked against and fails with a clear message the day a
library renames or drops the attribute (instead of a stray AttributeError deep in a build)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from typing import Any

from pypdf import PdfReader
from pypdf.generic import StreamObject


def pool_processes(executor: ProcessPoolExecutor) -> dict[int, Any]:
    """The executor's own record of its worker processes (pid → Process), filled as they start.
    The only complete one before Python 3.14's kill_workers(); shutdown() drops the executor's
    reference to it, not the processes, so a caller keeps this dictionary itself."""
    return executor._processes  # type: ignore[attr-defined]


def raw_stream_data(stream: StreamObject) -> bytes:
    """The stream's bytes as stored in the file, still encoded (pypdf's get_data() decodes them,
    which is what a size check must not do before it knows the decoded size)."""
    return stream._data  # type: ignore[attr-defined]


def replace_raw_stream_data(stream: StreamObject, data: bytes) -> None:
    """Store new encoded bytes (a JPEG rewritten without its metadata) without re-encoding them:
    set_data() would run them through the stream's filters again."""
    stream._data = data  # type: ignore[attr-defined]


def object_stream_of(reader: PdfReader, number: int) -> int | None:
    """The number of the compressed object stream that holds object `number`, or None when the
    object is stored on its own (or the file has no cross-reference stream)."""
    container = getattr(reader, "xref_objStm", {}).get(number)
    return container[0] if container is not None else None


def replace_part_blob(part: Any, data: bytes) -> None:
    """Give a python-docx part (the font table) new XML: a plain Part has no public setter."""
    part._blob = data
