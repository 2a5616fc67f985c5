"""Searchable scans: pages without a text layer (photos, screenshots, scanned PDFs) get an invisible
text layer read by Tesseract (French), through OCRmyPDF's Python API.

Only pages that have a picture and no font are read (`skip_text` for the others), so documents
with text pay nothing. The pages themselves are not changed: OCRmyPDF grafts the text under them.
Its output goes again through the inert copy (no XMP, no document information; the bounds of
lawdesk.evidence.limits). Bounds: Tesseract stops on a page after TESSERACT_SECONDS (the page then
stays without text), pictures above MAX_PIXELS are not read, at most MAX_OCR_PAGES pages per pièce.

Offline: OCRmyPDF is given its built-in plugins only (a plugin installed beside it, such as one
that sends pages to a web service, is never loaded), and uses Tesseract's installed language data.
A machine without Tesseract (or its French data) builds as before: the build says once how to
install it (lawdesk.build).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from lawdesk.errors import EvidenceError
from lawdesk.evidence.limits import MAX_PIXELS, MB
from lawdesk.evidence.pdf_inert import inert_pdf
from lawdesk.i18n import _
from lawdesk.streams import standard_streams_kept

LANGUAGE = "fra"
TESSERACT_SECONDS = 60
MAX_OCR_PAGES = 200
# Both cores of the machine at most, each page read by one Tesseract (one thread each).
JOBS = max(1, min(2, os.cpu_count() or 1))
# Results kept in memory by content, for a process that builds the same evidence again (a batch,
# the tests); the case's own cache (lawdesk.evidence.cache) keeps them across builds.
_MEMO_BYTES = 64 * MB

logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
_memo: OrderedDict[bytes, bytes] = OrderedDict()
_lock = threading.Lock()


class OcrOutcome(StrEnum):
    NOT_NEEDED = "not-needed"
    DONE = "done"
    UNAVAILABLE = "unavailable"


def missing_ocr_warning() -> str:
    return _("reconnaissance de texte (OCR) indisponible : Tesseract ou ses données françaises ne sont pas installés ; "
             "les photos, captures d'écran et scans figurent dans le dossier sans texte consultable par recherche. "
             "Installez-les (Debian, Ubuntu : « sudo apt install tesseract-ocr tesseract-ocr-fra » ; "
             "autres systèmes : https://tesseract-ocr.github.io) puis produisez à nouveau le dossier")


def pages_without_text(pdf: bytes) -> list[int]:
    """The 1-based numbers of the pages that show a picture and use no font."""
    reader = PdfReader(io.BytesIO(pdf))
    return [number for number, page in enumerate(reader.pages, start=1) if _picture_without_text(page.get("/Resources"))]


def _picture_without_text(resources: Any) -> bool:
    pictures, fonts = _pictures_and_fonts(resources, 0)
    return pictures and not fonts


def _pictures_and_fonts(resources: Any, depth: int) -> tuple[bool, bool]:
    """Whether these resources (and those of the forms they draw) hold a picture, a font."""
    resources = resources.get_object() if resources is not None else None
    if not isinstance(resources, DictionaryObject) or depth > 3:
        return False, False
    pictures, fonts = False, bool(resources.get("/Font"))
    objects = resources.get("/XObject")
    objects = objects.get_object() if objects is not None else None
    for item in objects.values() if isinstance(objects, DictionaryObject) else []:
        item = item.get_object()
        if not isinstance(item, DictionaryObject):
            continue
        if item.get("/Subtype") == "/Image":
            pictures = True
        elif item.get("/Subtype") == "/Form":
            inner = _pictures_and_fonts(item.get("/Resources"), depth + 1)
            pictures, fonts = pictures or inner[0], fonts or inner[1]
    return pictures, fonts


def searchable(pdf: bytes, shown_as: str) -> tuple[bytes, OcrOutcome]:
    """The PDF with a text layer on its pages without one, and what was done."""
    pages = pages_without_text(pdf)[:MAX_OCR_PAGES]
    if not pages:
        return pdf, OcrOutcome.NOT_NEEDED
    if not ocr_available():
        return pdf, OcrOutcome.UNAVAILABLE
    key = hashlib.sha256(pdf).digest()
    with _lock:
        if key in _memo:
            _memo.move_to_end(key)
            return _memo[key], OcrOutcome.DONE
    try:
        result = _ocr(pdf, pages, shown_as)
    except _Unavailable:
        return pdf, OcrOutcome.UNAVAILABLE
    with _lock:
        _memo[key] = result
        while sum(map(len, _memo.values())) > _MEMO_BYTES and len(_memo) > 1:
            _memo.popitem(last=False)
    return result, OcrOutcome.DONE


class _Unavailable(Exception):
    pass


def ocr_available() -> bool:
    """Tesseract on the PATH, with the French language data."""
    return LANGUAGE in _installed_languages(os.environ.get("PATH", ""))


@cache
def _installed_languages(path: str) -> frozenset[str]:
    import shutil
    import subprocess

    program = shutil.which("tesseract", path=path)
    if program is None:
        return frozenset()
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in listed.splitlines()[1:] if line.strip())


def _ocr(pdf: bytes, pages: list[int], shown_as: str) -> bytes:
    import ocrmypdf
    from ocrmypdf.exceptions import MissingDependencyError

    # One thread per Tesseract (OCRmyPDF's documented setting; a value set by the user is kept): OCRmyPDF
    # runs JOBS of them and a first build's helper process runs its own, so Tesseract's OpenMP threads
    # on top made more threads than cores, which wait for each other (a first build took a third longer).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory(prefix="lawdesk-ocr-") as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "out.pdf"
        source.write_bytes(pdf)
        try:
            with standard_streams_kept():  # OCRmyPDF's output check would leave sys.stderr replaced
                ocrmypdf.ocr(source, target, language=[LANGUAGE], mode="skip", pages=",".join(map(str, pages)),
                             output_type="pdf", rasterizer="pypdfium", optimize=0, jobs=JOBS, use_threads=True,
                             progress_bar=False, tesseract_timeout=TESSERACT_SECONDS,
                             max_image_mpixels=MAX_PIXELS / 1_000_000, plugin_manager=_builtin_plugins_only())
        except MissingDependencyError:
            raise _Unavailable from None
        except Exception:  # noqa: BLE001 - a page OCRmyPDF cannot handle: the pièce stays as it was
            return pdf
        output = target.read_bytes()
    try:
        cleaned, _warnings = inert_pdf(output, shown_as)  # no XMP nor document information; within the bounds
    except EvidenceError:
        return pdf
    return cleaned


@cache
def _builtin_plugins_only() -> Any:
    """OCRmyPDF's plugin manager with its built-in plugins alone: plugins installed in the same
    environment (setuptools entry points) are unregistered and blocked."""
    from importlib.metadata import entry_points

    from ocrmypdf.api import get_plugin_manager

    manager = get_plugin_manager([])
    pluggy = manager.pluggy_manager
    for entry in entry_points(group="ocrmypdf"):
        if pluggy.get_plugin(entry.name) is not None:
            pluggy.unregister(name=entry.name)
        pluggy.set_blocked(entry.name)
    return manager
