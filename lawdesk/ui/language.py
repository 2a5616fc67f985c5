"""The interface language at run time: LawDesk's messages (gettext), Qt's own strings
(QTranslator qtbase_fr/qtbase_en, and the few French strings qtbase_fr lacks) and the locale of
dates and numbers, switched together.

English dates are British (« 16/09/2025 »): day before month, as LawDesk's users read them beside
French ones, never Qt's US default (« 9/16/25 »)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from lawdesk.i18n import set_language
from lawdesk.ui.formatting import LOCALES

_TRANSLATOR_NAME = "lawdeskQtTranslator"
_SUPPLEMENT_NAME = "lawdeskQtSupplement"

# Strings of Qt's own file dialog that qtbase_fr (Qt 6.11) leaves in English: « Look in: » and
# « Files of type: » beside French labels, « Folder » in the type column. (context, source) → French.
_MISSING_FRENCH = {
    ("QFileDialog", "&Look in:"): "&Regarder dans :",
    ("QFileDialog", "Files of &type:"): "&Type de fichier :",
    ("QFileDialog", "Computer"): "Ordinateur",
    ("QFileDialog", "Invalid file name"): "Nom de fichier non valide",
    ("QFileSystemModel", "%1 TB"): "%1 To",
    ("QFileSystemModel", "%1 GB"): "%1 Go",
    ("QFileSystemModel", "%1 MB"): "%1 Mo",
    ("QFileSystemModel", "%1 KB"): "%1 Ko",
    ("QFileSystemModel", "%1 bytes"): "%1 octets",
    **{(context, source): french for context in ("QAbstractFileIconProvider", "QFileIconProvider")
       for source, french in (("Drive", "Lecteur"), ("File", "Fichier"), ("Folder", "Dossier"),
                              ("Shortcut", "Raccourci"), ("Unknown", "Inconnu"), ("%1 File", "Fichier %1"))},
    ("QCalendarWidget", "Today"): "Aujourd'hui",
    ("QCalendarWidget", "Week"): "Semaine",
}


class _FrenchSupplement(QTranslator):
    """Asked before qtbase_fr (the last translator installed is asked first); None lets the others answer."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return _MISSING_FRENCH.get((context, source))

    def isEmpty(self) -> bool:
        return False


def qt_translator(app: QCoreApplication) -> QTranslator | None:
    """The translator of Qt's own strings installed by `apply_language`, if any."""
    found = app.findChild(QTranslator, _TRANSLATOR_NAME)
    return found if isinstance(found, QTranslator) else None


def apply_language(app: QCoreApplication, language: str | None) -> str:
    """Switch every layer to `language` ("fr"/"en"; French for one LawDesk lacks) and return it.
    Widgets already built keep their text: the window rebuilds them (MainWindow.switch_language)."""
    chosen = set_language(language)
    QLocale.setDefault(QLocale(LOCALES.get(chosen, chosen)))
    for name in (_TRANSLATOR_NAME, _SUPPLEMENT_NAME):
        old = app.findChild(QTranslator, name)
        if isinstance(old, QTranslator):
            app.removeTranslator(old)
            old.setParent(None)
            old.deleteLater()
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    if translator.load(QLocale(chosen), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    if chosen == "fr":
        supplement = _FrenchSupplement(app)
        supplement.setObjectName(_SUPPLEMENT_NAME)
        app.installTranslator(supplement)
    return chosen
