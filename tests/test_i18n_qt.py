"""Qt's own strings (dialog buttons, context menus) follow the interface language, also when it changes."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox  # noqa: E402

from lawdesk.i18n import _, current_language, set_language  # noqa: E402
from lawdesk.ui.language import apply_language  # noqa: E402


@pytest.fixture
def app(qapp):
    before = current_language()
    yield qapp
    for old in qapp.findChildren(QTranslator):
        qapp.removeTranslator(old)
        old.setParent(None)
    set_language(before)


def _cancel_button_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return box.button(QDialogButtonBox.StandardButton.Cancel).text()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_qt_ships_the_qtbase_catalogs(language):
    translator = QTranslator()
    assert translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def test_qt_strings_switch_with_the_interface_language(app):
    assert apply_language(app, "fr") == "fr"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert _cancel_button_text() == "Annuler"
    assert _("ne doit pas être vide") == "ne doit pas être vide"

    assert apply_language(app, "en") == "en"
    assert _cancel_button_text() == "Cancel"
    assert _("ne doit pas être vide") == "must not be empty"

    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"

    apply_language(app, "fr")
    apply_language(app, "fr")
    assert _cancel_button_text() == "Annuler"
    # the previous translators are replaced, not piled up: Qt's catalog and the French strings it lacks
    assert sorted(t.objectName() for t in app.findChildren(QTranslator)) == ["lawdeskQtSupplement", "lawdeskQtTranslator"]
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Regarder dans :"
