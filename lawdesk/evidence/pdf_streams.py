"""The streams of a PDF: decompressed sizes and embedded pictures within bounds, so that neither
LawDesk nor the reader of the dossier inflates a bomb; private metadata removed (XMP, PieceInfo,
associated files, the EXIF of embedded JPEG photos)."""

from __future__ import annotations

import zlib
from typing import Any

from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from lawdesk.errors import EvidenceError
from lawdesk.evidence.limits import (MAX_CONTENT_BYTES, MAX_DECODED_BYTES, MAX_OBJECT_STREAM_BYTES, MAX_PIXELS, MAX_STREAM_BYTES, MB,
                                     too_complex_pdf_message)
from lawdesk.i18n import _
from lawdesk.private_api import raw_stream_data, replace_raw_stream_data

# Where a PDF keeps facts about its making (author, software, file paths, dates, GPS of photos) or
# files associated with a page (PDF 2.0 /AF): removed everywhere, like the EXIF of photos.
_PRIVATE_KEYS = ("/Metadata", "/PieceInfo", "/AF")


_FLATE = frozenset({"/FlateDecode", "/Fl"})
_OTHER_GENERIC = frozenset({"/LZWDecode", "/LZW", "/ASCII85Decode", "/A85", "/ASCIIHexDecode", "/AHx",
                            "/RunLengthDecode", "/RL"})
_INFLATE_CHUNK = 1 << 20


class _TooLarge(Exception):
    pass


def check_streams(root: DictionaryObject, shown_as: str, clean: bool) -> None:
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


