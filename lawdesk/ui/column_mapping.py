"""Spreadsheets whose headers are not the case format's field paths ("Nom", "Prénom(s)",
"Date de naissance"…): which field each column fills, and a copy of the spreadsheet with the
field paths as headers, for the batch.

No Qt here. Suggestions come from a table of the headers clinics write and from the form's own
field labels, compared without accents, case or punctuation.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from pathlib import Path

from lawdesk.batch.fields import PIECES_DIR, column, template_headers
from lawdesk.batch.table import open_table
from lawdesk.errors import UnusableInput
from lawdesk.ui.form import field_names
from lawdesk.ui.form.paths import parse_path

MAPPED_SUFFIX = ".lawdesk-colonnes.csv"

# Headers seen in clinics' spreadsheets (written as `normalize` leaves them) → field path.
_USUAL_HEADERS = {
    "nom": "applicant.family_name", "nom de famille": "applicant.family_name", "nom du demandeur": "applicant.family_name",
    "prenom": "applicant.given_names", "prenoms": "applicant.given_names", "prenom s": "applicant.given_names",
    "date de naissance": "applicant.birth_date", "ne le": "applicant.birth_date", "ne e le": "applicant.birth_date",
    "lieu de naissance": "applicant.birth_place", "ne a": "applicant.birth_place",
    "nationalite": "applicant.nationality", "civilite": "applicant.civility",
    "n etranger": "applicant.foreign_national_number", "no etranger": "applicant.foreign_national_number",
    "numero etranger": "applicant.foreign_national_number", "agdref": "applicant.foreign_national_number",
    "adresse": "applicant.address.line1", "complement d adresse": "applicant.address.line2",
    "code postal": "applicant.address.postal_code", "cp": "applicant.address.postal_code",
    "ville": "applicant.address.city", "commune": "applicant.address.city",
    "courriel": "applicant.email", "email": "applicant.email", "e mail": "applicant.email", "mail": "applicant.email",
    "telephone": "applicant.phone", "tel": "applicant.phone",
    "departement": "procedure.department", "dept": "procedure.department", "dep": "procedure.department",
    "reference": "reference", "ref": "reference", "n dossier": "reference", "numero de dossier": "reference",
    "n anef": "procedure.anef_file_number", "numero anef": "procedure.anef_file_number",
    "date de depot": "procedure.anef_deposit_date", "date de depot anef": "procedure.anef_deposit_date",
    "pieces": PIECES_DIR, "dossier des pieces": PIECES_DIR, "dossier pieces": PIECES_DIR,
}


def normalize(header: str) -> str:
    """"N° étranger" → "n etranger", "Prénom(s)" → "prenom s": no accents, case, punctuation."""
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode("ascii").casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def is_field(header: str) -> bool:
    """A header the batch reads as it is (a field path, or pieces_dir)."""
    if header == PIECES_DIR:
        return True
    try:
        column(header)
    except UnusableInput:
        return False
    return True


def field_label(header: str) -> str:
    """Where a field path goes, in the form's words: "Demandeur › Nom de famille"."""
    if header == PIECES_DIR:
        return field_names.sections()[4].title
    return field_names.describe(parse_path(re.sub(r"\.(\d+)(?=\.|$)", lambda m: f"[{int(m.group(1))}]", header)))


def _usual() -> dict[str, str]:
    """The usual headers, then the labels of the form in the interface language (the first field
    with a label wins)."""
    found = dict(_USUAL_HEADERS)
    for header in template_headers():
        if "." in header and header.split(".")[-2].isdigit():
            continue  # list items ("incidents.1.date") are not guessed from a bare label
        label = field_names.label(parse_path(header)) if header != PIECES_DIR else ""
        found.setdefault(normalize(label), header)
    found.pop("", None)
    return found


def suggest(header: str) -> str | None:
    """The field a column probably fills, or None."""
    if is_field(header):
        return header
    return _usual().get(normalize(header))


def suggestions(headers: list[str], remembered: dict[str, str] | None = None) -> dict[str, str]:
    """Header → field for every column that has one: what was chosen last time for these
    headers ("" for a column ignored), else the suggestion; a field is never given to two columns."""
    remembered = remembered or {}
    mapping: dict[str, str] = {}
    for header in headers:
        field = remembered[header] if header in remembered else suggest(header)
        if field and field not in mapping.values():
            mapping[header] = field
    return mapping


def needs_mapping(headers: list[str]) -> bool:
    return not all(is_field(h) for h in headers if h)


def _cell(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def mapped_copy_path(source: Path) -> Path:
    """Next to the spreadsheet (its pieces_dir paths are relative to it), hidden."""
    return source.with_name(f".{source.stem}{MAPPED_SUFFIX}")


def write_mapped_copy(source: Path, mapping: dict[str, str]) -> Path:
    """A CSV copy of `source` whose headers are the mapped fields (unmapped columns left out),
    every row kept in place so that line numbers in the report are those of the original."""
    table = open_table(source)
    keep = [(index, mapping[h]) for index, h in enumerate(table.headers) if mapping.get(h)]
    target = mapped_copy_path(source)
    with target.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow([field for _index, field in keep])
        for _line, cells in table.rows():
            writer.writerow([_cell(cells[index]) if index < len(cells) else "" for index, _field in keep])
    return target
