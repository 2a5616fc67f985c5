"""HTML e-mail bodies → plain text. Remote HTML is never rendered (no image, style or script is fetched)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIPPED = frozenset({"head", "script", "style", "template", "noscript", "title"})
_BLOCKS = frozenset({"p", "div", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "pre", "hr", "section", "article", "header", "footer", "address"})
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_HTML_SPACES = re.compile(r"[ \t\r\n\f]+")  # not \s: a no-break space must stay one


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._link: str | None = None
        self._link_start = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag == "a":
            self._link = dict(attrs).get("href") or None
            self._link_start = len(self.parts)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag == "a" and self._link:
            text = "".join(self.parts[self._link_start:])
            target = self._link.removeprefix("mailto:")
            if self._link.startswith(_LINK_SCHEMES) and target not in text:
                self.parts.append(f" <{target}>")
            self._link = None

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(_HTML_SPACES.sub(" ", data))


def html_to_text(html: str) -> str:
    """Readable text: one line per block, list items bulleted, link targets kept after their text."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = [line.strip() for line in "".join(extractor.parts).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
