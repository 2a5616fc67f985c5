"""A job: one case of the batch, small enough to send to a worker process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lawdesk.batch.report import BatchRow
from lawdesk.errors import Problem

CASE_DIR = "case"  # the case folder written from a spreadsheet row
DOSSIER_DIR = "dossier"  # what build_dossier writes; holds the resume fingerprint


@dataclass(frozen=True)
class Job:
    """`seq` orders the report; `output` is OUT/<name> (None when the row cannot have a folder
    of its own, e.g. a repeated reference). A case folder of the input sets `case_folder`; a
    spreadsheet row sets `data` and `files` (path in the case folder → source file)."""

    seq: int
    source: int | str  # the spreadsheet line, or the case folder's name
    reference: str
    output: Path | None
    case_folder: Path | None = None
    data: dict[str, Any] | None = None
    files: tuple[tuple[str, Path], ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def dossier(self) -> Path | None:
        return self.output / DOSSIER_DIR if self.output else None

    @property
    def dossier_in_out(self) -> str:
        """The dossier folder as the report names it: relative to OUT."""
        return f"{self.output.name}/{DOSSIER_DIR}" if self.output else ""

    def failed(self, messages: list[str], reference: str = "") -> BatchRow:
        return BatchRow(self.source, reference or self.reference, "failed", messages=tuple(messages))
