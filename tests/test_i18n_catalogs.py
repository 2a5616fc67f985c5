"""The gettext catalogs: template up to date with the code, English complete and consistent,
compiled .mo files up to date, and the command line speaking the language asked for."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
POT = LOCALE / "lawdesk.pot"
LANGUAGES = ("fr", "en")


def _po(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "lawdesk.po"


def _read(path: Path, locale: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _ids(catalog) -> set:
    return {message.id for message in catalog if message.id}


def _forms(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


@pytest.fixture(scope="module")
def english():
    return _read(_po("en"), "en")


@pytest.fixture(scope="module")
def template():
    return _read(POT)


def test_template_is_up_to_date_with_the_code(tmp_path):
    fresh = tmp_path / "lawdesk.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", "-F", "babel.cfg",
                    "--add-comments", "TRANSLATORS:", "-o", str(fresh), "."], cwd=ROOT, check=True)
    extracted, stored = _ids(_read(fresh)), _ids(_read(POT))
    assert extracted - stored == set(), "messages missing from the catalogs: run scripts/update_catalogs.sh"
    assert stored - extracted == set(), "messages no longer in the code: run scripts/update_catalogs.sh"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogs_have_exactly_the_messages_of_the_template(template, language):
    catalog = _read(_po(language), language)
    assert _ids(catalog) == _ids(template)
    assert not catalog.obsolete


def test_every_message_has_an_english_translation(english):
    assert not english.fuzzy, "the English catalog's header is fuzzy: pybabel compile would skip the whole catalog"
    missing = [m.id for m in english if m.id and (m.fuzzy or not all(_forms(m.string)))]
    assert missing == []
    assert english.num_plurals == 2


def test_french_catalog_is_the_identity():
    french = _read(_po("fr"), "fr")
    assert french.plural_expr == "(n > 1)"
    assert [m.id for m in french if m.id and m.string and _forms(m.string) != _forms(m.id)] == []


def _fields(text: str) -> Counter:
    """The str.format replacement fields of a message: {name}, {code:04X}, {0}; {{ }} are not fields."""
    return Counter((name, spec, conversion) for _literal, name, spec, conversion in string.Formatter().parse(text)
                   if name is not None)


def _markup(text: str) -> Counter:
    """What must survive translation as is: HTML tags, line breaks, a Qt accelerator (&File)."""
    return Counter(re.findall(r"<[^>]+>|\n|&(?=\w)", text.replace("&&", "")))


def test_translations_keep_placeholders_and_markup(english):
    wrong = []
    for message in english:
        if not message.id:
            continue
        ids, strings = _forms(message.id), _forms(message.string)
        for index, translated in enumerate(strings):
            source = ids[min(index, len(ids) - 1)]
            if _fields(source) != _fields(translated) or _markup(source) != _markup(translated):
                wrong.append((source, translated))
    assert wrong == []


def test_translations_format_like_their_source(english):
    """Formatting a translation with the source's placeholders works (no stray brace)."""
    for message in english:
        if message.id:
            for source, translated in zip(_forms(message.id), _forms(message.string)):
                values = {name: 1 for name, _spec, _conv in _fields(source) if name and not name.isdigit()}
                positional = [1] * sum(1 for name, _spec, _conv in _fields(source) if not name or name.isdigit())
                assert translated.format(*positional, **values) is not None


def _compiled(data: bytes) -> tuple[dict, str]:
    """What a compiled catalog gives the program: its messages, and the plural rule that chooses
    among their forms. Not the rest of the header: it names the Babel that compiled the file
    (`Generated-By: Babel 2.19.0`), which a machine with another Babel would write otherwise."""
    catalog = read_mo(io.BytesIO(data))
    return {(m.context, _forms(m.id)): _forms(m.string) for m in catalog if m.id}, catalog.plural_forms


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogs_are_up_to_date(language):
    buffer = io.BytesIO()
    write_mo(buffer, _read(_po(language), language))
    committed = LOCALE / language / "LC_MESSAGES" / "lawdesk.mo"
    assert committed.is_file(), "compiled catalogs are committed: run scripts/update_catalogs.sh"
    messages, plural_forms = _compiled(committed.read_bytes())
    expected_messages, expected_plural_forms = _compiled(buffer.getvalue())
    assert len(expected_messages) > 500
    assert messages == expected_messages, "the .mo file is older than its .po: run scripts/update_catalogs.sh"
    assert plural_forms == expected_plural_forms, "the .mo file is older than its .po: run scripts/update_catalogs.sh"

# The command line ------------------------------------------------------------------------------

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(scope="module")
def broken_case(tmp_path_factory) -> Path:
    """The demo case with one blocking error (impossible date) and one plural warning (a single step)."""
    folder = tmp_path_factory.mktemp("i18n") / "case"
    shutil.copytree(ROOT / "examples" / "demo-case", folder)
    data = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    data["applicant"]["birth_date"] = "1990-02-30"
    data["incidents"] = data["incidents"][:1]
    (folder / "case.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def _check(case: Path, *options: str, **variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env.update(variables, PYTHONIOENCODING="utf-8")
    # judged at the demo's own date, so that the facts' age adds no warning as time goes by
    return subprocess.run([sys.executable, "-m", "lawdesk", "check", str(case), "--date", "2025-04-01", *options], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def _assert_english(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 1, result.stderr
    assert "error: applicant.birth_date: the date “1990-02-30” does not exist; check the day and month" in result.stdout
    assert "warning: incidents: only one failed attempt is described" in result.stdout
    warnings = result.stdout.count("warning:")
    assert warnings > 1 and f"1 blocking error, {warnings} warnings; fix the errors" in result.stderr
    assert "bloquante" not in result.stderr and "Traceback" not in result.stderr


def _assert_french(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 1, result.stderr
    assert "error: applicant.birth_date : la date « 1990-02-30 » n'existe pas" in result.stdout
    assert "warning: incidents : une seule tentative infructueuse est décrite" in result.stdout
    warnings = result.stdout.count("warning:")
    assert warnings > 1 and f"1 erreur bloquante, {warnings} avertissements ; corrigez les erreurs" in result.stderr


def test_check_speaks_english_under_an_english_locale(broken_case):
    _assert_english(_check(broken_case, LANG="en_US.UTF-8"))


def test_check_speaks_english_with_the_lang_option(broken_case):
    _assert_english(_check(broken_case, "--lang", "en", LANG="C"))
    _assert_english(_check(broken_case, "--lang=en", LANG="fr_FR.UTF-8"))


def test_lang_option_wins_over_the_environment(broken_case):
    _assert_french(_check(broken_case, "--lang", "fr", LANG="en_GB.UTF-8", LANGUAGE="en"))


@pytest.mark.parametrize("variables", [{}, {"LANG": "C"}, {"LANG": "C.UTF-8"}, {"LANG": "de_DE.UTF-8"}],
                         ids=["unset", "C", "C.UTF-8", "unsupported"])
def test_check_speaks_french_by_default(broken_case, variables):
    _assert_french(_check(broken_case, **variables))
