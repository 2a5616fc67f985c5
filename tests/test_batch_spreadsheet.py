"""Spreadsheet input of `lawdesk batch` (contract.md section 4): encodings, separators, dates,
XLSX, headers, list and number cells, pièces folders, line numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.batch_samples import HEADERS, make_pieces, sample_row, write_csv, write_xlsx

from lawdesk.batch.jobs import Job
from lawdesk.batch.spreadsheet import SpreadsheetSource
from lawdesk.case.validate import validate_data
from lawdesk.errors import UnusableInput


def jobs(path: Path) -> list[Job]:
    return list(SpreadsheetSource(path, path.parent / "out").jobs())


def only(path: Path) -> Job:
    (job,) = jobs(path)
    return job


def errors(job: Job) -> list[str]:
    assert job.data is not None
    return [p.line() for p in [*job.problems, *validate_data(job.data)] if p.is_error]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make_pieces(tmp_path / "pieces" / "A-1")
    make_pieces(tmp_path / "pieces" / "A-2")
    return tmp_path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_as_excel_writes_it_keeps_accents(folder: Path, encoding: str, delimiter: str) -> None:
    rows = [sample_row("A-1", "LEFÈVRE", "Aïssatou"), sample_row("A-2", "NGUYỄN" if encoding != "cp1252" else "MÜLLER", "Zoé, dite « Zaza »")]
    path = write_csv(folder / "cases.csv", rows, encoding=encoding, delimiter=delimiter)
    first, second = jobs(path)
    assert first.data is not None and second.data is not None
    assert first.data["applicant"]["family_name"] == "LEFÈVRE"
    assert first.data["applicant"]["given_names"] == "Aïssatou"
    assert second.data["applicant"]["given_names"] == "Zoé, dite « Zaza »"
    assert second.data["applicant"]["family_name"] == rows[1]["applicant.family_name"]
    assert errors(first) == [] and errors(second) == []


def test_cp1252_file_is_not_read_as_utf8(folder: Path) -> None:
    path = write_csv(folder / "cases.csv", [sample_row("A-1", "LEFÈVRE")], encoding="cp1252")
    assert "LEFÈVRE".encode("cp1252") in path.read_bytes()  # not valid UTF-8
    assert only(path).data["applicant"]["family_name"] == "LEFÈVRE"  # type: ignore[index]


def test_file_neither_utf8_nor_cp1252_is_detected(folder: Path) -> None:
    """A DOS Cyrillic file (cp866): neither strict UTF-8 nor Windows-1252 decodes it."""
    row = {"reference": "A-1", "applicant.family_name": "ИВАНОВ", "applicant.given_names": "Борис Богданович",
           "applicant.birth_place": "Бобруйск (Белоруссия)", "incidents.1.description": "Ошибка при загрузке документов, обращение без ответа"}
    path = write_csv(folder / "cases.csv", [row], headers=list(row), encoding="cp866")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("cp1252")
    data = only(path).data
    assert data is not None
    assert (data["applicant"]["family_name"], data["applicant"]["given_names"]) == ("ИВАНОВ", "Борис Богданович")


def test_sniffer_is_not_fooled_by_commas_in_a_semicolon_file(folder: Path) -> None:
    row = sample_row("A-1")
    row["incidents.1.description"] = "Erreur, encore une erreur, toujours une erreur."
    path = write_csv(folder / "cases.csv", [row] * 1, delimiter=";")
    job = only(path)
    assert job.data["incidents"][0]["description"] == row["incidents.1.description"]  # type: ignore[index]


def test_dates_iso_or_french_become_iso(folder: Path) -> None:
    row = sample_row("A-1", birth_date="3/6/1990")
    row["incidents.1.date"], row["incidents.2.date"] = "2024-10-02", "15.10.2024"
    data = only(write_csv(folder / "cases.csv", [row])).data
    assert data is not None
    assert data["applicant"]["birth_date"] == "1990-06-03"
    assert [i["date"] for i in data["incidents"]] == ["2024-10-02", "2024-10-15", "2025-03-04"]


def test_impossible_french_date_is_reported_as_such(folder: Path) -> None:
    job = only(write_csv(folder / "cases.csv", [sample_row("A-1", birth_date="31/02/1990")]))
    assert job.data["applicant"]["birth_date"] == "1990-02-31"  # type: ignore[index]
    assert any("applicant.birth_date" in e and "n'existe pas" in e for e in errors(job))


def test_lists_numbers_and_empty_cells(folder: Path) -> None:
    row = sample_row("A-1")
    headers = [*HEADERS, "claims.penalty_eur_per_day", "claims.costs_eur", "applicant.address.line2", "notes.refere"]
    row |= {"documents": "prefecture, refere", "claims.penalty_eur_per_day": "100", "claims.costs_eur": "1 500,50",
            "applicant.address.line2": "  ", "notes.refere": ""}
    data = only(write_csv(folder / "cases.csv", [row], headers=headers)).data
    assert data is not None
    assert data["format"] == "lawdesk.case/1"
    assert data["documents"] == ["prefecture", "refere"]
    assert data["incidents"][1]["pieces"] == ["p1", "p2"]
    assert data["claims"] == {"deadline_days": 8, "penalty_eur_per_day": 100, "costs_eur": 1500.5}
    assert "line2" not in data["applicant"]["address"] and "notes" not in data
    assert "pieces" not in data["incidents"][2]


def test_a_number_that_is_not_one_is_named_by_validation(folder: Path) -> None:
    row = sample_row("A-1") | {"claims.deadline_days": "huit"}
    assert any("claims.deadline_days" in e for e in errors(only(write_csv(folder / "cases.csv", [row]))))


def test_xlsx_cells_dates_numbers_and_lost_zeros(folder: Path) -> None:
    headers = [*HEADERS, "applicant.foreign_national_number"]
    row: dict[str, object] = dict(sample_row("A-1", "LEFÈVRE"))
    row |= {"applicant.birth_date": dt.datetime(1988, 4, 12), "incidents.1.date": dt.date(2024, 10, 2),
            "applicant.address.postal_code": 1000, "procedure.department": 1, "claims.deadline_days": 8.0,
            "applicant.foreign_national_number": 9301234567}
    data = only(write_xlsx(folder / "cases.xlsx", [row], headers)).data
    assert data is not None
    assert data["applicant"]["family_name"] == "LEFÈVRE"
    assert data["applicant"]["birth_date"] == "1988-04-12"
    assert data["incidents"][0]["date"] == "2024-10-02"
    assert data["applicant"]["address"]["postal_code"] == "01000"
    assert data["procedure"]["department"] == "01"
    assert data["applicant"]["foreign_national_number"] == "9301234567"
    assert data["claims"]["deadline_days"] == 8


def test_choices_are_matched_whatever_the_case(folder: Path) -> None:
    row = sample_row("A-1") | {"incidents.1.channel": "ANEF", "applicant.civility": "mme"}
    data = only(write_csv(folder / "cases.csv", [row])).data
    assert data["incidents"][0]["channel"] == "anef" and data["applicant"]["civility"] == "Mme"  # type: ignore[index]


@pytest.mark.parametrize(("header", "expected"), [
    ("applicant.familyname", "applicant.family_name"),
    ("incidents.date", None),
    ("incidents.0.date", None),
    ("applicant.address", None),
    ("pieces.1.title", "pieces_dir"),
    ("colonne perso", None),
])
def test_unknown_header_names_the_column(tmp_path: Path, header: str, expected: str | None) -> None:
    path = write_csv(tmp_path / "cases.csv", [sample_row("A-1")], headers=[*HEADERS, header])
    with pytest.raises(UnusableInput) as caught:
        SpreadsheetSource(path, tmp_path / "out")
    assert f"« {header} »" in caught.value.message
    if expected:
        assert expected in caught.value.message


def test_duplicate_header_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cases.csv", [], headers=["reference", "applicant.family_name", "reference"])
    with pytest.raises(UnusableInput, match="reference.*colonnes 1 et 3"):
        SpreadsheetSource(path, tmp_path / "out")


@pytest.mark.parametrize("content", [b"", b"\n\n", b";;;\nA-1;;;\n"])
def test_no_header_row(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "cases.csv").write_bytes(content)
    with pytest.raises(UnusableInput, match="en-têtes"):
        SpreadsheetSource(tmp_path / "cases.csv", tmp_path / "out")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("cases.xlsx", b"PK\x03\x04 not really a workbook", "classeur illisible"),
    ("cases.xls", b"\xd0\xcf\x11\xe0", ".xlsx ou .csv"),
])
def test_unreadable_spreadsheet(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UnusableInput, match=message):
        SpreadsheetSource(tmp_path / name, tmp_path / "out")


def test_line_numbers_are_the_spreadsheet_lines(folder: Path) -> None:
    first = sample_row("A-1") | {"incidents.1.description": "Première ligne\nseconde ligne de la même cellule"}
    path = write_csv(folder / "cases.csv", [first, {}, sample_row("A-2")])
    assert [(job.source, job.reference) for job in jobs(path)] == [(2, "A-1"), (4, "A-2")]
    assert SpreadsheetSource(path, folder / "out").total == 2


def test_xlsx_line_numbers_skip_blank_rows(folder: Path) -> None:
    path = write_xlsx(folder / "cases.xlsx", [sample_row("A-1"), {}, {}, sample_row("A-2")])
    assert [job.source for job in jobs(path)] == [2, 5]


def test_pieces_from_folder_in_name_order_with_titles(tmp_path: Path) -> None:
    pieces = tmp_path / "pieces" / "A-1"
    pieces.mkdir(parents=True)
    for name in ["10_Courrier CAF.pdf", "2 - Attestation_de_dépôt.pdf", "1_Titre de séjour.pdf", ".DS_Store", "Thumbs.db"]:
        (pieces / name).write_bytes(b"%PDF-1.4")
    screenshots = pieces / "03 Captures ANEF"
    screenshots.mkdir()
    for name in ["b.png", "a.png"]:
        (screenshots / name).write_bytes(b"png")
    job = only(write_csv(tmp_path / "cases.csv", [sample_row("A-1")]))
    assert job.data is not None
    assert job.data["pieces"] == [
        {"id": "p1", "title": "Titre de séjour", "file": "pieces/1_Titre de séjour.pdf"},
        {"id": "p2", "title": "Attestation de dépôt", "file": "pieces/2 - Attestation_de_dépôt.pdf"},
        {"id": "p3", "title": "Captures ANEF", "files": ["pieces/03 Captures ANEF/a.png", "pieces/03 Captures ANEF/b.png"]},
        {"id": "p4", "title": "Courrier CAF", "file": "pieces/10_Courrier CAF.pdf"},
    ]
    assert dict(job.files)["pieces/10_Courrier CAF.pdf"] == pieces / "10_Courrier CAF.pdf"


def test_titles_from_pieces_csv_in_windows_1252(tmp_path: Path) -> None:
    pieces = make_pieces(tmp_path / "pieces" / "A-1")
    (pieces / "pieces.csv").write_bytes("file;title\n01_Titre de séjour.pdf;Carte de séjour expirée le 31 janvier 2025\nabsent.pdf;Fantôme\n".encode("cp1252"))
    job = only(write_csv(tmp_path / "cases.csv", [sample_row("A-1")]))
    assert [p["title"] for p in job.data["pieces"]] == ["Carte de séjour expirée le 31 janvier 2025", "Capture ANEF"]  # type: ignore[index]
    assert [p.line() for p in job.problems] == [
        f"warning: pieces_dir : {pieces / 'pieces.csv'}, ligne 3 : « absent.pdf » n'est pas dans le dossier des pièces ; corrigez le nom ou ajoutez le fichier"]


@pytest.mark.parametrize(("pieces_dir", "message"), [("", "indiquez le dossier des pièces"), ("pieces/nowhere", "n'existe pas")])
def test_missing_pieces_folder_is_a_row_error(tmp_path: Path, pieces_dir: str, message: str) -> None:
    job = only(write_csv(tmp_path / "cases.csv", [sample_row("A-1", pieces_dir=pieces_dir)]))
    assert [p.where for p in job.problems if p.is_error] == ["pieces_dir"]
    assert message in job.problems[0].message


def test_repeated_reference_gets_no_folder(folder: Path) -> None:
    first, second, third = jobs(write_csv(folder / "cases.csv", [sample_row("A-1"), sample_row("a-1"), sample_row("")]))
    assert first.output == folder / "out" / "A-1"
    assert second.output is None and "ligne 2" in second.problems[-1].message
    assert third.output == folder / "out" / "ligne-4"


def test_unheaded_cell_with_data_is_a_row_error(folder: Path) -> None:
    path = write_csv(folder / "cases.csv", [sample_row("A-1") | {"": "perdu ?"}], headers=[*HEADERS, ""])
    assert [p.where for p in only(path).problems] == ["colonne 31"]
