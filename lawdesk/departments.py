"""Département → competent tribunal administratif and prefect (resources/data/departements.csv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from lawdesk.errors import LawdeskError
from lawdesk.i18n import _
from lawdesk.paths import resource


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    of_name: str  # "de la Seine-Saint-Denis", for "préfet de la Seine-Saint-Denis"
    tribunal: str  # "Tribunal administratif de Montreuil"
    tribunal_seat: str
    prefect: str  # "préfet de la Seine-Saint-Denis"; in Paris "préfet de police"
    prefecture: str  # "préfecture de la Seine-Saint-Denis"


class UnknownDepartment(LawdeskError):
    pass


@cache
def all_departments() -> dict[str, Department]:
    with resource("data", "departements.csv").open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {
            row["code"]: Department(
                code=row["code"],
                name=row["departement"],
                of_name=row["de_departement"],
                tribunal=row["tribunal"],
                tribunal_seat=row["siege"],
                prefect=row["prefet"],
                prefecture=row["prefecture"],
            )
            for row in csv.DictReader(lines, delimiter=";")
        }


def normalize_code(code: str) -> str:
    """Accept what people type: "1" → "01", "2a" → "2A", surrounding spaces."""
    code = str(code).strip().upper()
    return code.zfill(2) if code.isdigit() and len(code) == 1 else code


def department(code: str) -> Department:
    found = all_departments().get(normalize_code(code))
    if found is None:
        raise UnknownDepartment(
            _("département inconnu « {code} » : indiquez un code de « 01 » à « 95 », « 2A », « 2B » ou « 971 » à « 978 »").format(code=code)
        )
    return found


def department_from_postal_code(postal_code: str) -> str | None:
    """The département of a French postal code (« 93200 » → « 93 », « 20090 » → « 2A », « 97133 » →
    « 977 »), or None when it is not a five-digit code of a département LawDesk knows."""
    code = str(postal_code).strip()
    if len(code) != 5 or not code.isdigit():
        return None
    if code.startswith("20"):
        found = "2A" if code[:3] in ("200", "201") else "2B"
    elif code.startswith("97"):
        found = {"97133": "977", "97150": "978"}.get(code, code[:3])
    else:
        found = code[:2]
    return found if found in all_departments() else None
