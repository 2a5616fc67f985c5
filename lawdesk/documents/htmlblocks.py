"""Rendered document HTML → paragraphs with named Word styles: the DOCX side of "one source".

The templates write a restricted HTML: headings, paragraphs (with classes), bullet lists,
<strong>/<em>, <br>. Each block element becomes a paragraph whose Word style comes from its
class (or an ancestor's), else from its tag; whitespace collapses as a browser collapses
it, so the Word text is the text WeasyPrint lays out. <head>, <style> and the running
<header>/<footer> of the PDF pages are skipped (the Word shell has its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Word style names (the shells in templates/docx/ define them; a clinic may restyle them).
CORPS = "LawDesk Corps"
TAG_STYLES = {
    "h1": "LawDesk Titre",
    "h2": "LawDesk Intertitre",
    "h3": "LawDesk Sous-intertitre",
    "li": "LawDesk Liste",
}
CLASS_STYLES = {
    "sous-titre": "LawDesk Sous-titre",
    "adresse": "LawDesk Adresse",
    "destinataire": "LawDesk Destinataire",
    "date": "LawDesk Date",
    "objet": "LawDesk Objet",
    "appel": "LawDesk Appel",  # the salutation and the closing formula of a letter
    "formule": "LawDesk Appel",
    "centre": "LawDesk Intertitre centré",
    "mention": "LawDesk Mention",
    "partie": "LawDesk Partie",
    "signature": "LawDesk Signature",
    "inventaire": "LawDesk Inventaire",
}
STYLES = (CORPS, *TAG_STYLES.values(), *CLASS_STYLES.values())

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
              "main", "body", "blockquote", "address", "table", "tr", "dl", "dt", "dd"}
SKIPPED_TAGS = {"head", "style", "script", "header", "footer", "title"}
VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "wbr"}
BOLD_TAGS = {"strong", "b", "th"}
ITALIC_TAGS = {"em", "i", "cite"}
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace (not the non-breaking spaces)


@dataclass
class Run:
    """Text with one formatting; "\n" alone is a line break, "\t" alone a tab."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    style: str
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._stack: list[tuple[str, list[str]]] = []
        self._skipping = 0
        self._current: Block | None = None

    # Structure -----------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping or tag in SKIPPED_TAGS:
            if tag not in VOID_TAGS:
                self._skipping += 1
            return
        if tag == "br":
            self._add("\n")
            return
        if tag in ("td", "th") and self._current and self._current.runs:
            self._add("\t")
        if tag in VOID_TAGS:
            return
        classes = next((value.split() for name, value in attrs if name == "class" and value), [])
        self._stack.append((tag, classes))
        if tag in BLOCK_TAGS:
            self._close_block()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag not in VOID_TAGS:
                self._skipping -= 1
            return
        if tag in VOID_TAGS:
            return
        for index in range(len(self._stack) - 1, -1, -1):  # tolerate unclosed inline tags
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break
        if tag in BLOCK_TAGS:
            self._close_block()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._add(_SPACES.sub(" ", data))

    # Content -------------------------------------------------------------------------------

    def _style(self) -> str:
        for tag, classes in reversed(self._stack):
            for name in classes if tag in BLOCK_TAGS else ():
                if name in CLASS_STYLES:
                    return CLASS_STYLES[name]
        for tag, _classes in reversed(self._stack):
            if tag in TAG_STYLES:
                return TAG_STYLES[tag]
        return CORPS

    def _add(self, text: str) -> None:
        if not text:
            return
        block = self._current
        if block is None:
            if not text.strip(" "):
                return
            block = self._current = Block(self._style())
            text = text.lstrip(" ")
        previous = block.runs[-1].text if block.runs else "\n"
        if text.startswith(" ") and (previous.endswith((" ", "\n", "\t"))):
            text = text[1:]
        if text in ("\n", "\t") and block.runs and block.runs[-1].text.endswith(" "):
            block.runs[-1].text = block.runs[-1].text[:-1]
        if not text:
            return
        tags = {tag for tag, _classes in self._stack}
        bold, italic = bool(tags & BOLD_TAGS), bool(tags & ITALIC_TAGS)
        last = block.runs[-1] if block.runs else None
        if last and (last.bold, last.italic) == (bold, italic) and text not in ("\n", "\t") \
                and last.text not in ("\n", "\t"):
            last.text += text
        else:
            block.runs.append(Run(text, bold, italic))

    def _close_block(self) -> None:
        block, self._current = self._current, None
        if block is None:
            return
        while block.runs and block.runs[-1].text in ("\n", "\t", " "):
            block.runs.pop()
        if block.runs:
            block.runs[-1].text = block.runs[-1].text.rstrip(" ")
        if block.text.strip():
            self.blocks.append(block)

    def close(self) -> None:
        super().close()
        self._close_block()


def html_blocks(html: str) -> list[Block]:
    """The paragraphs of a rendered document, in order, each with its Word style name."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.blocks
