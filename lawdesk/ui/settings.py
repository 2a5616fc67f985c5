"""The window's settings (an INI file in the user's configuration folder, as Picard does)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from lawdesk.i18n import normalize_language
from lawdesk.store import is_server_url
from lawdesk.store.url import without_password

ORGANIZATION = "LawDesk"
APPLICATION = "LawDesk"
COUNSEL_FIELDS = ("kind", "name", "bar", "representative", "address", "email", "phone")


def default_workspace() -> Path:
    """Documents/LawDesk: where a lawyer looks for their files."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "LawDesk"


class AppSettings:
    """Typed access to the settings; tests give their own QSettings file."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                         ORGANIZATION, APPLICATION)

    def _path(self, key: str) -> Path | None:
        value = self._store.value(key, "")
        return Path(str(value)) if value else None

    def _set(self, key: str, value: object) -> None:
        self._store.setValue(key, value)
        self._store.sync()

    @property
    def workspace(self) -> Path | None:
        return self._path("workspace/path")

    @workspace.setter
    def workspace(self, path: Path) -> None:
        self._set("workspace/path", str(path))

    @property
    def server_url(self) -> str | None:
        """The clinic's case server (`postgresql://user@host/database`), never with its password; None:
        the cases are in the workspace folder."""
        return str(self._store.value("store/server", "") or "") or None

    @server_url.setter
    def server_url(self, url: str | None) -> None:
        self._set("store/server", without_password(url) if url else "")

    @property
    def store_location(self) -> Path | str | None:
        """Where the window finds the cases: the server if one is set, else the workspace folder."""
        return self.server_url or self.workspace

    @store_location.setter
    def store_location(self, location: Path | str) -> None:
        if is_server_url(location):
            self.server_url = str(location)
        else:
            self.server_url = None
            self.workspace = Path(location)

    @property
    def templates_dir(self) -> Path | None:
        """The clinic's own templates (overriding LawDesk's), or None."""
        return self._path("generation/templates_dir")

    @templates_dir.setter
    def templates_dir(self, path: Path | None) -> None:
        self._set("generation/templates_dir", str(path) if path else "")

    @property
    def language(self) -> str | None:
        """"fr" or "en" once chosen; None: the environment decides."""
        return normalize_language(str(self._store.value("interface/language", "") or ""))

    @language.setter
    def language(self, language: str) -> None:
        self._set("interface/language", language)

    @property
    def guided(self) -> bool:
        """Cases open in the guided mode (question by question) rather than the expert form."""
        return str(self._store.value("interface/guided", "false")).lower() == "true"

    @guided.setter
    def guided(self, guided: bool) -> None:
        self._set("interface/guided", "true" if guided else "false")

    @property
    def counsel(self) -> dict[str, Any]:
        """The counsel profile: the `counsel` of every new case (case format fields)."""
        try:
            value = json.loads(str(self._store.value("counsel/profile", "") or "{}"))
        except ValueError:
            return {}
        return {k: v for k, v in value.items() if k in COUNSEL_FIELDS and v} if isinstance(value, dict) else {}

    @counsel.setter
    def counsel(self, profile: dict[str, Any]) -> None:
        self._set("counsel/profile", json.dumps({k: v for k, v in profile.items() if k in COUNSEL_FIELDS and v},
                                                ensure_ascii=False))

    def column_mapping(self, headers: list[str]) -> dict[str, str]:
        """The mapping (header → field path) last used for a spreadsheet with these headers."""
        try:
            value = json.loads(str(self._store.value(f"batch/mapping/{_header_key(headers)}", "") or "{}"))
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def set_column_mapping(self, headers: list[str], mapping: dict[str, str]) -> None:
        self._set(f"batch/mapping/{_header_key(headers)}", json.dumps(mapping, ensure_ascii=False))

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)


def _header_key(headers: list[str]) -> str:
    """A stable INI key for a set of headers (order and case do not matter)."""
    joined = "\n".join(sorted(h.strip().casefold() for h in headers))
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]
