"""Which documents fit the date, and what the pre-flight says about the calendar of the case.

documents.md, « Timeline and remedies »: the référé « mesures utiles » fits a request not
registered or under instruction, once the letter's deadline has passed after its avis de réception
(a lawyer may file earlier when urgency requires it, saying why in `notes.refere`); once a
decision exists, implicit or explicit, the route is the recours pour excès de pouvoir with a
référé-suspension (CE, 28 novembre 2018, n° 420343).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lawdesk.errors import Problem, error, warning
from lawdesk.i18n import _
from lawdesk.timeline import calendar
from lawdesk.timeline.deadlines import referee_from, shown
from lawdesk.timeline.situation import Situation, Timeline, timeline
from lawdesk.timeline.steps import PROTECTIVE, day

# Step documents the timeline knows besides the generated ones: a request for reasons
# (L. 232-4 CRPA) and anything else sent to the administration.
OTHER_STEP_DOCUMENTS = ("motifs", "other")
DOCUMENTS_FIELD = "documents"


def _notes(data: dict[str, Any], doc_id: str) -> str:
    notes = data.get("notes") if isinstance(data.get("notes"), dict) else {}
    value = notes.get(doc_id)
    return value.strip() if isinstance(value, str) else ""


def urgency_recorded(data: dict[str, Any]) -> bool:
    """The lawyer explained in `notes.refere` why the référé cannot await the prefect's deadline."""
    return bool(_notes(data, "refere"))


def _after_decision(t: Timeline, title: str) -> str:
    if t.situation is Situation.DECISION:
        fact = _("une décision a été prise le {date}").format(date=shown(t.decision.date)) if t.decision.date \
            else _("une décision a été prise")
    else:
        fact = _("un rejet implicite est né le {date} ({basis})").format(date=shown(t.rejection), basis=t.rejection_basis)
    return _("{title} ne convient plus : {fact} ; le juge des référés ne peut ordonner une mesure qui ferait obstacle à son "
             "exécution (CE, 28 novembre 2018, n° 420343). La voie est le recours en annulation avec un référé-suspension "
             "(article L. 521-1 du code de justice administrative), que LawDesk ne rédige pas encore ; retirez « refere » "
             "des documents").format(title=title, fact=fact)


def _refere(t: Timeline, data: dict[str, Any]) -> list[Problem]:
    title = _("le référé mesures utiles")
    if t.situation in (Situation.IMPLICIT_REJECTION, Situation.DECISION):
        return [error(DOCUMENTS_FIELD, _after_decision(t, title))]
    problems = []
    urgent = urgency_recorded(data)
    start = referee_from(t)
    if t.letter is None:
        message = _("le référé suppose une lettre au préfet envoyée et restée sans effet à l'expiration de son délai : envoyez "
                    "d'abord la lettre et enregistrez son envoi (étapes), ou exposez dans les notes du référé l'urgence qui "
                    "justifie de ne pas l'attendre")
        problems.append(warning(DOCUMENTS_FIELD, message) if urgent else error(DOCUMENTS_FIELD, message))
    elif start and t.day < start:
        message = _("le délai laissé au préfet par la lettre du {sent} court jusqu'au {end} : le référé peut être déposé à partir "
                    "du {start}, ou plus tôt si les notes du référé exposent l'urgence qui justifie de ne pas l'attendre").format(
            sent=shown(t.letter.sent), end=shown(start - dt.timedelta(days=1)), start=shown(start))
        problems.append(warning(DOCUMENTS_FIELD, message) if urgent else error(DOCUMENTS_FIELD, message))
    if t.rejection and not t.incomplete and (t.rejection - t.day).days <= 30:
        problems.append(warning(DOCUMENTS_FIELD, _(
            "un rejet implicite naîtra le {date} : déposez le référé avant cette date ; ensuite, la voie sera le recours en "
            "annulation avec un référé-suspension").format(date=shown(t.rejection))))
    return problems + _urgency(t, data)


def _urgency(t: Timeline, data: dict[str, Any]) -> list[Problem]:
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


def _prior_contact(data: dict[str, Any]) -> bool:
    incidents = data.get("incidents")
    return any(isinstance(i, dict) and i.get("channel") in ("prefecture", "ccc", "pan")
               for i in (incidents if isinstance(incidents, list) else []))


def _letters(doc_id: str, t: Timeline, data: dict[str, Any]) -> list[Problem]:
    problems = []
    if t.situation in (Situation.IMPLICIT_REJECTION, Situation.DECISION):
        appeal = t.deadline("appeal")
        until = _(" (jusqu'au {date})").format(date=shown(appeal.date)) if appeal else ""
        problems.append(warning(DOCUMENTS_FIELD, _(
            "« {id} » : {situation} ; ce courrier ne suspend pas le délai de recours contentieux{until}").format(
            id=doc_id, situation=t.situation.label(), until=until)))
    if doc_id == "defenseur" and t.letter is None and not _prior_contact(data):
        problems.append(warning(DOCUMENTS_FIELD, _(
            "la Défenseure des droits demande une démarche préalable auprès de l'administration (article 6 de la loi organique "
            "n° 2011-333) : envoyez d'abord la lettre au préfet et enregistrez son envoi")))
    return problems


def document_problems(doc_id: str, t: Timeline, data: dict[str, Any]) -> list[Problem]:
    """What the calendar says of generating `doc_id` on the day `t` is judged."""
    if t.oqtf:
        return [error(DOCUMENTS_FIELD, _(
            "un refus avec obligation de quitter le territoire français a été notifié{date} : LawDesk ne rédige aucun document "
            "dans cette situation, dont les délais de recours sont d'un mois ou moins ; vérifiez-les sur la notification et "
            "agissez immédiatement").format(date=_(" le {date}").format(date=shown(t.decision.date)) if t.decision.date else ""))]
    if doc_id == "refere":
        return _refere(t, data)
    if doc_id in ("prefecture", "defenseur"):
        return _letters(doc_id, t, data)
    return []


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


def calendar_problems(data: dict[str, Any], when: dt.date, documents: list[str], known: tuple[str, ...]) -> list[Problem]:
    """Every problem the calendar raises for generating `documents` on `when`."""
    t = timeline(data, when)
    problems = _steps(data, known + OTHER_STEP_DOCUMENTS) + _procedure(t, data)
    sent = {s.document for s in t.steps}
    for doc_id in dict.fromkeys(documents):
        if doc_id not in sent:  # a document already sent is a pièce of what follows, not regenerated
            problems.extend(document_problems(doc_id, t, data))
    return list(dict.fromkeys(problems))


def fitting(data: dict[str, Any], when: dt.date, doc_ids: list[str]) -> dict[str, str | None]:
    """For the window: each document, and why it does not fit on `when` (None when it does)."""
    t = timeline(data, when)
    result = {}
    for doc_id in doc_ids:
        errors = [p for p in document_problems(doc_id, t, data) if p.is_error]
        result[doc_id] = errors[0].message if errors else None
    return result


__all__ = ["PROTECTIVE", "calendar_problems", "document_problems", "fitting", "urgency_recorded"]
