"""Stage 1: what to write, from the case and the date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lawdesk.bundle.assemble import BundleMetadata
from lawdesk.case.model import Case
from lawdesk.documents import DossierInfo
from lawdesk.errors import BlockingProblems, UnusableInput, error
from lawdesk.i18n import _
from lawdesk.procedures import DOCUMENTS
from lawdesk.timeline import Timeline, shown, timeline


@dataclass(frozen=True)
class Plan:
    """A build decided: `documents` are those written (bundle order), `checked` the case as the
    pre-flight judges it (asking for those documents), `info` what the templates know of the dossier."""

    case: Case
    checked: Case
    today: dt.date
    documents: list[str]
    info: DossierInfo
    templates_dir: Path | None
    pdfa: bool
    timeline: Timeline
    metadata: BundleMetadata


def applicant_name(data: dict[str, Any]) -> str:
    applicant = data.get("applicant", {})
    return f"{applicant.get('family_name', '')} {applicant.get('given_names', '')}".strip()


def requested_documents(case: Case, documents: list[str] | None, t: Timeline) -> list[str]:
    """The documents to write. A document the case records as sent is a pièce of what follows, not
    written again, unless `documents` names it (it is then dated the day it was sent)."""
    chosen = documents if documents is not None else list(case.data.get("documents") or [])
    unknown = [d for d in chosen if d not in DOCUMENTS]
    if unknown or not chosen:
        raise UnusableInput(_("documents demandés inconnus ou absents ({given}) ; choisissez parmi : {known}").format(
            given=", ".join(unknown) or "—", known=", ".join(DOCUMENTS)))
    if documents is not None:
        return chosen
    sent = {s.document: s.sent for s in t.steps}
    remaining = [d for d in chosen if d not in sent]
    if not remaining:
        listed = ", ".join(_("« {id} » le {date}").format(id=d, date=shown(sent[d])) for d in chosen)
        raise BlockingProblems([error("documents", _(
            "tous les documents demandés ont déjà été envoyés ({listed}) ; prochaine étape : {next}").format(
            listed=listed, next=t.next_step))])
    return remaining


def plan(case: Case, documents: list[str] | None, today: dt.date, templates_dir: Path | None, pdfa: bool) -> Plan:
    t = timeline(case.data, today)
    chosen = requested_documents(case, documents, t)
    counsel = case.data.get("counsel", {})
    name = applicant_name(case.data)
    # The bundle's metadata is part of a legal document: French whatever the interface language.
    metadata = BundleMetadata(title="Dossier {ref} — {name}".format(ref=case.reference, name=name),
                              author=name if counsel.get("kind") == "self" else str(counsel.get("name", "")),
                              subject=DOCUMENTS[chosen[0]].subject)
    return Plan(case, Case(case.folder, {**case.data, "documents": chosen}), today, chosen,
                DossierInfo(today=today, documents=chosen), templates_dir, pdfa, t, metadata)
