"""Write the Word shells templates/docx/letters.docx and filings.docx.

A shell holds what a clinic may restyle in Word: the page (A4, 2.5 cm margins), the named
"LawDesk …" paragraph styles the documents use, a header with the case reference and a
footer « page N / M ». Its body is one docxtpl placeholder, ``{{p body }}``, replaced by
the document's paragraphs. Run again after changing this script:

    python scripts/make_docx_shells.py
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawdesk.documents.docxfonts import ARABIC, SERIF  # noqa: E402
from lawdesk.documents.htmlblocks import STYLES  # noqa: E402

BULLET_NUMBERING_ID = 90
HEADER_SIZE = 8.5


@dataclass(frozen=True)
class Look:
    """What differs between the two families."""

    body_size: float
    line_spacing: float
    right_block_indent: Cm  # recipient, date and signature blocks of a letter


LOOKS = {
    "letters": Look(body_size=11, line_spacing=1.15, right_block_indent=Cm(9)),
    "filings": Look(body_size=11, line_spacing=1.25, right_block_indent=Cm(8)),
}


def _fonts_xml() -> str:
    return (f'<w:rFonts {nsdecls("w")} w:ascii="{SERIF}" w:hAnsi="{SERIF}" w:eastAsia="{SERIF}" '
            f'w:cs="{ARABIC}"/>')


def _set_default_fonts(document: Document, size: float) -> None:
    """Explicit fonts in the document defaults (theme fonts would win over them in Word)."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(parse_xml(_fonts_xml()))
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{int(size * 2)}"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="{int(size * 2)}"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/>'))


def _add_bullet_numbering(document: Document) -> None:
    """A « – » bullet list definition for the "LawDesk Liste" style."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLET_NUMBERING_ID}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="283"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{SERIF}" w:hAnsi="{SERIF}"/></w:rPr></w:lvl></w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{BULLET_NUMBERING_ID}">'
        f'<w:abstractNumId w:val="{BULLET_NUMBERING_ID}"/></w:num>'))


def _style(document: Document, name: str, base: str | None) -> object:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.quick_style = True
    if base:
        style.base_style = document.styles[base]
    return style


def _define_styles(document: Document, look: Look) -> None:
    corps = _style(document, "LawDesk Corps", None)
    corps.font.name = SERIF
    corps.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), ARABIC)
    corps.font.size = Pt(look.body_size)
    fmt = corps.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.space_before, fmt.space_after = Pt(0), Pt(6)
    fmt.line_spacing = look.line_spacing
    fmt.widow_control = True

    def derived(name: str, **settings: object) -> None:
        style = _style(document, name, "LawDesk Corps")
        font = settings.pop("font", {})
        for key, value in dict(font).items():
            setattr(style.font, key, value)
        for key, value in settings.items():
            setattr(style.paragraph_format, key, value)

    center, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    derived("LawDesk Titre", alignment=center, space_before=Pt(6), space_after=Pt(4), keep_with_next=True,
            font={"bold": True, "size": Pt(look.body_size + 2)})
    derived("LawDesk Sous-titre", alignment=center, space_after=Pt(14), keep_with_next=True,
            font={"italic": True})
    derived("LawDesk Intertitre", alignment=left, space_before=Pt(14), space_after=Pt(6), keep_with_next=True,
            font={"bold": True})
    derived("LawDesk Intertitre centré", alignment=center, space_before=Pt(14), space_after=Pt(6),
            keep_with_next=True, font={"bold": True})
    derived("LawDesk Sous-intertitre", alignment=left, space_before=Pt(10), space_after=Pt(4),
            keep_with_next=True, font={"bold": True, "italic": True})
    derived("LawDesk Adresse", alignment=left, space_after=Pt(10))
    derived("LawDesk Destinataire", alignment=left, left_indent=look.right_block_indent, space_after=Pt(14))
    derived("LawDesk Date", alignment=left, left_indent=look.right_block_indent, space_before=Pt(12),
            space_after=Pt(12), keep_with_next=True)
    derived("LawDesk Objet", alignment=left, space_after=Pt(4))
    derived("LawDesk Appel", alignment=left, space_before=Pt(14), space_after=Pt(10))
    derived("LawDesk Mention", alignment=left, space_after=Pt(14), font={"bold": True})
    derived("LawDesk Partie", left_indent=Cm(1), space_after=Pt(8))
    derived("LawDesk Liste", left_indent=Cm(1), first_line_indent=Cm(-0.5), space_after=Pt(4))
    derived("LawDesk Inventaire", alignment=left, left_indent=Cm(1.5), first_line_indent=Cm(-1.5),
            space_after=Pt(3))
    derived("LawDesk Signature", alignment=left, left_indent=look.right_block_indent, space_before=Pt(18),
            keep_together=True)
    liste = document.styles["LawDesk Liste"].element.get_or_add_pPr()
    liste.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{BULLET_NUMBERING_ID}"/></w:numPr>'))
    missing = set(STYLES) - {s.name for s in document.styles}
    assert not missing, f"styles used by the documents but not defined: {missing}"


def _field(instruction: str, size: float) -> object:
    return parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:rPr>'
                     f'<w:sz w:val="{int(size * 2)}"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>')


def _header_footer(document: Document) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "Réf. {{ reference }}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.runs[0].font.size = Pt(HEADER_SIZE)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("page ").font.size = Pt(HEADER_SIZE)
    footer._p.append(_field("PAGE", HEADER_SIZE))
    footer.add_run(" / ").font.size = Pt(HEADER_SIZE)
    footer._p.append(_field("NUMPAGES", HEADER_SIZE))


def make_shell(look: Look) -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.2)
    _set_default_fonts(document, look.body_size)
    _add_bullet_numbering(document)
    _define_styles(document, look)
    _header_footer(document)
    body = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    body.text = "{{p body }}"
    body.style = document.styles["LawDesk Corps"]
    package = document.part.package
    for rid in [rid for rid, rel in package.rels.items() if rel.reltype == RT.THUMBNAIL]:
        del package.rels[rid]  # python-docx's default template carries a picture of a blank page
    properties = document.core_properties
    properties.author = properties.last_modified_by = properties.comments = ""
    properties.title = properties.subject = properties.keywords = ""
    properties.language = "fr-FR"
    return document


def main() -> None:
    target = ROOT / "templates" / "docx"
    target.mkdir(parents=True, exist_ok=True)
    for family, look in LOOKS.items():
        make_shell(look).save(target / f"{family}.docx")
        print(f"wrote {target / f'{family}.docx'}")


if __name__ == "__main__":
    main()
