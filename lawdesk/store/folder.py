"""The folder store: a workspace folder of case folders (contract format), on this computer or a
network share, plus a trash folder for undoable deletion. The embedded default.

A case is a folder (`ref` is its name in the workspace) holding `case.json`, the evidence files it
names, its generated dossier (`dossier-genere/`) and what LawDesk keeps for it (`.lawdesk/`: the
lock, the cache of derived pièces, the preview). Folder operations that copy are done in a
staging folder first, so an interrupted copy never shows up as a half case.
"""

from __future__ import annotations

import copy
import filecmp
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from lawdesk.case.model import CASE_FILE, FORMAT, Case, case_bytes, parse_case_bytes
from lawdesk.case.pieces import resolve_case_file
from lawdesk.errors import LawdeskError, UnusableInput
from lawdesk.fs import atomic_write_bytes, copy_file, replace_folder, safe_file_name, unique_name
from lawdesk.i18n import _
from lawdesk.progress import CancelToken
from lawdesk.store.base import (
    OUTPUT_DIR, PIECES_DIR, PREVIEW_DIR, REPORT_FILE, CaseNotFound, CaseSummary, Conflict, Holder, ImportedFiles,
    TrashEntry, only_one,
)
from lawdesk.store.evidence_files import copy_into_case
from lawdesk.store.folder_lock import LOCK_DIR, LOCK_NAME, CaseLock, is_stale, lock_path, read_holder
from lawdesk.store.summary import summarize_data, unreadable

TRASH_DIR = ".corbeille"


# one case folder

def locate_case(path: str | os.PathLike[str]) -> Path:
    """The case.json of a case folder (or the file itself)."""
    given = Path(path)
    if not given.exists():
        raise UnusableInput(_("{path} : ce chemin n'existe pas ; indiquez un dossier de cas ou son fichier case.json").format(path=given))
    candidate = given / CASE_FILE if given.is_dir() else given
    if not candidate.is_file():
        raise UnusableInput(_("{path} : ce n'est pas un dossier de cas (aucun fichier case.json)").format(path=given))
    return candidate


def revision_of(content: bytes) -> str:
    """A case file's revision: the digest of its bytes."""
    return hashlib.sha256(content).hexdigest()[:20]


def _read(case_file: Path) -> bytes:
    try:
        return case_file.read_bytes()
    except OSError as exc:
        raise UnusableInput(_("{file} : lecture impossible ({reason})").format(file=case_file, reason=exc.strerror)) from None


def load_case(path: str | os.PathLike[str]) -> Case:
    """The case of a case folder (or of its case.json)."""
    case_file = locate_case(path)
    raw = _read(case_file)
    folder = case_file.parent.resolve()
    return Case(folder=folder, data=parse_case_bytes(raw, str(case_file)), ref=folder.name, revision=revision_of(raw))


def write_case_file(case: Case) -> None:
    """Write the case's data into its case.json at once (atomic), whatever is there."""
    content = case_bytes(case.data)
    atomic_write_bytes(case.path, content)
    case.revision = revision_of(content)


def write_case_folder(folder: Path, data: dict[str, Any], files: Iterable[tuple[str, Path]]) -> None:
    """A case folder made whole, then swapped in place of `folder`: case.json and its own copy of every
    file (`name in the case` → source). Files are hard-linked when the file system allows it: 500
    cases of photos are not duplicated on disk."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        (temporary / CASE_FILE).write_bytes(case_bytes(data))
        for name, source in files:
            copy_file(source, temporary / name, link=True)
        replace_folder(temporary, folder)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


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


def summarize(folder: Path, holders: tuple[Holder, ...] = ()) -> CaseSummary:
    try:
        modified = (folder / CASE_FILE).stat().st_mtime
    except OSError:
        modified = 0.0
    try:
        case = load_case(folder)
    except LawdeskError as exc:
        return unreadable(folder.name, folder.name, modified, exc.message, holders)
    report = read_report(case.folder)
    return summarize_data(folder.name, folder.name, case.data, report, modified,
                          outdated=report is not None and dossier_outdated(case.folder), holders=holders)


def folder_name(reference: str) -> str:
    """A folder name every file system accepts, from what the user typed."""
    return safe_file_name(reference, replacement="-", max_bytes=100) or _("dossier")


def unique_path(directory: Path, name: str, keep_suffix: bool = False) -> Path:
    """`directory/name`, or `name (2)`, `name (3)`… if taken; `keep_suffix` for files (`scan (2).pdf`)."""
    return directory / unique_name(name, lambda candidate: (directory / candidate).exists(), keep_suffix)


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


def case_files_of(folder: Path) -> list[str]:
    """Every file of a case folder but its case.json, its generated dossier and what LawDesk keeps for
    it (hidden folders): the files a copy of the case carries."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        parts = path.relative_to(folder).parts
        if parts == (CASE_FILE,) or parts[0] == OUTPUT_DIR or any(part.startswith(".") for part in parts):
            continue
        found.append("/".join(parts))
    return found


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


