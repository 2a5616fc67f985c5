"""French formatting for the documents: long dates, amounts, pièce citations, typography.

Everything here returns plain text; escaping belongs to the template environment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from babel.dates import format_date
from babel.numbers import format_decimal

NBSP = "\u00a0"  # before « : », inside « guillemets », after « n° », before « € »
NNBSP = "\u202f"  # narrow: before « ; ! ? » (and Babel's thousands separator)

# Characters XML 1.0 forbids (C0 controls except tab/newline/CR, surrogates, U+FFFE/U+FFFF):
# dropped from user text so that neither the HTML nor the DOCX can break.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


class FrenchDate(dt.date):
    """A date that prints itself in long French form, so that no ISO date reaches a document
    even when a (clinic's) template prints it without a filter."""

    def __str__(self) -> str:
        return long_date(self)

    def __html__(self) -> str:
        return long_date(self)

    @classmethod
    def parse(cls, value: object) -> FrenchDate | None:
        """The date of an ISO string from the case (None when absent or not a calendar day)."""
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            return None
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
        return cls(day.year, day.month, day.day)


def long_date(day: dt.date) -> str:
    """« 3 juin 2025 », « 1er août 2023 » (the first day of a month is an ordinal in French)."""
    text = format_date(day, "d MMMM y", locale="fr")
    return "1er" + text[1:] if day.day == 1 else text


def amount(value: float | int) -> str:
    """« 1 500 € », « 12,50 € » with the French (narrow non-breaking) thousands separator."""
    if float(value).is_integer():
        number = format_decimal(int(value), locale="fr")
    else:
        number = format_decimal(value, format="#,##0.00", locale="fr")
    return f"{number}{NBSP}€"


_NUMBERS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
            "onze", "douze", "treize", "quatorze", "quinze", "seize")


def counted(count: int, singular: str, plural: str, feminine: bool = False) -> str:
    """« huit jours », « une démarche », « 21 jours »: small numbers in words, as legal prose does."""
    if 0 <= count < len(_NUMBERS):
        number = "une" if count == 1 and feminine else _NUMBERS[count]
    else:
        number = format_decimal(count, locale="fr")
    return f"{number} {singular if count < 2 else plural}"


def citation(ids: Iterable[str], numbers: Mapping[str, int]) -> str:
    """« (pièce n° 4) », « (pièces n° 3 et 4) », « (pièces n° 1, 3 et 4) »; "" when nothing to cite.

    Ids the case does not number are skipped (the pre-flight reports them).
    """
    found = sorted({numbers[i] for i in ids if i in numbers})
    if not found:
        return ""
    if len(found) == 1:
        return f"(pièce n°{NBSP}{found[0]})"
    listed = ", ".join(str(n) for n in found[:-1])
    return f"(pièces n°{NBSP}{listed} et {found[-1]})"


def enumeration(items: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    return " et ".join(filter(None, (", ".join(items[:-1]), items[-1]))) if items else ""


def clean_text(value: object) -> str:
    """User text made safe for XML: forbidden characters dropped, whitespace collapsed."""
    return " ".join(_FORBIDDEN.sub("", str(value)).split())


def piece_title(value: object) -> str:
    """A pièce's title as every document shows it: as typed, except that XML-forbidden characters
    are dropped, spaces collapsed and ISO dates written in long form. Bookmarks and file names
    that must match the inventory should start from this."""
    return _ISO_DATE.sub(_iso_to_long, clean_text(value))


def paragraphs(value: object) -> list[str]:
    """Free text split into paragraphs at blank lines; blank text gives no paragraph."""
    text = _FORBIDDEN.sub("", str(value or ""))
    return [typo(block) for block in re.split(r"\n\s*\n", text) if block.strip()]


def _iso_to_long(match: re.Match[str]) -> str:
    day = FrenchDate.parse(match.group(0))
    return long_date(day) if day else match.group(0)


def _pair_quotes(text: str) -> str:
    """Straight double quotes, taken in pairs, become « guillemets »; an unpaired one stays."""
    return re.sub(r'"\s*([^"]*?)\s*"', lambda m: f"«{NBSP}{m.group(1)}{NBSP}»", text)


def typo(value: object) -> str:
    """French typography for free text typed by a user.

    Adds the non-breaking spaces French requires (before ; ! ? and :, inside « », after n°),
    turns "quotes" into « guillemets » and typewriter apostrophes between letters into ’,
    and writes ISO dates in long form. It only acts where the rule is unambiguous: a colon
    followed by a digit or a slash (10:30, https://) is left alone.
    """
    text = clean_text(value).replace("“", '"').replace("”", '"')
    text = _ISO_DATE.sub(_iso_to_long, text)
    text = _pair_quotes(text)
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
    text = re.sub(r"«\s*", f"«{NBSP}", text)
    text = re.sub(r"\s*»", f"{NBSP}»", text)
    text = re.sub(r"(?<=\S)[ \u00a0\u202f]*([;!?]+)(?=\s|$|[»)\]])", NNBSP + r"\1", text)
    text = re.sub(r"(?<=\S)[ \u00a0\u202f]*:(?=\s|$)", NBSP + ":", text)
    text = re.sub(r"\b([nN]°)\s*(?=\w)", r"\1" + NBSP, text)
    return text.replace("...", "…")


_DAY_MONTH = re.compile(r"\b(\d{1,2}|1er)[ \t\r\n]+(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
                        r"|novembre|décembre)\b")


def french_spacing(html: str) -> str:
    """Make the spaces that French typography wants non-breaking, in the text of rendered HTML.

    Template text is written with ordinary spaces (« Objet : », « n° 452798 »); this pass
    turns an existing space before ; : ! ?, inside « », after n°, between a day and its month
    (« 4 mars ») and in « L. 521-3 » into the non-breaking one, outside tags and outside <style>.
    It never inserts a space, so entities (&amp;), times and URLs are untouched.
    """
    parts = re.split(r"(<style[\s\S]*?</style>|<[^>]*>)", html)
    for index in range(0, len(parts), 2):  # even indexes are text between tags
        text = parts[index]
        text = re.sub(r"[ \t\r\n]+([;!?])", NNBSP + r"\1", text)
        text = re.sub(r"[ \t\r\n]+:(?=[\s<]|$)", NBSP + ":", text)
        text = re.sub(r"«[ \t\r\n]+", "«" + NBSP, text)
        text = re.sub(r"[ \t\r\n]+»", NBSP + "»", text)
        text = re.sub(r"\b([LRD]\.)[ \t\r\n]+(?=\d)", r"\1" + NBSP, text)  # article L. 521-3
        text = _DAY_MONTH.sub(r"\1" + NBSP + r"\2", text)  # « 4 mars » never split across lines
        parts[index] = re.sub(r"\b([nN]°)[ \t\r\n]+", r"\1" + NBSP, text)
    return "".join(parts)
