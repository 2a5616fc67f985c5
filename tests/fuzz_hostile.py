"""Hostile inputs for the security tests and the long fuzz run (benchmarks/fuzz_evidence.py).

Makers write one file into a folder and return its path. PDFs are written by hand
(`raw_pdf`) so that they can hold what a normal writer refuses to produce: bombs, lies in
the page tree, absurd nesting. Nothing here needs the network.
"""

from __future__ import annotations

import io
import random
import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

# --- hand-written PDFs ---------------------------------------------------------------------


def raw_pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF whose object n is objects[n - 1] (the bytes between `n 0 obj` and `endobj`)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, trailer_extra, xref))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_HELLO = b"BT /F1 24 Tf 72 720 Td (Hostile but readable) Tj ET"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _one_page(page_extra: bytes = b"", content: bytes | None = None, content_extra: bytes = b"",
              more: list[bytes] | None = None) -> bytes:
    """Catalog 1, Pages 2, Page 3, content 4, font 5, then `more` (objects 6, 7, ...)."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b">>",
        stream(_HELLO if content is None else content, content_extra),
        _FONT,
        *(more or []),
    ])


def _deflated(size: int, rounds: int = 1, byte: bytes = b" ") -> bytes:
    """`size` copies of `byte`, deflated `rounds` times (a zip bomb: ~1000:1 per round)."""
    compressor = zlib.compressobj(9)
    chunk = byte * (1 << 20)
    parts = [compressor.compress(chunk) for _ in range(size >> 20)]
    parts += [compressor.compress(byte * (size & ((1 << 20) - 1))), compressor.flush()]
    data = b"".join(parts)
    for _ in range(rounds - 1):
        data = zlib.compress(data, 9)
    return data


def flate_bomb_pdf(folder: Path, name: str = "flate-bomb.pdf", size: int = 400_000_000, rounds: int = 2) -> Path:
    """One page whose content stream inflates to `size` bytes of spaces (kilobytes on disk)."""
    filters = b"/Filter [" + b" /FlateDecode" * rounds + b" ] "
    path = folder / name
    path.write_bytes(_one_page(content=_deflated(size, rounds), content_extra=filters))
    return path


def flate_bomb_resource_pdf(folder: Path, name: str = "flate-bomb-image.pdf", size: int = 400_000_000,
                            side: int = 100) -> Path:
    """A normal page that also draws a side × side picture whose data inflates to `size` bytes."""
    image = stream(_deflated(size, rounds=2),
                   b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                   b"/BitsPerComponent 8 /Filter [/FlateDecode /FlateDecode] " % (side, side))
    path = folder / name
    path.write_bytes(_one_page(page_extra=b"", content=_HELLO + b" q 500 0 0 500 50 50 cm /Im0 Do Q",
                               more=[image]).replace(b"/Font << /F1 5 0 R >>",
                                                     b"/Font << /F1 5 0 R >> /XObject << /Im0 6 0 R >>"))
    return path


def deep_array_pdf(folder: Path, name: str = "deep-arrays.pdf", depth: int = 50_000) -> Path:
    """A page dictionary holding an array nested `depth` levels deep."""
    path = folder / name
    path.write_bytes(_one_page(page_extra=b"/Deep " + b"[" * depth + b"0" + b"]" * depth + b" "))
    return path


def deep_dictionary_pdf(folder: Path, name: str = "deep-dicts.pdf", depth: int = 50_000) -> Path:
    path = folder / name
    path.write_bytes(_one_page(page_extra=b"/Deep " + b"<< /A " * depth + b"0" + b" >>" * depth + b" "))
    return path


def deep_reference_chain_pdf(folder: Path, name: str = "deep-chain.pdf", depth: int = 20_000) -> Path:
    """A chain of `depth` indirect objects, each an array holding the next (object 6 → 7 → ...)."""
    more = [b"[%d 0 R]" % (7 + index) for index in range(depth - 1)] + [b"[0]"]
    path = folder / name
    path.write_bytes(_one_page(page_extra=b"/Chain 6 0 R ", more=more))
    return path


def wide_arrays_pdf(folder: Path, name: str = "wide-arrays.pdf", arrays: int = 40, width: int = 99_000) -> Path:
    """Many arrays of ~100 000 numbers reachable from the page: memory, not nesting."""
    numbers = b"[" + b"0 " * width + b"]"
    more = [numbers] * arrays
    refs = b" ".join(b"%d 0 R" % (6 + index) for index in range(arrays))
    path = folder / name
    path.write_bytes(_one_page(page_extra=b"/Wide [" + refs + b"] ", more=more))
    return path


def many_pages_pdf(folder: Path, name: str = "many-pages.pdf", pages: int = 5_000) -> Path:
    """`pages` pages sharing one content stream (a few hundred kilobytes)."""
    first_page = 5
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
               + b"] /Count %d >>" % pages,
               stream(_HELLO), _FONT]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                b"/Resources << /Font << /F1 4 0 R >> >> >>"] * pages
    path = folder / name
    path.write_bytes(raw_pdf(objects))
    return path


def lying_count_pdf(folder: Path, name: str = "lying-count.pdf", count: int = 2_000_000_000) -> Path:
    """One page, but the page tree claims `count`."""
    path = folder / name
    path.write_bytes(_one_page().replace(b"/Count 1", b"/Count %d" % count))
    return path


def page_tree_loop_pdf(folder: Path, name: str = "page-loop.pdf") -> Path:
    """A page tree whose node lists itself among its kids."""
    path = folder / name
    path.write_bytes(_one_page().replace(b"/Kids [3 0 R]", b"/Kids [3 0 R 2 0 R]"))
    return path


def reference_loop_pdf(folder: Path, name: str = "ref-loop.pdf") -> Path:
    """Objects 6 and 7 refer to each other, and the page to them; /Length is an indirect loop."""
    path = folder / name
    path.write_bytes(_one_page(page_extra=b"/Loop 6 0 R ", more=[b"<< /Next 7 0 R >>", b"<< /Next 6 0 R >>"]))
    return path


def huge_xref_pdf(folder: Path, name: str = "huge-xref.pdf") -> Path:
    """A trailer that declares two billion objects."""
    data = _one_page()
    path = folder / name
    path.write_bytes(data.replace(b"<< /Size 6 ", b"<< /Size 2000000000 "))
    return path


def huge_object_number_pdf(folder: Path, name: str = "huge-number.pdf") -> Path:
    path = folder / name
    path.write_bytes(_one_page().replace(b"/Contents 4 0 R", b"/Contents 999999999 0 R"))
    return path


def long_action_chain_pdf(folder: Path, name: str = "action-chain.pdf", length: int = 5_000) -> Path:
    """An OpenAction whose /Next chain runs `length` actions, ending with JavaScript."""
    more = [b"<< /S /GoTo /D [3 0 R /Fit] /Next %d 0 R >>" % (7 + index) for index in range(length - 1)]
    more.append(b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>")
    path = folder / name
    path.write_bytes(_one_page(more=more).replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction 6 0 R"))
    return path


PDF_BOMBS = {
    "flate-bomb": flate_bomb_pdf,
    "flate-bomb-image": flate_bomb_resource_pdf,
    "deep-arrays": deep_array_pdf,
    "deep-dicts": deep_dictionary_pdf,
    "deep-chain": deep_reference_chain_pdf,
    "wide-arrays": wide_arrays_pdf,
    "many-pages": many_pages_pdf,
    "lying-count": lying_count_pdf,
    "page-loop": page_tree_loop_pdf,
    "ref-loop": reference_loop_pdf,
    "huge-xref": huge_xref_pdf,
    "huge-number": huge_object_number_pdf,
    "action-chain": long_action_chain_pdf,
}

# --- image bombs: a few bytes whose header claims an enormous picture ------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(folder: Path, name: str = "bomb.png", width: int = 100_000, height: int = 100_000) -> Path:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path = folder / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\0" * 4096))
                     + _chunk(b"IEND", b""))
    return path


def png_zlib_bomb(folder: Path, name: str = "zbomb.png", width: int = 8_900, height: int = 8_900) -> Path:
    """A real, complete RGBA PNG (just under the pixel limit) that inflates ~1000:1."""
    raw_row = b"\0" + b"\xff" * (width * 4)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(raw_row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    path = folder / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b""))
    return path


def gif_claiming(folder: Path, name: str = "bomb.gif", width: int = 65_535, height: int = 65_535) -> Path:
    screen = struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"
    image = b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x02\x44\x01\x00"
    path = folder / name
    path.write_bytes(b"GIF89a" + screen + image + b"\x3b")
    return path


def tiff_claiming(folder: Path, name: str = "bomb.tiff", width: int = 200_000, height: int = 200_000) -> Path:
    """A little-endian TIFF whose only strip is a few bytes."""
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 8 + 2 + 12 * 9 + 4), (277, 3, 1, 1), (278, 4, 1, height), (279, 4, 1, 16)]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *entry) for entry in entries) + b"\0\0\0\0"
    path = folder / name
    path.write_bytes(b"II*\0" + struct.pack("<I", 8) + ifd + b"\0" * 16)
    return path


def webp_claiming(folder: Path, name: str = "bomb.webp", width: int = 16_383, height: int = 16_383) -> Path:
    """A lossless (VP8L) WebP header claiming width × height, with almost no data."""
    bits = (width - 1) | ((height - 1) << 14)
    payload = b"\x2f" + struct.pack("<I", bits) + b"\0" * 16
    chunk = b"VP8L" + struct.pack("<I", len(payload)) + payload
    path = folder / name
    path.write_bytes(b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk)
    return path


def jpeg_pixel_flood(folder: Path, name: str = "flood.jpg", width: int = 65_500, height: int = 65_500) -> Path:
    """A small valid JPEG whose frame header is rewritten to claim width × height."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    path = folder / name
    path.write_bytes(bytes(data))
    return path


