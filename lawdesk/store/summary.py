"""What the case list shows of a case, from its data and its last report: the same for every store."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lawdesk.store.base import CaseStatus, CaseSummary, Holder, case_summary_fields, derive_status


def summarize_data(ref: str, label: str, data: dict[str, Any], report: dict[str, Any] | None, modified: float,
                   today: dt.date | None = None, outdated: bool = False,
                   holders: tuple[Holder, ...] = ()) -> CaseSummary:
    from lawdesk.case.validate import validate_data  # imports jsonschema: kept off the start-up path
    from lawdesk.offer import as_generated
    from lawdesk.timeline import timeline

    today = today or dt.date.today()
    name, foreign_number, department = case_summary_fields(data)
    has_errors = any(p.is_error for p in validate_data(as_generated(data, today), today))
    t = timeline(data, today)
    return CaseSummary(
        ref=ref,
        reference=str(data.get("reference", "")) or label,
        name=name,
        foreign_number=foreign_number,
        department=department,
        status=derive_status(has_errors, report),
        modified=modified,
        deadline=t.next_deadline,
        urgent=t.next_step if t.oqtf else "",
        outdated=report is not None and outdated,
        holders=holders,
        label=label,
    )


def unreadable(ref: str, label: str, modified: float, problem: str, holders: tuple[Holder, ...] = ()) -> CaseSummary:
    return CaseSummary(ref, label, "", "", "", CaseStatus.UNREADABLE, modified, problem, holders=holders, label=label)
