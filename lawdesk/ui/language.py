"""The interface language at run time: LawDesk's messages (gettext), Qt's own strings
(QTranslator qtbase_fr/qtbase_en) and the locale of dates and numbers, switched together."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from lawdesk.i18n import set_language

_TRANSLATOR_NAME = "lawdeskQtTranslator"


def qt_translator(app: QCoreApplication) -> QTranslator | None:
    """The translator of Qt's own strings installed by `apply_language`, if any."""
    found = app.findChild(QTranslator, _TRANSLATOR_NAME)
    return found if isinstance(found, QTranslator) else None


def apply_language(app: QCoreApplication, language: str | None) -> str:
    """Switch every layer to `language` ("fr"/"en"; French for one LawDesk lacks) and return it.
    Widgets already built keep their text: the window rebuilds them (MainWindow.switch_language)."""
    chosen = set_language(language)
    QLocale.setDefault(QLocale(chosen))
    old = qt_translator(app)
    if old is not None:
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    if translator.load(QLocale(chosen), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    return chosen
