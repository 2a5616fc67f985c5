"""The dated deadlines of a case and the next step, each deadline with its legal basis.

The periods are in `calendar`; what is computed here is which of them apply, from the steps and
documents the case records. A period the sources do not support is never computed: a refusal
notified with an OQTF follows other, shorter deadlines, and the user is told to check them at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from lawdesk.i18n import _, current_language, ngettext
from lawdesk.timeline import calendar
from lawdesk.timeline.steps import PROTECTIVE, Step

if TYPE_CHECKING:
    from lawdesk.timeline.situation import Timeline


def shown(when: dt.date) -> str:
    """A date in long form in the interface language (« 1er mars 2025 », « March 1, 2025 »)."""
    if current_language() == "fr":
        from lawdesk.documents.french import long_date

        return long_date(when)
    return format_date(when, "long", locale=current_language())


@dataclass(frozen=True)
class Deadline:
    """A dated deadline: `kind` names it for scripts and the window, `what` for people."""

    kind: str
    what: str
    date: dt.date
    basis: str

    def days_left(self, when: dt.date) -> int:
        return (self.date - when).days

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "what": self.what, "date": self.date.isoformat(), "basis": self.basis}


def _letter(step: Step, when: dt.date) -> Deadline | None:
    end = step.deadline_end(when)
    if end is None:
        return None
    ar = step.received_by(when)
    days = ngettext("{n} jour", "{n} jours", step.deadline_days or 0).format(n=step.deadline_days)
    if ar:
        basis = _("délai de {days} fixé par la lettre du {sent}, à compter de sa réception le {received}").format(
            days=days, sent=shown(step.sent), received=shown(ar))
    else:
        basis = _("délai de {days} fixé par la lettre du {sent}, compté de son envoi faute d'avis de réception enregistré").format(
            days=days, sent=shown(step.sent))
    return Deadline("letter_deadline", _("Fin du délai laissé au préfet par la lettre du {sent}").format(sent=shown(step.sent)),
                    end, basis)


def _reasons(step: Step, when: dt.date) -> Deadline:
    start = step.received_by(when) or step.sent
    return Deadline("reasons_due", _("Communication des motifs demandés le {sent} (un mois)").format(sent=shown(step.sent)),
                    start + calendar.REASONS_DUE, "article L. 232-4 du code des relations entre le public et l’administration")


def _expiries(t: Timeline, data: dict[str, Any]) -> list[Deadline]:
    found = []
    if t.permit_expires:
        procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
        permit = procedure.get("current_permit") if isinstance(procedure.get("current_permit"), dict) else {}
        found.append(Deadline("permit_expires", _("Expiration du titre de séjour"), t.permit_expires,
                              str(permit.get("title") or _("titre de séjour en cours"))))
    names = {"apri": _("l'attestation de prolongation d'instruction"), "recepisse": _("le récépissé")}
    for item in t.received:
        if item.valid_until is None:
            continue
        name = names.get(item.kind, _("le document"))
        issued = _(" du {date}").format(date=shown(item.date)) if item.date else ""
        found.append(Deadline(f"{item.kind}_expires", _("Fin de validité de {name}{issued}").format(name=name, issued=issued),
                              item.valid_until, PROTECTIVE.get(item.kind, _("mention du document"))))
    return found


@dataclass(frozen=True)
class AppealTerm:
    """The time limit to go to court against the decision, and which rule sets it: `notified`
    (an explicit decision), `two_months` (implicit, with a compliant accusé de réception),
    `reasonable_time` (implicit, without one) or `reasons` (extended by a request for reasons)."""

    end: dt.date
    regime: str
    basis: str


def appeal_term(t: Timeline, data: dict[str, Any]) -> AppealTerm | None:
    """documents.md « Deadlines shown to the user »; None before any decision, and for a refusal
    with an OQTF, whose shorter deadlines LawDesk never computes."""
    decision = t.decision
    if decision is not None:
        if decision.kind == "refus_avec_oqtf" or decision.date is None:
            return None
        return AppealTerm(decision.date + calendar.APPEAL, "notified",
                          "article R. 421-1 du code de justice administrative (deux mois à compter de la notification, "
                          "si elle mentionne les voies et délais de recours : article R. 421-5 du même code)")
    if t.rejection is None or t.day < t.rejection or t.incomplete:
        return None
    procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
    ack = procedure.get("acknowledgement") if isinstance(procedure.get("acknowledgement"), dict) else {}
    if ack.get("mentions_delays") is True:
        term = AppealTerm(t.rejection + calendar.APPEAL, "two_months",
                          "article R. 421-2 du code de justice administrative ; accusé de réception mentionnant les voies "
                          "et délais de recours (articles L. 112-3 et L. 112-6 du code des relations entre le public et "
                          "l’administration)")
    else:
        term = AppealTerm(t.rejection + calendar.REASONABLE_TIME, "reasonable_time",
                          "délai raisonnable, en principe d’un an (CE, Ass., 13 juillet 2016, Czabaj, n° 387763 ; CE, "
                          "18 mars 2019, Jounda Nguegoh, n° 417270), faute d’accusé de réception mentionnant les délais "
                          "(article L. 112-6 du code des relations entre le public et l’administration) ; compté par "
                          "prudence de la naissance du rejet")
    request = t.reasons_request
    if request is not None and t.rejection <= request.sent <= term.end:
        answer = request.answered_by(t.day)
        outer = request.sent + calendar.REASONABLE_TIME
        end = min(answer.date + calendar.APPEAL, outer) if answer and answer.date else outer
        term = AppealTerm(end, "reasons",
                          "article L. 232-4 du code des relations entre le public et l’administration : délai prorogé "
                          "jusqu’à deux mois après la communication des motifs, et au plus tard un an après leur demande "
                          "(CE, avis, 2 octobre 2025, n° 504677)")
    return term


def _appeal(t: Timeline, data: dict[str, Any]) -> Deadline | None:
    term = appeal_term(t, data)
    if term is None:
        return None
    if t.decision is not None:
        what = _("Fin du délai de recours contre la décision du {date}").format(date=shown(t.decision.date))
    else:
        what = _("Fin du délai de recours contre le rejet implicite né le {date}").format(date=shown(t.rejection))
    return Deadline("appeal", what, term.end, term.basis)


def deadlines(t: Timeline, data: dict[str, Any]) -> list[Deadline]:
    """Every dated deadline of the case, in date order."""
    found: list[Deadline | None] = []
    for step in t.steps:
        if step.document == "prefecture":
            found.append(_letter(step, t.day))
        elif step.document == "motifs":
            found.append(_reasons(step, t.day))
    decided_before = t.decision is not None and t.decision.date is not None and t.rejection is not None \
        and t.decision.date < t.rejection
    if t.rejection and not t.incomplete and not decided_before:
        basis = t.rejection_basis
        if any(r.kind in PROTECTIVE for r in t.received):
            basis += " ; la délivrance d’un récépissé ou d’une attestation de prolongation d’instruction n’y fait pas obstacle (CE, avis, 6 mai 2025, n° 499904)"
        found.append(Deadline("implicit_rejection", _("Naissance du rejet implicite de la demande déposée le {date}").format(
            date=shown(t.deposit)), t.rejection, basis))
    if t.window:
        found.append(Deadline("window_opens", _("Ouverture du délai de dépôt de la demande (120e jour avant l'expiration du titre)"),
                              t.window[0], calendar.RENEWAL_WINDOW_BASIS))
        found.append(Deadline("window_closes", _("Fin du délai de dépôt de la demande (60e jour avant l'expiration du titre)"),
                              t.window[1], calendar.RENEWAL_WINDOW_BASIS))
    found.extend(_expiries(t, data))
    found.append(_appeal(t, data))
    return sorted((d for d in found if d is not None), key=lambda d: (d.date, d.kind))


def referee_from(t: Timeline) -> dt.date | None:
    """The first day the référé may be filed: the day after the prefect's deadline (None: no letter sent)."""
    letter = t.letter
    end = letter.deadline_end(t.day) if letter else None
    return end + dt.timedelta(days=1) if end else None


