"""A server's connection URL as people and the settings see it: never with its password.

The password comes from the environment (`PGPASSWORD`) or the user's `.pgpass` file, read by libpq
itself; a URL typed with one is kept without it.
"""

from __future__ import annotations

from urllib.parse import SplitResult, parse_qsl, urlsplit, urlunsplit


def _netloc(parts: SplitResult, with_user: bool = True) -> str:
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    user = f"{parts.username}@" if with_user and parts.username else ""
    return f"{user}{host}{port}"


def without_password(url: str) -> str:
    """The URL with any password removed (the rest as typed)."""
    parts = urlsplit(url.strip())
    if parts.password is None:
        return url.strip()
    return urlunsplit(parts._replace(netloc=_netloc(parts)))


def has_password(url: str) -> bool:
    try:
        return urlsplit(url.strip()).password is not None
    except ValueError:
        return False


def display(url: str) -> str:
    """« host/database » (or the socket folder for a local server), for the window and messages."""
    parts = urlsplit(url.strip())
    query = dict(parse_qsl(parts.query))
    host = _netloc(parts, with_user=False) or query.get("host", "") or "localhost"
    database = parts.path.lstrip("/") or parts.username or ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{user}{host}/{database}"