def tiff_many_frames(folder: Path, name: str = "frames.tiff", frames: int = 2_000, size: tuple[int, int] = (64, 64)) -> Path:
    path = folder / name
    page = Image.new("L", size, 255)
    page.save(path, "TIFF", save_all=True, append_images=[page] * (frames - 1), compression="tiff_deflate")
    return path


def tiff_large_frames(folder: Path, name: str = "big-frames.tiff", frames: int = 20,
                      size: tuple[int, int] = (8_900, 8_900)) -> Path:
    """Frames just under the pixel limit each (white, deflated to almost nothing)."""
    path = folder / name
    page = Image.new("L", size, 255)
    page.save(path, "TIFF", save_all=True, append_images=[page] * (frames - 1), compression="tiff_deflate")
    return path


IMAGE_BOMBS = {
    "png-claiming": png_claiming,
    "gif-claiming": gif_claiming,
    "tiff-claiming": tiff_claiming,
    "webp-claiming": webp_claiming,
    "jpeg-flood": jpeg_pixel_flood,
}


def oversized_file(folder: Path, name: str = "huge.pdf", size: int = 2 * 1024 ** 3) -> Path:
    """A sparse file of `size` bytes that begins like a PDF (costs no disk space)."""
    path = folder / name
    with path.open("wb") as out:
        out.write(_one_page())
        out.truncate(size)
    return path


