"""Cases for the window's tests, dated from today, written as case folders with their pièce files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from lawdesk.case.model import Case
from lawdesk.ui.main_window import MainWindow
from lawdesk.ui.settings import AppSettings
from lawdesk.store.folder import FolderStore
from tests.case_data import valid_case
from tests.evidence_factory import pdf_file

TODAY = dt.date.today()


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def not_registered_case(**changes: Any) -> dict[str, Any]:
    """A renewal the téléservice never registered, attempts in the last weeks, no letter sent yet."""
    data = valid_case()
    data["incidents"] = [
        {"date": ago(40).isoformat(), "channel": "anef", "description": "Erreur au téléversement.", "pieces": ["p1"]},
        {"date": ago(30).isoformat(), "channel": "ccc", "description": "Réponse type.", "pieces": ["p2"]},
        {"date": ago(20).isoformat(), "channel": "anef", "description": "Nouvelle erreur.", "pieces": ["p1"]}]
    data["procedure"]["current_permit"]["expires"] = ago(10).isoformat()
    data["steps"] = []
    data["documents"] = ["prefecture"]
    data.update(changes)
    return data


def write_case(root: Path, name: str, data: dict[str, Any]) -> Path:
    """A case folder `name` under `root`, each pièce a one-page PDF."""
    folder = root / name
    (folder / "pieces").mkdir(parents=True)
    for piece in data.get("pieces") or []:
        pdf_file(folder / "pieces", Path(piece["file"]).name, pages=1, label=piece["title"])
    Case(folder, {**data, "reference": name}).save()
    return folder


def shown_window(qtbot, tmp_path: Path) -> MainWindow:  # noqa: ANN001
    """The main window on an empty workspace, with its own settings file."""
    window = MainWindow(FolderStore(tmp_path / "ws"),
                        AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    return window
