"""Two windows, or two volunteers on a shared folder, never edit one case at once."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from lawdesk.store.base import Holder
from lawdesk.store.folder_lock import STALE_AFTER, CaseLock, is_stale, lock_path, read_holder
from lawdesk.ui.main_window import MainWindow
from lawdesk.ui.settings import AppSettings
from lawdesk.store.folder import FolderStore


def _window(qtbot, root: Path, tmp_path: Path, name: str) -> MainWindow:  # noqa: ANN001
    window = MainWindow(FolderStore(root), AppSettings(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    return window


def test_the_lock_is_exclusive_refreshed_and_released(tmp_path: Path) -> None:
    first, second = CaseLock(tmp_path), CaseLock(tmp_path)
    assert first.acquire() is None
    holder = second.acquire()
    assert holder is not None and holder.pid == os.getpid() and holder.token == first.mine.token
    assert not is_stale(holder, time.time())
    before = read_holder(lock_path(tmp_path)).heartbeat
    time.sleep(0.01)
    assert first.refresh() and read_holder(lock_path(tmp_path)).heartbeat > before
    first.release()
    assert not lock_path(tmp_path).exists()
    assert second.acquire() is None


def test_a_stale_lock_is_taken_over_and_its_holder_learns_it(tmp_path: Path) -> None:
    old = CaseLock(tmp_path, clock=lambda: time.time() - STALE_AFTER - 60)
    assert old.acquire() is None
    taker = CaseLock(tmp_path)
    holder = taker.acquire()
    assert holder is not None and is_stale(holder, time.time())
    assert taker.take_over(holder) is None
    assert read_holder(lock_path(tmp_path)).token == taker.mine.token
    assert not old.refresh()  # the old window finds out at its next heartbeat
    old.release()  # and does not remove the new holder's lock
    assert lock_path(tmp_path).exists()


def test_a_lock_of_a_dead_process_on_this_computer_is_stale(tmp_path: Path) -> None:
    me = Holder.me(time.time())
    assert is_stale(Holder(me.user, me.host, 2 ** 22 + 12345, me.since, me.heartbeat, "x"), time.time())


def test_a_second_window_opens_a_locked_case_read_only(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    root = tmp_path / "ws"
    case = FolderStore(root).new_case("A-1")
    first = _window(qtbot, root, tmp_path, "one")
    editor = first.open_case(case.ref)
    assert editor is not None and not editor.read_only
    second = _window(qtbot, root, tmp_path, "two")
    other = second.open_case(case.ref)
    assert other is not None and other.read_only
    assert not other.form.show_section(0).widget().isEnabled()
    assert not other.generate_button.isEnabled() and not second.generate_action.isEnabled()
    assert "lecture seule" in other.messages.text.text() and Holder.me(0).user in other.messages.text.text()
    assert not second.undo_action.isEnabled()
    first.show_list()  # closing the case releases it: the second window may now open it for editing
    assert not lock_path(case.folder).exists()
    assert second.open_case(case.ref) is not None and not second.editor.read_only
    second.close()
    assert not lock_path(case.folder).exists()


def test_a_stale_lock_is_taken_over_after_confirmation(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    root = tmp_path / "ws"
    case = FolderStore(root).new_case("A-2")
    lock_path(case.folder).parent.mkdir(parents=True, exist_ok=True)
    lock_path(case.folder).write_text(json.dumps({"user": "claire", "host": "clinique-2", "pid": 4242,
                                                  "since": 1.0e9, "heartbeat": 1.0e9, "token": "old"}))
    asked: list[str] = []

    def answer(parent, title, text, *args):  # noqa: ANN001, ANN002, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window = _window(qtbot, root, tmp_path, "one")
    editor = window.open_case(case.ref)
    assert editor is not None and not editor.read_only
    assert asked and "claire" in asked[0] and "clinique-2" in asked[0]
    assert read_holder(lock_path(case.folder)).token == window.lock.lock.mine.token


def test_refusing_the_takeover_opens_read_only(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    root = tmp_path / "ws"
    case = FolderStore(root).new_case("A-3")
    stale = CaseLock(case.folder, clock=lambda: 1.0e9)
    assert stale.acquire() is None
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    window = _window(qtbot, root, tmp_path, "one")
    editor = window.open_case(case.ref)
    assert editor is not None and editor.read_only


def test_a_duplicated_case_does_not_copy_the_lock(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    workspace = FolderStore(tmp_path / "ws")
    case = workspace.new_case("A-4")
    assert CaseLock(case.folder).acquire() is None
    copy = workspace.duplicate(case.ref)
    assert not lock_path(copy.folder).exists()
