"""What every case store offers (`CaseStore`), and the values it hands out.

A store is where cases live: a folder of case folders on this computer or a network share
(`FolderStore`), or a clinic's PostgreSQL server (`PostgresStore`). The window, the command line
and the batch go through this interface only; none of them builds a path into a case.

Every store gives a case (`Case`) with a local folder the build reads its evidence from: the
case folder itself, or a working copy of the case on this computer for a server. What the user
types goes back through `save`, which refuses to overwrite a newer revision (`Conflict`).
"""

from __future__ import annotations

import getpass
import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from lawdesk.case.model import Case
from lawdesk.errors import ExitStatus, LawdeskError
from lawdesk.i18n import _
from lawdesk.progress import CancelToken

if TYPE_CHECKING:
    from lawdesk.timeline import Deadline

OUTPUT_DIR = "dossier-genere"
"""Where the window builds a case's dossier, inside the case's (local) folder."""
PREVIEW_DIR = Path(".lawdesk") / "apercu"
"""Where « Actualiser l'aperçu » builds, inside the case's folder: never over the generated dossier."""
REPORT_FILE = "report.json"
HEARTBEAT_SECONDS = 30
"""How often a window renews its lease (and says it still shows a case)."""
PIECES_DIR = "pieces"
"""Where evidence files added from the window go, inside the case."""


class CaseStatus(Enum):
    DRAFT = "draft"  # the data has blocking errors
    READY = "ready"  # no blocking error, nothing generated yet
    LETTERS = "letters"  # generated, letters only
    FILING = "filing"  # generated, with a requête for the tribunal
    UNREADABLE = "unreadable"  # the case file cannot be read


@dataclass(frozen=True)
class Holder:
    """Who has a case open: `mode` "edit" (the lease: one at a time) or "view" (read-only).
    `heartbeat` is the last sign of life; `until` when the lease ends unless renewed (None: a
    folder's lock, which ends when its heartbeat is too old)."""

    user: str
    host: str
    pid: int
    since: float
    heartbeat: float
    token: str
    until: float | None = None
    mode: str = "edit"

    @classmethod
    def me(cls, now: float, mode: str = "edit") -> Holder:
        return cls(user_name(), socket.gethostname(), os.getpid(), now, now, uuid.uuid4().hex, None, mode)


def user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers, services)
        return "?"


@dataclass(frozen=True)
class CaseSummary:
    """What the case list shows of one case. `ref` names the case in its store."""

    ref: str
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
    holders: tuple[Holder, ...] = ()  # who has it open now
    label: str = ""  # where it is, for people (the folder's name, or the reference on a server)


@dataclass(frozen=True)
class TrashEntry:
    """A case put in the trash: `restore` brings it back. `token` is the store's own."""

    ref: str
    name: str
    token: str


@dataclass(frozen=True)
class ImportedFiles:
    files: list[str]  # paths as written in case.json, e.g. "pieces/capture (2).png"
    skipped: list[Path]  # files of a type LawDesk does not take
    copied: list[str] = field(default_factory=list)  # those of `files` written by this import (not there before)


class Conflict(LawdeskError):
    """The case changed in the store since it was read: saving would overwrite someone's work.
    `theirs` is the case as it is now (data, revision, who saved it)."""

    def __init__(self, reference: str, theirs: dict[str, Any], revision: str, by: str = "") -> None:
        who = by or _("un autre poste")
        super().__init__(_("{ref} : le dossier a été modifié entre-temps par {who} ; rien n'a été écrasé, "
                           "comparez les deux versions avant d'enregistrer").format(ref=reference, who=who))
        self.theirs = theirs
        self.revision = revision
        self.by = by


class StoreUnavailable(LawdeskError):
    """The store cannot be reached (server stopped, network down, share gone): nothing was written."""

    exit_status = ExitStatus.UNUSABLE_INPUT


class CaseNotFound(LawdeskError):
    exit_status = ExitStatus.UNUSABLE_INPUT


class Lease(Protocol):
    """The right to edit one case, held by this window; others see who has it."""

    mine: Holder | None

    def acquire(self) -> Holder | None:
        """Take the case for editing: None on success, else who holds it (still alive)."""

    def is_stale(self, holder: Holder) -> bool:
        """Whether `holder` gave no sign of life for long (may be taken over after asking)."""

    def take_over(self, holder: Holder) -> Holder | None:
        """Take the case from `holder`; None on success, else who holds it now."""

    def refresh(self) -> bool:
        """Renew; False once another has taken the case over (a passing outage is not a loss)."""

    def release(self) -> None: ...

    def others(self) -> list[Holder]:
        """Who else has the case open now (editing or reading)."""

    def watch(self) -> None:
        """Say that this window shows the case read-only (seen by `others` elsewhere)."""


