"""The requête en référé-suspension (article L. 521-1 CJA; documents.md, section 6): a separate
requête, which must include a copy of the requête en annulation (R. 522-1 CJA). Urgency is
presumed for a refusal to renew, even implicit (CE, 18 février 2022, n° 457933), not for a
first application or a change of status (CE, 3 novembre 2006, n° 291066)."""

from __future__ import annotations

from typing import Any

from lawdesk.errors import Problem, error
from lawdesk.i18n import N_, _
from lawdesk.procedures.annulation import NO_DECISION_YET
from lawdesk.procedures.common import DECISION_SUBJECT, costs_without_lawyer
from lawdesk.procedures.decision import admissibility_problems, decision_context, merits_problem
from lawdesk.procedures.registry import AFTER_DECISION, Document, Filing
from lawdesk.timeline import Timeline, note, shown, urgency_problems


def _rules(t: Timeline, data: dict[str, Any]) -> list[Problem]:
    problems = admissibility_problems(t, data) + merits_problem(t, data, "suspension", fallback="annulation")
    filed = t.last("annulation")
    if filed is not None and not filed.pieces:
        problems.append(error(f"steps[{filed.number}].pieces", _(
            "la requête en référé-suspension doit être accompagnée d'une copie de la requête en annulation (article R. 522-1 du "
            "code de justice administrative) : ajoutez la requête déposée le {date} aux pièces et rattachez-la à cet envoi").format(
            date=shown(filed.sent))))
    if t.kind != "renewal":
        problems += urgency_problems(t, data)
    return problems + costs_without_lawyer(data)


def suspension_context(t: Timeline, data: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The decision's facts, and the requête en annulation the suspension refers to: sent earlier (a
    step, with its pièces) or joined as the next pièce when written in the same dossier."""
    from lawdesk.documents.french import paragraphs

    context = decision_context(t, data, base)
    context["annulation"] = next((s for s in reversed(base["steps"].sent) if s.document == "annulation"), None)
    context["annulation_notes"] = paragraphs(note(data, "annulation"))  # its grounds, when the suspension has none of its own
    return context


DOCUMENT = Document(
    id="suspension",
    title="Requête en référé-suspension",
    label=N_("Requête en référé-suspension"),
    family="filings",
    template="filings/suspension.html.j2",
    situations=AFTER_DECISION,
    unfit=NO_DECISION_YET,
    subject=DECISION_SUBJECT,
    filing=Filing(folder="refere-suspension", requete="Requete en refere-suspension"),
    needs=("annulation",),
    carries=("annulation",),
    rules=_rules,
    context=suspension_context,
)
