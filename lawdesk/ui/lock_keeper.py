"""The window's side of a case's lease: take it when a case opens (asking before taking over one
whose holder gave no sign of life for long), keep it alive, say who holds a case opened read-only
and who else has it open."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from lawdesk.errors import LawdeskError
from lawdesk.i18n import _
from lawdesk.store.base import HEARTBEAT_SECONDS, Holder, Lease
from lawdesk.ui.formatting import timestamp


class LockKeeper(QObject):
    """Holds a case's lease while it is open for editing (renews it, says if it was lost), or says that
    this window shows it read-only; either way, tells who else has the case open."""

    lost = Signal()
    othersChanged = Signal(list)  # [Holder]: who else has the case open now

    def __init__(self, lock: Lease, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = lock
        self.editing = lock.mine is not None
        self.others: list[Holder] = []
        self._timer = QTimer(self)
        self._timer.setInterval(HEARTBEAT_SECONDS * 1000)
        self._timer.timeout.connect(self.beat)
        self._timer.start()

    def beat(self) -> None:
        try:
            if self.editing and not self.lock.refresh():
                self.editing = False
                self.lost.emit()
            elif not self.editing:
                self.lock.watch()
            others = self.lock.others()
        except LawdeskError:
            return  # the server is away for a moment: still ours, try at the next beat
        if others != self.others:
            self.others = others
            self.othersChanged.emit(others)

    def release(self) -> None:
        self._timer.stop()
        try:
            self.lock.release()
        except LawdeskError:
            pass  # the server is away: the lease ends on its own


def held_message(holder: Holder) -> str:
    return _("Ce dossier est ouvert par {user} sur le poste {host} depuis le {since} : il s'affiche en lecture "
             "seule pour que vos saisies n'écrasent pas les siennes. Rouvrez-le quand il l'aura fermé.").format(
        user=holder.user, host=holder.host, since=timestamp(holder.since))


def lost_message() -> str:
    return _("Un autre poste a repris ce dossier : il s'affiche maintenant en lecture seule. Vos saisies précédentes "
             "sont enregistrées.")


def _confirm_take_over(holder: Holder, parent: QWidget | None) -> bool:
    answer = QMessageBox.question(
        parent, _("Dossier peut-être encore ouvert"),
        _("Ce dossier a été ouvert par {user} sur le poste {host} le {since}, mais ce poste ne donne plus signe de "
          "vie depuis le {heartbeat} (fenêtre fermée brutalement, ordinateur éteint ?).\n\nReprendre le dossier ? "
          "Si cette personne l'utilise encore, ses prochaines saisies ne seront plus enregistrées.").format(
            user=holder.user, host=holder.host, since=timestamp(holder.since), heartbeat=timestamp(holder.heartbeat)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def lock_case(lease: Lease, parent: QWidget | None = None) -> tuple[LockKeeper | None, str]:
    """(keeper, "") when this window may edit the case; (keeper, why it is read-only) when someone else
    edits it; (None, why) when the case cannot be reserved at all."""
    try:
        holder = lease.acquire()
        if holder is not None and lease.is_stale(holder) and _confirm_take_over(holder, parent):
            holder = lease.take_over(holder)
        if holder is not None:
            lease.watch()
    except OSError as exc:
        return None, _("Impossible de réserver ce dossier ({reason}) : il s'affiche en lecture seule. Vérifiez "
                       "l'accès en écriture au dossier du cas.").format(reason=exc.strerror or exc)
    keeper = LockKeeper(lease, parent)
    keeper.others = lease.others()
    return keeper, held_message(holder) if holder is not None else ""
