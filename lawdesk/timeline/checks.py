"""What the pre-flight says about the calendar of the case: the steps recorded, the filing of the
request (R. 431-5 window, incomplete file, shorter silence periods), and what makes urgency hard
to show. Which documents fit the date is the registry's (`lawdesk.procedures`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lawdesk.errors import Problem, error, warning
from lawdesk.i18n import _
from lawdesk.timeline import calendar
from lawdesk.timeline.deadlines import shown
from lawdesk.timeline.situation import Timeline, timeline
from lawdesk.timeline.steps import day

# Besides the documents LawDesk writes, a step may record anything else sent to the administration.
OTHER_STEP_DOCUMENTS = ("other",)


def note(data: dict[str, Any], doc_id: str) -> str:
    """The lawyer's own text for document `doc_id` (`notes.<id>`), stripped; "" when absent."""
    notes = data.get("notes") if isinstance(data.get("notes"), dict) else {}
    value = notes.get(doc_id)
    return value.strip() if isinstance(value, str) else ""


def urgency_recorded(data: dict[str, Any]) -> bool:
    """The lawyer explained in `notes.refere` why the référé cannot await the prefect's deadline."""
    return bool(note(data, "refere"))


def urgency_problems(t: Timeline, data: dict[str, Any]) -> list[Problem]:
    """What makes urgency hard to show before a juge des référés (documents.md, « Urgency »)."""
    problems = []
    until = t.covered_until
    if until and until >= t.day:
        problems.append(warning("procedure", _(
            "le titre de séjour ou le document provisoire reste valable jusqu'au {date} : l'urgence sera difficile à établir "
            "tant qu'il couvre le séjour").format(date=shown(until))))
    dates = [day(item.get("date")) for name in ("incidents", "harms")
             for item in (data.get(name) if isinstance(data.get(name), list) else []) if isinstance(item, dict)]
    latest = max((d for d in dates if d and d <= t.day), default=None)
    if latest and latest + calendar.RECENT < t.day:
        problems.append(warning("incidents", _(
            "la démarche ou la conséquence la plus récente date du {date}, il y a plus de trois mois : le juge apprécie "
            "l'urgence au jour où il statue ; ajoutez les faits récents (nouvelle tentative, courrier, conséquence) avec "
            "leurs pièces").format(date=shown(latest))))
    harms = data.get("harms")
    if t.kind in ("first_application", "change_of_status") and not (isinstance(harms, list) and harms):
        problems.append(warning("harms", _(
            "l'urgence n'est pas présumée pour une première demande ou un changement de statut : décrivez les conséquences "
            "concrètes et récentes de la situation, avec leurs pièces")))
    return problems


def _steps(data: dict[str, Any], known: tuple[str, ...]) -> list[Problem]:
    problems = []
    items = data.get("steps")
    for number, item in enumerate(items if isinstance(items, list) else [], start=1):
        if not isinstance(item, dict):
            continue
        where = f"steps[{number}]"
        document = item.get("document")
        if isinstance(document, str) and document not in known:
            problems.append(error(f"{where}.document", _("« {id} » n'est pas un document connu ; indiquez {known}").format(
                id=document, known=", ".join(f"« {k} »" for k in known))))
        sent, received = day(item.get("sent")), day(item.get("received"))
        if sent and received and received < sent:
            problems.append(error(f"{where}.received", _("l'avis de réception ({received}) précède l'envoi ({sent}) ; vérifiez les dates").format(
                received=shown(received), sent=shown(sent))))
        answer = item.get("answer") if isinstance(item.get("answer"), dict) else {}
        answered = day(answer.get("date"))
        if sent and answered and answered < sent:
            problems.append(error(f"{where}.answer.date", _("la réponse ({answered}) précède l'envoi ({sent}) ; vérifiez les dates").format(
                answered=shown(answered), sent=shown(sent))))
        if not item.get("pieces"):
            problems.append(warning(f"{where}.pieces", _("aucune pièce ne prouve cet envoi : joignez la copie envoyée et, pour un "
                                                         "recommandé, l'avis de réception")))
        if item.get("mode") == "lrar" and not item.get("tracking"):
            problems.append(warning(f"{where}.tracking", _("recommandé sans numéro de suivi : indiquez le numéro de la lettre recommandée")))
    return problems


def _procedure(t: Timeline, data: dict[str, Any]) -> list[Problem]:
    problems = []
    procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
    if t.filed_in_time is False and t.window:
        where = "procedure.anef_deposit_date" if t.deposit else "incidents"
        filed = _("demande déposée le {date}") if t.deposit else _("première tentative de dépôt le {date}")
        problems.append(warning(where, _(
            "{filed}, hors du délai de l'article R. 431-5 du CESEDA (du {opens} au {closes}) : le préfet n'est pas tenu de "
            "délivrer l'attestation de prolongation d'instruction (article R. 431-15-1 du CESEDA) ; les documents ne disent pas "
            "que la demande a été présentée dans les délais").format(
            filed=filed.format(date=shown(t.filing_date)), opens=shown(t.window[0]), closes=shown(t.window[1]))))
    if t.incomplete and t.deposit:
        problems.append(warning("procedure.incomplete", _(
            "dossier incomplet : le silence vaut alors refus d'enregistrer la demande, et non rejet (CE, avis, 10 octobre 2024, "
            "n° 494718) ; aucune date de rejet implicite n'est calculée")))
    period = calendar.shorter_silence(str(procedure.get("permit_requested", "")))
    if period and t.deposit:
        problems.append(warning("procedure.permit_requested", _(
            "pour ce titre, le silence vaut rejet au bout de {days} jours (article R. 432-2 du CESEDA, titre de l'article {article}) "
            "et non de quatre mois : vérifiez que le titre demandé relève bien de cet article").format(
            days=period.days, article=period.article)))
    return problems


def timeline_problems(data: dict[str, Any], when: dt.date, known: tuple[str, ...]) -> list[Problem]:
    """What the calendar says of the case itself, whatever documents are asked for: the steps
    recorded (`known`: the document ids a step may name) and the filing of the request."""
    return _steps(data, known + OTHER_STEP_DOCUMENTS) + _procedure(timeline(data, when), data)
