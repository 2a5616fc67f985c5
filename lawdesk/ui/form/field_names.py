"""What the lawyer calls each part of the case: section titles, field labels, list item names.

No Qt here. The form takes its labels from this table and the pre-flight panel describes
a problem's field path with it ("Démarches et incidents ANEF › Démarche n° 2 › Date"), so
both always say the same thing, even for a section not yet built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawdesk.errors import Problem
from lawdesk.i18n import _
from lawdesk.ui import labels
from lawdesk.ui.form.paths import FieldPath, parse_path


@dataclass(frozen=True)
class SectionName:
    title: str
    keys: tuple[str, ...]  # the top-level fields of the case it edits


def sections() -> list[SectionName]:
    """The sections of the case form, in order; the first also answers for unknown fields."""
    return [
        SectionName(_("Demandeur"), ("reference", "applicant", "format")),
        SectionName(_("Procédure"), ("procedure",)),
        SectionName(_("Démarches et incidents ANEF"), ("incidents",)),
        SectionName(_("Conséquences"), ("harms",)),
        SectionName(_("Pièces"), ("pieces",)),
        SectionName(_("Représentation"), ("counsel",)),
        SectionName(_("Demandes au juge"), ("claims",)),
        SectionName(_("Documents"), ("documents", "notes")),
        SectionName(_("Envois et échéances"), ("steps",)),
    ]


def section_index(path: FieldPath) -> int:
    return next((i for i, s in enumerate(sections()) if path and path[0] in s.keys), 0)


def _address(prefix: str) -> dict[str, str]:
    return {f"{prefix}.address": _("Adresse"), f"{prefix}.address.line1": _("Adresse"),
            f"{prefix}.address.line2": _("Complément d'adresse"), f"{prefix}.address.postal_code": _("Code postal"),
            f"{prefix}.address.city": _("Commune"), f"{prefix}.email": _("Courriel"), f"{prefix}.phone": _("Téléphone")}


def field_labels() -> dict[str, str]:
    """Label of each field, by path pattern (list indices written `[]`)."""
    return {
        "reference": _("Référence interne"),
        "applicant.civility": _("Civilité"),
        "applicant.family_name": _("Nom de famille"),
        "applicant.given_names": _("Prénoms"),
        "applicant.birth_date": _("Date de naissance"),
        "applicant.birth_place": _("Lieu de naissance"),
        "applicant.nationality": _("Nationalité"),
        "applicant.foreign_national_number": _("N° étranger (AGDREF)"),
        **_address("applicant"),
        "procedure.department": _("Département de résidence"),
        "procedure.kind": _("Nature de la demande"),
        "procedure.permit_requested": _("Titre demandé"),
        "procedure.current_permit": _("Titre de séjour en cours"),
        "procedure.current_permit.title": _("Intitulé du titre en cours"),
        "procedure.current_permit.number": _("Numéro du titre en cours"),
        "procedure.current_permit.expires": _("Date d'expiration"),
        "procedure.anef_deposit_date": _("Date du dépôt sur l'ANEF"),
        "procedure.anef_file_number": _("N° de dossier ANEF"),
        "procedure.received": _("Documents reçus de l'administration"),
        "procedure.received[].kind": _("Document"),
        "procedure.received[].date": _("Date"),
        "procedure.received[].piece": _("Pièce correspondante"),
        "procedure.received[].valid_until": _("Valable jusqu'au"),
        "procedure.acknowledgement": _("Accusé de réception de la demande"),
        "procedure.acknowledgement.date": _("Date de l'accusé de réception"),
        "procedure.acknowledgement.mentions_delays": _("Voies et délais de recours"),
        "procedure.acknowledgement.piece": _("Pièce correspondante"),
        "procedure.incomplete": _("Dossier incomplet"),
        "incidents[].date": _("Date"),
        "incidents[].channel": _("Canal"),
        "incidents[].reference": _("Référence"),
        "incidents[].description": _("Description"),
        "incidents[].pieces": _("Pièces justificatives"),
        "harms[].kind": _("Nature"),
        "harms[].date": _("Depuis le"),
        "harms[].description": _("Description"),
        "harms[].pieces": _("Pièces justificatives"),
        "pieces[].title": _("Titre"),
        "pieces[].date": _("Date du document"),
        "pieces[].files": _("Fichiers"),
        "counsel.kind": _("Le demandeur est représenté par"),
        "counsel.name": _("Nom"),
        "counsel.bar": _("Barreau"),
        "counsel.toque": _("Toque"),
        "counsel.representative": _("Représentée par"),
        **_address("counsel"),
        "claims.deadline_days": _("Délai laissé au préfet"),
        "claims.penalty_eur_per_day": _("Astreinte par jour de retard"),
        "claims.costs_eur": _("Frais (article L. 761-1 CJA)"),
        "claims.legal_aid": _("Aide juridictionnelle"),
        "documents": _("Documents à générer"),
        **{f"notes.{doc_id}": label for doc_id, label in labels.documents()},
        "steps": _("Envois"),
        "steps[].document": _("Document envoyé"),
        "steps[].sent": _("Date d'envoi"),
        "steps[].mode": _("Mode d'envoi"),
        "steps[].tracking": _("N° de suivi du recommandé"),
        "steps[].received": _("Date de l'avis de réception"),
        "steps[].deadline_days": _("Délai laissé"),
        "steps[].description": _("Description de l'envoi"),
        "steps[].pieces": _("Pièces (copie envoyée, avis de réception)"),
        "steps[].answer": _("Réponse"),
        "steps[].answer.date": _("Date de la réponse"),
        "steps[].answer.summary": _("Ce que dit la réponse"),
        "steps[].answer.piece": _("Pièce de la réponse"),
    }


def item_names() -> dict[str, str]:
    """Name of one item of each list, `{number}` being its 1-based position."""
    return {
        "procedure.received[]": _("Document reçu n° {number}"),
        "incidents[]": _("Démarche n° {number}"),
        "harms[]": _("Conséquence n° {number}"),
        "pieces[]": _("Pièce n° {number}"),
        "steps[]": _("Envoi n° {number}"),
    }


def pattern(path: FieldPath) -> str:
    """"incidents[].date" for ("incidents", 1, "date")."""
    text = ""
    for part in path:
        text += "[]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def label(path: FieldPath) -> str:
    return field_labels().get(pattern(path), str(path[-1]) if path else "")


def item_name(list_path: FieldPath, index: int) -> str:
    return item_names().get(pattern(list_path) + "[]", "{number}").format(number=index + 1)


def describe(path: FieldPath) -> str:
    """Where a field is, in words: its section, its list item if any, its label."""
    parts = [sections()[section_index(path)].title]
    labels = field_labels()
    items = item_names()
    start = 0
    for position, part in enumerate(path):
        if isinstance(part, int) and pattern(path[:position]) + "[]" in items:
            parts.append(item_name(path[:position], part))
            start = position + 1
    for end in range(len(path), start, -1):
        found = labels.get(pattern(path[:end]))
        if found:
            parts.append(found)
            break
    return " › ".join(parts)


_LINE = re.compile(r"^(?:(?P<level>error|warning): )?(?P<where>[^\s:][^:]*?) : (?P<message>.+)$", re.DOTALL)
_CODE = re.compile(r"« ([a-z_]+) »")


def _choice_labels() -> dict[str, str]:
    """Every coded value of the case format, by its label in the form (« renewal » → « Renouvellement »)."""
    found: dict[str, str] = {}
    for choices in (labels.procedure_kinds(), labels.received_kinds(), labels.channels(), labels.harm_kinds(),
                    labels.counsel_kinds(), labels.modes(), labels.step_documents()):
        found.update(choices)
    return found


def readable(line: str) -> str:
    """A line of the batch report in the form's words: « Avertissement — Démarches et incidents ANEF ›
    Démarche n° 3 › Pièces justificatives : … » for « warning: incidents.3.pieces : … », and
    « « Renouvellement » (renewal) » for a coded value. A file keeps its name; another line stays as it is."""
    match = _LINE.match(line)
    if match is None:
        return line
    path = re.sub(r"\.(\d+)(?=\.|$)", lambda found: f"[{found.group(1)}]", match["where"])
    return described(Problem(match["level"] or "", path, match["message"]))


def described(problem: Problem) -> str:
    """A problem of the pre-flight or of a build in the form's words (see `readable`)."""
    path = parse_path(problem.where)
    known = {key for section in sections() for key in section.keys}
    place = describe(path) if path and path[0] in known else problem.where
    message = problem.message
    if "«" in message:
        names = _choice_labels()
        message = _CODE.sub(lambda found: f"« {names[found.group(1)]} » ({found.group(1)})" if found.group(1) in names
                            else found.group(0), message)
    text = f"{place} : {message[:1].upper()}{message[1:]}" if place else f"{message[:1].upper()}{message[1:]}"
    level = {"error": _("Erreur"), "warning": _("Avertissement")}.get(problem.level)
    return f"{level} — {text}" if level else text
