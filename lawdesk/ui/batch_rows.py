"""The pre-flight of a batch before it runs: each row (or case folder) with the problems its data
already shows, and its messages in the form's words. No Qt here; the evidence files are opened by
the batch itself."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lawdesk.batch.sources import open_source
from lawdesk.store.folder import load_case
from lawdesk.case.validate import validate_data
from lawdesk.errors import LawdeskError, Problem, error
from lawdesk.ui.form.field_names import readable


@dataclass(frozen=True)
class RowCheck:
    where: int | str  # the spreadsheet line (header = 1), or the case folder's name
    reference: str
    problems: tuple[Problem, ...]

    @property
    def blocking(self) -> bool:
        return any(p.is_error for p in self.problems)


def check_rows(input_path: Path, out: Path) -> list[RowCheck]:
    """One RowCheck per case of the input; UnusableInput if the input itself cannot be read."""
    checks = []
    for job in open_source(input_path, out).jobs():
        problems = list(job.problems)
        reference = job.reference
        if job.data is not None:
            problems += validate_data(job.data)
        elif job.case_folder is not None:
            try:
                case = load_case(job.case_folder)
            except LawdeskError as exc:
                problems.append(error("case.json", exc.message))
            else:
                reference = case.reference
                problems += validate_data(case.data)
        checks.append(RowCheck(job.source, reference, tuple(dict.fromkeys(problems))))
    return checks


def problem_line(problem: Problem) -> str:
    return readable(problem.line())
