"""Dates as people type them (« 12/03/1988 », « 12031988 », « 12.3.88 ») read into the case's ISO form.

No Qt here: the window's date fields use it, and anything else that reads a typed date may. A date
that cannot exist (« 31/02/2026 ») is never corrected into another one: it is kept as written, in
the ISO shape the pre-flight reads (« 2026-02-31 »), so that the check says the day does not exist
and the generation stops until it is fixed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lawdesk.i18n import _

# A two-digit year is read in this century unless that puts it more than this many years ahead.
CENTURY_WINDOW_YEARS = 20

_SEPARATED = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_GLUED = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")


@dataclass(frozen=True)
class TypedDate:
    """What a typed text gives: `value` for the case (an ISO date, the ISO shape of an impossible
    date, the text itself when unreadable, None when empty), `date` when it is a real day, and
    `problem`, a sentence for the user when it is not."""

    value: str | None
    date: dt.date | None = None
    problem: str | None = None


def full_year(year: str, today: dt.date) -> int:
    """« 88 » → 1988, « 05 » → 2005, « 1988 » → 1988."""
    number = int(year)
    if len(year) == 4:
        return number
    candidate = 2000 + number
    return candidate if candidate <= today.year + CENTURY_WINDOW_YEARS else candidate - 100


def read_typed_date(text: str, today: dt.date | None = None) -> TypedDate:
    """Read a date typed as day, month, year (with or without separators, a two- or four-digit year),
    or already in ISO form."""
    today = today or dt.date.today()
    typed = text.strip()
    if not typed:
        return TypedDate(None)
    if match := _ISO.match(typed):
        year, month, day = (int(part) for part in match.groups())
    elif match := _SEPARATED.match(typed) or _GLUED.match(typed):
        day, month = int(match.group(1)), int(match.group(2))
        year = full_year(match.group(3), today)
    else:
        return TypedDate(typed, problem=_("date illisible : écrivez le jour, le mois et l'année, par ex. 12/03/1988"))
    value = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        return TypedDate(value, dt.date(year, month, day))
    except ValueError:
        return TypedDate(value, problem=_("le {day:02d}/{month:02d}/{year} n'existe pas : vérifiez le jour et le mois").format(
            day=day, month=month, year=year))


def typed_form(value: object) -> str:
    """How a case value is shown for typing: « 12/03/1988 » for « 1988-03-12 », also for an impossible
    date kept in ISO shape; any other text as it is."""
    if not isinstance(value, str):
        return ""
    if match := _ISO.match(value.strip()):
        year, month, day = match.groups()
        return f"{int(day):02d}/{int(month):02d}/{year}"
    return value
