"""The window's side of case locking: take the lock when a case opens (asking before taking
over a stale one), keep its heartbeat, say who holds a case opened read-only."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from lawdesk.i18n import _
from lawdesk.ui.case_lock import HEARTBEAT_SECONDS, CaseLock, LockHolder, is_stale
from lawdesk.ui.formatting import timestamp


class LockKeeper(QObject):
    """Holds a case's lock while it is open: refreshes it, and says if it was lost."""

    lost = Signal()

    def __init__(self, lock: CaseLock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = lock
        self._timer = QTimer(self)
        self._timer.setInterval(HEARTBEAT_SECONDS * 1000)
        self._timer.timeout.connect(self.beat)
        self._timer.start()

    def beat(self) -> None:
        if not self.lock.refresh():
            self._timer.stop()
            self.lost.emit()

    def release(self) -> None:
        self._timer.stop()
        self.lock.release()


def held_message(holder: LockHolder) -> str:
    return _("Ce dossier est ouvert par {user} sur le poste {host} depuis le {since} : il s'affiche en lecture "
             "seule pour que vos saisies n'écrasent pas les siennes. Rouvrez-le quand il l'aura fermé.").format(
        user=holder.user, host=holder.host, since=timestamp(holder.since))


def lost_message() -> str:
    return _("Un autre poste a repris ce dossier : il s'affiche maintenant en lecture seule. Vos saisies précédentes "
             "sont enregistrées.")


def _confirm_take_over(holder: LockHolder, parent: QWidget | None) -> bool:
    answer = QMessageBox.question(
        parent, _("Dossier peut-être encore ouvert"),
        _("Ce dossier a été ouvert par {user} sur le poste {host} le {since}, mais ce poste ne donne plus signe de "
          "vie depuis le {heartbeat} (fenêtre fermée brutalement, ordinateur éteint ?).\n\nReprendre le dossier ? "
          "Si cette personne l'utilise encore, ses prochaines saisies ne seront plus enregistrées.").format(
            user=holder.user, host=holder.host, since=timestamp(holder.since), heartbeat=timestamp(holder.heartbeat)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def lock_case(folder: Path, parent: QWidget | None = None) -> tuple[LockKeeper | None, str]:
    """(keeper, "") when this window may edit the case; (None, why it is read-only) otherwise."""
    lock = CaseLock(folder)
    try:
        holder = lock.acquire()
        if holder is not None and is_stale(holder, time.time()) and _confirm_take_over(holder, parent):
            holder = lock.take_over(holder)
    except OSError as exc:
        return None, _("Impossible de réserver ce dossier ({reason}) : il s'affiche en lecture seule. Vérifiez "
                       "l'accès en écriture au dossier du cas.").format(reason=exc.strerror or exc)
    if holder is not None:
        return None, held_message(holder)
    return LockKeeper(lock, parent), ""
