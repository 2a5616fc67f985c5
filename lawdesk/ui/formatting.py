"""Dates and numbers as the window shows them, formatted by Babel in the interface language
(British English: day before month, never the US order)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date, format_datetime

from lawdesk.i18n import current_language

LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def locale() -> str:
    """The Babel locale of the interface language."""
    return LOCALES.get(current_language(), current_language())


def short_date(value: Any) -> str:
    """"03/06/2025" for "2025-06-03"; a value that is not a date is shown as it is."""
    try:
        date = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        date = None
    if date is None:
        return "" if value is None else str(value)
    return format_date(date, "short", locale=locale())


def timestamp(seconds: float) -> str:
    """A file's modification time, "23/11/2025 11:15"."""
    return format_datetime(dt.datetime.fromtimestamp(seconds), "short", locale=locale())
