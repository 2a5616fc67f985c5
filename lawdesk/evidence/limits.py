"""Bounds on one evidence file, so that a hostile or absurd file cannot exhaust memory or time.

A build holds every pièce several times in memory (the pièce, the bundle, the Télérecours
copies); with these bounds and the dossier bound (lawdesk.build.pieces.MAX_DOSSIER_BYTES) a build
stays under 1.5 GB. SECURITY.md lists them and the tests that hold them.
"""

from __future__ import annotations

from lawdesk.i18n import _

MB = 1024 * 1024

# Size of one file on disk (Télérecours refuses files over 32 MB anyway; scans rarely need 100).
MAX_FILE_BYTES = 100 * MB
# Pages of one PDF, frames of one TIFF.
MAX_PAGES = 1000
# Pixels of one picture (a 48-megapixel phone photo passes), and of all the frames of one file.
MAX_PIXELS = 80_000_000
MAX_TOTAL_PIXELS = 1_000_000_000
# PDF: parsing work (reads of objects, plus half the bytes of compressed object streams) ...
MAX_PDF_PARSE_WORK = 10_000_000
# ... decompressed size of one compressed object stream (read at once by the PDF library) ...
MAX_OBJECT_STREAM_BYTES = 8 * MB
# ... decompressed size of one stream: page content, font (MAX_CONTENT_BYTES), or picture data
# (MAX_STREAM_BYTES, and at most what its declared size needs), and of all the streams of one file.
MAX_CONTENT_BYTES = 64 * MB
MAX_STREAM_BYTES = 512 * MB
MAX_DECODED_BYTES = 4096 * MB


def too_big_file_message(size: int) -> str:
    return _("fichier trop volumineux ({size} Mo ; au plus {limit} Mo par fichier) : enregistrez-le en qualité réduite, "
             "ou scindez-le en plusieurs fichiers").format(size=size // MB, limit=MAX_FILE_BYTES // MB)


def too_many_pages_message(count: int | None, limit: int = MAX_PAGES) -> str:
    """`count` is None when counting stopped past the limit."""
    pages = _("plus de {limit} pages").format(limit=limit) if count is None else _("{count} pages").format(count=count)
    return _("{pages} : au plus {limit} par fichier ; scindez le document en plusieurs pièces ou ne gardez que les pages utiles").format(
        pages=pages, limit=limit)


def too_complex_pdf_message() -> str:
    return _("PDF trop complexe ou piégé (structure démesurée, ou données qui se décompressent en plusieurs gigaoctets) : "
             "il ne peut pas être traité sans risque ; imprimez-le vers un nouveau PDF (« Imprimer » puis « Enregistrer au format PDF ») "
             "et remplacez le fichier")
