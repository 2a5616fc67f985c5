"""`lawdesk check` compares the date of each pièce an incident or a harm cites with the fact's own
date: from the pièce's `date` field, an e-mail's Date: header, or the dates read in its text or in
the OCR of its pictures (Tesseract, for real)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawdesk.cli import main


def _check(case_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["check", str(case_dir)]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if "jours d'écart" in line]


def _edit(case_dir: Path, change) -> None:
    path = case_dir / "case.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _cite(data: dict, date: str, piece: str) -> None:
    data["incidents"].append({"date": date, "channel": "prefecture", "description": "Appel à la préfecture.", "pieces": [piece]})


def test_the_demo_case_is_consistent(demo_case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its screenshots (pièce n° 2) show 7 October and 20 November 2024, the two attempts that cite them."""
    assert _check(demo_case_dir, capsys) == []


def test_an_email_of_15_october_cited_for_a_call_of_9_december(demo_case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(data: dict) -> None:
        del data["pieces"][2]["date"]  # pièce n° 3: the contact form (GIF) and the reply (.eml)
        _cite(data, "2024-12-09", "p3")

    _edit(demo_case_dir, change)
    [line] = _check(demo_case_dir, capsys)
    assert line == ("warning: incidents[6].pieces : ce fait du 9 décembre 2024 cite la pièce n° 3 (Échange avec le centre de contact "
                    "citoyens), datée du 15 octobre 2024 (en-tête Date du courriel) : 55 jours d'écart ; vérifiez que c'est la bonne "
                    "pièce, ou la date du fait")


def test_a_pdf_whose_text_dates_are_all_far_from_the_fact(demo_case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(data: dict) -> None:
        del data["pieces"][8]["date"]  # pièce n° 9: the letter to the prefect, « Saint-Denis, le 12 mars 2025 »
        _cite(data, "2025-06-20", "p9")
        _cite(data, "2025-03-13", "p9")  # the day after the letter: no warning

    _edit(demo_case_dir, change)
    [line] = _check(demo_case_dir, capsys)
    assert line.startswith("warning: incidents[6].pieces : ce fait du 20 juin 2025 cite la pièce n° 9 (")
    assert "datée du 12 mars 2025 (dates lues dans la pièce) : 100 jours d'écart" in line


def test_dates_read_by_ocr_in_screenshots(demo_case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(demo_case_dir, lambda data: _cite(data, "2025-02-01", "p2"))
    [line] = _check(demo_case_dir, capsys)
    assert line.startswith("warning: incidents[6].pieces : ce fait du 1er février 2025 cite la pièce n° 2 (Captures d'écran")
    assert "datée du 20 novembre 2024 (dates lues dans la pièce) : 73 jours d'écart" in line


def test_the_date_field_comes_first(demo_case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(data: dict) -> None:
        data["pieces"][2]["date"] = "2024-12-08"
        _cite(data, "2024-12-09", "p3")

    _edit(demo_case_dir, change)
    lines = _check(demo_case_dir, capsys)
    assert len(lines) == 1 and "cite la pièce n° 3" in lines[0] and "incidents[2].pieces : ce fait du 15 octobre 2024" in lines[0]
    assert "(date indiquée pour la pièce) : 54 jours d'écart" in lines[0]
