"""A progress dialog for a background job: the job's `Progress` drives the bar, Annuler cancels it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from lawdesk.i18n import _
from lawdesk.ui.worker import Job

SHOW_AFTER_MS = 400  # a job quicker than this never flashes a dialog


class JobProgressDialog(QProgressDialog):
    def __init__(self, job: Job, title: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Préparation…"), _("Annuler"), 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(460)
        self._job = job
        job.progressed.connect(self._progressed)
        job.finished.connect(self._finished)
        self.canceled.connect(self._cancel)
        self.setValue(0)

    def _progressed(self, done: int, total: int, label: str) -> None:
        # The label first: setValue() of a modal dialog processes events, so the next steps are
        # shown from inside it, and a label set after it would go back to this older step.
        if label:
            self.setLabelText(label)
        self.setMaximum(total)
        self.setValue(done)

    def _cancel(self) -> None:
        """The dialog hides; the job stops at its next step and reports `cancelled`."""
        self._job.cancel()

    def _finished(self) -> None:
        self.canceled.disconnect(self._cancel)
        self.close()
        self.deleteLater()
