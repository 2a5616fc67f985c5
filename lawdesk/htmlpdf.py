"""HTML → PDF with WeasyPrint, offline: only files under allowed folders can be read.

WeasyPrint is imported lazily (it is slow to import and the window must start fast).
"""

from __future__ import annotations

import mimetypes
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lawdesk.errors import LawdeskError
from lawdesk.i18n import _
from lawdesk.paths import resources_dir, templates_dir

MAX_DATA_URI = 1_000_000

_local = threading.local()


class RefusedResource(LawdeskError):
    pass


def _font_configuration() -> Any:
    if not hasattr(_local, "fonts"):
        from weasyprint.text.fonts import FontConfiguration

        _local.fonts = FontConfiguration()
    return _local.fonts


def _local_fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Serves files under the allowed folders (and small data: URIs); refuses everything else."""

        def __init__(self, roots: list[Path], refused: list[str]) -> None:
            super().__init__(allowed_protocols={"file", "data"})
            self._roots = [r.resolve() for r in roots]
            self._refused = refused

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data" and len(url) <= MAX_DATA_URI:
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_file() and any(path == r or r in path.parents for r in self._roots):
                    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})
            self._refused.append(url[:200])
            raise RefusedResource(_("ressource refusée (LawDesk ne lit que des fichiers locaux autorisés) : {url}").format(url=url[:200]))

    return LocalFetcher


def render_pdf(html: str, base_dir: Path, extra_roots: list[Path] | None = None,
               refused: list[str] | None = None) -> bytes:
    """Render `html` (relative URLs resolved against `base_dir`) to PDF bytes.

    Readable folders: the built-in templates and resources, `base_dir`, and `extra_roots`.
    URLs that were refused are appended to `refused` when given.
    """
    from weasyprint import HTML

    refused_urls = refused if refused is not None else []
    roots = [templates_dir(), resources_dir(), base_dir, *(extra_roots or [])]
    fetcher = _local_fetcher_class()(roots, refused_urls)
    document = HTML(string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(font_config=_font_configuration())
