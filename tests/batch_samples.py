"""Batch inputs for tests and benchmarks/bench_batch.py: valid spreadsheet rows, their pièces
folders, and the spreadsheet written as CSV (any encoding, any separator) or XLSX."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw

HEADERS = [
    "reference", "applicant.civility", "applicant.family_name", "applicant.given_names",
    "applicant.birth_date", "applicant.birth_place", "applicant.nationality",
    "applicant.address.line1", "applicant.address.postal_code", "applicant.address.city",
    "procedure.department", "procedure.kind", "procedure.permit_requested",
    "incidents.1.date", "incidents.1.channel", "incidents.1.description", "incidents.1.pieces",
    "incidents.2.date", "incidents.2.channel", "incidents.2.description", "incidents.2.pieces",
    "incidents.3.date", "incidents.3.channel", "incidents.3.description",
    "harms.1.kind", "harms.1.description",
    "pieces_dir", "counsel.kind", "claims.deadline_days", "documents",
]


def sample_row(reference: str, family_name: str = "DIALLO", given_names: str = "Aïssatou",
               birth_date: str = "12/04/1988", pieces_dir: str | None = None) -> dict[str, str]:
    """A row that passes the pre-flight once its pièces folder exists (make_pieces)."""
    return {
        "reference": reference, "applicant.civility": "Mme", "applicant.family_name": family_name,
        "applicant.given_names": given_names, "applicant.birth_date": birth_date,
        "applicant.birth_place": "Conakry (Guinée)", "applicant.nationality": "guinéenne",
        "applicant.address.line1": "12 rue de la République", "applicant.address.postal_code": "93200",
        "applicant.address.city": "Saint-Denis", "procedure.department": "93",
        "procedure.kind": "first_application", "procedure.permit_requested": "carte de séjour « salarié »",
        "incidents.1.date": "02/10/2024", "incidents.1.channel": "anef",
        "incidents.1.description": "Erreur technique au téléversement des pièces.", "incidents.1.pieces": "p2",
        "incidents.2.date": "15/10/2024", "incidents.2.channel": "ccc",
        "incidents.2.description": "Formulaire adressé au centre de contact citoyens, réponse type.", "incidents.2.pieces": "p1, p2",
        "incidents.3.date": "2025-03-04", "incidents.3.channel": "pan",
        "incidents.3.description": "Point d'accueil numérique : aucune solution.",
        "harms.1.kind": "employment", "harms.1.description": "Contrat de travail suspendu.",
        "pieces_dir": pieces_dir if pieces_dir is not None else f"pieces/{reference}",
        "counsel.kind": "self", "claims.deadline_days": "8", "documents": "prefecture",
    }


def make_pieces(folder: Path, count: int = 2) -> Path:
    """`count` small pièces: a one-page PDF, then screenshots, named 01_…, 02_…"""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        image = Image.new("RGB", (320, 200), "white")
        ImageDraw.Draw(image).text((20, 20), f"{folder.name} : pièce {number}", fill="black")
        if number == 1:
            image.save(folder / "01_Titre de séjour.pdf")
        else:
            image.save(folder / f"{number:02d}_Capture ANEF.png")
    return folder


def write_csv(path: Path, rows: Iterable[dict[str, str]], headers: list[str] = HEADERS,
              encoding: str = "utf-8-sig", delimiter: str = ";") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(h, "") for h in headers])
    return path


def write_xlsx(path: Path, rows: Iterable[dict[str, object]], headers: list[str] = HEADERS) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    workbook.save(path)
    return path


def make_batch(folder: Path, count: int, pieces: int = 2) -> Path:
    """A CSV of `count` valid cases with their pièces folders, in `folder`."""
    rows = []
    for number in range(1, count + 1):
        reference = f"B-{number:04d}"
        make_pieces(folder / "pieces" / reference, pieces)
        rows.append(sample_row(reference, family_name=f"NOM{number}"))
    return write_csv(folder / "cases.csv", rows)
