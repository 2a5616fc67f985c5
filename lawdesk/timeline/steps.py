"""What the case records as having happened: the steps sent, the documents received, the decision.

Read leniently: the pre-flight reports malformed fields, the timeline only uses what it can read.
Only what happened on or before the day the case is judged counts: a step sent later is not
known yet at that date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

MODES = ("lrar", "email", "post", "hand", "online_form", "telerecours")
# procedure.received kinds that are decisions on the application.
DECISIONS = ("classement_sans_suite", "refus", "refus_avec_oqtf")
# The documents that give the applicant a provisional right of stay, and their text.
PROTECTIVE = {"apri": "article R. 431-15-1 du CESEDA", "recepisse": "article R. 431-12 du CESEDA"}


def day(value: Any) -> dt.date | None:
    """The date of an ISO string of the case, None when absent or not a calendar day."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _ids(value: Any) -> tuple[str, ...]:
    return tuple(p for p in value if isinstance(p, str)) if isinstance(value, list) else ()


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


@dataclass(frozen=True)
class Answer:
    date: dt.date | None
    summary: str | None
    piece: str | None


@dataclass(frozen=True)
class Step:
    """One entry of `steps`: `number` is its 1-based place in the list (field paths)."""

    number: int
    document: str
    sent: dt.date
    mode: str
    tracking: str | None
    received: dt.date | None
    deadline_days: int | None
    answer: Answer | None
    pieces: tuple[str, ...]
    description: str | None

    def received_by(self, when: dt.date) -> dt.date | None:
        """The avis de réception's date, if it was known on `when`."""
        return self.received if self.received and self.received <= when else None

    def deadline_end(self, when: dt.date) -> dt.date | None:
        """The last day given to the administration: N days after the AR (after sending without one)."""
        if self.deadline_days is None:
            return None
        return (self.received_by(when) or self.sent) + dt.timedelta(days=self.deadline_days)

    def answered_by(self, when: dt.date) -> Answer | None:
        answer = self.answer
        return answer if answer and (answer.date is None or answer.date <= when) else None

    @property
    def all_pieces(self) -> tuple[str, ...]:
        """The pièces proving the step and its answer."""
        extra = (self.answer.piece,) if self.answer and self.answer.piece else ()
        return self.pieces + tuple(p for p in extra if p not in self.pieces)


def steps(data: dict[str, Any], when: dt.date) -> list[Step]:
    """The steps sent on or before `when`, in date order."""
    claims = data.get("claims") if isinstance(data.get("claims"), dict) else {}
    default_days = claims.get("deadline_days")
    found = []
    items = data.get("steps")
    for number, item in enumerate(items if isinstance(items, list) else [], start=1):
        if not isinstance(item, dict):
            continue
        sent = day(item.get("sent"))
        if sent is None or sent > when or not isinstance(item.get("document"), str):
            continue
        days = item.get("deadline_days", default_days)
        answer = item.get("answer")
        found.append(Step(
            number=number,
            document=item["document"],
            sent=sent,
            mode=str(item.get("mode", "")),
            tracking=_text(item.get("tracking")),
            received=day(item.get("received")),
            deadline_days=days if isinstance(days, int) and not isinstance(days, bool) and days >= 0 else None,
            answer=Answer(day(answer.get("date")), _text(answer.get("summary")),
                          _text(answer.get("piece"))) if isinstance(answer, dict) else None,
            pieces=_ids(item.get("pieces")),
            description=_text(item.get("description")),
        ))
    return sorted(found, key=lambda s: (s.sent, s.number))


@dataclass(frozen=True)
class Received:
    """An item of `procedure.received`."""

    kind: str
    date: dt.date | None
    valid_until: dt.date | None
    piece: str | None

    @property
    def is_decision(self) -> bool:
        return self.kind in DECISIONS


def received(data: dict[str, Any], when: dt.date) -> list[Received]:
    """What the administration delivered on or before `when` (undated items included), by date."""
    procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
    items = procedure.get("received")
    found = [Received(str(r.get("kind", "other")), day(r.get("date")), day(r.get("valid_until")), _text(r.get("piece")))
             for r in (items if isinstance(items, list) else []) if isinstance(r, dict)]
    return sorted((r for r in found if r.date is None or r.date <= when), key=lambda r: r.date or dt.date.min)
