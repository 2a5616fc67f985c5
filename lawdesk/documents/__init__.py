"""The legal documents of a dossier, and the bundle's cover and bordereau.

One source per document: a Jinja2 template renders restricted HTML; WeasyPrint turns it into
the PDF and `worddoc` into the editable DOCX (same paragraphs, named Word styles).
"""

from lawdesk.documents.bundle_pages import TocEntry, destination_names, render_cover, render_inventory
from lawdesk.documents.french import citation, piece_title
from lawdesk.documents.render import DossierInfo, RenderedDocument, render_document

__all__ = [
    "DossierInfo", "RenderedDocument", "TocEntry", "citation",
    "destination_names", "piece_title", "render_cover", "render_document", "render_inventory",
]
