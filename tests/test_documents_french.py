"""French formatting: dates, amounts, citations of pièces, typography of user text."""

from __future__ import annotations

import datetime as dt

import pytest

from lawdesk.documents import citation
from lawdesk.documents.french import (FrenchDate, amount, clean_text, counted, enumeration, french_spacing,
                                      long_date, paragraphs, piece_title, typo)
from lawdesk.documents.htmlblocks import html_blocks

NB, NNB = "\u00a0", "\u202f"


@pytest.mark.parametrize("day,text", [
    (dt.date(2025, 6, 3), "3 juin 2025"),
    (dt.date(2023, 8, 1), "1er août 2023"),
    (dt.date(2024, 12, 11), "11 décembre 2024"),
    (dt.date(2025, 2, 1), "1er février 2025"),
])
def test_long_dates(day: dt.date, text: str) -> None:
    assert long_date(day) == text


def test_french_dates_never_print_in_iso() -> None:
    day = FrenchDate.parse("2023-08-01")
    assert str(day) == f"{day}" == "1er août 2023" and day.__html__() == "1er août 2023"
    assert FrenchDate.parse("2025-02-30") is None and FrenchDate.parse(None) is None
    assert day - dt.timedelta(days=1) == dt.date(2023, 7, 31)


@pytest.mark.parametrize("value,text", [
    (1500, f"1{NNB}500{NB}€"), (100, f"100{NB}€"), (12.5, f"12,50{NB}€"), (1234567, f"1{NNB}234{NNB}567{NB}€"),
])
def test_amounts(value: float, text: str) -> None:
    assert amount(value) == text


@pytest.mark.parametrize("ids,text", [
    (["p4"], f"(pièce n°{NB}4)"),
    (["p4", "p3"], f"(pièces n°{NB}3 et 4)"),
    (["p4", "p1", "p3", "p3"], f"(pièces n°{NB}1, 3 et 4)"),
    (["p9"], ""),
    ([], ""),
])
def test_citations(ids: list[str], text: str) -> None:
    assert citation(ids, {"p1": 1, "p3": 3, "p4": 4}) == text


def test_counted_small_numbers_in_words() -> None:
    assert counted(8, "jour", "jours") == "huit jours"
    assert counted(1, "jour", "jours") == "un jour"
    assert counted(1, "démarche", "démarches", feminine=True) == "une démarche"
    assert counted(30, "jour", "jours") == "30 jours"
    assert enumeration(["a", "b", "c"]) == "a, b et c" and enumeration(["a"]) == "a"


@pytest.mark.parametrize("typed,typeset", [
    ("Objet: refus", f"Objet{NB}: refus"),
    ("Pourquoi ? Parce que ; enfin !", f"Pourquoi{NNB}? Parce que{NNB}; enfin{NNB}!"),
    ('il a dit "non merci" hier', f"il a dit «{NB}non merci{NB}» hier"),
    ("« salarié »", f"«{NB}salarié{NB}»"),
    ("l'agent d'accueil", "l’agent d’accueil"),
    ("rendez-vous à 10:30 sur https://example.org", "rendez-vous à 10:30 sur https://example.org"),
    ("ticket n°1234", f"ticket n°{NB}1234"),
    ("le 2025-03-01 puis le 2025-02-30", "le 1er mars 2025 puis le 2025-02-30"),
    ("un \"guillemet seul", 'un "guillemet seul'),
    ("  espaces   multiples\n\tet retours  ", "espaces multiples et retours"),
    ("<b>x</b> & {{ 7*7 }}", "<b>x</b> & {{ 7*7 }}"),
])
def test_typography_of_user_text(typed: str, typeset: str) -> None:
    assert typo(typed) == typeset


def test_forbidden_xml_characters_are_dropped() -> None:
    assert clean_text("a\x00b\x07c\x1bd\ufffee\x0bf") == "abcdef"
    assert paragraphs("un\x00\n\n \n deux\x07") == ["un", "deux"] and paragraphs("   ") == []


def test_french_spacing_of_rendered_html_only_touches_text() -> None:
    html = ('<style>@page :first { margin: 0 }</style><p class="a : b">Objet : x ; y ? « z » n° 4 '
            'article L. 521-3 &amp; 10:30 du 4 mars 2025, le 1er\naoût, 12 marsouins</p>')
    assert french_spacing(html) == (
        f'<style>@page :first {{ margin: 0 }}</style><p class="a : b">Objet{NB}: x{NNB}; y{NNB}? «{NB}z{NB}» '
        f'n°{NB}4 article L.{NB}521-3 &amp; 10:30 du 4{NB}mars 2025, le 1er{NB}août, 12 marsouins</p>')


def test_html_blocks_follow_browser_whitespace_and_styles() -> None:
    blocks = html_blocks(
        "<html><head><style>p{}</style></head><body><header>Réf. X</header>"
        "<p class='adresse'> <strong>Mme  A</strong><br>\n 1 rue B </p>"
        "<div class='signature'><p>Signé</p></div><ul><li>un <em>deux</em></li></ul>"
        "<h2 class='centre'>PAR CES MOTIFS</h2><p class='inconnue'>texte&nbsp;: fin</p></body></html>")
    assert [(b.style, b.text) for b in blocks] == [
        ("LawDesk Adresse", "Mme A\n1 rue B"),
        ("LawDesk Signature", "Signé"),
        ("LawDesk Liste", "un deux"),
        ("LawDesk Intertitre centré", "PAR CES MOTIFS"),
        ("LawDesk Corps", f"texte{NB}: fin"),
    ]
    assert [(r.text, r.bold, r.italic) for r in blocks[2].runs] == [("un ", False, False), ("deux", False, True)]
    assert blocks[0].runs[0].bold and blocks[0].runs[1].text == "\n"


def test_piece_titles_stay_as_typed_but_never_show_an_iso_date() -> None:
    assert piece_title("Capture d'écran du 2024-10-02 : erreur\x07") == "Capture d'écran du 2 octobre 2024 : erreur"