class CaseStore(Protocol):
    kind: str  # "folder" or "server"

    def describe(self) -> str:
        """Where the cases live, for people (a folder, or a server without its password)."""

    def local_root(self) -> Path | None:
        """The folder to show in the file explorer, if the cases are files of this computer."""

    def list_cases(self) -> list[CaseSummary]: ...

    def refs(self) -> list[str]:
        """Every case, cheaply, in a stable order."""

    def find(self, text: str) -> str:
        """The case a person names (its reference, or its folder's name): CaseNotFound otherwise."""

    def load(self, ref: str) -> Case: ...

    def save(self, case: Case) -> None:
        """Write the case; `case.revision` follows. Conflict if it changed since it was read."""

    def new_case(self, reference: str, counsel: dict[str, Any] | None = None) -> Case: ...

    def import_folder(self, source: Path, name: str | None = None) -> Case:
        """A copy of a case folder (case.json and every file in it) as a new case of the store."""

    def export_case(self, ref: str, target: Path) -> Path:
        """The case as a case folder at `target` (its data as stored, unknown fields kept, and its files)."""

    def export_name(self, ref: str) -> str:
        """The name of the case's folder in an export."""

    def duplicate(self, ref: str) -> Case: ...

    def trash(self, ref: str) -> TrashEntry: ...

    def restore(self, entry: TrashEntry) -> str: ...

    def lease(self, ref: str) -> Lease: ...

    def add_evidence(self, case: Case, paths: Iterable[Path], cancel: CancelToken | None = None,
                     in_use: frozenset[str] = frozenset()) -> ImportedFiles:
        """Copy evidence files (or folders of them) into the case; each is complete or absent."""

    def remove_evidence(self, case: Case, names: Iterable[str]) -> None:
        """Forget copies no pièce uses any more (never the user's originals)."""

    def read_evidence(self, ref: str, name: str) -> bytes: ...

    def evidence_names(self, ref: str) -> list[str]: ...

    def dossier_folder(self, case: Case, preview: bool = False) -> Path:
        """The folder of this computer where a build of the case writes (then `publish_dossier`)."""

    def publish_dossier(self, case: Case, preview: bool = False) -> None:
        """After a successful build into `dossier_folder`: keep it in the store."""

    def read_report(self, case: Case) -> dict[str, Any] | None:
        """The report.json of the case's last generated dossier (fetched into `dossier_folder`)."""

    def dossier_outdated(self, case: Case) -> bool: ...

    def close(self) -> None: ...


def only_one(text: str, found: list[str], where: str) -> str:
    """The one case a person named by its reference; CaseNotFound when none or several have it."""
    if len(found) == 1:
        return found[0]
    if found:
        raise CaseNotFound(_("« {ref} » : plusieurs dossiers portent cette référence dans {where} ({found}) ; "
                             "indiquez celui que vous voulez par son nom").format(ref=text, where=where, found=", ".join(found)))
    raise CaseNotFound(_("« {ref} » : aucun dossier de ce nom ni de cette référence dans {where}").format(ref=text, where=where))


def case_summary_fields(data: dict[str, Any]) -> tuple[str, str, str]:
    """Name, n° étranger and département: what the list searches."""
    applicant = data.get("applicant") if isinstance(data.get("applicant"), dict) else {}
    procedure = data.get("procedure") if isinstance(data.get("procedure"), dict) else {}
    return (applicant_name(data), str(applicant.get("foreign_national_number") or ""),
            str(procedure.get("department") or ""))


def applicant_name(data: dict[str, Any]) -> str:
    applicant = data.get("applicant") if isinstance(data.get("applicant"), dict) else {}
    return " ".join(str(applicant.get(k) or "") for k in ("family_name", "given_names")).strip()


def derive_status(has_errors: bool, report: dict[str, Any] | None) -> CaseStatus:
    """Errors first: a generated case whose data was since broken is a draft again."""
    if has_errors:
        return CaseStatus.DRAFT
    if report is None:
        return CaseStatus.READY
    from lawdesk.procedures import DOCUMENTS

    documents = {d.get("id") for d in report.get("documents") or [] if isinstance(d, dict)}
    return CaseStatus.FILING if any(DOCUMENTS[d].is_filing for d in documents if d in DOCUMENTS) else CaseStatus.LETTERS
