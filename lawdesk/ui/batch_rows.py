"""The pre-flight of a batch before it runs: each row (or case folder) with the problems its data
already shows, and its messages in the form's words. No Qt here; the evidence files are opened by
the batch itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lawdesk.batch.sources import open_source
from lawdesk.case.model import load_case
from lawdesk.case.validate import validate_data
from lawdesk.errors import LawdeskError, Problem, error
from lawdesk.i18n import _
from lawdesk.ui.form.paths import parse_path


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


_LINE = re.compile(r"^(?:(?P<level>error|warning): )?(?P<where>[^\s:][^:]*?) : (?P<message>.+)$", re.DOTALL)
_CODE = re.compile(r"« ([a-z_]+) »")


def _choice_labels() -> dict[str, str]:
    """Every coded value of the case format, by its label in the form (« renewal » → « Renouvellement »)."""
    from lawdesk.ui import labels

    found: dict[str, str] = {}
    for choices in (labels.procedure_kinds(), labels.received_kinds(), labels.channels(), labels.harm_kinds(),
                    labels.counsel_kinds(), labels.modes(), labels.step_documents()):
        found.update(choices)
    return found


def readable(line: str) -> str:
    """A line of the pre-flight or of the batch report in the form's words: « Avertissement — Démarches et
    incidents ANEF › Démarche n° 3 › Pièces justificatives : … » for « warning: incidents.3.pieces : … »,
    and « « Renouvellement » (renewal) » for a coded value. A file keeps its name; another line stays as it is."""
    from lawdesk.ui.form import field_names

    match = _LINE.match(line)
    if match is None:
        return line
    where = match["where"]
    path = parse_path(re.sub(r"\.(\d+)(?=\.|$)", lambda found: f"[{found.group(1)}]", where))
    known = {key for section in field_names.sections() for key in section.keys}
    place = field_names.describe(path) if path and path[0] in known else where
    message = match["message"]
    if "«" in message:
        names = _choice_labels()
        message = _CODE.sub(lambda found: f"« {names[found.group(1)]} » ({found.group(1)})" if found.group(1) in names
                            else found.group(0), message)
    text = f"{place} : {message[:1].upper()}{message[1:]}"
    level = {"error": _("Erreur"), "warning": _("Avertissement")}.get(match["level"] or "")
    return f"{level} — {text}" if level else text


def problem_line(problem: Problem) -> str:
    return readable(problem.line())
