"""Autosave: the case is written through its store two seconds after the last change.

A debounce rather than a save per keystroke; `flush()` writes at once (on close, before a
generation). Nothing typed is lost and no failure is silent:
- a write that fails (disk full, network folder gone) leaves the change pending, says so, and is
  retried with the next change or flush;
- a server that cannot be reached (restarted, network down) is said once, and tried again every
  few seconds until the edits are saved;
- a case changed in the store since it was read is never overwritten (`Conflict`): `conflicted`
  hands the other version to the editor, which merges or lets the user choose, then saves.

`base` is the case as last read or saved: what both versions started from, for the merge.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from lawdesk.case.model import Case
from lawdesk.errors import LawdeskError
from lawdesk.i18n import _
from lawdesk.store import journal
from lawdesk.store.base import CaseStore, Conflict, StoreUnavailable

DELAY_MS = 2000
RETRY_MS = 5000


class Autosaver(QObject):
    saved = Signal()
    failed = Signal(str)
    conflicted = Signal(object)  # the Conflict: the case as it is in the store now
    offline = Signal(str)  # the store cannot be reached: the edits wait in the window

    def __init__(self, case: Case, store: CaseStore, delay_ms: int = DELAY_MS, parent: QObject | None = None,
                 retry_ms: int | None = None) -> None:
        super().__init__(parent)
        self._case = case
        self._store = store
        self._pending = False
        self.waiting = False  # edits kept while the store cannot be reached
        self.base: dict[str, Any] = copy.deepcopy(case.data)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(retry_ms or RETRY_MS)
        self._retry.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._pending

    def schedule(self) -> None:
        self._pending = True
        self._timer.start()

    def stop(self) -> None:
        """Nothing more is written (the case went read-only after its pending edits were handled)."""
        self._timer.stop()
        self._retry.stop()

    def resolved(self, data_saved_from: dict[str, Any], revision: str) -> None:
        """The editor merged a conflict: the case now starts from the other version (`revision`)."""
        self.base = copy.deepcopy(data_saved_from)
        self._case.revision = revision
        self._pending = True

    def flush(self) -> bool:
        """Write now if anything changed; False if the write failed (the change stays pending)."""
        self._timer.stop()
        self._retry.stop()
        if not self._pending:
            return True
        snapshot = copy.deepcopy(self._case.data)
        try:
            self._store.save(self._case)
        except Conflict as conflict:
            journal.keep(self._store.describe(), self._case, self.base)
            self.conflicted.emit(conflict)
            return not self._pending  # merged and saved by the editor meanwhile
        except StoreUnavailable as exc:
            journal.keep(self._store.describe(), self._case, self.base)
            first = not self.waiting
            self.waiting = True
            self._retry.start()
            if first:
                self.offline.emit(_("{reason}. Vos modifications sont gardées dans la fenêtre et seront enregistrées "
                                    "dès que le serveur répondra.").format(reason=exc.message[:1].upper() + exc.message[1:]))
            return False
        except (OSError, LawdeskError) as exc:
            journal.keep(self._store.describe(), self._case, self.base)
            reason = exc.message if isinstance(exc, LawdeskError) else exc.strerror or exc
            self.failed.emit(_("enregistrement impossible de {file} ({reason}) ; vos modifications sont gardées "
                               "dans la fenêtre, libérez de la place ou vérifiez l'accès au dossier").format(
                file=getattr(exc, "filename", None) or self._case.reference, reason=reason))
            return False
        self.base = snapshot
        self.waiting = False
        journal.forget(self._store.describe(), self._case.ref)
        self._pending = self._case.data != snapshot  # typed during a slow save: saved at the next beat
        if self._pending:
            self._timer.start()
        self.saved.emit()
        return True
