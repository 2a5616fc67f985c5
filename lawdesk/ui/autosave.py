"""Autosave: the case is written (atomically, by `Case.save`) two seconds after the last change.

A debounce rather than a save per keystroke; `flush()` writes at once (on close, before a
generation). If writing fails (disk full, network folder gone) the change stays pending and
is retried with the next change or flush.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from lawdesk.case.model import Case
from lawdesk.i18n import _

DELAY_MS = 2000


class Autosaver(QObject):
    saved = Signal()
    failed = Signal(str)

    def __init__(self, case: Case, delay_ms: int = DELAY_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._case = case
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._pending

    def schedule(self) -> None:
        self._pending = True
        self._timer.start()

    def flush(self) -> bool:
        """Write now if anything changed; False if the write failed."""
        self._timer.stop()
        if not self._pending:
            return True
        try:
            self._case.save()
        except OSError as exc:
            self.failed.emit(_("enregistrement impossible de {file} ({reason}) ; vos modifications sont gardées "
                               "dans la fenêtre, libérez de la place ou vérifiez l'accès au dossier").format(
                file=self._case.path, reason=exc.strerror or exc))
            return False
        self._pending = False
        self.saved.emit()
        return True
