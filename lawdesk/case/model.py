"""The case file format: a case's data parsed, checked for its format tag, and written with a stable
field order that keeps unknown fields. Where case files are read and written: lawdesk.store."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawdesk.errors import UnusableInput
from lawdesk.i18n import _

FORMAT = "lawdesk.case/1"
CASE_FILE = "case.json"

# Field order on save (contract.md section 1); unknown fields follow in their original order.
_ADDRESS = ("line1", "line2", "postal_code", "city")
_ORDER: dict[str, tuple[str, ...]] = {
    "": ("format", "reference", "applicant", "procedure", "incidents", "harms", "pieces",
         "counsel", "claims", "documents", "notes", "steps"),
    "applicant": ("civility", "family_name", "given_names", "birth_date", "birth_place",
                  "nationality", "foreign_national_number", "address", "email", "phone"),
    "applicant.address": _ADDRESS,
    "procedure": ("department", "kind", "permit_requested", "current_permit",
                  "anef_deposit_date", "anef_file_number", "acknowledgement", "incomplete", "received"),
    "procedure.current_permit": ("title", "number", "expires", "piece"),
    "procedure.acknowledgement": ("date", "mentions_delays", "piece"),
    "procedure.received[]": ("kind", "date", "valid_until", "piece"),
    "incidents[]": ("date", "channel", "reference", "description", "pieces"),
    "harms[]": ("kind", "date", "description", "pieces"),
    "pieces[]": ("id", "title", "date", "file", "files"),
    "counsel": ("kind", "name", "bar", "toque", "representative", "address", "email", "phone"),
    "counsel.address": _ADDRESS,
    "claims": ("deadline_days", "penalty_eur_per_day", "costs_eur", "legal_aid"),
    "steps[]": ("document", "sent", "mode", "tracking", "received", "deadline_days", "description", "answer", "pieces"),
    "steps[].answer": ("date", "summary", "piece"),
}


def _ordered(value: Any, path: str = "") -> Any:
    if isinstance(value, list):
        return [_ordered(item, path + "[]") for item in value]
    if not isinstance(value, dict):
        return value
    known = _ORDER.get(path, ())
    keys = [k for k in known if k in value] + [k for k in value if k not in known]
    return {k: _ordered(value[k], f"{path}.{k}" if path else k) for k in keys}


def canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(_ordered(data), ensure_ascii=False, indent=2) + "\n"


@dataclass
class Case:
    """A case and its data, kept as the JSON it came from so that unknown fields survive.

    `folder` is where the case's files are read on this computer (the case folder, or a working
    copy of a case kept on a server); `ref` names the case in its store (lawdesk.store) and
    `revision` is the version of the data that was read, so that a save never overwrites a newer one."""

    folder: Path
    data: dict[str, Any] = field(default_factory=dict)
    ref: str = ""
    revision: str = ""

    @property
    def path(self) -> Path:
        return self.folder / CASE_FILE

    @property
    def reference(self) -> str:
        return str(self.data.get("reference", "")) or self.folder.name

    def save(self) -> None:
        """Write the data into the case folder's case.json (lawdesk.store.folder.write_case_file)."""
        from lawdesk.store.folder import write_case_file

        write_case_file(self)


def case_bytes(data: dict[str, Any]) -> bytes:
    """The content of case.json: canonical, UTF-8."""
    try:
        return canonical_json(data).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate read from a "\ud800" escape: kept escaped (validation names the field)
        return (json.dumps(_ordered(data), ensure_ascii=True, indent=2) + "\n").encode("ascii")


def parse_case_json(text: str, where: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnusableInput(
            _("{file} : JSON invalide ligne {line}, colonne {column} ({reason}) ; corrigez le fichier ou restaurez une copie").format(
                file=where, line=exc.lineno, column=exc.colno, reason=exc.msg)
        ) from None
    except (ValueError, RecursionError):  # a number of thousands of digits, or lists nested thousands deep
        raise UnusableInput(
            _("{file} : JSON inutilisable (nombre démesuré ou imbrication trop profonde) ; corrigez le fichier ou restaurez une copie").format(
                file=where)
        ) from None
    if not isinstance(data, dict):
        raise UnusableInput(_("{file} : ce fichier ne décrit pas un cas LawDesk (un objet JSON est attendu)").format(file=where))
    tag = data.get("format")
    if tag != FORMAT:
        raise UnusableInput(
            _("{file} : format « {found} » non reconnu ; ce fichier doit porter \"format\": \"{expected}\"").format(
                file=where, found=tag if tag is not None else _("absent"), expected=FORMAT)
        )
    return data


def parse_case_bytes(raw: bytes, where: str) -> dict[str, Any]:
    """The data of a case file's content (UTF-8, with or without BOM)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnusableInput(_("{file} : le fichier n'est pas encodé en UTF-8 ; enregistrez-le en UTF-8").format(file=where)) from None
    return parse_case_json(text, where)
