"""Spreadsheet columns: a header is a field path of the case format (contract.md section 4).

The case JSON Schema is the single source of truth: it says which headers exist and how a
cell becomes a value (text, date, whole number, number, comma-separated list).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from lawdesk.case.validate import case_schema
from lawdesk.errors import UnusableInput
from lawdesk.i18n import _

PIECES_DIR = "pieces_dir"
FORMAT_FIELD = "format"
# Pièces come from the pieces_dir folder, never from columns (their files must be copied).
_FROM_PIECES_DIR = "pieces"
_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# Excel turns "01" into 1 and "01000" into 1000: these codes get their leading zeros back.
_ZERO_PADDED = {"department": 2, "postal_code": 5}
# How many items of each list the template offers (more can be added by the user).
TEMPLATE_ITEMS = {"procedure.received": 2, "incidents": 6, "harms": 3, "steps": 3}
# What a spreadsheet user types for yes and no (French Excel writes VRAI/FAUX).
_TRUE = {"oui", "o", "vrai", "true", "yes", "y", "x", "1"}
_FALSE = {"non", "n", "faux", "false", "no", "0"}


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    LIST = "list"


@dataclass(frozen=True)
class Column:
    """One header: where its value goes (`path`, list indices 1-based) and how to read a cell."""

    header: str
    path: tuple[str | int, ...]
    kind: Kind
    choices: tuple[str, ...] = ()

    def value(self, cell: Any) -> Any:
        """The case value of a non-empty cell; a value that cannot be converted is kept as it
        is, so that validation names the field and says what is expected."""
        if isinstance(cell, dt.datetime):
            cell = cell.date()
        if isinstance(cell, dt.date):
            cell = cell.isoformat()
        if self.kind is Kind.INTEGER:
            return _integer(cell)
        if self.kind is Kind.NUMBER:
            return _number(cell)
        if self.kind is Kind.BOOLEAN:
            return _boolean(cell)
        text = _text(cell)
        if self.kind is Kind.DATE:
            return iso_date(text)
        if self.kind is Kind.LIST:
            return [item.strip() for item in text.split(",") if item.strip()]
        width = _ZERO_PADDED.get(str(self.path[-1]))
        if width and text.isdigit() and len(text) < width:
            return text.zfill(width)
        return next((choice for choice in self.choices if choice.casefold() == text.casefold()), text)


def _text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _integer(cell: Any) -> Any:
    number = _number(cell)
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return number


def _boolean(cell: Any) -> Any:
    """oui/non, vrai/faux, x, 1/0 (and Excel's own booleans) → True/False; anything else stays a string."""
    if isinstance(cell, bool):
        return cell
    text = _text(cell).casefold()
    return True if text in _TRUE else False if text in _FALSE else _text(cell)


_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")


def _number(cell: Any) -> Any:
    """1500, 1500.5, "1 500", "1 500,50" → a number; anything else stays a string."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return int(cell) if isinstance(cell, float) and cell.is_integer() else cell
    text = re.sub(r"[\s\u00a0\u202f]", "", str(cell)).replace(",", ".")
    if not _DECIMAL.match(text):
        return str(cell).strip()
    try:
        return float(text) if "." in text else int(text)
    except ValueError:  # thousands of digits: Python refuses to convert; the schema will say what is wrong
        return str(cell).strip()


_FRENCH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")


def iso_date(text: str) -> str:
    """JJ/MM/AAAA or AAAA-MM-JJ (with a time Excel may add) → AAAA-MM-JJ, without checking the
    calendar: validation then says "2025-02-31 does not exist" rather than "unreadable"."""
    if match := _FRENCH_DATE.match(text):
        day, month, year = match.groups()
    elif match := _ISO_DATE.match(text):
        year, month, day = match.groups()
    else:
        return text
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _leaf(schema: dict[str, Any]) -> tuple[Kind, tuple[str, ...]] | None:
    """How a cell fills this schema node, or None when the node holds several fields."""
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        return (Kind.LIST, ()) if items.get("type") == "string" or "enum" in items else None
    if kind == "object":
        return None
    if "enum" in schema:
        return Kind.TEXT, tuple(schema["enum"])
    if kind == "integer":
        return Kind.INTEGER, ()
    if kind == "number":
        return Kind.NUMBER, ()
    if kind == "boolean":
        return Kind.BOOLEAN, ()
    if schema.get("pattern") == _DATE_PATTERN:
        return Kind.DATE, ()
    return Kind.TEXT, ()


def column(header: str) -> Column:
    """The column named by `header`; UnusableInput naming the column when it is not a field."""
    parts = header.split(".")
    node: dict[str, Any] = case_schema()
    path: list[str | int] = []
    for part in parts:
        if node.get("type") == "array" and node.get("items", {}).get("type") == "object":
            if not part.isdigit() or int(part) < 1:
                raise _not_a_field(header)
            path.append(int(part))
            node = node["items"]
        elif part in node.get("properties", {}):
            path.append(part)
            node = node["properties"][part]
        else:
            raise _not_a_field(header)
    leaf = _leaf(node)
    if leaf is None or path[0] == _FROM_PIECES_DIR:
        raise _not_a_field(header)
    return Column(header, tuple(path), *leaf)


def _not_a_field(header: str) -> UnusableInput:
    if header.split(".")[0] == _FROM_PIECES_DIR:
        return UnusableInput(_("colonne « {column} » : les pièces ne se décrivent pas en colonnes ; mettez leurs fichiers dans le dossier indiqué par la colonne pieces_dir (titres dans un fichier pieces.csv de ce dossier)").format(column=header))
    generic = re.sub(r"\.\d+(?=\.|$)", ".1", header)
    close = difflib.get_close_matches(generic, list(template_headers()), n=1, cutoff=0.75)
    hint = _(" ; vouliez-vous dire « {suggestion} » ?").format(suggestion=close[0]) if close else ""
    return UnusableInput(
        _("colonne « {column} » : ce n'est pas un champ du format des cas (par ex. applicant.family_name, incidents.1.date){hint} ; corrigez l'en-tête").format(column=header, hint=hint)
    )


def _leaf_headers(schema: dict[str, Any], prefix: str) -> Iterator[str]:
    """Every header under `schema`, with list items numbered as many times as TEMPLATE_ITEMS says."""
    for name, node in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        if path == FORMAT_FIELD:
            continue  # added to every row
        if path == _FROM_PIECES_DIR:
            yield PIECES_DIR
        elif _leaf(node) is not None:
            yield path
        elif node.get("type") == "array":
            for index in range(1, TEMPLATE_ITEMS.get(path, 1) + 1):
                yield from _leaf_headers(node["items"], f"{path}.{index}")
        else:
            yield from _leaf_headers(node, path)


@cache
def template_headers() -> tuple[str, ...]:
    """The headers of the empty spreadsheet, in the order of the case format."""
    return tuple(_leaf_headers(case_schema(), ""))