def next_step(t: Timeline) -> str:
    """What the user should do next, in one or two sentences."""
    from lawdesk.timeline.situation import Situation

    if t.oqtf:
        return _("Refus notifié avec une obligation de quitter le territoire français : les délais de recours sont d'un mois, "
                 "voire moins (sept jours en cas d'assignation à résidence ou de détention), et LawDesk ne les calcule pas. "
                 "Vérifiez-les immédiatement sur la notification et agissez sans attendre.")
    appeal = t.deadline("appeal")
    before = _(" avant le {date}").format(date=shown(appeal.date)) if appeal else ""
    if t.situation is Situation.DECISION:
        return _("Former un recours en annulation de la décision (« annulation »), avec si l'urgence le justifie un "
                 "référé-suspension (« suspension »){before}.").format(before=before)
    if t.situation is Situation.IMPLICIT_REJECTION:
        reasons = "" if t.reasons_request else _(
            "demander les motifs du rejet (« motifs », article L. 232-4 du code des relations entre le public et "
            "l'administration), puis ")
        return _("Un rejet implicite est né le {date} : {reasons}former un recours en annulation (« annulation »), avec si "
                 "l'urgence le justifie un référé-suspension (« suspension »){before}.").format(
            date=shown(t.rejection), reasons=reasons, before=before)
    letter = t.letter
    if letter is None:
        return _("Envoyer la lettre au préfet en recommandé avec accusé de réception, puis enregistrer son envoi "
                 "(date, numéro de suivi, avis de réception).")
    start = referee_from(t)
    referral = "" if t.referral else _(" ; saisir la Défenseure des droits")
    if start and t.day < start:
        return _("Attendre la réponse du préfet jusqu'au {end}{referral} ; le référé pourra être déposé à partir du {start}.").format(
            end=shown(start - dt.timedelta(days=1)), referral=referral, start=shown(start))
    until = _(", avant le {date}, jour où naîtra un rejet implicite").format(date=shown(t.rejection)) \
        if t.rejection and not t.incomplete else ""
    return _("Saisir le juge des référés (référé mesures utiles){until}{referral}.").format(until=until, referral=referral)

