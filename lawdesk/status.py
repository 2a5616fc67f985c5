"""`lawdesk status` for people: the timeline, the situation, each deadline with the days left, the next step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lawdesk.i18n import _, ngettext
from lawdesk.timeline.deadlines import Deadline, shown
from lawdesk.timeline.situation import Timeline
from lawdesk.timeline.steps import Step, day


def mode_label(mode: str) -> str:
    return {"lrar": _("recommandé avec accusé de réception"), "email": _("courriel"), "post": _("courrier simple"),
            "hand": _("remise en main propre"), "online_form": _("formulaire en ligne"),
            "telerecours": _("Télérecours")}.get(mode, mode)


def channel_label(channel: object) -> str:
    return {"anef": _("téléservice ANEF"), "ccc": _("centre de contact citoyens"), "pan": _("point d'accueil numérique"),
            "prefecture": _("préfecture")}.get(str(channel), _("autre"))


def document_label(document: str) -> str:
    """What was sent, by its name in the interface (the registry's), « autre envoi » for the rest."""
    from lawdesk.procedures import DOCUMENTS

    if document in DOCUMENTS:
        return _(DOCUMENTS[document].label)
    return _("autre envoi") if document == "other" else document


def received_label(kind: str) -> str:
    return {"attestation_de_depot": _("attestation de dépôt"), "apri": _("attestation de prolongation d'instruction"),
            "recepisse": _("récépissé"), "classement_sans_suite": _("classement sans suite"), "refus": _("refus"),
            "refus_avec_oqtf": _("refus avec obligation de quitter le territoire"), "convocation": _("convocation"),
            "other": _("document de l'administration")}.get(kind, kind)


def step_line(step: Step, when: dt.date) -> str:
    parts = [_("{document} ({mode})").format(document=document_label(step.document), mode=mode_label(step.mode))]
    if step.tracking:
        parts.append(_("n° {tracking}").format(tracking=step.tracking))
    if (ar := step.received_by(when)) is not None:
        parts.append(_("avis de réception du {date}").format(date=shown(ar)))
    answer = step.answered_by(when)
    if answer is not None:
        parts.append(_("réponse du {date}").format(date=shown(answer.date)) if answer.date else _("réponse reçue"))
    elif step.document != "other":
        parts.append(_("sans réponse"))
    return ", ".join(parts)


def days_left(deadline: Deadline, when: dt.date) -> str:
    left = deadline.days_left(when)
    if left == 0:
        return _("aujourd'hui")
    if left > 0:
        return ngettext("dans {n} jour", "dans {n} jours", left).format(n=left)
    return ngettext("passée depuis {n} jour", "passée depuis {n} jours", -left).format(n=-left)


def events(t: Timeline, data: dict[str, Any]) -> list[tuple[dt.date, str]]:
    """The dated facts of the case known on the day, in date order."""
    found: list[tuple[dt.date, str]] = []
    incidents = data.get("incidents")
    for item in incidents if isinstance(incidents, list) else []:
        when = day(item.get("date")) if isinstance(item, dict) else None
        if when and when <= t.day:
            found.append((when, _("démarche ({channel}) : {text}").format(channel=channel_label(item.get("channel")),
                                                                          text=str(item.get("description", ""))[:90])))
    if t.deposit:
        found.append((t.deposit, _("dépôt enregistré sur le téléservice")))
    found += [(r.date, _("reçu : {kind}").format(kind=received_label(r.kind))) for r in t.received if r.date]
    found += [(s.sent, step_line(s, t.day)) for s in t.steps]
    return sorted(found, key=lambda item: item[0])


def status_lines(t: Timeline, data: dict[str, Any], reference: str) -> list[str]:
    lines = [_("{ref} — situation au {date} : {situation}").format(ref=reference, date=shown(t.day), situation=t.situation.label()),
             "", _("Chronologie :")]
    lines += [f"  {shown(when):<20} {text}" for when, text in events(t, data)] or ["  —"]
    lines += ["", _("Échéances :")]
    lines += [f"  {shown(d.date):<20} {d.what} — {days_left(d, t.day)}\n  {'':<20} ({d.basis})" for d in t.deadlines] or ["  —"]
    lines += ["", _("Prochaine étape : {step}").format(step=t.next_step)]
    return lines