# --- corrupted variants of real files ------------------------------------------------------------

MUTATIONS = ("truncate", "flip", "insert", "delete", "splice", "zero-run", "number", "name")
_NUMBER = re.compile(rb"(?<![0-9.])-?[0-9]{1,10}(?![0-9.])")
_NAME = re.compile(rb"/[A-Za-z][A-Za-z0-9]{1,20}")
_EXTREME_NUMBERS = (b"0", b"-1", b"1", b"2147483648", b"4294967295", b"99999999999999999999", b"-99999999", b"65535", b"1e308")
_PDF_NAMES = (b"/FlateDecode", b"/LZWDecode", b"/DCTDecode", b"/JBIG2Decode", b"/JPXDecode", b"/CCITTFaxDecode", b"/RunLengthDecode",
              b"/ASCII85Decode", b"/Crypt", b"/ObjStm", b"/XRef", b"/Page", b"/Pages", b"/Kids", b"/Parent", b"/Contents",
              b"/Resources", b"/Length", b"/Filter", b"/DecodeParms", b"/Predictor", b"/Columns", b"/Type0", b"/Indexed",
              b"/ICCBased", b"/Annots", b"/AcroForm", b"/Fields", b"/Names", b"/Outlines", b"/Rotate", b"/MediaBox", b"/Null")


