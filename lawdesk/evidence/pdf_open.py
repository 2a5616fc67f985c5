"""Open a PDF under bounds: metered parsing (lawdesk.evidence.limits), the library's own limits
tightened, any failure of the library reported as one clear French sentence."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pypdf import PasswordType, PdfReader
from pypdf.errors import LimitReachedError
from pypdf.generic import IndirectObject, StreamObject

from lawdesk.errors import EvidenceError
from lawdesk.evidence.limits import MAX_OBJECT_STREAM_BYTES, MAX_PAGES, MAX_PDF_PARSE_WORK, too_complex_pdf_message, too_many_pages_message
from lawdesk.i18n import _
from lawdesk.private_api import object_stream_of

# pypdf logs every repair it makes on damaged files; LawDesk reports problems in its own words.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def corrupt_message() -> str:
    return _("PDF endommagé ou incomplet (fichier tronqué ?) : il ne peut pas être lu ; ouvrez-le dans un lecteur PDF pour vérifier, "
             "puis enregistrez-en une nouvelle copie ou demandez à nouveau le document")


def no_pages_message() -> str:
    return _("ce PDF ne contient aucune page : exportez à nouveau le document")


class Unreadable(EvidenceError):
    """The PDF library could not read the file (damaged, or no page found): another step of the
    recovery chain (lawdesk.evidence.recover) may. Every other EvidenceError (a limit, a password)
    is final."""


class Budget:
    """The parsing work left for one PDF; once spent, every further read fails."""

    def __init__(self, shown_as: str, work: int | None = None) -> None:
        self.shown_as = shown_as
        self.left = MAX_PDF_PARSE_WORK if work is None else work
        self.exceeded = False

    def spend(self, work: int) -> None:
        self.left -= work
        if self.left < 0:
            self.exceeded = True
            raise EvidenceError(self.shown_as, too_complex_pdf_message())


class _MeteredBytes(io.BytesIO):
    """The file's bytes; every read the PDF library makes (a few per value it parses) costs one unit."""

    def __init__(self, data: bytes, budget: Budget) -> None:
        super().__init__(data)
        self._budget = budget

    def read(self, size: int | None = -1) -> bytes:
        self._budget.spend(1)
        return super().read(size)


class _BoundedReader(PdfReader):
    """A PdfReader whose parsing is metered: a compressed object stream is charged half its
    decompressed size before any of its objects is parsed (the library parses all of them at once)."""

    def __init__(self, data: bytes, budget: Budget) -> None:
        self._budget = budget
        self._charged: set[int] = set()
        super().__init__(_MeteredBytes(data, budget))

    def get_object(self, indirect_reference: int | IndirectObject) -> Any:
        number = indirect_reference if isinstance(indirect_reference, int) else indirect_reference.idnum
        container = object_stream_of(self, number)
        if container is not None and container not in self._charged:
            self._charged.add(container)
            stream = super().get_object(container)
            if isinstance(stream, StreamObject):
                self._budget.spend(len(stream.get_data()) // 2)
        return super().get_object(indirect_reference)


@contextmanager
def guarded(budget: Budget) -> Iterator[None]:
    """Work on one PDF: the library's own limits tightened, any failure reported as one clear sentence
    (`Unreadable` when the library failed on damaged data)."""
    from pypdf import apply_configuration

    limits = dict.fromkeys(("zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
                            "brotli_maximum_output_length", "array_based_stream_maximum_output_length"), MAX_OBJECT_STREAM_BYTES)
    try:
        with apply_configuration(**limits):
            yield
    except EvidenceError:
        raise
    except (LimitReachedError, RecursionError):  # the library's own bounds, or nesting beyond the stack
        raise EvidenceError(budget.shown_as, too_complex_pdf_message()) from None
    except Exception as exc:  # noqa: BLE001 - see lawdesk.evidence.common.failures_as
        if budget.exceeded:
            raise EvidenceError(budget.shown_as, too_complex_pdf_message()) from exc
        raise Unreadable(budget.shown_as, corrupt_message()) from exc
    if budget.exceeded:  # spent inside the library, which may have swallowed the error
        raise EvidenceError(budget.shown_as, too_complex_pdf_message())


def open_pdf(data: bytes, shown_as: str, budget: Budget | None = None) -> PdfReader:
    """A readable PDF with at least one page (owner-password-only files open; others are refused)."""
    budget = budget or Budget(shown_as)
    with guarded(budget):
        reader = _BoundedReader(data, budget)
        if reader.is_encrypted:
            _decrypt(reader, shown_as)
        page_count = len([page.mediabox for page in reader.pages])  # resolves every page and its size
    if page_count == 0:
        raise Unreadable(shown_as, no_pages_message())
    if page_count > MAX_PAGES:
        raise EvidenceError(shown_as, too_many_pages_message(page_count, MAX_PAGES))
    return reader


def _decrypt(reader: PdfReader, shown_as: str) -> None:
    protected = _("PDF protégé par un mot de passe à l'ouverture : enregistrez une copie sans mot de passe "
                  "(ouvrez-le avec le mot de passe puis « Imprimer » vers « Enregistrer au format PDF »), et remplacez le fichier")
    try:
        opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:  # noqa: BLE001 - unsupported or broken encryption: the same remedy applies
        opened = False
    if not opened:
        raise EvidenceError(shown_as, protected)
