"""What the case list shows of a case, from its data and its last report: the same for every store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawdesk.store.base import CaseStatus, CaseSummary, Holder, case_summary_fields, derive_status

if TYPE_CHECKING:
    from lawdesk.timeline import Deadline


@dataclass(frozen=True)
class Facts:
    """What the list needs of a case's data on one day (a server keeps them with the case)."""

    name: str
    foreign_number: str
    department: str
    has_errors: bool
    deadline: Deadline | None
    urgent: str


def case_facts(data: dict[str, Any], today: dt.date | None = None) -> Facts:
    from lawdesk.case.validate import validate_data  # imports jsonschema: kept off the start-up path
    from lawdesk.offer import as_generated
    from lawdesk.timeline import timeline

    today = today or dt.date.today()
    t = timeline(data, today)
    return Facts(*case_summary_fields(data), any(p.is_error for p in validate_data(as_generated(data, today), today)),
                 t.next_deadline, t.next_step if t.oqtf else "")


def summary_of(ref: str, label: str, reference: str, facts: Facts, report: dict[str, Any] | None, modified: float,
               outdated: bool = False, holders: tuple[Holder, ...] = ()) -> CaseSummary:
    return CaseSummary(
        ref=ref, reference=reference or label, name=facts.name, foreign_number=facts.foreign_number,
        department=facts.department, status=derive_status(facts.has_errors, report), modified=modified,
        deadline=facts.deadline, urgent=facts.urgent, outdated=report is not None and outdated, holders=holders,
        label=label)


def summarize_data(ref: str, label: str, data: dict[str, Any], report: dict[str, Any] | None, modified: float,
                   today: dt.date | None = None, outdated: bool = False,
                   holders: tuple[Holder, ...] = ()) -> CaseSummary:
    return summary_of(ref, label, str(data.get("reference", "")), case_facts(data, today), report, modified, outdated,
                      holders)


def unreadable(ref: str, label: str, modified: float, problem: str, holders: tuple[Holder, ...] = ()) -> CaseSummary:
    return CaseSummary(ref, label, "", "", "", CaseStatus.UNREADABLE, modified, problem, holders=holders, label=label)