def mutate(data: bytes, rng: random.Random, kind: str | None = None) -> tuple[str, bytes]:
    """One corrupted variant of `data`: (the mutation applied, the bytes)."""
    kind = kind or rng.choice(MUTATIONS)
    buffer = bytearray(data)
    size = len(buffer)
    if kind == "truncate":
        return kind, bytes(buffer[: rng.randrange(1, size)])
    if kind == "flip":
        for _ in range(rng.choice((1, 2, 8, 64))):
            position = rng.randrange(size)
            buffer[position] ^= 1 << rng.randrange(8)
        return kind, bytes(buffer)
    if kind == "insert":
        position = rng.randrange(size)
        return kind, bytes(buffer[:position] + rng.randbytes(rng.choice((1, 4, 100, 4096))) + buffer[position:])
    if kind == "delete":
        position = rng.randrange(size)
        return kind, bytes(buffer[:position] + buffer[position + rng.choice((1, 4, 100, 4096)):])
    if kind in ("number", "name"):  # structure-aware: an extreme number, or another PDF name, in place of one
        found = list((_NUMBER if kind == "number" else _NAME).finditer(data[:4_000_000]))
        if found:
            match = rng.choice(found)
            value = rng.choice(_EXTREME_NUMBERS if kind == "number" else _PDF_NAMES)
            return kind, data[:match.start()] + value + data[match.end():]
        kind = "flip"
        buffer[rng.randrange(size)] ^= 1 << rng.randrange(8)
        return kind, bytes(buffer)
    if kind == "splice":  # a block copied over another place of the same file
        length = rng.randrange(1, max(2, size // 10))
        source, target = rng.randrange(size), rng.randrange(size)
        buffer[target:target + length] = buffer[source:source + length]
        return kind, bytes(buffer)
    position = rng.randrange(size)
    end = min(size, position + rng.choice((16, 512, 8192)))
    buffer[position:end] = bytes(end - position)
    return "zero-run", bytes(buffer)


def variants(data: bytes, count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    for _ in range(count):
        yield mutate(data, rng)


def object_stream_bomb_pdf(folder: Path, name: str = "objstm-bomb.pdf", arrays: int = 300, width: int = 99_000) -> Path:
    """Arrays of ~100 000 numbers packed in compressed object streams: kilobytes on disk,
    hundreds of millions of parsed objects (one object stream per 100 arrays)."""
    per_stream = 100
    numbers = b"[" + b"0 " * width + b"]"
    first_array = 6
    refs = b" ".join(b"%d 0 R" % (first_array + index) for index in range(arrays))
    head = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> /Wide [" + refs + b"] >>",
            stream(_HELLO), _FONT]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, tuple[int, int, int]] = {}  # number -> (type, field2, field3)
    for number, body in enumerate(head, start=1):
        offsets[number] = (1, out.tell(), 0)
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    stream_number = first_array + arrays
    for start in range(0, arrays, per_stream):
        members = list(range(first_array + start, first_array + min(arrays, start + per_stream)))
        header, body = b"", b""
        for index, number in enumerate(members):
            header += b"%d %d " % (number, len(body))
            body += numbers + b"\n"
            offsets[number] = (2, stream_number, index)
        packed = zlib.compress(header + body, 9)
        offsets[stream_number] = (1, out.tell(), 0)
        out.write(b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
                  % (stream_number, len(members), len(header), len(packed)) + packed + b"\nendstream\nendobj\n")
        stream_number += 1
    xref_number = stream_number
    offsets[xref_number] = (1, out.tell(), 0)
    rows = b"\x00\x00\x00\x00\x00\xff\xff" + b"".join(
        struct.pack(">BIH", *offsets[n]) for n in range(1, xref_number + 1))
    packed = zlib.compress(rows)
    out.write(b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n"
              % (xref_number, xref_number + 1, len(packed)) + packed + b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number][1])
    path = folder / name
    path.write_bytes(out.getvalue())
    return path


