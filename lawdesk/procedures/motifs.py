"""The request for the reasons of the implicit rejection (article L. 232-4 CRPA; documents.md,
section 4). Sent within the time limit to go to court, it must be answered within one month, and
extends that limit until two months after the reasons are given, but never beyond one year from
the request (CE, avis, 2 octobre 2025, n° 504677)."""

from __future__ import annotations

from typing import Any

from lawdesk.errors import Problem, warning
from lawdesk.i18n import N_, _
from lawdesk.procedures.common import DECISION_SUBJECT, DOCUMENTS_FIELD
from lawdesk.procedures.decision import decision_context
from lawdesk.procedures.registry import Document
from lawdesk.timeline import Situation, Timeline, shown
from lawdesk.timeline.deadlines import appeal_term


def _rules(t: Timeline, data: dict[str, Any]) -> list[Problem]:
    term = appeal_term(t, data)
    if term is not None and t.day > term.end:
        return [warning(DOCUMENTS_FIELD, _(
            "le délai de recours contre le rejet implicite a expiré le {date} : une demande de motifs envoyée après ce délai ne le "
            "proroge pas (article L. 232-4 du code des relations entre le public et l'administration)").format(date=shown(term.end)))]
    return []


DOCUMENT = Document(
    id="motifs",
    title="Demande de communication des motifs",
    label=N_("Demande des motifs du rejet implicite"),
    family="letters",
    template="letters/motifs.html.j2",
    situations=frozenset({Situation.IMPLICIT_REJECTION}),
    unfit=N_("la demande de motifs de l'article L. 232-4 du code des relations entre le public et l'administration ne vise "
             "qu'une décision implicite de rejet"),
    subject=DECISION_SUBJECT,
    rules=_rules,
    context=decision_context,
)
