"""Where cases live: the only code that reads or writes them (lawdesk.store.base.CaseStore).

`open_store(location)`: a folder of case folders (`FolderStore`, the default), or a clinic's
PostgreSQL server given by its URL (`postgresql://user@host/database`, `PostgresStore`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lawdesk.store.base import CaseStore

URL_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_server_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.strip().lower().startswith(URL_SCHEMES)


def open_store(location: str | Path) -> CaseStore:
    """The store at `location`: a server URL, else a workspace folder (created if missing)."""
    if is_server_url(location):
        from lawdesk.store.postgres import PostgresStore

        return PostgresStore(str(location).strip())
    from lawdesk.store.folder import FolderStore

    return FolderStore(Path(location).expanduser())
