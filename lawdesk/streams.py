"""Keeping sys.stdout and sys.stderr as they were around library calls that replace them.

pikepdf's `Pdf.check_linearization(stream)` (called by OCRmyPDF's output check, and by pikepdf's
own PDF/A validation) leaves `sys.stderr` replaced by the stream it was given (seen with pikepdf
10.18): every message LawDesk prints afterwards — a user's error in `lawdesk build` — would vanish
into that stream.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def standard_streams_kept() -> Iterator[None]:
    stdout, stderr = sys.stdout, sys.stderr
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr
