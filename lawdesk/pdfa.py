"""`lawdesk build --pdfa`: the bundle as PDF/A-2b, for archiving.

The documents are drawn by WeasyPrint's PDF/A-2b variant (fonts embedded, output intent), the pièces
are already inert PDFs with their fonts; the whole bundle is then prepared and written by
pikepdf.pdfa (sRGB output intent, XMP metadata declaring PDF/A-2b and repeating the document
information, annotation flags) and checked by its validator, the best checker that runs here
(veraPDF, the reference, is a Java program not packaged for Debian nor PyPI). That validator
approves only what it recognises: its approval is meant never to be wrong, but it leaves « not
checked » what it does not know (shadings, patterns); the report says which, and why.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lawdesk.i18n import _
from lawdesk.streams import standard_streams_kept

FLAVOUR = "2b"
WEASYPRINT_VARIANT = "pdf/a-2b"
_MAX_FINDINGS = 20
# Resource kinds WeasyPrint writes even when empty; the validator does not know empty pattern or shading dictionaries.
_EMPTY_DROPPED = ("/Pattern", "/Shading", "/ExtGState", "/ColorSpace", "/XObject", "/Font", "/Properties")


def checker_name() -> str:
    import pikepdf

    return f"pikepdf.pdfa {pikepdf.__version__}"


@contextmanager
def documents_as_pdfa(enabled: bool) -> Iterator[None]:
    """While the block runs, lawdesk.htmlpdf draws PDF/A-2b (also in a helper forked inside it)."""
    from lawdesk import htmlpdf

    previous = htmlpdf.pdf_variant
    htmlpdf.pdf_variant = WEASYPRINT_VARIANT if enabled else previous
    try:
        yield
    finally:
        htmlpdf.pdf_variant = previous


def archival(pdf: bytes) -> tuple[bytes, dict[str, Any]]:
    """The bundle prepared for PDF/A-2b, and what the validator said of the bytes written."""
    import pikepdf
    from pikepdf import pdfa

    with pikepdf.open(io.BytesIO(pdf)) as document, standard_streams_kept():
        for page in document.pages:
            _drop_empty_resources(page.obj.get("/Resources"), 0)
            tabs = page.obj.get("/Tabs")
            if isinstance(tabs, pikepdf.String) and str(tabs) in ("R", "C", "S"):  # LibreOffice writes (S), not /S
                page.obj.Tabs = pikepdf.Name("/" + str(tabs))
        output = io.BytesIO()
        try:
            report = pdfa.save(document, output, FLAVOUR)
        except pdfa.PdfaError as refused:  # prepared, written, not approved: kept, and said so
            report = refused.report
            output = io.BytesIO()
            document.save(output, **report.save_kwargs)
    findings = list(report.findings)
    return output.getvalue(), {
        "flavour": "PDF/A-2b",
        "conforms": bool(report.passed),
        "verdict": str(report.verdict),
        "checker": checker_name(),
        "findings": [str(finding) for finding in findings[:_MAX_FINDINGS]],
    }


def _drop_empty_resources(resources: Any, depth: int) -> None:
    import pikepdf

    if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
        return
    for key in _EMPTY_DROPPED:
        value = resources.get(key)
        if isinstance(value, pikepdf.Dictionary) and len(value.keys()) == 0:
            del resources[key]
    objects = resources.get("/XObject")
    for item in objects.values() if isinstance(objects, pikepdf.Dictionary) else []:
        if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Form":
            _drop_empty_resources(item.get("/Resources"), depth + 1)


def not_conforming_warning(outcome: dict[str, Any]) -> str:
    first = outcome["findings"][0] if outcome["findings"] else outcome["verdict"]
    return _("--pdfa : le dossier est écrit au format PDF/A-2b, mais {checker} ne l'a pas reconnu conforme ({verdict} : {first}) ; "
             "pour un archivage certifié, faites-le vérifier par veraPDF").format(
        checker=outcome["checker"], verdict=outcome["verdict"], first=first)
