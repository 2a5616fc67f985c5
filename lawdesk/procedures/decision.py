"""What the documents written after a decision share: the decision attacked, the proof of the
application (R. 412-1 CJA), the request for reasons (L. 232-4 CRPA) and the time limit to go to
court (documents.md, « Timeline and remedies » and sections 4 to 6).

The rules here say what a filing needs to be admissible; the context gives the templates the
facts they argue from. Nothing here invents a ground on the merits: that is the lawyer's
(`notes.annulation`, `notes.suspension`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawdesk.case.pieces import piece_numbers
from lawdesk.errors import Problem, error, warning
from lawdesk.i18n import _
from lawdesk.timeline import Situation, Timeline, note, shown
from lawdesk.timeline.calendar import REASONS_DUE, shorter_silence
from lawdesk.timeline.deadlines import AppealTerm, appeal_term
from lawdesk.timeline.steps import PROTECTIVE

if TYPE_CHECKING:
    from lawdesk.documents.french import FrenchDate

# The decisions an explicit record can carry, as the requêtes name them.
DECISION_NAMES = {
    "classement_sans_suite": "la décision de classement sans suite",
    "refus": "la décision de refus de titre de séjour",
}
# Where the appeal term is clear enough for a late filing to be refused outright; a reasonable
# time (Czabaj) runs from when the applicant knew of the decision, which LawDesk cannot know.
STRICT_TERMS = ("two_months", "reasons")


def _procedure(data: dict[str, Any]) -> dict[str, Any]:
    return data.get("procedure") if isinstance(data.get("procedure"), dict) else {}


def _received_items(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    items = _procedure(data).get("received")
    return [(n, r) for n, r in enumerate(items if isinstance(items, list) else [], start=1) if isinstance(r, dict)]


def filing_proof(data: dict[str, Any]) -> list[str]:
    """The pièces proving the application and its date: the attestation de dépôt, the accusé de réception."""
    found = [r["piece"] for _n, r in _received_items(data)
             if r.get("kind") == "attestation_de_depot" and isinstance(r.get("piece"), str)]
    ack = _procedure(data).get("acknowledgement")
    if isinstance(ack, dict) and isinstance(ack.get("piece"), str):
        found.append(ack["piece"])
    return list(dict.fromkeys(found))


def _decision_record(t: Timeline, data: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
    """The `procedure.received` entry (1-based index, item) of the explicit decision, if one is recorded."""
    if t.decision is None:
        return None
    matching = [(n, r) for n, r in _received_items(data) if r.get("kind") == t.decision.kind
                and (r.get("date") == (t.decision.date.isoformat() if t.decision.date else None))]
    return matching[-1] if matching else None


def admissibility_problems(t: Timeline, data: dict[str, Any]) -> list[Problem]:
    """What a requête against the decision needs to be admissible: the decision or the proof of the
    application (R. 412-1 CJA), and a filing within the time limit."""
    problems = []
    if t.situation is Situation.IMPLICIT_REJECTION and not filing_proof(data):
        problems.append(error("procedure.received", _(
            "contre un rejet implicite, la requête doit être accompagnée de la pièce qui justifie du dépôt de la demande et de "
            "sa date (article R. 412-1 du code de justice administrative) : enregistrez l'attestation de dépôt parmi les documents "
            "reçus, avec sa pièce")))
    record = _decision_record(t, data)
    if t.situation is Situation.DECISION and record is not None and not isinstance(record[1].get("piece"), str):
        problems.append(error(f"procedure.received[{record[0]}].piece", _(
            "la requête doit être accompagnée de la décision attaquée (article R. 412-1 du code de justice administrative) : "
            "ajoutez-la aux pièces et rattachez-la à ce document reçu")))
    term = appeal_term(t, data)
    if term is not None and t.day > term.end:
        message = _("le délai de recours a expiré le {date} ({basis}) : la requête serait tardive").format(
            date=shown(term.end), basis=term.basis)
        if term.regime in STRICT_TERMS:
            problems.append(error("documents", message + _(" ; vérifiez les dates de la procédure")))
        else:
            problems.append(warning("documents", message + _(
                ", sauf à établir que le demandeur n'a eu connaissance de la décision que plus tard ; exposez-le dans les notes")))
    return problems


def reasons_overdue(t: Timeline) -> bool:
    """The reasons were asked for and the month to give them has run without an answer (L. 232-4 CRPA):
    the one ground LawDesk can establish from the case itself."""
    request = t.reasons_request
    if request is None or request.answered_by(t.day) is not None:
        return False
    return t.day > (request.received_by(t.day) or request.sent) + REASONS_DUE


def merits_problem(t: Timeline, data: dict[str, Any], doc_id: str, fallback: str = "") -> list[Problem]:
    """The grounds on the merits are the lawyer's (`notes.<id>`): LawDesk never invents one. Without
    them a requête rests on the lack of reasons when it can be shown, and has no ground otherwise."""
    if note(data, doc_id) or (fallback and note(data, fallback)):
        return []
    if reasons_overdue(t):
        return [warning(f"notes.{doc_id}", _(
            "aucun moyen de fond n'est rédigé : la requête ne soulèvera que le défaut de communication des motifs demandés ; "
            "rédigez dans les notes les moyens tirés du droit au titre de séjour"))]
    return [error(f"notes.{doc_id}", _(
        "la requête ne contiendrait aucun moyen : LawDesk ne rédige que ceux qu'il peut établir à partir du dossier (les motifs "
        "demandés et non communiqués dans le mois) ; rédigez dans les notes les moyens de la requête (droit au titre de séjour, "
        "erreur de droit ou d'appréciation…)"))]


@dataclass(frozen=True)
class Contested:
    """The decision attacked, as the requêtes designate it."""

    implicit: bool
    kind: str
    name: str  # « la décision de classement sans suite » (explicit decisions)
    date: FrenchDate | None  # the day it arose or was taken
    basis: str  # the texts that make silence a rejection (implicit decisions)
    period: str  # « quatre mois », « 90 jours »: how long the silence lasted (implicit decisions)
    cite: str  # the pièce of an explicit decision
    protective_issued: bool  # récépissés or attestations were issued: they did not prevent it (CE avis 499904)


@dataclass(frozen=True)
class Reasons:
    """The request for the reasons of the implicit rejection (L. 232-4 CRPA), when one was sent."""

    step: Any  # the SentStep of the base context
    due: FrenchDate  # one month after the request was received (or sent)
    answered: bool
    overdue: bool  # the month has run without an answer, on the document's date


@dataclass(frozen=True)
class Acknowledgement:
    """The accusé de réception of the application (L. 112-3 CRPA), as the case records it."""

    date: FrenchDate | None
    mentions_delays: bool  # it states the appeal routes and time limits (R. 112-5 CRPA)
    cite: str


@dataclass(frozen=True)
class Appeal:
    end: FrenchDate
    regime: str  # see timeline.deadlines.AppealTerm
    in_time: bool


def _contested(t: Timeline, data: dict[str, Any], numbers: dict[str, int]) -> Contested | None:
    from lawdesk.documents.french import FrenchDate, citation

    protective = any(r.kind in PROTECTIVE for r in t.received)
    if t.situation is Situation.IMPLICIT_REJECTION:
        shorter = shorter_silence(str(_procedure(data).get("permit_requested", "")))
        period = f"{shorter.days} jours" if shorter else "quatre mois"
        return Contested(True, "implicit_rejection", "", FrenchDate.parse(t.rejection), t.rejection_basis, period, "",
                         protective)
    if t.situation is Situation.DECISION and t.decision is not None:
        record = _decision_record(t, data)
        piece = record[1].get("piece") if record else None
        return Contested(False, t.decision.kind, DECISION_NAMES.get(t.decision.kind, "la décision"),
                         FrenchDate.parse(t.decision.date), "", "", citation([piece] if isinstance(piece, str) else [], numbers),
                         protective)
    return None


def _appeal(term: AppealTerm | None, when: dt.date) -> Appeal | None:
    from lawdesk.documents.french import FrenchDate

    return Appeal(FrenchDate.parse(term.end), term.regime, when <= term.end) if term else None


def decision_context(t: Timeline, data: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """What the templates of the documents written after a decision add to the shared context.
    (The documents package is imported here: the registry is read by the command line at start-up.)"""
    from lawdesk.documents.french import FrenchDate, citation

    numbers = piece_numbers(data)
    request = t.reasons_request
    reasons = None
    if request is not None:
        sent = next((s for s in base["steps"].sent if s.document == "motifs" and s.sent == request.sent), None)
        due = (request.received_by(t.day) or request.sent) + REASONS_DUE
        answered = request.answered_by(t.day) is not None
        reasons = Reasons(sent, FrenchDate.parse(due), answered, reasons_overdue(t))
    ack = _procedure(data).get("acknowledgement")
    acknowledgement = Acknowledgement(FrenchDate.parse(ack.get("date")), ack.get("mentions_delays") is True,
                                      citation([ack["piece"]] if isinstance(ack.get("piece"), str) else [], numbers)
                                      ) if isinstance(ack, dict) else None
    return {
        "decision": _contested(t, data, numbers),
        "appeal": _appeal(appeal_term(t, data), t.day),
        "reasons": reasons,
        "filing_proof": citation(filing_proof(data), numbers),
        "acknowledgement": acknowledgement,
    }
