"""Embed LawDesk's fonts in a DOCX, when its Word shell asks for it.

A shell saved with Word's « Incorporer les polices dans le fichier » option (w:embedTrueTypeFonts
in its settings) gets Noto Serif, and Noto Naskh Arabic when the text has Arabic, embedded as
obfuscated fonts (ECMA-376 Part 1, 17.8.1): the document then looks the same on a computer
without them. The built-in shells do not ask (it adds about 1.2 MB to each DOCX); Word and
LibreOffice otherwise substitute a system font that also covers Vietnamese, Cyrillic and Arabic.
"""

from __future__ import annotations

import uuid
from functools import cache

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from lawdesk.paths import resource
from lawdesk.private_api import replace_part_blob

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
SERIF = "Noto Serif"  # the Word fonts of the shells' styles: ascii/hAnsi, and complex scripts (cs)
ARABIC = "Noto Naskh Arabic"
FACES = {  # Word family → (fontTable element, file) per face
    SERIF: (("embedRegular", "NotoSerif-Regular.ttf"), ("embedBold", "NotoSerif-Bold.ttf"),
                   ("embedItalic", "NotoSerif-Italic.ttf"), ("embedBoldItalic", "NotoSerif-BoldItalic.ttf")),
    ARABIC: (("embedRegular", "NotoNaskhArabic-Regular.ttf"),
                          ("embedBold", "NotoNaskhArabic-Bold.ttf")),
}


def wants_embedded_fonts(document: Document) -> bool:
    return document.settings.element.find(qn("w:embedTrueTypeFonts")) is not None


def _font_key(file: str) -> str:
    """A fixed key per font file, so that the same input gives the same DOCX."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"lawdesk:font:{file}")).upper() + "}"


@cache
def obfuscated(file: str) -> bytes:
    """The font with its first 32 bytes XORed with its key, the GUID's bytes in reverse order."""
    data = bytearray(resource("fonts", file).read_bytes())
    key = bytes.fromhex(_font_key(file).strip("{}").replace("-", ""))[::-1]
    for index in range(32):
        data[index] ^= key[index % 16]
    return bytes(data)


def embed_fonts(document: Document, families: list[str]) -> None:
    """Add the faces of `families` to the document's font table as embedded fonts."""
    font_table = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    root = etree.fromstring(font_table.blob)
    for family in families:
        font = next((f for f in root.findall(qn("w:font")) if f.get(qn("w:name")) == family), None)
        if font is None:
            font = etree.SubElement(root, qn("w:font"), {qn("w:name"): family})
        for child in [c for c in font if c.tag.startswith(qn("w:embed"))]:
            font.remove(child)
        for element, file in FACES[family]:
            name = PackURI(f"/word/fonts/{file.removesuffix('.ttf')}.odttf")
            rid = font_table.relate_to(Part(name, OBFUSCATED_FONT, obfuscated(file), document.part.package), RT.FONT)
            etree.SubElement(font, qn(f"w:{element}"), {qn("r:id"): rid, qn("w:fontKey"): _font_key(file)})
    replace_part_blob(font_table, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