PDF_BOMBS["objstm-bomb"] = object_stream_bomb_pdf


def gif_large_palette(folder: Path, name: str = "large.gif", size: tuple[int, int] = (8_900, 8_900)) -> Path:
    """A real palette picture just under the pixel limit, with a transparent colour."""
    path = folder / name
    Image.new("P", size, 0).save(path, "GIF", transparency=0)
    return path


def png_large_gray16(folder: Path, name: str = "large16.png", size: tuple[int, int] = (8_900, 8_900)) -> Path:
    path = folder / name
    Image.new("I;16", size, 40_000).save(path, "PNG")
    return path


# --- a PDF with every kind of active content and private metadata ----------------------------------

HOSTILE_MARKER = "LAWDESK-HOSTILE"
PRIVATE_MARKER = "lawdesk-private-7f3a"  # stands for a user name or a path of the sender's machine


def hostile_pdf(folder: Path, name: str = "hostile.pdf", photo: Path | None = None) -> Path:
    """What evidence_factory.active_pdf does not cover: PDF 2.0 associated files, a /Thread action
    to a remote file, a 3D annotation carrying a script, additional actions on the page tree node,
    a web link on a form button, GoToR/SubmitForm/ImportData actions, a name tree of scripts with
    kids, a web link in a bookmark, a base URI, and private metadata (document information, XMP,
    page PieceInfo, the EXIF of an embedded JPEG photo when `photo` is given)."""
    from pypdf import PdfWriter
    from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject,
                               NumberObject, TextStringObject)

    def name_(value: str) -> NameObject:
        return NameObject(value)

    def action(kind: str, **fields: object) -> DictionaryObject:
        result = DictionaryObject({name_("/Type"): name_("/Action"), name_("/S"): name_(kind)})
        result.update({name_(f"/{k}"): (TextStringObject(v) if isinstance(v, str) else v) for k, v in fields.items()})
        return result

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = writer._add_object(DictionaryObject({name_("/Type"): name_("/Font"), name_("/Subtype"): name_("/Type1"),
                                                name_("/BaseFont"): name_("/Helvetica")}))
    resources = DictionaryObject({name_("/Font"): DictionaryObject({name_("/F1"): font})})
    content = b"BT /F1 18 Tf 60 760 Td (Hostile page) Tj ET"
    if photo is not None:
        with Image.open(photo) as picture:
            width, height = picture.size
        image = DecodedStreamObject()
        image.set_data(photo.read_bytes())
        image.update({name_("/Type"): name_("/XObject"), name_("/Subtype"): name_("/Image"), name_("/Width"): NumberObject(width),
                      name_("/Height"): NumberObject(height), name_("/ColorSpace"): name_("/DeviceRGB"),
                      name_("/BitsPerComponent"): NumberObject(8), name_("/Filter"): name_("/DCTDecode")})
        resources[name_("/XObject")] = DictionaryObject({name_("/Im0"): writer._add_object(image)})
        content += b" q 200 0 0 150 60 500 cm /Im0 Do Q"
    page[name_("/Resources")] = resources
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[name_("/Contents")] = writer._add_object(stream)

    def embedded(text: str) -> DictionaryObject:
        data = DecodedStreamObject()
        data.set_data(f"{HOSTILE_MARKER}-{text}".encode())
        data[name_("/Type")] = name_("/EmbeddedFile")
        return DictionaryObject({name_("/Type"): name_("/Filespec"), name_("/F"): TextStringObject(f"{text}.txt"),
                                 name_("/AFRelationship"): name_("/Supplement"),
                                 name_("/EF"): DictionaryObject({name_("/F"): writer._add_object(data)})})

    def annotation(fields: dict[str, object]) -> None:
        annot = DictionaryObject({name_("/Type"): name_("/Annot"),
                                  name_("/Rect"): ArrayObject([FloatObject(v) for v in (60, 600, 300, 640)])})
        annot.update({name_(k): v for k, v in fields.items()})  # type: ignore[misc]
        page.setdefault(name_("/Annots"), ArrayObject()).append(writer._add_object(annot))

    root = writer.root_object
    root[name_("/AF")] = ArrayObject([writer._add_object(embedded("catalog-af"))])
    page[name_("/AF")] = ArrayObject([writer._add_object(embedded("page-af"))])
    root[name_("/URI")] = DictionaryObject({name_("/Base"): TextStringObject(f"https://{HOSTILE_MARKER.lower()}.example/")})
    pages = root["/Pages"].get_object()
    pages[name_("/AA")] = DictionaryObject({name_("/O"): action("/JavaScript", JS=f"{HOSTILE_MARKER}-pages-node")})
    annotation({"/Subtype": name_("/Link"), "/A": action("/Thread", F=f"https://{HOSTILE_MARKER.lower()}.example/t.pdf", D=NumberObject(0))})
    annotation({"/Subtype": name_("/Link"), "/A": action("/GoToR", F=f"\\\\{HOSTILE_MARKER}\\share\\x.pdf",
                                                        D=ArrayObject([NumberObject(0), name_("/Fit")]))})
    annotation({"/Subtype": name_("/Widget"), "/FT": name_("/Btn"), "/T": TextStringObject("envoyer"),
                "/A": action("/SubmitForm", F=f"https://{HOSTILE_MARKER.lower()}.example/submit")})
    annotation({"/Subtype": name_("/Widget"), "/FT": name_("/Btn"), "/T": TextStringObject("site"),
                "/A": action("/URI", URI=f"https://{HOSTILE_MARKER.lower()}.example/button")})
    annotation({"/Subtype": name_("/Link"), "/A": action("/ImportData", F="donnees.fdf")})
    three_d = DecodedStreamObject()
    three_d.set_data(f"{HOSTILE_MARKER}-3d-script".encode())
    three_d.update({name_("/Type"): name_("/3D"), name_("/Subtype"): name_("/U3D"),
                    name_("/OnInstantiate"): writer._add_object(DecodedStreamObject())})
    annotation({"/Subtype": name_("/3D"), "/3DD": writer._add_object(three_d)})
    script = writer._add_object(action("/JavaScript", JS=f"{HOSTILE_MARKER}-name-tree"))
    leaf = writer._add_object(DictionaryObject({name_("/Names"): ArrayObject([TextStringObject("a"), script]),
                                                name_("/Limits"): ArrayObject([TextStringObject("a"), TextStringObject("a")])}))
    root[name_("/Names")] = DictionaryObject({name_("/JavaScript"): DictionaryObject({name_("/Kids"): ArrayObject([leaf])})})
    bookmark = writer.add_outline_item(title="Signet", page_number=0)
    bookmark.get_object()[name_("/A")] = action("/URI", URI=f"https://{HOSTILE_MARKER.lower()}.example/bookmark")
    page[name_("/PieceInfo")] = DictionaryObject({name_("/Editor"): DictionaryObject({name_("/Private"): TextStringObject(PRIVATE_MARKER)})})
    xmp = DecodedStreamObject()
    xmp.set_data(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                 f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{PRIVATE_MARKER}</dc:creator>'
                 f'</rdf:Description></rdf:RDF></x:xmpmeta>'.encode())
    xmp.update({name_("/Type"): name_("/Metadata"), name_("/Subtype"): name_("/XML")})
    root[name_("/Metadata")] = writer._add_object(xmp)
    writer.add_metadata({"/Author": PRIVATE_MARKER, "/Title": f"C:\\Users\\{PRIVATE_MARKER}\\Documents\\{name}",
                         "/Creator": f"Scanner of {PRIVATE_MARKER}"})
    path = folder / name
    with path.open("wb") as out:
        writer.write(out)
    return path


