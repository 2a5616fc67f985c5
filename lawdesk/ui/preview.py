"""The generated bundle, shown with QtPdf: page navigation, zoom, refreshed on demand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QSpinBox, QStackedLayout, QToolButton, QVBoxLayout, QWidget,
)

from lawdesk.i18n import _
from lawdesk.ui.form.binding import restyle

ZOOM_STEP = 1.25


class PreviewPane(QWidget):
    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._page_changed)

        self.refresh = refresh = QPushButton(_("Actualiser l'aperçu"), self)
        refresh.setObjectName("primary")
        refresh.setToolTip(_("Montre le dossier tel qu'il serait généré avec les données actuelles, sans remplacer le "
                             "dossier généré"))
        refresh.clicked.connect(self.refreshRequested)
        self.previous = self._tool("‹", _("Page précédente"), lambda: self.go_to(self.page() - 1))
        self.next = self._tool("›", _("Page suivante"), lambda: self.go_to(self.page() + 1))
        self.page_box = QSpinBox(self)
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.page_count = QLabel(self)
        zoom_out = self._tool("−", _("Réduire"), lambda: self.zoom(1 / ZOOM_STEP))
        zoom_in = self._tool("+", _("Agrandir"), lambda: self.zoom(ZOOM_STEP))
        fit_width = QPushButton(_("Pleine largeur"), self)
        fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        fit_page = QPushButton(_("Page entière"), self)
        fit_page.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))

        self._navigation = [self.previous, QLabel(_("Page"), self), self.page_box, self.page_count, self.next,
                            zoom_out, zoom_in, fit_width, fit_page]
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 8, 12, 8)
        bar.addWidget(refresh)
        bar.addSpacing(16)
        for position, widget in enumerate(self._navigation):
            bar.addWidget(widget)
            if position == 4:
                bar.addSpacing(16)
        bar.addStretch(1)

        self.caption = QLabel(self)
        self.caption.setObjectName("previewCaption")
        self.caption.setWordWrap(True)
        self.showing_draft = False  # a preview built from the current data, not the generated dossier

        self.empty = QLabel(_("Aucun dossier généré pour l'instant.\n\n"
                              "« Générer le dossier » écrit le dossier à envoyer et l'affiche ici ; « Actualiser "
                              "l'aperçu » montre ce qu'il serait, sans l'écrire."), self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self._pages = QStackedLayout()
        self._pages.addWidget(self.empty)
        self._pages.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.caption)
        layout.addLayout(self._pages, 1)
        self.show_pdf(None)

    def _tool(self, text: str, tip: str, action: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setMinimumWidth(28)
        button.clicked.connect(action)
        return button

    def show_pdf(self, path: Path | None, caption: str = "", draft: bool = False) -> None:
        """Show `path` (None or an unreadable file: the empty state); `caption` says what it is, a `draft`
        being a preview that is not the generated dossier."""
        self.document.close()
        self.showing_draft = draft and path is not None
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption) and path is not None)
        restyle(self.caption, "draft", "true" if self.showing_draft else "false")
        loaded = path is not None and self.document.load(str(path)) == QPdfDocument.Error.None_
        self._pages.setCurrentWidget(self.view if loaded else self.empty)
        count = self.document.pageCount() if loaded else 0
        self.page_box.setMaximum(max(count, 1))
        self.page_count.setText(_("sur {count}").format(count=count))
        for widget in self._navigation:
            widget.setVisible(loaded)
        for widget in (self.previous, self.next, self.page_box):
            widget.setEnabled(count > 1)
        if loaded:
            self.go_to(0)

    def set_busy(self, busy: bool) -> None:
        self.refresh.setEnabled(not busy)
        self.refresh.setText(_("Aperçu en cours…") if busy else _("Actualiser l'aperçu"))

    def release(self) -> None:
        """Let go of the file, so that a new generation can replace it (Windows locks open files)."""
        self.show_pdf(None)

    def page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if 0 <= page < self.document.pageCount():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(self.view.zoomFactor() * factor, 8.0)))

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
