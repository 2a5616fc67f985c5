"""Télérecours file names (contract.md section 3; R. 414-5 CJA): the inventory number first, at most 80
characters, only ASCII letters, digits, spaces, `-` and `_`; a long title keeps its meaningful words and
its final date, and a name that lost some is a warning naming the pièce."""

from __future__ import annotations

import re

from lawdesk.bundle.telerecours import MAX_NAME, export_names, shortened

ALLOWED = re.compile(r"^[A-Za-z0-9 _-]+\.pdf$")


def test_names_begin_with_the_number_and_keep_to_the_rules() -> None:
    names = export_names(["Titre de séjour expiré le 31 janvier 2025", "Échange avec le « CCC » & l'ANEF (n° 42/2024)"])
    assert names == ["01_Titre de sejour expire le 31 janvier 2025.pdf", "02_Echange avec le CCC l ANEF n 42 2024.pdf"]
    assert all(ALLOWED.match(n) and len(n) <= MAX_NAME for n in names)


def test_a_long_title_loses_small_words_first_and_is_not_a_warning() -> None:
    title = "Fiche de passage au point d'accueil numérique de la sous-préfecture du 4 mars 2025"
    [name] = export_names([title], 7)
    assert name == "07_Fiche passage point accueil numerique sous-prefecture 4 mars 2025.pdf"
    assert not shortened(name, title)


def test_a_title_too_long_even_so_keeps_its_date_and_is_a_warning() -> None:
    title = ("Courriel du service des étrangers de la préfecture de la Seine-Saint-Denis refusant la convocation "
             "demandée au titre de la solution de substitution du 14 février 2025")
    [name] = export_names([title], 12)
    assert len(name) <= MAX_NAME and name.startswith("12_Courriel service etrangers")
    assert name.endswith(" 14 fevrier 2025.pdf")  # not cut at « du 4 »
    assert shortened(name, title)


def test_numbers_are_as_wide_as_the_largest() -> None:
    names = export_names([f"Pièce {n}" for n in range(1, 101)])
    assert names[0].startswith("001_") and names[-1].startswith("100_")
    assert len(set(names)) == 100
