"""Thumbnails of evidence files, rendered in worker threads.

Images through QImageReader (EXIF orientation applied), the first page of a PDF through
QtPdf, HEIC and what Qt cannot read through Pillow; anything else (an .eml, a damaged
file) gets a drawn page icon naming its type. QImage is safe to build off the GUI
thread; the QPixmap/QIcon is made when the image arrives in the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QImageReader, QPainter, QPainterPath, QPen, QPixmap

from lawdesk.store.evidence_files import IMAGE_SUFFIXES
from lawdesk.ui.worker import Job, Worker

SIZE = QSize(96, 96)


def render_thumbnail(path: Path, size: QSize = SIZE) -> QImage:
    """A thumbnail of `path` centred on a transparent `size` square (so that titles beside
    thumbnails line up), or a null QImage if it cannot be drawn. Thread-safe."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        image = _pdf_page(path, size)
    elif suffix in IMAGE_SUFFIXES:
        image = _qt_image(path, size)
        if image.isNull():
            image = _pillow_image(path, size)
    else:
        return QImage()
    return _centred(image, size) if not image.isNull() else image


def _centred(image: QImage, size: QSize) -> QImage:
    canvas = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    canvas.fill(Qt.GlobalColor.transparent)
    with QPainter(canvas) as painter:
        painter.drawImage((size.width() - image.width()) // 2, (size.height() - image.height()) // 2, image)
    return canvas


def _qt_image(path: Path, size: QSize) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def _pillow_image(path: Path, size: QSize) -> QImage:
    try:
        import pillow_heif
        from PIL import Image, ImageOps

        pillow_heif.register_heif_opener()
        with Image.open(path) as opened:
            image = ImageOps.exif_transpose(opened).convert("RGBA")
            image.thumbnail((size.width(), size.height()))
            return QImage(image.tobytes("raw", "RGBA"), image.width, image.height,
                          QImage.Format.Format_RGBA8888).copy()
    except Exception:  # noqa: BLE001 - any unreadable image just gets the generic icon
        return QImage()


def _pdf_page(path: Path, size: QSize) -> QImage:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
            return QImage()
        page = document.pagePointSize(0).toSize().scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
        image = document.render(0, page)
        # pdfium renders transparent pages: lay them on white paper
        paper = QImage(image.size(), QImage.Format.Format_RGB32)
        paper.fill(Qt.GlobalColor.white)
        with QPainter(paper) as painter:
            painter.drawImage(0, 0, image)
        return paper
    finally:
        document.close()


def generic_icon(suffix: str, size: QSize = SIZE) -> QIcon:
    """A sheet with a folded corner and the file type written on it."""
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    width, height = size.width() * 0.62, size.height() * 0.82
    left, top = (size.width() - width) / 2, (size.height() - height) / 2
    fold = width * 0.28
    sheet = QPainterPath()
    sheet.moveTo(left, top)
    sheet.lineTo(left + width - fold, top)
    sheet.lineTo(left + width, top + fold)
    sheet.lineTo(left + width, top + height)
    sheet.lineTo(left, top + height)
    sheet.closeSubpath()
    with QPainter(pixmap) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#8a94a6"), 1.5))
        painter.setBrush(QColor("#ffffff"))
        painter.drawPath(sheet)
        painter.drawLine(int(left + width - fold), int(top), int(left + width - fold), int(top + fold))
        painter.drawLine(int(left + width - fold), int(top + fold), int(left + width), int(top + fold))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(9, int(size.height() * 0.15)))
        painter.setFont(font)
        painter.setPen(QColor("#3d5a80"))
        painter.drawText(QRectF(left, top + fold, width, height - fold), Qt.AlignmentFlag.AlignCenter,
                         suffix.lstrip(".").upper()[:4] or "?")
    return QIcon(pixmap)


class ThumbnailCache(QObject):
    """Icons by file (and modification time); a missing one is rendered in the background."""

    ready = Signal(str)  # the path whose thumbnail arrived

    def __init__(self, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._icons: dict[tuple[str, float], QIcon] = {}
        self._generic: dict[str, QIcon] = {}
        self._pending: set[tuple[str, float]] = set()

    def icon(self, path: Path) -> QIcon:
        try:
            key = (str(path), path.stat().st_mtime)
        except OSError:
            return self._generic_for(path.suffix)
        if key in self._icons:
            return self._icons[key]
        if key not in self._pending:
            self._pending.add(key)
            job = Job(lambda _progress, _cancel, key=key: (key, render_thumbnail(path)))
            job.succeeded.connect(self._arrived)
            self._worker.start(job)
        return self._generic_for(path.suffix)

    def _generic_for(self, suffix: str) -> QIcon:
        suffix = suffix.lower()
        if suffix not in self._generic:
            self._generic[suffix] = generic_icon(suffix)
        return self._generic[suffix]

    def _arrived(self, outcome: tuple[tuple[str, float], QImage]) -> None:
        key, image = outcome
        self._pending.discard(key)
        self._icons[key] = QIcon(QPixmap.fromImage(image)) if not image.isNull() else self._generic_for(Path(key[0]).suffix)
        self.ready.emit(key[0])
