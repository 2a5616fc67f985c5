"""Undo and redo for one open case: every edit is a change of the case data, recorded as the
data before and after it.

Whole snapshots (a case is a few kilobytes: copying it takes a fifth of a millisecond) keep
every kind of edit — a field, a list row added, moved or removed, a pièce renumbered with the
facts that cite it — correct with one command class, whatever the objects the widgets hold.
Consecutive keystrokes in one field merge into one step.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtCore import QObject

from lawdesk.ui.form.paths import FieldPath

Restore = Callable[[dict[str, Any], FieldPath], None]


class Change(QUndoCommand):
    """The case data before and after an edit; `where` is shown again on undo and redo."""

    MERGING = 1

    def __init__(self, text: str, before: dict[str, Any], after: dict[str, Any], where: FieldPath,
                 restore: Restore, merge_key: object = None) -> None:
        super().__init__(text)
        self.before = before
        self.after = after
        self.where = where
        self.merge_key = merge_key
        self._restore = restore
        self._applied = True  # pushed after the edit was made

    def id(self) -> int:
        return self.MERGING if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Change) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._restore(self.after, self.where)

    def undo(self) -> None:
        self._restore(self.before, self.where)


class CaseHistory(QUndoStack):
    """The undo stack of one case; `restore` puts a snapshot back into the case and the form."""

    def __init__(self, data: dict[str, Any], restore: Restore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self._restore = restore

    @contextmanager
    def change(self, text: str, where: FieldPath, merge: bool = False) -> Iterator[None]:
        """Record what the block does to the case data as one undoable step (nothing if it did
        nothing); with `merge`, it joins the step before if that was in the same field."""
        before = copy.deepcopy(self.data)
        yield
        if before != self.data:
            self.push(Change(text, before, copy.deepcopy(self.data), where, self._restore,
                             merge_key=where if merge else None))


@contextmanager
def recorded(history: CaseHistory | None, text: str, where: FieldPath, merge: bool = False) -> Iterator[None]:
    """`history.change(…)`, or nothing for a form that keeps no history (tests, read-only)."""
    if history is None:
        yield
        return
    with history.change(text, where, merge):
        yield
