"""The input of a batch: a folder of case folders, or a spreadsheet (CSV or XLSX)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from lawdesk.batch.jobs import Job
from lawdesk.batch.names import natural_key
from lawdesk.batch.spreadsheet import SpreadsheetSource
from lawdesk.case.model import CASE_FILE
from lawdesk.errors import UnusableInput
from lawdesk.i18n import _


class Source(Protocol):
    total: int

    def jobs(self) -> Iterator[Job]: ...


class FolderSource:
    """Every visible sub-folder is a case (one without case.json is reported as failed), except
    OUT itself when it lies inside the input folder."""

    def __init__(self, folder: Path, out: Path) -> None:
        if (folder / CASE_FILE).is_file():
            raise UnusableInput(_("{path} est un dossier de cas, pas un dossier de dossiers ; utilisez « lawdesk build » pour un seul cas").format(path=folder))
        try:
            entries = [e for e in folder.iterdir() if e.is_dir() and not e.name.startswith(".") and e.resolve() != out.resolve()]
        except OSError as exc:
            raise UnusableInput(_("{path} : lecture impossible ({reason})").format(path=folder, reason=exc.strerror)) from None
        self.folders = sorted(entries, key=lambda e: natural_key(e.name))
        if not self.folders:
            raise UnusableInput(_("{path} : aucun dossier de cas dans ce dossier ; chaque cas est un sous-dossier contenant son case.json").format(path=folder))
        self.out = out
        self.total = len(self.folders)

    def jobs(self) -> Iterator[Job]:
        for seq, folder in enumerate(self.folders):
            yield Job(seq, folder.name, "", self.out / folder.name, case_folder=folder)


def open_source(path: Path, out: Path) -> Source:
    if not path.exists():
        raise UnusableInput(_("{path} : ce chemin n'existe pas ; indiquez un dossier de dossiers de cas ou un tableau CSV ou XLSX").format(path=path))
    if path.is_dir():
        return FolderSource(path, out)
    return SpreadsheetSource(path, out)
