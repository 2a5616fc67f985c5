"""The dates of a pièce, checked against the facts that cite it: the cross-check a careful lawyer
does by hand (« the e-mail of 15 October, cited for the call of 9 December? »).

A pièce's date comes from, in this order: its `date` field; the `Date:` header of its e-mails; the
dates read in its text (its own text layer, or the OCR of its pictures: the normalised pièce). An
incident or harm that cites a pièce none of whose dates is within MAX_DAYS_APART of the fact's own
date gets a warning naming both.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from lawdesk.errors import LawdeskError, Problem, warning
from lawdesk.evidence.limits import MAX_FILE_BYTES
from lawdesk.evidence.sniff import HEAD_SIZE, EvidenceKind, sniff
from lawdesk.i18n import _

MAX_DAYS_APART = 30
# Text read for dates: the first pages of a pièce are where a letter or a screen shows its date.
_TEXT_PAGES = 5
_TEXT_CHARS = 50_000
_MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
           "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
_LONG = re.compile(r"\b(1er|\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

Normalizer = Callable[[list[Path], list[str]], Any]  # (paths, shown) -> NormalizedPiece


class Dated:
    """The dates found for one pièce and where they come from (shown in the warning)."""

    def __init__(self, dates: list[dt.date], source: str) -> None:
        self.dates = dates
        self.source = source


def piece_dates(piece: dict[str, Any], paths: list[Path], shown: list[str], normalized: Normalizer) -> Dated | None:
    declared = _iso(piece.get("date"))
    if declared is not None:
        return Dated([declared], _("date indiquée pour la pièce"))
    kinds = [_kind(path) for path in paths]
    sent = [day for path, kind in zip(paths, kinds) if kind is EvidenceKind.EML for day in [_email_date(path)] if day]
    if sent:
        return Dated(sent, _("en-tête Date du courriel"))
    try:
        read = text_dates(normalized(paths, shown).pdf)
    except LawdeskError:
        return None  # an unusable file: the pre-flight already reports it
    return Dated(read, _("dates lues dans la pièce")) if read else None


def _kind(path: Path) -> EvidenceKind:
    try:
        return sniff(path) if path.is_file() and path.stat().st_size <= MAX_FILE_BYTES else EvidenceKind.UNKNOWN
    except OSError:
        return EvidenceKind.UNKNOWN


def _email_date(path: Path) -> dt.date | None:
    try:
        with path.open("rb") as stream:
            headers = BytesParser().parsebytes(stream.read(HEAD_SIZE), headersonly=True)
        return parsedate_to_datetime(str(headers.get("Date", ""))).date()
    except (OSError, TypeError, ValueError, IndexError):
        return None


def text_dates(pdf: bytes) -> list[dt.date]:
    """Every date written in the text of the first pages (« 9 décembre 2024 », 09/12/2024, 2024-12-09)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = ""
    for page in reader.pages[:_TEXT_PAGES]:
        text += (page.extract_text() or "") + "\n"
        if len(text) > _TEXT_CHARS:
            break
    text = text[:_TEXT_CHARS]
    found = [(int(1 if day.lower() == "1er" else day), _MONTHS[month.lower()], int(year)) for day, month, year in _LONG.findall(text)]
    found += [(int(day), int(month), int(year)) for day, month, year in _NUMERIC.findall(text)]
    found += [(int(day), int(month), int(year)) for year, month, day in _ISO.findall(text)]
    dates = []
    for day, month, year in found:
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return list(dict.fromkeys(dates))


def _iso(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def date_problems(data: dict[str, Any], files: Callable[[dict[str, Any]], tuple[list[Path], list[str]] | None],
                  normalized: Normalizer) -> list[Problem]:
    """A warning for each fact that cites a pièce dated far from it. `files` gives a pièce's resolved
    files and their names as written (None if one is unusable)."""
    from lawdesk.timeline import shown as long_date

    pieces = [piece for piece in data.get("pieces") or [] if isinstance(piece, dict)]
    numbers = {piece.get("id"): number for number, piece in enumerate(pieces, start=1)}
    dated: dict[Any, Dated | None] = {}
    problems: list[Problem] = []
    for kind in ("incidents", "harms"):
        facts = data.get(kind)
        for index, fact in enumerate(facts if isinstance(facts, list) else [], start=1):
            when = _iso(fact.get("date")) if isinstance(fact, dict) else None
            cited = fact.get("pieces") if isinstance(fact, dict) else None
            if when is None or not isinstance(cited, list):
                continue
            for reference in cited:
                if not isinstance(reference, str) or reference not in numbers:
                    continue
                piece = pieces[numbers[reference] - 1]
                if reference not in dated:
                    located = files(piece)
                    dated[reference] = piece_dates(piece, *located, normalized) if located else None
                found = dated[reference]
                if found is None or any(abs((day - when).days) <= MAX_DAYS_APART for day in found.dates):
                    continue
                nearest = min(found.dates, key=lambda day: abs((day - when).days))
                problems.append(warning(f"{kind}[{index}].pieces", _(
                    "ce fait du {fact_date} cite la pièce n° {number} ({title}), datée du {piece_date} ({source}) : "
                    "{days} jours d'écart ; vérifiez que c'est la bonne pièce, ou la date du fait").format(
                    fact_date=long_date(when), number=numbers[reference], title=piece.get("title", ""),
                    piece_date=long_date(nearest), source=found.source, days=abs((nearest - when).days))))
    return problems
