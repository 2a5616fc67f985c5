"""Rules and words shared by several documents of the registry."""

from __future__ import annotations

from typing import Any

from lawdesk.errors import Problem, warning
from lawdesk.i18n import _
from lawdesk.timeline import Situation, Timeline, shown

DOCUMENTS_FIELD = "documents"
ANEF_SUBJECT = "Dysfonctionnement du téléservice ANEF"
DECISION_SUBJECT = "Recours contre le refus de titre de séjour"


def situation_fact(t: Timeline) -> str:
    """The situation of the procedure on the day, as a clause: « un rejet implicite est né le 20 mars 2025 »."""
    if t.situation is Situation.DECISION:
        return (_("une décision a été prise le {date}").format(date=shown(t.decision.date)) if t.decision.date
                else _("une décision a été prise"))
    if t.situation is Situation.IMPLICIT_REJECTION:
        return _("un rejet implicite est né le {date} ({basis})").format(date=shown(t.rejection), basis=t.rejection_basis)
    if t.situation is Situation.UNDER_INSTRUCTION:
        return _("la demande enregistrée le {date} est en cours d'instruction").format(date=shown(t.deposit))
    return _("la demande n'a pas été enregistrée par le téléservice")


def letter_after_decision(doc_id: str, t: Timeline) -> list[Problem]:
    """A letter sent once a decision exists does not stop the time limit to go to court."""
    if t.situation not in (Situation.IMPLICIT_REJECTION, Situation.DECISION):
        return []
    appeal = t.deadline("appeal")
    until = _(" (jusqu'au {date})").format(date=shown(appeal.date)) if appeal else ""
    return [warning(DOCUMENTS_FIELD, _(
        "« {id} » : {situation} ; ce courrier ne suspend pas le délai de recours contentieux{until}").format(
        id=doc_id, situation=t.situation.label(), until=until))]


def costs_without_lawyer(data: dict[str, Any]) -> list[Problem]:
    """documents.md « Costs »: without a lawyer, L. 761-1 covers only documented out-of-pocket costs."""
    counsel = data.get("counsel") if isinstance(data.get("counsel"), dict) else {}
    claims = data.get("claims") if isinstance(data.get("claims"), dict) else {}
    if not claims.get("costs_eur") or counsel.get("kind") == "lawyer":
        return []
    return [warning("claims.costs_eur", _(
        "sans avocat, l'article L. 761-1 du code de justice administrative ne couvre que les frais réellement exposés et justifiés "
        "(envois recommandés, copies, déplacements) : chiffrez-les au plus juste et joignez leurs justificatifs ; la requête "
        "les présente ainsi"))]