class FolderFiles:
    """The evidence files of a case folder (lawdesk.store.evidence_files.CaseFiles)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def names(self) -> list[str]:
        pieces = self.folder / PIECES_DIR
        return [f"{PIECES_DIR}/{p.name}" for p in sorted(pieces.iterdir()) if p.is_file()] if pieces.is_dir() else []

    def inside(self, source: Path) -> str | None:
        try:
            return source.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return None

    def taken(self, name: str) -> bool:
        return (self.folder / name).exists()

    def same(self, name: str, source: Path) -> bool:
        return filecmp.cmp(self.folder / name, source, shallow=False)

    def put(self, name: str, source: Path) -> None:
        copy_file(source, self.folder / name)


class FolderStore:
    """A folder of case folders (contract format), plus a trash folder for undoable deletion."""

    kind = "folder"

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def describe(self) -> str:
        return str(self.root)

    def local_root(self) -> Path | None:
        return self.root

    @property
    def trash_dir(self) -> Path:
        return self.root / TRASH_DIR

    def folder(self, ref: str) -> Path:
        """The folder of the case `ref` (a name in the workspace, never a path leading out of it)."""
        if not ref or ref.startswith(".") or Path(ref).name != ref:
            raise CaseNotFound(_("« {ref} » : aucun dossier de ce nom dans {root}").format(ref=ref, root=self.root))
        return self.root / ref

    def case_folders(self) -> list[Path]:
        return sorted(
            (p for p in self.root.iterdir()
             if p.is_dir() and not p.name.startswith(".") and (p / CASE_FILE).is_file()),
            key=lambda p: p.name.lower(),
        )

    def refs(self) -> list[str]:
        return [folder.name for folder in self.case_folders()]

    def list_cases(self) -> list[CaseSummary]:
        now, now_holders = time.time(), {}
        for folder in self.case_folders():
            holder = read_holder(lock_path(folder))
            now_holders[folder] = (holder,) if holder is not None and not is_stale(holder, now) else ()
        return [summarize(folder, now_holders[folder]) for folder in now_holders]

    def find(self, text: str) -> str:
        """A case folder's name, or the reference of exactly one case."""
        if text and (self.root / text / CASE_FILE).is_file() and Path(text).name == text:
            return text
        found = []
        for folder in self.case_folders():
            try:
                if load_case(folder).data.get("reference") == text:
                    found.append(folder.name)
            except LawdeskError:
                continue
        return only_one(text, found, str(self.root))

    def load(self, ref: str) -> Case:
        return load_case(self.folder(ref))

    def save(self, case: Case) -> None:
        """Write the case unless its case.json changed since it was read (Conflict: nothing written)."""
        content = case_bytes(case.data)
        try:
            current = case.path.read_bytes()
        except FileNotFoundError:
            current = None
        if current is not None and case.revision and revision_of(current) not in (case.revision, revision_of(content)):
            try:
                theirs = parse_case_bytes(current, str(case.path))
            except UnusableInput:
                theirs = None  # a damaged file holds nothing to keep: ours replaces it
            if theirs is not None:
                raise Conflict(case.reference, theirs, revision_of(current))
        atomic_write_bytes(case.path, content)
        case.revision = revision_of(content)

    def new_case(self, reference: str, counsel: dict[str, Any] | None = None) -> Case:
        """A new case; `counsel` (the profile of the settings) is who represents the applicant."""
        reference = reference.strip()
        if not reference:
            raise LawdeskError(_("indiquez une référence pour le nouveau dossier"))
        folder = unique_path(self.root, folder_name(reference))
        case = Case(folder, new_case_data(reference, counsel), ref=folder.name)
        case.folder.mkdir(parents=True)
        write_case_file(case)
        return case

    def duplicate(self, ref: str) -> Case:
        """A copy of the case and its pièces (not its generated dossier), under a new reference."""
        source = self.load(ref)
        reference = _("{reference} (copie)").format(reference=source.reference)
        target = unique_path(self.root, folder_name(reference))

        def skip_outputs(directory: str, names: list[str]) -> set[str]:
            if Path(directory) != source.folder:
                return set()
            return {n for n in names if n == OUTPUT_DIR or n.startswith(f".{OUTPUT_DIR}.")}

        _copy_tree(source.folder, target, skip_outputs)
        duplicate = load_case(target)
        duplicate.data["reference"] = reference
        write_case_file(duplicate)
        return duplicate

    def import_folder(self, source: Path, name: str | None = None) -> Case:
        """Copy a case folder from elsewhere (a colleague's, a USB key) into the workspace, under
        `name` (default: the folder's own name)."""
        case = load_case(source)
        if case.folder == self.root or self.root.resolve() in case.folder.parents:
            raise UnusableInput(_("{folder} est déjà dans l'espace de travail").format(folder=case.folder))
        target = unique_path(self.root, folder_name(name or case.folder.name))
        _copy_tree(case.folder, target)
        return load_case(target)

    def export_case(self, ref: str, target: Path) -> Path:
        """The case folder as it is (without its generated dossier nor what LawDesk keeps in it)."""
        source = self.load(ref).folder
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            _copy_tree(source, staging / "case", lambda directory, names: {
                n for n in names if Path(directory) == source and (n == OUTPUT_DIR or n.startswith("."))})
            replace_folder(staging / "case", target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return target

    def export_name(self, ref: str) -> str:
        return self.folder(ref).name

    def trash(self, ref: str) -> TrashEntry:
        folder = self.folder(ref)
        self.trash_dir.mkdir(exist_ok=True)
        trashed = unique_path(self.trash_dir, folder.name)
        shutil.move(str(folder), str(trashed))
        return TrashEntry(ref=ref, name=ref, token=trashed.name)

    def restore(self, entry: TrashEntry) -> str:
        target = unique_path(self.root, entry.ref)
        shutil.move(str(self.trash_dir / entry.token), str(target))
        return target.name

    def lease(self, ref: str) -> CaseLock:
        return CaseLock(self.folder(ref))

    def add_evidence(self, case: Case, paths: Iterable[Path], cancel: CancelToken | None = None,
                     in_use: frozenset[str] = frozenset()) -> ImportedFiles:
        return copy_into_case(FolderFiles(case.folder), paths, cancel, in_use)

    def remove_evidence(self, case: Case, names: Iterable[str]) -> None:
        for name in names:
            resolve_case_file(case.folder, name).unlink(missing_ok=True)

    def read_evidence(self, ref: str, name: str) -> bytes:
        return resolve_case_file(self.folder(ref), name).read_bytes()

    def evidence_names(self, ref: str) -> list[str]:
        return case_files_of(self.folder(ref))

    def dossier_folder(self, case: Case, preview: bool = False) -> Path:
        return preview_dir(case.folder) if preview else output_dir(case.folder)

    def publish_dossier(self, case: Case, preview: bool = False) -> None:
        """The dossier is already where it lives: in the case folder."""

    def read_report(self, case: Case) -> dict[str, Any] | None:
        return read_report(case.folder)

    def dossier_outdated(self, case: Case) -> bool:
        return dossier_outdated(case.folder)

    def close(self) -> None:
        """Nothing held open."""