def hostile_email(folder: Path, name: str = "message.eml") -> Path:
    """An HTML-only e-mail that would load remote images, style sheets and frames if it were rendered."""
    from email.message import EmailMessage
    from email.policy import SMTP

    message = EmailMessage()
    message["From"] = "Centre de contact <ne-pas-repondre@anef.example.org>"
    message["To"] = "a.diallo@example.org"
    message["Date"] = "Tue, 15 Oct 2024 14:32:10 +0200"
    message["Subject"] = "Votre demande"
    message.set_content(
        "<html><head><link rel='stylesheet' href='https://tracker.example.com/style.css'>"
        "<style>@import url('https://tracker.example.com/import.css'); body{background:url(https://tracker.example.com/bg.png)}</style>"
        "</head><body><p>Madame,</p><img src='https://tracker.example.com/pixel.png'>"
        "<img src='file:///etc/passwd'><iframe src='https://tracker.example.com/frame'></iframe>"
        "<object data='https://tracker.example.com/object'></object>"
        "<p>Votre demande est en cours.</p></body></html>", subtype="html")
    path = folder / name
    path.write_bytes(message.as_bytes(policy=SMTP))
    return path


# --- watching what a build touches ------------------------------------------------------------------


class Watch:
    """Records, while active, every file opened (audit event "open") and every network attempt
    (audit events socket.* and urllib.Request, and calls to socket connect/create_connection/
    getaddrinfo, which are made to fail). One audit hook per process, installed on first use."""

    _installed = False
    _active: "Watch | None" = None

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.network: list[str] = []

    @classmethod
    def _hook(cls, event: str, args: tuple[object, ...]) -> None:
        watch = cls._active
        if watch is None:
            return
        if event == "open" and args and isinstance(args[0], (str, bytes)):
            path = args[0]
            watch.opened.append(path.decode("utf-8", "replace") if isinstance(path, bytes) else path)
        elif event.startswith("socket.") and event not in ("socket.__new__", "socket.gethostname"):
            watch.network.append(f"{event} {args!r}"[:300])
        elif event == "urllib.Request":
            watch.network.append(f"{event} {args!r}"[:300])

    def __enter__(self) -> "Watch":
        import socket
        import sys

        if not Watch._installed:
            sys.addaudithook(Watch._hook)
            Watch._installed = True
        self._saved = (socket.socket.connect, socket.socket.connect_ex, socket.create_connection, socket.getaddrinfo)

        def refuse(*args: object, **kwargs: object) -> None:
            self.network.append(f"call {args!r}"[:300])
            raise OSError("network access during a LawDesk build")

        socket.socket.connect = refuse  # type: ignore[method-assign]
        socket.socket.connect_ex = refuse  # type: ignore[method-assign]
        socket.create_connection = refuse  # type: ignore[assignment]
        socket.getaddrinfo = refuse  # type: ignore[assignment]
        Watch._active = self
        return self

    def __exit__(self, *exc: object) -> None:
        import socket

        Watch._active = None
        socket.socket.connect, socket.socket.connect_ex, socket.create_connection, socket.getaddrinfo = self._saved  # type: ignore[method-assign]

    def opened_under(self, folder: Path) -> list[str]:
        import os

        root = os.path.realpath(folder)
        return [p for p in self.opened if os.path.realpath(p) == root or os.path.realpath(p).startswith(root + os.sep)]
