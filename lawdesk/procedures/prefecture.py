"""The letter to the prefect (documents.md, section 1): the request for the solution de
substitution and for a document preserving the applicant's rights, within a deadline. It is
also the démarche préalable the Défenseure des droits requires."""

from __future__ import annotations

from typing import Any

from lawdesk.errors import Problem
from lawdesk.i18n import N_
from lawdesk.procedures.common import ANEF_SUBJECT, letter_after_decision
from lawdesk.procedures.registry import ANY_SITUATION, Document
from lawdesk.timeline import Timeline


def _rules(t: Timeline, _data: dict[str, Any]) -> list[Problem]:
    return letter_after_decision("prefecture", t)


DOCUMENT = Document(
    id="prefecture",
    title="Lettre au préfet",
    label=N_("Courrier au préfet"),
    family="letters",
    template="letters/prefecture.html.j2",
    situations=ANY_SITUATION,
    unfit="",
    subject=ANEF_SUBJECT,
    rules=_rules,
)
