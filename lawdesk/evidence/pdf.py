"""PDF evidence: open it safely, and make it inert (no scripts, automatic actions or hidden files).

The pages themselves are kept as they are (vector text, rotation, forms, annotations, page
sizes); only what a reader could execute or extract is removed. One walker finds the active
content, so that the pre-flight reports exactly what the normalisation removes.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from lawdesk.errors import EvidenceError
from lawdesk.evidence.limits import (MAX_CONTENT_BYTES, MAX_DECODED_BYTES, MAX_OBJECT_STREAM_BYTES, MAX_PAGES,
                                     MAX_PDF_PARSE_WORK, MAX_PIXELS, MAX_STREAM_BYTES, MB, too_complex_pdf_message,
                                     too_many_pages_message)
from lawdesk.i18n import _
from lawdesk.private_api import object_stream_of, raw_stream_data, replace_raw_stream_data

# pypdf logs every repair it makes on damaged files; LawDesk reports problems in its own words.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class ActiveContent(StrEnum):
    JAVASCRIPT = "javascript"
    ACTIONS = "actions"
    ATTACHMENTS = "attachments"
    LINKS = "links"


_SCRIPT_ACTIONS = frozenset({"/JavaScript"})
# Actions that run, fetch, send or open something; GoTo and Named (page navigation) stay.
_RISKY_ACTIONS = frozenset({"/Launch", "/ImportData", "/SubmitForm", "/GoToR", "/GoToE", "/GoToDp", "/Rendition",
                            "/RichMediaExecute", "/Sound", "/Movie", "/Thread"})
# Links that leave the document: the dossier must not send its reader anywhere (no network).
_EXTERNAL_LINKS = frozenset({"/URI"})
# Annotations that carry a file or a media player instead of marking up the page.
_EMBEDDING_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"})
# Where a PDF keeps facts about its making (author, software, file paths, dates, GPS of photos) or
# files associated with a page (PDF 2.0 /AF): removed everywhere, like the EXIF of photos.
_PRIVATE_KEYS = ("/Metadata", "/PieceInfo", "/AF")
_PRIVATE_CATALOG_KEYS = ("/URI", "/SpiderInfo")


def corrupt_message() -> str:
    return _("PDF endommagé ou incomplet (fichier tronqué ?) : il ne peut pas être lu ; ouvrez-le dans un lecteur PDF pour vérifier, "
             "puis enregistrez-en une nouvelle copie ou demandez à nouveau le document")


def active_content_warning(kind: ActiveContent) -> str:
    messages = {
        ActiveContent.JAVASCRIPT: _("ce PDF contient du JavaScript ou des scripts de formulaire : ils seront neutralisés (retirés du dossier)"),
        ActiveContent.ACTIONS: _("ce PDF contient des actions automatiques (à l'ouverture, sur une page, un lien ou un champ de formulaire, "
                                 "lancement de programme) : elles seront retirées du dossier"),
        ActiveContent.LINKS: _("ce PDF contient des liens vers des sites extérieurs : ils seront désactivés dans le dossier "
                               "(le texte reste lisible)"),
        ActiveContent.ATTACHMENTS: _("ce PDF contient des fichiers joints intégrés : ils seront retirés du dossier ; "
                                     "ajoutez-les comme pièces distinctes s'ils sont utiles"),
    }
    return messages[kind]


class _Budget:
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

    def __init__(self, data: bytes, budget: _Budget) -> None:
        super().__init__(data)
        self._budget = budget

    def read(self, size: int | None = -1) -> bytes:
        self._budget.spend(1)
        return super().read(size)


class _BoundedReader(PdfReader):
    """A PdfReader whose parsing is metered: a compressed object stream is charged half its
    decompressed size before any of its objects is parsed (the library parses all of them at once)."""

    def __init__(self, data: bytes, budget: _Budget) -> None:
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
def _guarded(budget: _Budget) -> Iterator[None]:
    """Work on one PDF: the library's own limits tightened, any failure reported as one clear sentence."""
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
        message = too_complex_pdf_message() if budget.exceeded else corrupt_message()
        raise EvidenceError(budget.shown_as, message) from exc
    if budget.exceeded:  # spent inside the library, which may have swallowed the error
        raise EvidenceError(budget.shown_as, too_complex_pdf_message())


def open_pdf(path: Path, shown_as: str, budget: _Budget | None = None) -> PdfReader:
    """A readable PDF with at least one page (owner-password-only files open; others are refused)."""
    budget = budget or _Budget(shown_as)
    with _guarded(budget):
        reader = _BoundedReader(path.read_bytes(), budget)
        if reader.is_encrypted:
            _decrypt(reader, shown_as)
        page_count = len([page.mediabox for page in reader.pages])  # resolves every page and its size
    if page_count == 0:
        raise EvidenceError(shown_as, _("ce PDF ne contient aucune page : exportez à nouveau le document"))
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


