"""Which documents fit the case on a date, and what the pre-flight says of those asked for.

documents.md, « Timeline and remedies »: each document of the registry declares the situations it
fits; the calendar's rules of each are its own module's. A refusal notified with an OQTF stops
every document: its time limits are shorter and LawDesk never computes them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lawdesk.errors import Problem, error
from lawdesk.i18n import _
from lawdesk.procedures import DOCUMENTS
from lawdesk.procedures.common import DOCUMENTS_FIELD, situation_fact
from lawdesk.procedures.registry import Document
from lawdesk.timeline import Timeline, shown, timeline, timeline_problems


def _oqtf(t: Timeline) -> Problem:
    when = _(" le {date}").format(date=shown(t.decision.date)) if t.decision and t.decision.date else ""
    return error(DOCUMENTS_FIELD, _(
        "un refus avec obligation de quitter le territoire français a été notifié{date} : LawDesk ne rédige aucun document "
        "dans cette situation, dont les délais de recours sont d'un mois ou moins ; vérifiez-les sur la notification et "
        "agissez immédiatement").format(date=when))


def fitting_labels(t: Timeline) -> str:
    """The documents that fit the situation, by their interface names."""
    return ", ".join(f"« {_(d.label)} »" for d in DOCUMENTS.values() if d.fits(t.situation))


def _unfit(spec: Document, t: Timeline) -> Problem:
    return error(DOCUMENTS_FIELD, _(
        "« {label} » ne convient plus à la date du {date} : {fact} ; {reason}. Ce qui convient : {fitting} ; retirez « {id} » "
        "des documents").format(label=_(spec.label), date=shown(t.day), fact=situation_fact(t), reason=_(spec.unfit),
                                fitting=fitting_labels(t), id=spec.id))


def _needs(spec: Document, t: Timeline, documents: list[str]) -> list[Problem]:
    sent = {s.document for s in t.steps}
    return [error(DOCUMENTS_FIELD, _(
        "« {label} » suppose « {needed} » dans le même dossier ou déjà envoyé (une étape) : ajoutez « {id} » aux documents").format(
        label=_(spec.label), needed=_(DOCUMENTS[need].label), id=need))
        for need in spec.needs if need not in documents and need not in sent]


def document_problems(spec: Document, t: Timeline, data: dict[str, Any], documents: list[str]) -> list[Problem]:
    """What the calendar says of writing `spec` on the day `t` is judged, in a dossier of `documents`."""
    if t.oqtf:
        return [_oqtf(t)]
    if not spec.fits(t.situation):
        return [_unfit(spec, t)]
    return _needs(spec, t, documents) + spec.rules(t, data)


def calendar_problems(data: dict[str, Any], when: dt.date, documents: list[str]) -> list[Problem]:
    """Every problem the calendar raises for writing `documents` on `when`. A document the case
    records as sent is a pièce of what follows, not written again: it raises nothing."""
    t = timeline(data, when)
    problems = timeline_problems(data, when, tuple(DOCUMENTS))
    sent = {s.document for s in t.steps}
    for doc_id in dict.fromkeys(documents):
        if doc_id in DOCUMENTS and doc_id not in sent:
            problems.extend(document_problems(DOCUMENTS[doc_id], t, data, documents))
    return list(dict.fromkeys(problems))


def fitting(data: dict[str, Any], when: dt.date) -> dict[str, str | None]:
    """For the window and the batch: each document of the registry, and why it does not fit on
    `when` (None when it does)."""
    t = timeline(data, when)
    chosen = [d for d in data.get("documents") or [] if isinstance(d, str)] if isinstance(data.get("documents"), list) else []
    result = {}
    for doc_id, spec in DOCUMENTS.items():
        errors = [p for p in document_problems(spec, t, data, chosen) if p.is_error and p.where == DOCUMENTS_FIELD]
        result[doc_id] = errors[0].message if errors else None
    return result
