"""HTML → PDF with WeasyPrint, offline: only files under allowed folders can be read.

WeasyPrint is imported lazily (it is slow to import and the window must start fast), by
`load_weasyprint()`.
"""

from __future__ import annotations

import mimetypes
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lawdesk.errors import LawdeskError
from lawdesk.i18n import _
from lawdesk.paths import resources_dir, templates_dir

MAX_DATA_URI = 1_000_000
# WeasyPrint's PDF variant (None: plain PDF); lawdesk.pdfa sets "pdf/a-2b" for `lawdesk build --pdfa`.
pdf_variant: str | None = None

_local = threading.local()
_loading = threading.Lock()


class RefusedResource(LawdeskError):
    pass


def load_weasyprint() -> None:
    """Import WeasyPrint (once). It asks for each native library by its Windows and macOS names
    before the Linux one, and on Linux each miss makes cffi call `ctypes.util.find_library`, which
    runs ldconfig, gcc and ld (54 programs, 0.2 s, in every new process) to find nothing that the
    Linux name, tried next, does not load directly. That search is skipped while it imports."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint  # noqa: F401
        return
    import ctypes.util

    with _loading:
        search = ctypes.util.find_library
        ctypes.util.find_library = lambda name: None
        try:
            import weasyprint  # noqa: F401
        finally:
            ctypes.util.find_library = search


def _font_configuration() -> Any:
    if not hasattr(_local, "fonts"):
        from weasyprint.text.fonts import FontConfiguration

        _local.fonts = FontConfiguration()
    return _local.fonts


def _inside(path: str, roots: list[Path]) -> bool:
    path = os.path.normcase(os.path.normpath(path))
    for root in roots:
        folder = os.path.normcase(os.path.normpath(str(root)))
        if path == folder or path.startswith(folder.rstrip(os.sep) + os.sep):
            return True
    return False


def _allowed_file(url: str, roots: list[Path]) -> Path | None:
    """The file a file: URL names, if it lies under one of `roots`; else None.

    The path is checked as written before anything touches the file system: a URL such as
    file:////server/share/x.png must not even be looked up (on Windows that is a network
    connection). Only then are symbolic links resolved and checked again.
    """
    parsed = urlparse(url)
    if parsed.netloc not in ("", "localhost"):
        return None
    written = unquote(parsed.path)
    if not written or "\0" in written or written.startswith(("//", "\\\\")):
        return None
    if os.name == "nt" and written.startswith("/") and written[2:3] == ":":
        written = written[1:]  # /C:/dossier → C:/dossier
    if not os.path.isabs(written):
        return None
    lexical = os.path.normpath(written)
    if not _inside(lexical, [*roots, *(Path(os.path.abspath(root)) for root in roots)]):
        return None
    real = Path(lexical).resolve()
    if not _inside(str(real), [root.resolve() for root in roots]) or not real.is_file():
        return None
    return real


def _local_fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Serves files under the allowed folders (and small data: URIs); refuses everything else."""

        def __init__(self, roots: list[Path], refused: list[str]) -> None:
            super().__init__(allowed_protocols={"file", "data"})
            self._roots = list(roots)
            self._refused = refused

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlparse(url).scheme.lower()
            if scheme == "data" and len(url) <= MAX_DATA_URI:
                return super().fetch(url, headers)
            if scheme == "file":
                path = _allowed_file(url, self._roots)
                if path is not None:
                    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})
            shown = url[:200]
            self._refused.append(shown)
            for collected in getattr(_local, "collectors", []):
                collected.append(shown)
            raise RefusedResource(_("ressource refusée (LawDesk ne lit que des fichiers locaux autorisés) : {url}").format(url=shown))

    return LocalFetcher


@contextmanager
def refused_resources() -> Iterator[list[str]]:
    """Collects the URLs refused by every rendering of this thread while the block runs."""
    collected: list[str] = []
    previous = getattr(_local, "collectors", [])
    _local.collectors = [*previous, collected]
    try:
        yield collected
    finally:
        _local.collectors = previous


def render_pdf(html: str, base_dir: Path, extra_roots: list[Path] | None = None,
               refused: list[str] | None = None) -> bytes:
    """Render `html` (relative URLs resolved against `base_dir`) to PDF bytes.

    Readable folders: the built-in templates and resources, `base_dir`, and `extra_roots`.
    URLs that were refused are appended to `refused` when given.

    The PDF is inert: links that leave the document (http:, mailto:, file:...) and files to
    attach (`<link rel="attachment">`, `<a rel="attachment">`) are dropped; links to anchors
    of the same document (the table of contents) stay.
    """
    load_weasyprint()  # before any other WeasyPrint import (the helpers below import from it)
    from weasyprint import HTML

    refused_urls = refused if refused is not None else []
    roots = [templates_dir(), resources_dir(), base_dir, *(extra_roots or [])]
    fetcher = _local_fetcher_class()(roots, refused_urls)
    document = HTML(string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher).render(
        font_config=_font_configuration())
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] == "internal"]
    return document.write_pdf(pdf_variant=pdf_variant) if pdf_variant else document.write_pdf()
