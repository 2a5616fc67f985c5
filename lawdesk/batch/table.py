"""Reading a spreadsheet as a header row and numbered rows: CSV as Excel writes it, or XLSX.

Rows are read lazily (a table can be read twice: once to count, once to work), so memory
does not grow with the number of rows. Line numbers are the ones Excel shows: header = 1.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from lawdesk.errors import UnusableInput
from lawdesk.i18n import _

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_CHUNK = 1 << 20
_SAMPLE = 64 * 1024


class Table(Protocol):
    path: Path
    headers: list[str]

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(line number, cells) of every row after the header, blank rows included."""
        ...


def open_table(path: Path) -> Table:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return CsvTable(path)
    if suffix in XLSX_SUFFIXES:
        return XlsxTable(path)
    raise UnusableInput(_("{path} : ni un dossier, ni un tableau CSV ou XLSX ; enregistrez le tableau au format .xlsx ou .csv").format(path=path))


def _header(cells: list[Any] | tuple[Any, ...], path: Path) -> list[str]:
    headers = ["" if cell is None else str(cell).strip().lower() for cell in cells]
    if not any(headers):
        raise UnusableInput(_("{path} : la première ligne doit porter les en-têtes des colonnes (par ex. reference, applicant.family_name) ; elle est vide").format(path=path))
    return headers


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV (séparateur : point-virgule)"
    on a French Windows); charset-normalizer only decides when neither decodes the file."""
    for encoding in ("utf-8-sig", "cp1252"):
        if _decodes(path, encoding):
            return encoding
    from charset_normalizer import from_path

    guess = from_path(path).best()
    if guess is None:
        raise UnusableInput(_("{path} : encodage des caractères non reconnu ; enregistrez le tableau en « CSV UTF-8 »").format(path=path))
    return guess.encoding


def detect_delimiter(sample: str) -> str:
    """`;` or `,`: csv.Sniffer, checked against the header line (field paths never hold
    either), which decides alone when the sniffer cannot."""
    header = sample.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=";,").delimiter
    except csv.Error:
        found = ""
    if found and found in header:
        return found
    return ";" if header.count(";") >= header.count(",") else ","


class CsvTable:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.encoding = detect_encoding(path)
            with path.open(encoding=self.encoding, newline="") as handle:
                self.delimiter = detect_delimiter(handle.read(_SAMPLE))
        except OSError as exc:
            raise UnusableInput(_("{path} : lecture impossible ({reason})").format(path=path, reason=exc.strerror)) from None
        first = next(self._records(), None)
        if first is None:
            raise UnusableInput(_("{path} : le tableau est vide ; la première ligne doit porter les en-têtes des colonnes").format(path=path))
        self.headers = _header(first[1], path)

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        try:
            with self.path.open(encoding=self.encoding, newline="") as handle:
                yield from enumerate(csv.reader(handle, delimiter=self.delimiter), start=1)
        except (OSError, csv.Error) as exc:
            raise UnusableInput(_("{path} : lecture impossible ({reason}) ; enregistrez à nouveau le tableau depuis le tableur").format(path=self.path, reason=exc)) from None

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        records = self._records()
        next(records, None)
        yield from records


class XlsxTable:
    """The first sheet of a workbook; date cells arrive as dates, numbers as numbers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        first = next(self._records(), None)
        if first is None:
            raise UnusableInput(_("{path} : la première feuille est vide ; la première ligne doit porter les en-têtes des colonnes").format(path=path))
        self.headers = _header(first[1], path)

    def _records(self) -> Iterator[tuple[int, list[Any]]]:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zip, XML, key and value errors alike
            raise UnusableInput(_("{path} : classeur illisible ({reason}) ; ouvrez-le dans le tableur et enregistrez-le au format .xlsx").format(path=self.path, reason=exc or type(exc).__name__)) from None
        try:
            rows = workbook.worksheets[0].iter_rows(min_row=1, values_only=True)
            yield from ((line, list(cells)) for line, cells in enumerate(rows, start=1))
        finally:
            workbook.close()

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        records = self._records()
        next(records, None)
        yield from records