def active_content(path: Path, shown_as: str) -> list[ActiveContent]:
    """What `inert_pdf` would remove from this PDF, without changing anything; EvidenceError if the
    file is beyond the limits (lawdesk.evidence.limits) that the build would refuse."""
    budget = _Budget(shown_as)
    reader = open_pdf(path, shown_as, budget)
    with _guarded(budget):
        hits = _active_hits(reader.root_object)
        _check_streams(reader.root_object, shown_as, clean=False)
        return _kinds(hits)


def inert_pdf(path: Path, shown_as: str) -> tuple[bytes, list[str]]:
    """The PDF without active content nor private metadata, and a warning for each kind of content removed."""
    budget = _Budget(shown_as)
    reader = open_pdf(path, shown_as, budget)
    with _guarded(budget):
        hits = _active_hits(reader.root_object)
        _remove(hits)  # in the reader's objects: the copy below takes only what is still reachable
        for key in _PRIVATE_CATALOG_KEYS:
            reader.root_object.pop(key, None)
        _check_streams(reader.root_object, shown_as, clean=True)
        info = _dictionary(reader.trailer.get("/Info"))
        if info is not None:
            info.clear()  # author, software, title (often a file path): not copied into the dossier
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        output = io.BytesIO()
        writer.write(output)
    return output.getvalue(), [active_content_warning(kind) for kind in _kinds(hits)]


# --- streams: decompressed sizes, embedded pictures, private metadata ----------------------------

_FLATE = frozenset({"/FlateDecode", "/Fl"})
_OTHER_GENERIC = frozenset({"/LZWDecode", "/LZW", "/ASCII85Decode", "/A85", "/ASCIIHexDecode", "/AHx",
                            "/RunLengthDecode", "/RL"})
_INFLATE_CHUNK = 1 << 20


class _TooLarge(Exception):
    pass


def _check_streams(root: DictionaryObject, shown_as: str, clean: bool) -> None:
    """Every stream the document still reaches: pictures within MAX_PIXELS, each stream within
    MAX_STREAM_BYTES once decompressed and all of them within MAX_DECODED_BYTES, so that neither
    LawDesk nor the reader of the dossier inflates a bomb. With `clean`, the private metadata
    (XMP, PieceInfo, associated files, the EXIF of embedded JPEG photos) is removed as well."""
    decoded = 0
    seen: set[int] = set()
    pending: list[Any] = [root]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, ArrayObject):
            pending.extend(item)
            continue
        if not isinstance(item, DictionaryObject):
            continue
        if clean:
            for key in _PRIVATE_KEYS:
                item.pop(key, None)
        pending.extend(value for key, value in item.items() if key != "/Parent")
        if isinstance(item, StreamObject) and item.get("/Type") != "/EmbeddedFile":
            try:
                decoded += _decoded_size(item, _check_picture(item, shown_as))
            except _TooLarge:
                raise EvidenceError(shown_as, too_complex_pdf_message()) from None
            if decoded > MAX_DECODED_BYTES:
                raise EvidenceError(shown_as, too_complex_pdf_message())
            if clean and _filters(item) == ["/DCTDecode"]:
                replace_raw_stream_data(item, _jpeg_without_metadata(raw_stream_data(item)))


def _check_picture(stream: StreamObject, shown_as: str) -> int:
    """The decompressed size allowed for this stream; EvidenceError for a picture beyond MAX_PIXELS."""
    if stream.get("/Subtype") != "/Image":
        return MAX_CONTENT_BYTES
    width, height = stream.get("/Width"), stream.get("/Height")
    if not isinstance(width, int) or not isinstance(height, int):
        return MAX_CONTENT_BYTES
    if abs(width * height) > MAX_PIXELS:
        raise EvidenceError(shown_as, _("ce PDF contient une image démesurée ({width} × {height} pixels) : il ne peut pas être traité sans risque ; "
                                        "imprimez-le vers un nouveau PDF et remplacez le fichier").format(width=width, height=height))
    return min(MAX_STREAM_BYTES, abs(width * height) * 8 + MB)  # 4 colour components of 16 bits at most


def _filters(stream: StreamObject) -> list[str]:
    value = stream.get("/Filter")
    value = value.get_object() if value is not None else None
    if isinstance(value, ArrayObject):
        return [str(item.get_object()) for item in value]
    return [str(value)] if value is not None else []


