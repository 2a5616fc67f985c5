"""The requête en annulation (recours pour excès de pouvoir) of the implicit rejection or of the
explicit decision, with the injunctions of articles L. 911-1 and L. 911-2 CJA (documents.md,
section 5)."""

from __future__ import annotations

from typing import Any

from lawdesk.errors import Problem, warning
from lawdesk.i18n import N_, _
from lawdesk.procedures.common import DECISION_SUBJECT, DOCUMENTS_FIELD, costs_without_lawyer
from lawdesk.procedures.decision import admissibility_problems, decision_context, merits_problem
from lawdesk.procedures.registry import AFTER_DECISION, Document, Filing
from lawdesk.timeline import Timeline

# documents.md « Timeline and remedies »: before any decision, the route is the référé mesures utiles.
NO_DECISION_YET = N_("aucune décision n'est encore née : le recours suppose une décision, expresse ou implicite (article "
                     "R. 421-1 du code de justice administrative)")


def _rules(t: Timeline, data: dict[str, Any]) -> list[Problem]:
    problems = admissibility_problems(t, data) + merits_problem(t, data, "annulation") + costs_without_lawyer(data)
    documents = data.get("documents") if isinstance(data.get("documents"), list) else []
    if "motifs" in documents and t.reasons_request is None:
        problems.append(warning(DOCUMENTS_FIELD, _(
            "la demande de motifs est rédigée avec la requête : le défaut de motivation ne pourra être invoqué que si les motifs "
            "ne sont pas communiqués dans le mois qui suit sa réception ; envoyez-la d'abord, puis complétez la requête")))
    return problems


DOCUMENT = Document(
    id="annulation",
    title="Requête en annulation",
    label=N_("Requête en annulation (recours pour excès de pouvoir)"),
    family="filings",
    template="filings/annulation.html.j2",
    situations=AFTER_DECISION,
    unfit=NO_DECISION_YET,
    subject=DECISION_SUBJECT,
    filing=Filing(folder="annulation", requete="Requete en annulation", copy_title="Copie de la requête en annulation"),
    rules=_rules,
    context=decision_context,
)
