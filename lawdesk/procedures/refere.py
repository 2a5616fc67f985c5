"""The requête en référé « mesures utiles » (article L. 521-3 CJA; documents.md, section 3).

It fits a request not registered or still under instruction, once the letter to the prefect has
gone unanswered past its deadline (a lawyer may file earlier when urgency requires it, saying why
in `notes.refere`). Once a decision exists, implicit or explicit, the judge cannot order a measure
that would hinder it (CE, 28 novembre 2018, n° 420343): the route is the recours en annulation
with a référé-suspension.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lawdesk.errors import Problem, error, warning
from lawdesk.i18n import N_, _
from lawdesk.procedures.common import ANEF_SUBJECT, DOCUMENTS_FIELD, costs_without_lawyer
from lawdesk.procedures.registry import BEFORE_DECISION, Document, Filing
from lawdesk.timeline import Timeline, referee_from, shown, urgency_problems, urgency_recorded

# Warn when the implicit rejection comes within this many days: the référé must be filed before it.
REJECTION_NEAR_DAYS = 30


def _rules(t: Timeline, data: dict[str, Any]) -> list[Problem]:
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
    if t.rejection and not t.incomplete and (t.rejection - t.day).days <= REJECTION_NEAR_DAYS:
        problems.append(warning(DOCUMENTS_FIELD, _(
            "un rejet implicite naîtra le {date} : déposez le référé avant cette date ; ensuite, la voie sera le recours en "
            "annulation avec un référé-suspension").format(date=shown(t.rejection))))
    claims = data.get("claims") if isinstance(data.get("claims"), dict) else {}
    if "deadline_days" not in claims:
        problems.append(error("claims.deadline_days", _(
            "le référé doit demander un délai d'exécution : indiquez le nombre de jours laissés au préfet")))
    return problems + urgency_problems(t, data) + costs_without_lawyer(data)


DOCUMENT = Document(
    id="refere",
    title="Requête en référé mesures utiles",
    label=N_("Requête en référé « mesures utiles »"),
    family="filings",
    template="filings/refere.html.j2",
    situations=BEFORE_DECISION,
    unfit=N_("le juge des référés ne peut ordonner une mesure qui ferait obstacle à l'exécution d'une décision administrative "
             "(CE, 28 novembre 2018, n° 420343)"),
    subject=ANEF_SUBJECT,
    filing=Filing(folder="refere-mesures-utiles", requete="Requete en refere mesures utiles"),
    rules=_rules,
)
