"""What a build did: report.json (contract.md section 3), with its warnings kept as Problems for the
batch report and the window, which name the field or file in their own words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lawdesk.errors import Problem

REPORT = "report.json"


def warning_line(problem: Problem) -> str:
    """A warning as report.json writes it: « where : message »."""
    return f"{problem.where} : {problem.message}" if problem.where else problem.message


@dataclass
class Report:
    case: str
    bundle: str
    pages: int
    tribunal: str
    documents: list[dict[str, Any]]
    pieces: list[dict[str, Any]]
    telerecours: list[str]
    filings: list[dict[str, Any]]
    situation: str
    dates: list[dict[str, str]]
    next_step: str
    warnings: list[Problem] = field(default_factory=list)
    pdfa: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        """report.json's content."""
        found = {name: getattr(self, name) for name in self.__dataclass_fields__ if name not in ("warnings", "pdfa")}
        found["warnings"] = list(dict.fromkeys(warning_line(p) for p in self.warnings))
        if self.pdfa is not None:
            found["pdfa"] = self.pdfa
        return found
