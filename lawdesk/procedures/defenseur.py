"""The réclamation to the Défenseure des droits (documents.md, section 2). She requires a prior
step with the administration (loi organique n° 2011-333, article 6)."""

from __future__ import annotations

from typing import Any

from lawdesk.errors import Problem, warning
from lawdesk.i18n import N_, _
from lawdesk.procedures.common import ANEF_SUBJECT, DOCUMENTS_FIELD, letter_after_decision
from lawdesk.procedures.registry import ANY_SITUATION, Document
from lawdesk.timeline import Timeline


def _prior_contact(data: dict[str, Any]) -> bool:
    incidents = data.get("incidents")
    return any(isinstance(i, dict) and i.get("channel") in ("prefecture", "ccc", "pan")
               for i in (incidents if isinstance(incidents, list) else []))


def _mandate_listed(data: dict[str, Any]) -> bool:
    pieces = data.get("pieces")
    titles = " ".join(str(p.get("title", "")) for p in (pieces if isinstance(pieces, list) else []) if isinstance(p, dict))
    return "mandat" in titles.lower()


def _rules(t: Timeline, data: dict[str, Any]) -> list[Problem]:
    problems = letter_after_decision("defenseur", t)
    if t.letter is None and not _prior_contact(data):
        problems.append(warning(DOCUMENTS_FIELD, _(
            "la Défenseure des droits demande une démarche préalable auprès de l'administration (article 6 de la loi organique "
            "n° 2011-333) : envoyez d'abord la lettre au préfet et enregistrez son envoi")))
    counsel = data.get("counsel") if isinstance(data.get("counsel"), dict) else {}
    if counsel.get("kind") == "association" and not _mandate_listed(data):
        problems.append(warning("pieces", _(
            "l'association agit pour le demandeur auprès de la Défenseure des droits : joignez le mandat signé par le demandeur "
            "(une pièce dont le titre contient « mandat »)")))
    return problems


DOCUMENT = Document(
    id="defenseur",
    title="Réclamation auprès de la Défenseure des droits",
    label=N_("Réclamation à la Défenseure des droits"),
    family="letters",
    template="letters/defenseur.html.j2",
    situations=ANY_SITUATION,
    unfit="",
    subject=ANEF_SUBJECT,
    rules=_rules,
)
