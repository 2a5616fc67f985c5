"""The connection to a clinic's PostgreSQL server: an engine made from the URL, the schema created or
upgraded by the Alembic migrations, and every failure turned into a sentence for the user.

The password never goes through LawDesk: libpq reads it from `PGPASSWORD` or the user's `.pgpass`
(or from the URL, when the user typed it on the command line; it is then never shown nor logged).
TLS: libpq's default (`sslmode=prefer`) uses it whenever the server offers it, and a server that
requires it gets it; `?sslmode=verify-full` in the URL also checks the server's certificate.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawdesk.errors import LawdeskError
from lawdesk.i18n import _
from lawdesk.store.base import StoreUnavailable
from lawdesk.store.url import display

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

SCHEMA_REVISION = "0001"
"""The newest migration (lawdesk/store/migrations/versions): the schema this LawDesk reads and writes."""
CONNECT_TIMEOUT = 5  # seconds to reach the server
TCP_TIMEOUT_MS = 10_000  # a request unanswered this long (network gone) fails instead of hanging


class SchemaMissing(LawdeskError):
    exit_status = StoreUnavailable.exit_status


def sqlalchemy_url(url: str) -> str:
    """postgresql://… as SQLAlchemy's psycopg 3 dialect wants it."""
    scheme, _sep, rest = url.strip().partition("://")
    return f"postgresql+psycopg://{rest}" if scheme.lower() in ("postgresql", "postgres", "postgresql+psycopg") else url


def make_engine(url: str, pool_size: int = 2) -> Engine:
    from sqlalchemy import create_engine

    return create_engine(
        sqlalchemy_url(url), pool_pre_ping=True, pool_size=pool_size, max_overflow=4, pool_recycle=600,
        connect_args={"connect_timeout": CONNECT_TIMEOUT, "application_name": "LawDesk", "keepalives": 1,
                      "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3,
                      "tcp_user_timeout": TCP_TIMEOUT_MS},
    )


def _reason(error: BaseException) -> str:
    """The first line of the server's or libpq's own words (never the statement nor its parameters)."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    return text[0].removeprefix("connection failed: ") if text else type(original).__name__


def unavailable(url: str, error: BaseException) -> LawdeskError:
    """The failure of `error` in the user's words: wrong password, no schema, or the server away."""
    reason = _reason(error)
    lowered = reason.lower()
    where = display(url)
    if "password" in lowered or "authentication" in lowered:
        return StoreUnavailable(_(
            "serveur {server} : connexion refusée ({reason}) ; LawDesk n'enregistre jamais de mot de passe : "
            "indiquez-le dans la variable d'environnement PGPASSWORD ou dans votre fichier .pgpass").format(
            server=where, reason=reason))
    if "does not exist" in lowered and ("relation" in lowered or "alembic_version" in lowered):
        return SchemaMissing(_("serveur {server} : la base ne contient pas encore de dossiers LawDesk ; "
                               "créez-les avec « lawdesk store init URL »").format(server=where))
    return StoreUnavailable(_("serveur {server} injoignable ({reason})").format(server=where, reason=reason))


@contextlib.contextmanager
def transaction(engine: Engine, url: str) -> Iterator[Connection]:
    """One transaction; a server or network failure becomes StoreUnavailable (nothing was written)."""
    from sqlalchemy import exc

    try:
        with engine.begin() as connection:
            yield connection
    except (exc.OperationalError, exc.InterfaceError) as error:
        raise unavailable(url, error) from None
    except exc.ProgrammingError as error:
        found = unavailable(url, error)
        if isinstance(found, SchemaMissing):
            raise found from None
        raise


def migrations_folder() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    from sqlalchemy import text

    exists = connection.execute(text("SELECT to_regclass('alembic_version') IS NOT NULL")).scalar()
    if not exists:
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(url: str) -> tuple[str | None, str]:
    """Create the schema, or bring it to the newest revision: (revision before, revision now)."""
    from alembic import command

    engine = make_engine(url, pool_size=1)
    try:
        with transaction(engine, url) as connection:
            before = current_revision(connection)
            command.upgrade(_alembic_config(connection), "head")
            return before, current_revision(connection) or ""
    finally:
        engine.dispose()


def check_revision(connection: Connection, url: str) -> None:
    """The schema must be the one this LawDesk knows: older, it is upgraded by `lawdesk store init`;
    newer, this LawDesk is too old for it."""
    found = current_revision(connection)
    if found is None:
        raise SchemaMissing(_("serveur {server} : la base ne contient pas encore de dossiers LawDesk ; "
                              "créez-les avec « lawdesk store init URL »").format(server=display(url)))
    if found != SCHEMA_REVISION:
        if found < SCHEMA_REVISION:
            raise SchemaMissing(_("serveur {server} : le schéma de la base ({found}) est plus ancien que ce LawDesk "
                                  "({expected}) ; mettez-le à jour avec « lawdesk store init URL »").format(
                server=display(url), found=found, expected=SCHEMA_REVISION))
        raise SchemaMissing(_("serveur {server} : le schéma de la base ({found}) vient d'un LawDesk plus récent ; "
                              "mettez LawDesk à jour sur ce poste").format(server=display(url), found=found))
