"""Translation of user-facing messages.

Messages are written in French in the code (French is the default language of LawDesk
and of its users); other languages are gettext catalogs under resources/locale
(`scripts/update_catalogs.sh` extracts, updates and compiles them).

Call `_()` when the message is shown, never at import time: a module-level `_("…")` is
evaluated once, before `set_language()` runs, and would stay French. For tables of messages,
mark the strings with `N_()` (extracted, not translated) and call `_()` on them at use.
Plurals go through `ngettext(singular, plural, n)`, with `{n}` in both forms; a word whose translation
depends on where it is shown goes through `pgettext(context, message)`.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping

from lawdesk.paths import resource

DOMAIN = "lawdesk"
DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")  # the catalogs LawDesk ships
_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order of precedence

_translation: gettext.NullTranslations | None = None
_language = DEFAULT_LANGUAGE


def normalize_language(value: str | None) -> str | None:
    """"en_GB.UTF-8", "en-US", "EN" → "en"; "fr_FR@euro" → "fr"; a language LawDesk lacks → None."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language asked by LANGUAGE/LC_ALL/LC_MESSAGES/LANG (the first one set decides, as for
    gettext); LANGUAGE may list several ("de:en" → English). C/POSIX, unset, or a language
    LawDesk lacks → French."""
    environ = os.environ if environ is None else environ
    for variable in _ENVIRONMENT:
        value = environ.get(variable, "")
        if not value:
            continue
        for candidate in value.split(":"):
            language = normalize_language(candidate)
            if language:
                return language
        if variable != "LANGUAGE":  # LANGUAGE without a known language lets the locale decide
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(language: str | None) -> str:
    """Translate the messages shown from now on into `language` ("fr", "en", "en_US.UTF-8"…;
    French for a language LawDesk lacks). Returns the language chosen."""
    global _translation, _language
    chosen = normalize_language(language) or DEFAULT_LANGUAGE
    _translation = gettext.translation(DOMAIN, localedir=str(resource("locale")), languages=[chosen], fallback=True)
    _language = chosen
    return chosen


def current_language() -> str:
    """"fr" or "en": also the Babel/Qt locale of dates and numbers."""
    return _language


def _catalog() -> gettext.NullTranslations:
    if _translation is None:  # the core used as a library, without set_language(): French rules
        set_language(_language)
    assert _translation is not None
    return _translation


def _(message: str) -> str:
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """For a French word with two English translations, e.g. "Annuler": Cancel (a dialog) or Undo (an action done)."""
    return _catalog().pgettext(context, message)


def N_(message: str) -> str:
    """Marks a message for extraction without translating it (translate with `_()` at use)."""
    return message
