"""Translation of user-facing messages.

Messages are written in French in the code (French is the default language of LawDesk
and of its users); other languages are gettext catalogs under resources/locale.
"""

from __future__ import annotations

import gettext
import os

from lawdesk.paths import resource

DOMAIN = "lawdesk"
DEFAULT_LANGUAGE = "fr"
_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def language_from_environment() -> str:
    """The language asked by LANGUAGE/LC_ALL/LC_MESSAGES/LANG: English if it says so, else French."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "en" if value.lower().startswith("en") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    global _translation, _language
    _language = language
    _translation = gettext.translation(
        DOMAIN, localedir=str(resource("locale")), languages=[language], fallback=True
    )


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
