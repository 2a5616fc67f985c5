"""Which documents the window offers to generate on a date, and which it generates.

Every document of the registry is offered; one that does not fit the case on that date is not
available, with the reason (`lawdesk.procedures.checks.fitting`), and neither is one the case
records as already sent (it is a pièce of what follows, not written again). « Générer » writes the
chosen documents that are available; the window's pre-flight judges that same dossier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawdesk.i18n import _

if TYPE_CHECKING:
    from lawdesk.procedures.registry import Document
    from lawdesk.timeline import Timeline


@dataclass(frozen=True)
class Offered:
    id: str
    label: str  # the document's name in the interface
    chosen: bool  # in the case's `documents`
    sent: dt.date | None  # the day a step records it as sent
    reason: str | None  # why it does not fit the case on the date, None when it does

    @property
    def available(self) -> bool:
        return self.sent is None and self.reason is None


def _chosen(data: dict[str, Any]) -> list[str]:
    documents = data.get("documents")
    return [d for d in documents if isinstance(d, str)] if isinstance(documents, list) else []


def offer(data: dict[str, Any], today: dt.date) -> list[Offered]:
    """The documents in the order of the dossier: those chosen first, in their order, then the others."""
    from lawdesk.procedures import DOCUMENTS
    from lawdesk.procedures.checks import fitting
    from lawdesk.timeline import timeline

    chosen = _chosen(data)
    fit = fitting(data, today)
    t = timeline(data, today)
    sent: dict[str, dt.date] = {}
    for step in t.steps:
        sent.setdefault(step.document, step.sent)
    order = list(dict.fromkeys([d for d in chosen if d in DOCUMENTS] + list(DOCUMENTS)))
    return [Offered(d, _(DOCUMENTS[d].label), d in chosen, sent.get(d), _short(fit.get(d), DOCUMENTS[d], t))
            for d in order]


def _short(reason: str | None, spec: Document, t: Timeline) -> str | None:
    """Why a document does not fit, said beside its name: for a situation it does not fit, the situation
    and the reason of the registry (the pre-flight's sentence also names the document, the date, what
    fits and what to do); otherwise the pre-flight's sentence."""
    from lawdesk.procedures.common import situation_fact

    if reason is None or t.oqtf or spec.fits(t.situation) or not spec.unfit:
        return reason
    return _("{situation} ; {reason}").format(situation=situation_fact(t), reason=_(spec.unfit))


def to_generate(data: dict[str, Any], today: dt.date) -> list[str]:
    """The chosen documents that fit the date and were not sent yet, in dossier order."""
    return [o.id for o in offer(data, today) if o.chosen and o.available]


def as_generated(data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The case as « Générer » would build it: its documents are those it would write (the case as it
    is when there are none, so that the pre-flight says why)."""
    documents = to_generate(data, today)
    return {**data, "documents": documents} if documents else data
