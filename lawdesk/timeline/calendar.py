"""The legal periods of the ANEF procedure, each with the text it comes from.

Only periods that `docs/legal/` marks [P] or [2S] are computed; everything here is pure date
arithmetic on the case's own dates (dateutil's `relativedelta` for « quatre mois », « un an »:
a period ending on a day the month lacks ends on its last day).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

# R. 432-2 CESEDA: silence kept for four months is an implicit rejection.
SILENCE = relativedelta(months=4)
SILENCE_BASIS = "articles R. 432-1 et R. 432-2 du CESEDA"
# R. 431-5 CESEDA: a holder applies for an ANEF-listed permit between the 120th and the 60th day before expiry.
RENEWAL_WINDOW_DAYS = (120, 60)
RENEWAL_WINDOW_BASIS = "article R. 431-5 du CESEDA"
# R. 421-1 / R. 421-2 CJA: two months to go to court.
APPEAL = relativedelta(months=2)
# Czabaj, Jounda Nguegoh: a reasonable time, in principle one year.
REASONABLE_TIME = relativedelta(years=1)
# L. 232-4 CRPA: the reasons of an implicit rejection are due within one month of the request.
REASONS_DUE = relativedelta(months=1)
# Harms and attempts older than this no longer show a current urgency (documents.md « Urgency »).
RECENT = relativedelta(months=3)


@dataclass(frozen=True)
class SilencePeriod:
    """A shorter R. 432-2 period, recognised from the words of `procedure.permit_requested`."""

    pattern: re.Pattern[str]
    days: int
    article: str


# R. 432-2 CESEDA (references-after-silence.md § 1, [P]): the permits whose silence period is shorter.
# The Blue Card's 30-day case (holder of another Member State's card) cannot be told from the case: 90 days
# is the period for a first Blue Card, and the pre-flight asks the user to check.
SHORTER_SILENCE = (
    SilencePeriod(re.compile(r"talent[\s-]*chercheur", re.I), 60, "R. 421-26"),
    SilencePeriod(re.compile(r"carte\s+bleue\s+europ", re.I), 90, "R. 421-23"),
    SilencePeriod(re.compile(r"saisonnier", re.I), 90, "R. 421-60"),
    SilencePeriod(re.compile(r"\bICT\b|salari[ée]\s+d[ée]tach[ée]", re.I), 90, "R. 421-43"),
    SilencePeriod(re.compile(r"recherche\s+d.emploi|cr[ée]ation\s+d.entreprise", re.I), 90, "R. 422-12"),
    SilencePeriod(re.compile(r"[ée]tudiant", re.I), 90, "R. 422-5"),
    SilencePeriod(re.compile(r"au\s+pair", re.I), 90, "R. 426-14"),
    SilencePeriod(re.compile(r"stagiaire", re.I), 90, "R. 426-17"),
)


def shorter_silence(permit_requested: str) -> SilencePeriod | None:
    return next((period for period in SHORTER_SILENCE if period.pattern.search(permit_requested)), None)


def implicit_rejection(deposit: dt.date, permit_requested: str) -> tuple[dt.date, str]:
    """The day the implicit rejection arises, and its basis."""
    period = shorter_silence(permit_requested)
    if period is None:
        return deposit + SILENCE, SILENCE_BASIS
    return (deposit + dt.timedelta(days=period.days),
            f"article R. 432-2 du CESEDA (délai de {period.days} jours pour le titre de l’article {period.article})")


def renewal_window(expires: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the R. 431-5 filing window for a permit expiring on `expires`."""
    opens, closes = (expires - dt.timedelta(days=days) for days in RENEWAL_WINDOW_DAYS)
    return opens, closes


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (« depuis plus de vingt mois »)."""
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months
