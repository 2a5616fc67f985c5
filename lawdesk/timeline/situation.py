"""The case at a date: its situation, the dates that matter with their legal basis, the next step.

documents.md, « Timeline and remedies »: a deposit registered on the téléservice starts the
R. 432-2 silence period; once it has run with no decision, an implicit rejection exists, even if
attestations or récépissés keep being issued (CE, avis, 6 mai 2025, n° 499904); a classement sans
suite or a refusal is a decision. Which remedy fits follows from the situation (`remedies`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from lawdesk.i18n import _
from lawdesk.timeline import calendar
from lawdesk.timeline.deadlines import Deadline, deadlines, next_step
from lawdesk.timeline.steps import PROTECTIVE, Received, Step, day, received, steps


class Situation(StrEnum):
    NOT_REGISTERED = "not_registered"
    UNDER_INSTRUCTION = "under_instruction"
    IMPLICIT_REJECTION = "implicit_rejection"
    DECISION = "decision"

    def label(self) -> str:
        return {
            "not_registered": _("demande non enregistrée par le téléservice"),
            "under_instruction": _("demande enregistrée, en cours d'instruction"),
            "implicit_rejection": _("rejet implicite (silence de l'administration)"),
            "decision": _("décision de l'administration"),
        }[self.value]


@dataclass(frozen=True)
class Timeline:
    day: dt.date
    situation: Situation
    kind: str  # procedure.kind
    deposit: dt.date | None
    incomplete: bool
    rejection: dt.date | None  # the day the implicit rejection arises (or would arise)
    rejection_basis: str
    decision: Received | None
    received: tuple[Received, ...]
    steps: tuple[Step, ...]
    permit_expires: dt.date | None
    window: tuple[dt.date, dt.date] | None  # R. 431-5, for a permit holder
    filing_date: dt.date | None  # the deposit, or the first attempt to file when none went through
    deadlines: tuple[Deadline, ...] = field(default=())
    next_step: str = ""

    def last(self, document: str) -> Step | None:
        """The latest step sending `document`."""
        return next((s for s in reversed(self.steps) if s.document == document), None)

    @property
    def letter(self) -> Step | None:
        return self.last("prefecture")

    @property
    def referral(self) -> Step | None:
        return self.last("defenseur")

    @property
    def reasons_request(self) -> Step | None:
        return self.last("motifs")

    @property
    def filed_in_time(self) -> bool | None:
        """Whether the filing (or its first attempt) fell inside the R. 431-5 window; None: not a holder."""
        if self.window is None or self.filing_date is None:
            return None
        return self.window[0] <= self.filing_date <= self.window[1]

    @property
    def oqtf(self) -> bool:
        return self.decision is not None and self.decision.kind == "refus_avec_oqtf"

    @property
    def covered_until(self) -> dt.date | None:
        """The latest day the permit or a protective document (APRI, récépissé) still covers."""
        ends = [r.valid_until for r in self.received if r.kind in PROTECTIVE and r.valid_until]
        if self.permit_expires:
            ends.append(self.permit_expires)
        return max(ends, default=None)

    @property
    def uncovered_since(self) -> dt.date | None:
        """Since when nothing covers the stay: the end of the last cover, once passed."""
        until = self.covered_until
        open_ended = any(r.kind in PROTECTIVE and r.valid_until is None for r in self.received)
        return until if until and until < self.day and not open_ended else None

    def deadline(self, kind: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.kind == kind), None)

    @property
    def next_deadline(self) -> Deadline | None:
        """The first deadline on or after the day the case is judged."""
        return next((d for d in self.deadlines if d.date >= self.day), None)

    def as_json(self) -> dict[str, Any]:
        return {"situation": self.situation.value, "dates": [d.as_json() for d in self.deadlines],
                "next_step": self.next_step}


def _procedure(data: dict[str, Any]) -> dict[str, Any]:
    return data.get("procedure") if isinstance(data.get("procedure"), dict) else {}


def _first_attempt(data: dict[str, Any], when: dt.date) -> dt.date | None:
    incidents = data.get("incidents")
    dates = [day(i.get("date")) for i in (incidents if isinstance(incidents, list) else [])
             if isinstance(i, dict) and i.get("channel") == "anef"]
    return min((d for d in dates if d and d <= when), default=None)


def timeline(data: dict[str, Any], when: dt.date) -> Timeline:
    """The case `data` as it stands on `when`."""
    procedure = _procedure(data)
    kind = str(procedure.get("kind", ""))
    deposit = day(procedure.get("anef_deposit_date"))
    if deposit and deposit > when:
        deposit = None
    permit = procedure.get("current_permit") if isinstance(procedure.get("current_permit"), dict) else {}
    expires = day(permit.get("expires"))
    window = calendar.renewal_window(expires) if expires and kind in ("renewal", "change_of_status") else None
    items = received(data, when)
    decision = next((r for r in reversed(items) if r.is_decision), None)
    incomplete = procedure.get("incomplete") is True
    rejection, basis = (calendar.implicit_rejection(deposit, str(procedure.get("permit_requested", "")))
                        if deposit else (None, ""))
    if decision is not None:
        situation = Situation.DECISION
    elif deposit is None:
        situation = Situation.NOT_REGISTERED
    elif rejection and when >= rejection and not incomplete:
        situation = Situation.IMPLICIT_REJECTION
    else:
        situation = Situation.UNDER_INSTRUCTION
    base = Timeline(
        day=when, situation=situation, kind=kind, deposit=deposit, incomplete=incomplete, rejection=rejection,
        rejection_basis=basis, decision=decision, received=tuple(items), steps=tuple(steps(data, when)),
        permit_expires=expires, window=window, filing_date=deposit or _first_attempt(data, when),
    )
    dated = replace(base, deadlines=tuple(deadlines(base, data)))
    return replace(dated, next_step=next_step(dated))