def _decoded_size(stream: StreamObject, cap: int) -> int:
    """The size of the stream once its general-purpose filters are undone (picture codecs are not:
    the picture's size bounds them); _TooLarge beyond `cap`. Damaged data counts as far as it goes."""
    from pypdf import filters

    data = raw_stream_data(stream)
    names = _filters(stream)
    for index, name in enumerate(names):
        last = index == len(names) - 1
        if name in _FLATE:
            size, data = _inflated(data, cap if last else MAX_OBJECT_STREAM_BYTES, keep=not last)
            if last:
                return size
        elif name in _OTHER_GENERIC:
            decoder = {"/LZWDecode": filters.LZWDecode, "/LZW": filters.LZWDecode, "/ASCII85Decode": filters.ASCII85Decode,
                       "/A85": filters.ASCII85Decode, "/ASCIIHexDecode": filters.ASCIIHexDecode, "/AHx": filters.ASCIIHexDecode,
                       "/RunLengthDecode": filters.RunLengthDecode, "/RL": filters.RunLengthDecode}[name]
            try:
                data = decoder.decode(data)
            except LimitReachedError:
                raise _TooLarge from None
            except Exception:  # noqa: BLE001 - damaged data: viewers show what they can
                return len(data)
            if len(data) > cap:
                raise _TooLarge
        else:
            break
    return len(data)


def _inflated(data: bytes, cap: int, keep: bool) -> tuple[int, bytes]:
    """Inflate `data` chunk by chunk: (its size, the bytes if `keep`); _TooLarge past `cap`."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # zlib or gzip header
    size, kept, pending = 0, [], data
    try:
        while pending and not inflater.eof:
            chunk = inflater.decompress(pending, _INFLATE_CHUNK)
            size += len(chunk)
            if size > cap:
                raise _TooLarge
            if keep:
                kept.append(chunk)
            pending = inflater.unconsumed_tail
            if not chunk and not pending:
                break
    except zlib.error:
        pass
    return size, b"".join(kept)


# JPEG segments that carry camera and editing metadata (EXIF with GPS, XMP, IPTC, comments); the
# colour profile (APP2 ICC_PROFILE) and Adobe's colour transform (APP14) are needed to show the picture.
_JPEG_PRIVATE = frozenset({0xE1, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEF, 0xFE})


def _jpeg_without_metadata(data: bytes) -> bytes:
    """The JPEG without its metadata segments; unchanged if it does not parse as expected."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out, position = [data[:2]], 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is picture data
            out.append(data[position:])
            return b"".join(out)
        length = int.from_bytes(data[position + 2:position + 4], "big")
        if length < 2 or position + 2 + length > len(data):
            return data
        if marker not in _JPEG_PRIVATE and not (marker == 0xE2 and not data[position + 4:position + 16].startswith(b"ICC_PROFILE")):
            out.append(data[position:position + 2 + length])
        position += 2 + length
    return data


@dataclass(frozen=True)
class _Hit:
    """An entry to delete: `container[key]`; `kind` is None for harmless entries removed anyway."""

    container: DictionaryObject | ArrayObject
    key: str | int
    kind: ActiveContent | None


def _kinds(hits: Iterable[_Hit]) -> list[ActiveContent]:
    found = {hit.kind for hit in hits}
    return [kind for kind in ActiveContent if kind in found]


def _active_hits(root: DictionaryObject) -> list[_Hit]:
    hits: list[_Hit] = []
    if "/OpenAction" in root:  # an action, or a mere "open at page N" destination (harmless, removed too)
        open_action = root["/OpenAction"].get_object()
        kind = (_action_kind(open_action) or ActiveContent.ACTIONS) if isinstance(open_action, DictionaryObject) else None
        hits.append(_Hit(root, "/OpenAction", kind))
    hits += _trigger_hits(root)
    names = _dictionary(root.get("/Names"))
    if names is not None:
        hits += [_Hit(names, "/JavaScript", ActiveContent.JAVASCRIPT)] if "/JavaScript" in names else []
        hits += [_Hit(names, "/EmbeddedFiles", ActiveContent.ATTACHMENTS)] if "/EmbeddedFiles" in names else []
    if "/Collection" in root:  # a PDF portfolio: a view over embedded files
        hits.append(_Hit(root, "/Collection", ActiveContent.ATTACHMENTS))
    if "/AF" in root:  # PDF 2.0 associated files
        hits.append(_Hit(root, "/AF", ActiveContent.ATTACHMENTS))
    form = _dictionary(root.get("/AcroForm"))
    if form is not None:
        hits += [_Hit(form, "/XFA", ActiveContent.JAVASCRIPT)] if "/XFA" in form else []
        hits += _trigger_hits(form)
        hits += _tree_hits(form.get("/Fields"), "/Kids")
    for page in _page_objects(root):
        hits += _trigger_hits(page)
        hits += [_Hit(page, "/AF", ActiveContent.ATTACHMENTS)] if "/AF" in page else []
        hits += _annotation_hits(page)
    outlines = _dictionary(root.get("/Outlines"))
    if outlines is not None:
        hits += _tree_hits(outlines.get("/First"), "/First", sibling="/Next")
    return hits


