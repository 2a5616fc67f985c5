"""Case folders in a workspace folder: list, create, duplicate, import, trash and restore.

No Qt here: this is storage, meant to move behind a storage interface in the core when a
shared database arrives. Folder operations that copy are done in a staging folder first,
so an interrupted copy never shows up as a half case.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawdesk.case.model import CASE_FILE, FORMAT, Case, load_case
from lawdesk.errors import LawdeskError, UnusableInput
from lawdesk.i18n import _
from lawdesk.ui.case_lock import LOCK_DIR, LOCK_NAME

if TYPE_CHECKING:
    from lawdesk.timeline import Deadline

OUTPUT_DIR = "dossier-genere"
"""Where the window builds a case's dossier, inside the case folder."""
REPORT_FILE = "report.json"
PREVIEW_DIR = Path(".lawdesk") / "apercu"
"""Where « Actualiser l'aperçu » builds, inside the case folder: never over the generated dossier."""
TRASH_DIR = ".corbeille"

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class CaseStatus(Enum):
    DRAFT = "draft"  # the data has blocking errors
    READY = "ready"  # no blocking error, nothing generated yet
    LETTERS = "letters"  # generated, letters only
    FILING = "filing"  # generated, with a requête for the tribunal
    UNREADABLE = "unreadable"  # case.json cannot be read


@dataclass(frozen=True)
class CaseSummary:
    """What the case list shows of one case folder."""

    folder: Path
    reference: str
    name: str
    foreign_number: str
    department: str
    status: CaseStatus
    modified: float
    problem: str = ""
    deadline: Deadline | None = None  # the next deadline of the case today (lawdesk.timeline)
    urgent: str = ""  # a situation with deadlines LawDesk does not compute (a refusal with an OQTF)
    outdated: bool = False  # the generated dossier is older than the last change of the case


@dataclass(frozen=True)
class TrashEntry:
    original: Path
    trashed: Path


def output_dir(case_folder: Path) -> Path:
    return case_folder / OUTPUT_DIR


def preview_dir(case_folder: Path) -> Path:
    return case_folder / PREVIEW_DIR


def dossier_outdated(case_folder: Path) -> bool:
    """The generated dossier is older than the last change of the case (its case.json was saved after it)."""
    try:
        return (case_folder / CASE_FILE).stat().st_mtime > (output_dir(case_folder) / REPORT_FILE).stat().st_mtime
    except OSError:
        return False


