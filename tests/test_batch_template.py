"""`lawdesk batch --template`: the empty spreadsheet, readable back by the batch."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lawdesk.batch import write_template
from lawdesk.batch.fields import template_headers
from lawdesk.batch.spreadsheet import SpreadsheetSource
from lawdesk.batch.template import help_rows
from lawdesk.errors import UnusableInput
from tests.batch_samples import make_pieces, sample_row


def test_csv_template_has_every_header_for_french_excel(tmp_path: Path) -> None:
    path = tmp_path / "modele.csv"
    write_template(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    (headers,) = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert headers == list(template_headers())
    for expected in ("reference", "applicant.family_name", "incidents.1.date", "incidents.6.pieces", "harms.3.kind",
                     "procedure.received.2.piece", "pieces_dir", "documents", "claims.deadline_days", "notes.refere"):
        assert expected in headers
    assert "format" not in headers and not any(h.startswith("pieces.") for h in headers)


def test_xlsx_template_has_cases_sheet_and_french_help(tmp_path: Path) -> None:
    path = tmp_path / "modele.xlsx"
    write_template(path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Cas", "Aide"]
    assert [c.value for c in workbook["Cas"][1]] == list(template_headers())
    assert workbook["Cas"].max_row == 1
    aide = [[c.value for c in row] for row in workbook["Aide"].iter_rows()]
    explained = {row[0]: row for row in aide if row and row[0] and len(row) > 2 and row[1]}
    assert explained["incidents.N.channel"][2] == "une valeur parmi : anef, ccc, pan, prefecture, other"
    assert explained["applicant.birth_date"][2] == "date JJ/MM/AAAA ou AAAA-MM-JJ"
    assert "pieces.csv" in explained["pieces_dir"][1]
    assert "Une ligne par personne" in aide[0][0]


def test_help_explains_every_column() -> None:
    generics = [name for name, _text, _format in help_rows()]
    assert "incidents.N.date" in generics and "incidents.1.date" not in generics
    assert all(text and form for _name, text, form in help_rows())


@pytest.mark.parametrize("name", ["filled.csv", "filled.xlsx"])
def test_a_filled_template_is_read_back(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_template(path)
    row = sample_row("T-1")
    if name.endswith(".csv"):
        with path.open("a", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter=";").writerow([row.get(h, "") for h in template_headers()])
    else:
        workbook = load_workbook(path)
        workbook["Cas"].append([row.get(h) for h in template_headers()])
        workbook.save(path)
    make_pieces(tmp_path / "pieces" / "T-1")
    (job,) = SpreadsheetSource(path, tmp_path / "out").jobs()
    assert job.data is not None and job.data["applicant"]["given_names"] == "Aïssatou"
    assert job.problems == ()


def test_template_needs_a_spreadsheet_suffix(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match=r"\.xlsx ou \.csv"):
        write_template(tmp_path / "modele.ods")
    assert not (tmp_path / "modele.ods").exists()
