"""The window's settings (an INI file in the user's configuration folder, as Picard does)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANIZATION = "LawDesk"
APPLICATION = "LawDesk"


def default_workspace() -> Path:
    """Documents/LawDesk: where a lawyer looks for their files."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "LawDesk"


class AppSettings:
    """Typed access to the settings; tests give their own QSettings file."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                         ORGANIZATION, APPLICATION)

    @property
    def workspace(self) -> Path | None:
        value = self._store.value("workspace/path", "")
        return Path(str(value)) if value else None

    @workspace.setter
    def workspace(self, path: Path) -> None:
        self._store.setValue("workspace/path", str(path))
        self._store.sync()

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)
