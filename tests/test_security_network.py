"""No network, ever: the rendering's URL fetcher serves only files under the allowed folders.

The whole-build version of these checks (a clinic template referring to a web image and to a
file outside, an HTML e-mail) is in test_security_build.py.
"""

from __future__ import annotations

import base64
import io
import os
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from lawdesk.htmlpdf import MAX_DATA_URI, refused_resources, render_pdf
from tests import evidence_factory as make
from tests import fuzz_hostile as hostile


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    allowed, outside = tmp_path / "modeles", tmp_path / "ailleurs"
    allowed.mkdir()
    outside.mkdir()
    make.png_screenshot(allowed, "logo.png")
    make.png_screenshot(outside, "secret.png")
    return allowed, outside


def _render(html: str, base: Path) -> tuple[bytes, list[str], hostile.Watch]:
    with hostile.Watch() as watch, refused_resources() as refused:
        pdf = render_pdf(f"<html><body>{html}</body></html>", base)
    return pdf, refused, watch


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_file_under_the_allowed_folder_is_served(folders: tuple[Path, Path]) -> None:
    allowed, _outside = folders
    pdf, refused, watch = _render('<img src="logo.png">', allowed)
    assert refused == [] and _images(pdf) == 1 and watch.network == []


@pytest.mark.parametrize("url", [
    "https://example.org/x.png", "http://127.0.0.1:9/x.png", "ftp://example.org/x.png",
    "{outside}/secret.png", "{allowed}/../ailleurs/secret.png", "../ailleurs/secret.png",
    "file:////serveur/partage/x.png", "file://serveur/partage/x.png", "file://localhost{outside_path}/secret.png",
    "{allowed}/lien-vers-ailleurs.png", "{allowed}/dossier-lien/secret.png",
], ids=["https", "http-local", "ftp", "outside", "dot-dot-absolute", "dot-dot-relative", "unc-four-slashes", "unc-host",
        "localhost-outside", "symlinked-file", "symlinked-folder"])
def test_any_other_url_is_refused_reported_and_nothing_is_read(folders: tuple[Path, Path], url: str) -> None:
    allowed, outside = folders
    os.symlink(outside / "secret.png", allowed / "lien-vers-ailleurs.png")
    os.symlink(outside, allowed / "dossier-lien", target_is_directory=True)
    url = url.format(outside=outside.as_uri(), allowed=allowed.as_uri(), outside_path=outside)
    pdf, refused, watch = _render(f'<img src="{url}"><p style="background: url({url})">x</p>', allowed)
    assert watch.network == []
    assert watch.opened_under(outside) == []
    assert len(refused) >= 1 and _images(pdf) == 0


def test_small_data_uris_are_served_and_large_ones_refused(folders: tuple[Path, Path]) -> None:
    allowed, _outside = folders
    small = "data:image/png;base64," + base64.b64encode((allowed / "logo.png").read_bytes()).decode()
    pdf, refused, _watch = _render(f'<img src="{small}">', allowed)
    assert refused == [] and _images(pdf) == 1
    large = small + "A" * MAX_DATA_URI
    pdf, refused, _watch = _render(f'<img src="{large}">', allowed)
    assert len(refused) == 1 and refused[0].startswith("data:image/png") and _images(pdf) == 0


def test_an_svg_cannot_reach_the_network_either(folders: tuple[Path, Path]) -> None:
    allowed, _outside = folders
    (allowed / "dessin.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                                        'width="10" height="10"><image xlink:href="https://example.org/x.png" width="10" '
                                        'height="10"/></svg>', encoding="utf-8")
    _pdf, refused, watch = _render('<img src="dessin.svg">', allowed)
    assert watch.network == [] and "https://example.org/x.png" in refused


def test_web_links_and_attachments_of_the_html_are_dropped_internal_links_kept(folders: tuple[Path, Path]) -> None:
    allowed, _outside = folders
    html = ('<link rel="attachment" href="logo.png"><p id="haut">x</p><a href="#haut">interne</a> '
            '<a href="https://example.org/">web</a> <a href="mailto:x@example.org">courriel</a> '
            '<a rel="attachment" href="logo.png">pièce jointe</a>')
    pdf, _refused, watch = _render(html, allowed)
    reader = PdfReader(io.BytesIO(pdf))
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert [str(a["/Subtype"]) for a in annotations] == ["/Link"] and "/Dest" in annotations[0] and "/A" not in annotations[0]
    assert reader.attachments == {}
    assert watch.network == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the library search runs programs on Linux")
def test_loading_weasyprint_runs_no_program() -> None:
    """WeasyPrint asks for its libraries by their Windows names first; on Linux each miss made
    ctypes run ldconfig, gcc and ld (0.3 s at every start of a generation process)."""
    import json
    import subprocess

    script = """
import ctypes.util, json, sys
started = []
sys.addaudithook(lambda event, args: started.append(str(args[0])) if event in ("subprocess.Popen", "os.posix_spawn", "os.exec") else None)
search = ctypes.util.find_library
from lawdesk.htmlpdf import load_weasyprint, render_pdf
load_weasyprint()
from pathlib import Path
pdf = render_pdf("<p>Pièce n° 1</p>", Path("."))
print(json.dumps({"started": started, "restored": ctypes.util.find_library is search, "pdf": pdf[:5].decode()}))
"""
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                               cwd=Path(__file__).resolve().parent.parent)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout.splitlines()[-1]) == {"started": [], "restored": True, "pdf": "%PDF-"}
