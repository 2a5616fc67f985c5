"""Each private attribute LawDesk relies on (lawdesk/private_api.py) still exists and means what
the code assumes. Checked against Python 3.11 to 3.13, pypdf 6.20 to 7.1 and python-docx 1.1 to
1.2; when a new version drops one, the failure names it, so the fix is made in that one module."""

from __future__ import annotations

import io
import multiprocessing
import subprocess
from concurrent.futures import ProcessPoolExecutor

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from lawdesk.private_api import (object_stream_of, pool_processes, raw_stream_data, replace_part_blob,
                                 replace_raw_stream_data)

GONE = "{} is gone from this version of {}: adapt lawdesk/private_api.py"


def _pid() -> int:
    import os

    return os.getpid()


def test_pool_processes_lists_the_running_workers():
    executor = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
    try:
        assert hasattr(executor, "_processes"), GONE.format("ProcessPoolExecutor._processes", "Python")
        pid = executor.submit(_pid).result(timeout=60)
        processes = pool_processes(executor)
        assert pid in processes
        assert all(process.is_alive() for process in processes.values())
    finally:
        executor.shutdown()


def _with_object_streams(folder) -> bytes:
    """A PDF whose objects sit in compressed object streams, as qpdf (and most producers) write them."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "flux d'objets"})
    plain, packed = folder / "plain.pdf", folder / "packed.pdf"
    writer.write(plain)
    subprocess.run(["qpdf", "--object-streams=generate", str(plain), str(packed)], check=True)
    return packed.read_bytes()


def test_object_stream_of_finds_the_container(tmp_path):
    reader = PdfReader(io.BytesIO(_with_object_streams(tmp_path)))
    assert hasattr(reader, "xref_objStm"), GONE.format("PdfReader.xref_objStm", "pypdf")
    info = reader.trailer.raw_get("/Info").idnum
    container = object_stream_of(reader, info)
    assert container is not None, "the document information sits in an object stream"
    assert reader.get_object(container)["/Type"] == "/ObjStm"
    assert object_stream_of(reader, container) is None  # an object stream is never compressed itself


def test_raw_stream_data_is_the_encoded_bytes():
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf (bonjour) Tj ET" * 20)
    encoded = stream.flate_encode()
    assert hasattr(encoded, "_data"), GONE.format("StreamObject._data", "pypdf")
    assert raw_stream_data(encoded) != encoded.get_data()
    assert encoded.get_data() == b"BT /F1 12 Tf (bonjour) Tj ET" * 20
    replace_raw_stream_data(encoded, raw_stream_data(stream.flate_encode(level=1)))
    assert encoded.get_data() == b"BT /F1 12 Tf (bonjour) Tj ET" * 20
    assert encoded[NameObject("/Filter")] == "/FlateDecode"


def test_replace_part_blob_changes_what_is_saved(tmp_path):
    document = docx.Document()
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    assert hasattr(part, "_blob"), GONE.format("Part._blob", "python-docx")
    xml = part.blob.replace(b"</w:fonts>", b'<w:font w:name="Marianne"/></w:fonts>')
    replace_part_blob(part, xml)
    document.save(tmp_path / "fonts.docx")
    reopened = docx.Document(tmp_path / "fonts.docx")
    table = next(rel.target_part for rel in reopened.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    assert b'w:name="Marianne"' in table.blob