def read_report(case_folder: Path) -> dict[str, Any] | None:
    """The report.json of the case's last generation, or None if there is none (or it is unreadable)."""
    try:
        report = json.loads((output_dir(case_folder) / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report if isinstance(report, dict) else None


def derive_status(has_errors: bool, report: dict[str, Any] | None) -> CaseStatus:
    """Errors first: a generated case whose data was since broken is a draft again."""
    if has_errors:
        return CaseStatus.DRAFT
    if report is None:
        return CaseStatus.READY
    from lawdesk.procedures import DOCUMENTS

    documents = {d.get("id") for d in report.get("documents") or [] if isinstance(d, dict)}
    return CaseStatus.FILING if any(DOCUMENTS[d].is_filing for d in documents if d in DOCUMENTS) else CaseStatus.LETTERS


def applicant_name(data: dict[str, Any]) -> str:
    applicant = data.get("applicant") if isinstance(data.get("applicant"), dict) else {}
    return " ".join(str(applicant.get(k) or "") for k in ("family_name", "given_names")).strip()


def summarize(folder: Path, today: dt.date | None = None) -> CaseSummary:
    from lawdesk.case.validate import validate_data  # imports jsonschema: kept off the start-up path
    from lawdesk.offer import as_generated
    from lawdesk.timeline import timeline

    today = today or dt.date.today()
    try:
        modified = (folder / CASE_FILE).stat().st_mtime
    except OSError:
        modified = 0.0
    try:
        case = load_case(folder)
    except LawdeskError as exc:
        return CaseSummary(folder, folder.name, "", "", "", CaseStatus.UNREADABLE, modified, exc.message)
    data = case.data
    applicant = data.get("applicant") if isinstance(data.get("applicant"), dict) else {}
    procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
    has_errors = any(p.is_error for p in validate_data(as_generated(data, today), today))
    report = read_report(case.folder)
    t = timeline(data, today)
    return CaseSummary(
        folder=case.folder,
        reference=case.reference,
        name=applicant_name(data),
        foreign_number=str(applicant.get("foreign_national_number") or ""),
        department=str(procedure.get("department") or ""),
        status=derive_status(has_errors, report),
        modified=modified,
        deadline=t.next_deadline,
        urgent=t.next_step if t.oqtf else "",
        outdated=report is not None and dossier_outdated(case.folder),
    )


def folder_name(reference: str) -> str:
    """A folder name every file system accepts, from what the user typed."""
    name = " ".join(_UNSAFE.sub("-", reference).split()).strip(". ")
    return name[:100] or _("dossier")


def unique_path(directory: Path, name: str, keep_suffix: bool = False) -> Path:
    """`directory/name`, or `name (2)`, `name (3)`… if taken; `keep_suffix` for files (`scan (2).pdf`)."""
    candidate = directory / name
    stem, suffix = (Path(name).stem, Path(name).suffix) if keep_suffix else (name, "")
    number = 2
    while candidate.exists():
        candidate = directory / f"{stem} ({number}){suffix}"
        number += 1
    return candidate


def new_case_data(reference: str, counsel: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "reference": reference,
        "applicant": {"address": {}},
        "procedure": {},
        "incidents": [],
        "harms": [],
        "pieces": [],
        "counsel": copy.deepcopy(counsel or {}),
        "claims": {},
        # the first step: the letter to the prefect; what follows depends on its answer and on the dates
        "documents": ["prefecture"],
        "notes": {},
    }


def _copy_tree(source: Path, target: Path, ignore: Callable[[str, list[str]], set[str]] | None = None) -> None:
    """Copy into a hidden staging folder, then rename: the case appears whole or not at all. The
    source's lock (someone may have it open) never comes along."""
    staging = target.with_name(f".{target.name}.copie")
    shutil.rmtree(staging, ignore_errors=True)

    def skip(directory: str, names: list[str]) -> set[str]:
        skipped = ignore(directory, names) if ignore is not None else set()
        return skipped | ({LOCK_NAME} if Path(directory).name == LOCK_DIR else set())

    try:
        shutil.copytree(source, staging, ignore=skip)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


class Workspace:
    """A folder of case folders (contract format), plus a trash folder for undoable deletion."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    @property
    def trash_dir(self) -> Path:
        return self.root / TRASH_DIR

    def case_folders(self) -> list[Path]:
        return sorted(
            (p for p in self.root.iterdir()
             if p.is_dir() and not p.name.startswith(".") and (p / CASE_FILE).is_file()),
            key=lambda p: p.name.lower(),
        )

    def list_cases(self) -> list[CaseSummary]:
        return [summarize(folder) for folder in self.case_folders()]

    def new_case(self, reference: str, counsel: dict[str, Any] | None = None) -> Case:
        """A new case; `counsel` (the profile of the settings) is who represents the applicant."""
        reference = reference.strip()
        if not reference:
            raise LawdeskError(_("indiquez une référence pour le nouveau dossier"))
        case = Case(unique_path(self.root, folder_name(reference)), new_case_data(reference, counsel))
        case.folder.mkdir(parents=True)
        case.save()
        return case

    def duplicate(self, folder: Path) -> Case:
        """A copy of the case and its pièces (not its generated dossier), under a new reference."""
        source = load_case(folder)
        reference = _("{reference} (copie)").format(reference=source.reference)
        target = unique_path(self.root, folder_name(reference))

        def skip_outputs(directory: str, names: list[str]) -> set[str]:
            if Path(directory) != source.folder:
                return set()
            return {n for n in names if n == OUTPUT_DIR or n.startswith(f".{OUTPUT_DIR}.")}

        _copy_tree(source.folder, target, skip_outputs)
        copy = load_case(target)
        copy.data["reference"] = reference
        copy.save()
        return copy

    def import_case(self, source: Path, name: str | None = None) -> Case:
        """Copy a case folder from elsewhere (a colleague's, a USB key) into the workspace, under
        `name` (default: the folder's own name)."""
        case = load_case(source)
        if case.folder == self.root or self.root.resolve() in case.folder.parents:
            raise UnusableInput(_("{folder} est déjà dans l'espace de travail").format(folder=case.folder))
        target = unique_path(self.root, folder_name(name or case.folder.name))
        _copy_tree(case.folder, target)
        return load_case(target)

    def trash(self, folder: Path) -> TrashEntry:
        self.trash_dir.mkdir(exist_ok=True)
        trashed = unique_path(self.trash_dir, folder.name)
        shutil.move(str(folder), str(trashed))
        return TrashEntry(original=folder, trashed=trashed)

    def restore(self, entry: TrashEntry) -> Path:
        target = unique_path(entry.original.parent, entry.original.name)
        shutil.move(str(entry.trashed), str(target))
        return target
