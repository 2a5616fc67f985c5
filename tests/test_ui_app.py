"""Start-up: the workspace chosen once, the window opened by `lawdesk` with no argument, and
nothing heavy imported before a dossier is generated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from lawdesk.ui import app as ui_app
from lawdesk.ui.main_window import MainWindow
from lawdesk.ui.settings import AppSettings
from lawdesk.ui.welcome import WelcomeDialog

ROOT = Path(__file__).resolve().parent.parent


def settings_in(folder: Path) -> AppSettings:
    return AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def test_the_workspace_is_asked_once_then_remembered(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    settings = settings_in(tmp_path)
    assert ui_app.workspace_location(settings, ask=False) is None
    chosen = tmp_path / "Mes dossiers"

    def accept(dialog: WelcomeDialog) -> int:
        assert dialog.chosen().name == "LawDesk"  # the proposed default, under the documents folder
        dialog.path.setText(str(chosen))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WelcomeDialog, "exec", accept)
    assert ui_app.workspace_location(settings) == chosen
    monkeypatch.setattr(WelcomeDialog, "exec", lambda _dialog: pytest.fail("asked twice"))
    assert ui_app.workspace_location(settings_in(tmp_path)) == chosen


def test_main_opens_the_window_on_the_workspace(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own; put it back after
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    opened: list[MainWindow] = []

    def close_it() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        opened.extend(windows)
        for window in windows:
            window.close()

    QTimer.singleShot(500, close_it)
    assert ui_app.main(["--workspace", str(tmp_path / "ws")]) == 0
    assert len(opened) == 1 and opened[0].cases.store.root == tmp_path / "ws"
    assert (tmp_path / "ws").is_dir()


def test_main_opens_the_window_on_a_server(qtbot, tmp_path: Path, monkeypatch, pg_store) -> None:  # noqa: ANN001
    """`lawdesk --store URL`: the window lists the server's cases."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    pg_store.new_case("SRV-APP")
    seen: list[list[str]] = []

    def look_then_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].cases.proxy.rowCount():
            seen.append([windows[0].cases.location.text(), windows[0].cases.proxy.index(0, 0).data()])
            windows[0].close()
        else:
            QTimer.singleShot(100, look_then_close)

    QTimer.singleShot(100, look_then_close)
    from lawdesk.cli import main as lawdesk

    assert lawdesk(["--store", pg_store.url]) == 0  # `lawdesk --store URL`
    assert seen == [[f"Sur le serveur {pg_store.describe()}", "SRV-APP"]]


def test_the_window_does_not_load_the_build_stack() -> None:
    """WeasyPrint, the PDF and Word libraries load in the build process, never in the window's."""
    probe = ("import sys; import lawdesk.ui.app, lawdesk.ui.main_window, lawdesk.ui.case_editor; "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'weasyprint', 'pypdf', 'pikepdf', 'docx', 'docxtpl'})"
             " + sorted(m for m in sys.modules if m in ('lawdesk.build', 'lawdesk.documents')))")
    output = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True,
                            env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}).stdout
    assert output.strip() == "[]"
