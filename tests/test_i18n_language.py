"""Choosing the language (environment, --lang, at run time) and translating at use, not at import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lawdesk import i18n
from lawdesk.i18n import N_, _, current_language, language_from_environment, ngettext, normalize_language, set_language

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def restore_language():
    before = current_language()
    yield
    set_language(before)


@pytest.mark.parametrize(("variables", "expected"), [
    ({}, "fr"),
    ({"LANG": "C"}, "fr"),
    ({"LANG": "POSIX"}, "fr"),
    ({"LANG": "C.UTF-8"}, "fr"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_GB"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "de_DE.UTF-8"}, "fr"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "fr"),  # LC_ALL decides, as for gettext
    ({"LC_MESSAGES": "en_IE.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANGUAGE": "en", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANGUAGE": "de:en", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LANGUAGE": "de", "LANG": "en_US.UTF-8"}, "en"),  # no known language in LANGUAGE: the locale decides
    ({"LANGUAGE": "", "LANG": "en_US.UTF-8"}, "en"),
])
def test_language_from_environment(variables, expected):
    assert language_from_environment(variables) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("en", "en"), ("EN", "en"), ("en-US", "en"), ("en_GB.UTF-8", "en"), ("fr_FR@euro", "fr"),
    ("de", None), ("", None), (None, None), ("C", None),
])
def test_normalize_language(value, expected):
    assert normalize_language(value) == expected


def test_set_language_switches_messages_at_run_time(restore_language):
    message = "ne doit pas être vide"
    assert set_language("en_US.UTF-8") == "en" and current_language() == "en"
    assert _(message) == "must not be empty"
    assert set_language("fr") == "fr"
    assert _(message) == message
    assert set_language("de") == "fr"  # a language LawDesk lacks: French


def test_plurals_follow_each_language(restore_language):
    set_language("fr")
    assert ngettext("{n} avertissement", "{n} avertissements", 0).format(n=0) == "0 avertissement"  # French: 0 is singular
    assert ngettext("{n} avertissement", "{n} avertissements", 2).format(n=2) == "2 avertissements"
    set_language("en")
    assert ngettext("{n} avertissement", "{n} avertissements", 0).format(n=0) == "0 warnings"
    assert ngettext("{n} avertissement", "{n} avertissements", 1).format(n=1) == "1 warning"


def test_french_plural_rules_apply_before_any_set_language(monkeypatch):
    monkeypatch.setattr(i18n, "_translation", None)
    monkeypatch.setattr(i18n, "_language", "fr")
    assert ngettext("{n} pièce", "{n} pièces", 0) == "{n} pièce"


def test_marked_messages_are_translated_at_use(restore_language):
    from lawdesk.case.validate import validate_data

    assert N_("un texte") == "un texte"
    set_language("en")
    messages = [p.line() for p in validate_data({"format": "lawdesk.case/1", "reference": 12})]
    assert any("reference: must be a text" in line for line in messages), messages


def test_legal_documents_stay_french_in_english(restore_language):
    """The bundle's stamps and bookmarks are part of the dossier filed in court."""
    from lawdesk.bundle.assemble import Part, piece_stamp

    set_language("en")
    assert piece_stamp(3, 1, 2) == "Pièce n° 3 — 1/2"
    assert Part("piece", "Attestation", b"", number=3).bookmark == "Pièce n° 3 — Attestation"


def _module_level_calls(path: Path, name: str | None = None) -> list[str]:
    """`_()`/`ngettext()` evaluated at import: at module or class level, in default values, in decorators."""
    found: list[str] = []

    def scan(node: ast.AST, at_import: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                evaluated_now = [*child.args.defaults, *(d for d in child.args.kw_defaults if d is not None),
                                 *getattr(child, "decorator_list", [])]
                for expression in evaluated_now:
                    scan(ast.Expression(expression), at_import)
                scan(child, False)
            else:
                if at_import:
                    check(child)
                scan(child, at_import)

    def check(node: ast.AST) -> None:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            found.append(f"{name or path.relative_to(ROOT)}:{node.lineno}")

    scan(ast.parse(path.read_text(encoding="utf-8")), True)
    return found


def test_no_message_is_translated_at_import_time():
    """A module-level `_("…")` would stay in the language of the import: use N_() and `_()` at use."""
    calls = [call for path in sorted((ROOT / "lawdesk").rglob("*.py")) for call in _module_level_calls(path)]
    assert calls == []


def test_the_import_time_check_finds_what_it_should(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('X = _("a")\nclass A:\n    y = _("b")\ndef f(a=_("c")):\n    return _("d")\n', encoding="utf-8")
    assert _module_level_calls(sample, "sample") == ["sample:1", "sample:3", "sample:4"]
