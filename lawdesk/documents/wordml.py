"""Paragraph blocks → WordprocessingML (<w:p> elements) for the body of a Word shell.

Written by hand rather than with docxtpl's RichText because a run of Arabic needs the
complex-script properties (w:rtl, w:cs, w:bCs) and the style must be given by id. Text is
XML-escaped here; characters XML forbids were already dropped from the case data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from lawdesk.documents.htmlblocks import Block, Run

# Arabic script (with its presentation forms); spaces between two Arabic words stay in the run.
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(f"[{_ARABIC}]+(?:[ \u00a0]+[{_ARABIC}]+)*")


def has_arabic(blocks: Iterable[Block]) -> bool:
    return any(_ARABIC_RUN.search(block.text) for block in blocks)


def _segments(text: str) -> Iterable[tuple[str, bool]]:
    """The text cut into (segment, is_arabic) pieces."""
    position = 0
    for found in _ARABIC_RUN.finditer(text):
        if found.start() > position:
            yield text[position:found.start()], False
        yield found.group(0), True
        position = found.end()
    if position < len(text):
        yield text[position:], False


def _run(text: str, bold: bool, italic: bool, arabic: bool) -> str:
    # Element order follows CT_RPr: b, bCs, i, iCs, ..., rtl, cs, lang.
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>" if arabic else "<w:b/>"
    if italic:
        props += "<w:i/><w:iCs/>" if arabic else "<w:i/>"
    if arabic:
        props += '<w:rtl/><w:cs/><w:lang w:bidi="ar-SA"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _runs(run: Run) -> str:
    if run.text == "\n":
        return "<w:r><w:br/></w:r>"
    if run.text == "\t":
        return "<w:r><w:tab/></w:r>"
    return "".join(_run(text, run.bold, run.italic, arabic) for text, arabic in _segments(run.text))


def paragraphs_xml(blocks: Iterable[Block], style_ids: dict[str, str]) -> str:
    """One <w:p> per block; `style_ids` maps Word style names to the ids of the shell."""
    return "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{escape(style_ids[block.style], {chr(34): "&quot;"})}"/></w:pPr>'
        f"{''.join(_runs(run) for run in block.runs)}</w:p>"
        for block in blocks
    )
