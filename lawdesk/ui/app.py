"""`lawdesk` with no argument: the application window.

Start-up stays light: the build (WeasyPrint, the PDF stack) is imported by the generation process,
started once the window shows (lawdesk.generation), and the workspace is read in the background.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from lawdesk.i18n import _, current_language, language_from_environment, set_language
from lawdesk.ui.language import apply_language
from lawdesk.ui.settings import APPLICATION, ORGANIZATION, AppSettings, default_workspace

log = logging.getLogger(__name__)
# The generation process starts this long after the window shows (its first paint comes first).
WARM_UP_AFTER_MS = 300


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="lawdesk", description=_("Ouvre la fenêtre de LawDesk."))
    parser.add_argument("--workspace", metavar=_("DOSSIER"),
                        help=_("espace de travail à ouvrir (sinon celui choisi au premier lancement)"))
    parser.add_argument("--store", metavar="URL",
                        help=_("serveur de la clinique à ouvrir (postgresql://utilisateur@serveur/base)"))
    return parser.parse_args(argv)


def configure(app: QApplication) -> None:
    """Names, look, locale (dates in the calendar, Qt's own buttons) for the interface language."""
    from lawdesk.ui.style import apply_style

    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("LawDesk")
    apply_style(app)
    apply_language(app, current_language())


def workspace_location(settings: AppSettings, ask: bool = True) -> Path | str | None:
    """The workspace (or server) chosen before, else the user's choice now (proposing Documents/LawDesk)."""
    if settings.store_location is not None:
        return settings.store_location
    if not ask:
        return None
    from lawdesk.ui.welcome import WelcomeDialog

    dialog = WelcomeDialog(default_workspace())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    settings.workspace = dialog.chosen()
    settings.guided = dialog.guided_chosen()
    return settings.workspace


def _report_bug(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """A bug in a slot: logged with its traceback, shown to the user as a sentence; the window goes on
    (and the case stays autosaved)."""
    from lawdesk.crashlog import record_crash

    log.error("erreur interne", exc_info=(kind, error, trace))
    log_file = record_crash(error)
    QMessageBox.critical(None, _("Erreur interne de LawDesk"), _(
        "Une erreur interne est survenue ({kind}). Vos saisies sont enregistrées automatiquement ; "
        "si le problème se reproduit, signalez-le en décrivant ce que vous faisiez et en joignant {file}.").format(
        kind=kind.__name__, file=log_file or "—"))


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    app = QApplication.instance() or QApplication(["lawdesk"])
    assert isinstance(app, QApplication)
    sys.excepthook = _report_bug
    settings = AppSettings()
    set_language(settings.language or language_from_environment())
    configure(app)
    location = args.store or (Path(args.workspace).expanduser() if args.workspace else workspace_location(settings))
    if location is None:
        return 0

    from lawdesk.errors import LawdeskError
    from lawdesk.store import open_store
    from lawdesk.ui.main_window import MainWindow

    try:
        store = open_store(location)
    except OSError as exc:
        print(_("espace de travail inutilisable : {folder} ({reason})").format(folder=location, reason=exc.strerror),
              file=sys.stderr)
        return 2
    except LawdeskError as exc:
        QMessageBox.critical(None, _("Serveur injoignable"), exc.message)
        return 2
    window = MainWindow(store, settings)
    window.show()
    from lawdesk.generation import start_generation_process

    # After the first paint: the generation process imports what a build needs on the other core.
    QTimer.singleShot(WARM_UP_AFTER_MS, start_generation_process)
    return app.exec()