def _page_objects(root: DictionaryObject) -> Iterator[DictionaryObject]:
    """The page dictionaries themselves, from the page tree (`PdfReader.pages` yields copies), and
    the tree's inner nodes (a reader could run actions placed there too)."""
    seen: set[int] = set()
    pending = [root.get("/Pages")]
    while pending:
        node = _dictionary(pending.pop())
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        kids = node.get("/Kids")
        kids = kids.get_object() if kids is not None else None
        if isinstance(kids, ArrayObject):
            pending.extend(kids)
        yield node


def _annotation_hits(page: DictionaryObject) -> list[_Hit]:
    annotations = page.get("/Annots")
    annotations = annotations.get_object() if annotations is not None else None
    if not isinstance(annotations, ArrayObject):
        return []
    hits: list[_Hit] = []
    for index, item in enumerate(annotations):
        annotation = _dictionary(item)
        if annotation is None:
            continue
        if annotation.get("/Subtype") in _EMBEDDING_ANNOTATIONS:
            hits.append(_Hit(annotations, index, ActiveContent.ATTACHMENTS))
        else:
            hits += _trigger_hits(annotation)
            hits += _tree_hits(annotation.get("/Parent"), "/Parent")  # the form field of a widget
    return hits


def _tree_hits(start: Any, child: str, sibling: str | None = None) -> list[_Hit]:
    """Trigger hits of every node reachable from `start` (a node or a list) through `child`/`sibling` links."""
    hits: list[_Hit] = []
    seen: set[int] = set()
    pending = [start]
    while pending:
        item = pending.pop()
        item = item.get_object() if item is not None else None
        if isinstance(item, ArrayObject):
            pending.extend(item)
            continue
        if not isinstance(item, DictionaryObject) or id(item) in seen:
            continue
        seen.add(id(item))
        hits += _trigger_hits(item)
        pending += [item.get(link) for link in (child, sibling) if link and link in item]
    return hits


def _trigger_hits(node: DictionaryObject) -> list[_Hit]:
    """The /AA (additional actions: open, close, focus, keystroke...) and a risky /A of one object."""
    hits: list[_Hit] = []
    if "/AA" in node:
        triggers = _dictionary(node["/AA"])
        kinds = [_action_kind(action) for action in (triggers or {}).values()]
        kind = ActiveContent.JAVASCRIPT if ActiveContent.JAVASCRIPT in kinds else ActiveContent.ACTIONS
        hits.append(_Hit(node, "/AA", kind))
    if "/A" in node:
        kind = _action_kind(node["/A"])
        if kind is not None:
            hits.append(_Hit(node, "/A", kind))
    return hits


def _action_kind(action: Any) -> ActiveContent | None:
    """JAVASCRIPT, ACTIONS or LINKS if the action or any action chained after it (/Next) is risky."""
    types = set(_action_types(action, set()))
    if types & _SCRIPT_ACTIONS:
        return ActiveContent.JAVASCRIPT
    if types & _RISKY_ACTIONS:
        return ActiveContent.ACTIONS
    return ActiveContent.LINKS if types & _EXTERNAL_LINKS else None


def _action_types(action: Any, seen: set[int]) -> Iterator[str]:
    action = action.get_object() if action is not None else None
    if isinstance(action, ArrayObject):
        for item in action:
            yield from _action_types(item, seen)
    elif isinstance(action, DictionaryObject) and id(action) not in seen:
        seen.add(id(action))
        yield str(action.get("/S", ""))
        yield from _action_types(action.get("/Next"), seen)


def _dictionary(value: Any) -> DictionaryObject | None:
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else None


def _remove(hits: list[_Hit]) -> None:
    """Delete every hit once; list items from the end so that the other indices stay right."""
    array_items: dict[int, tuple[ArrayObject, set[int]]] = {}
    for hit in hits:
        if isinstance(hit.container, ArrayObject) and isinstance(hit.key, int):
            array_items.setdefault(id(hit.container), (hit.container, set()))[1].add(hit.key)
        else:
            hit.container.pop(hit.key, None)
    for array, indices in array_items.values():
        for index in sorted(indices, reverse=True):
            del array[index]
