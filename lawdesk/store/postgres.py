"""The server store: a clinic's cases on a PostgreSQL server, shared by every machine (SQLAlchemy 2 Core
over psycopg 3; the schema is in lawdesk/store/migrations).

- A case is a row: its data as JSONB in the contract's format, the case file exactly as written
  (`document`: key order and layout kept, so an export gives back the same bytes), and a `version`
  that every save raises: a save names the version it started from and is refused (`Conflict`) if
  another was saved since.
- Evidence and dossier files are stored once, by their SHA-256 (`blobs`), and never modified; a
  case names its files (`case_files`). A duplicated case shares them.
- Who has a case open: `presence`, one editor at a time (the lease, renewed every half-minute, ending
  on its own two and a half minutes after the last renewal) and any number of readers.
- The build and the window read files from a working copy of the case on this computer
  (lawdesk.store.working_copy), fetched when the case is opened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import socket
import uuid
from dataclasses import asdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawdesk.case.model import CASE_FILE, Case, case_bytes, parse_case_json
from lawdesk.case.pieces import resolve_case_file
from lawdesk.errors import LawdeskError, UnusableInput
from lawdesk.fs import file_digest, replace_folder, safe_file_name
from lawdesk.i18n import _, current_language
from lawdesk.progress import CancelToken
from lawdesk.store.base import (
    OUTPUT_DIR, PIECES_DIR, PREVIEW_DIR, REPORT_FILE, CaseNotFound, CaseSummary, Conflict, Holder,
    ImportedFiles, TrashEntry, only_one, user_name,
)
from lawdesk.store.evidence_files import copy_into_case
from lawdesk.store.folder import case_files_of, load_case, new_case_data
from lawdesk.store.folder_lock import pid_alive
from lawdesk.store.summary import Facts, case_facts, summary_of
from lawdesk.store.server import check_revision, make_engine, transaction
from lawdesk.store.url import display, without_password
from lawdesk.store.working_copy import WorkingCopy, default_root

if TYPE_CHECKING:
    from sqlalchemy import Connection

LEASE_SECONDS = 150  # a lease not renewed for this long ends on its own
STALE_AFTER = 90  # a holder silent for this long may be taken over (after asking)


def _text(sql: str) -> Any:
    from sqlalchemy import text

    return text(sql)


def _clean(value: Any) -> Any:
    """The case data as JSONB can hold it: JSONB refuses NUL characters and lone surrogates, which the
    case file keeps escaped (`document`); here they become U+FFFD (the list and queries only)."""
    if isinstance(value, str):
        if value.isascii() and "\0" not in value:
            return value
        return "".join("\ufffd" if c == "\0" or "\ud800" <= c <= "\udfff" else c for c in value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _jsonb(value: Any) -> str:
    return json.dumps(_clean(value), ensure_ascii=False)


def _uuid(ref: str) -> str:
    try:
        return str(uuid.UUID(str(ref)))
    except ValueError:
        raise CaseNotFound(_("« {ref} » : aucun dossier de ce nom sur le serveur").format(ref=ref)) from None


def _epoch(value: dt.datetime | None) -> float | None:
    return value.timestamp() if value is not None else None


def summary_fields(data: dict[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """What the list needs of a case on `today`, kept with it so that listing reads no case data."""
    today = today or dt.date.today()
    facts = case_facts(data, today)
    return {"day": today.isoformat(), "language": current_language(), **asdict(facts),
            "deadline": facts.deadline.as_json() if facts.deadline else None}


def _facts(summary: dict[str, Any]) -> Facts:
    found = summary.get("deadline")
    deadline = None
    if found:
        from lawdesk.timeline import Deadline

        deadline = Deadline(found["kind"], found["what"], dt.date.fromisoformat(found["date"]), found["basis"])
    return Facts(summary.get("name", ""), summary.get("foreign_number", ""), summary.get("department", ""),
                 bool(summary.get("has_errors")), deadline, summary.get("urgent", ""))


def _holder(row: Any) -> Holder:
    return Holder(row.user_name, row.host, row.pid, row.since.timestamp(), row.heartbeat.timestamp(), row.token,
                  row.until.timestamp(), row.mode)


_HOLDER_COLUMNS = "token, mode, user_name, host, pid, since, heartbeat, until"


class PostgresStore:
    kind = "server"

    def __init__(self, url: str, work_root: Path | None = None, pool_size: int = 2) -> None:
        self.url = url.strip()
        self.work_root = work_root or default_root(without_password(self.url))
        self._pool_size = pool_size
        self._engine: Any = None
        self._checked = False
        self.who = f"{user_name()}@{socket.gethostname()}"

    # connection

    def describe(self) -> str:
        return display(self.url)

    def local_root(self) -> Path | None:
        return None

    @contextlib.contextmanager
    def connect(self) -> Iterator[Connection]:
        """One transaction on the server (the schema checked once); StoreUnavailable when it is away."""
        if self._engine is None:
            self._engine = make_engine(self.url, self._pool_size)
        with transaction(self._engine, self.url) as connection:
            if not self._checked:
                check_revision(connection, self.url)
                self._checked = True
            yield connection

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __getstate__(self) -> dict[str, Any]:  # sent to batch workers: they connect on their own
        return {**self.__dict__, "_engine": None}

    # the list

    def list_cases(self) -> list[CaseSummary]:
        today = dt.date.today()
        with self.connect() as connection:
            rows = connection.execute(_text("""
                SELECT c.id, c.reference, c.version, c.updated_at, c.summary,
                       d.built_version, d.report -> 'documents' AS documents,
                       coalesce(json_agg(json_build_object(
                           'token', p.token, 'mode', p.mode, 'user_name', p.user_name, 'host', p.host, 'pid', p.pid,
                           'since', extract(epoch FROM p.since), 'heartbeat', extract(epoch FROM p.heartbeat),
                           'until', extract(epoch FROM p.until)) ORDER BY p.since)
                         FILTER (WHERE p.token IS NOT NULL), '[]') AS holders
                FROM cases c
                LEFT JOIN dossiers d ON d.case_id = c.id
                LEFT JOIN presence p ON p.case_id = c.id AND p.until > now()
                WHERE c.trashed_at IS NULL
                GROUP BY c.id, d.case_id
                ORDER BY lower(c.reference), c.id""")).all()
            stale = [row.id for row in rows
                     if row.summary.get("day") != today.isoformat() or row.summary.get("language") != current_language()]
            fresh = self._refresh_summaries(connection, stale, today) if stale else {}
        found = []
        for row in rows:
            summary = fresh.get(row.id, row.summary)
            report = {"documents": row.documents} if row.built_version is not None else None
            holders = tuple(Holder(h["user_name"], h["host"], h["pid"], h["since"], h["heartbeat"], h["token"], h["until"],
                                   h["mode"]) for h in row.holders)
            found.append(summary_of(str(row.id), row.reference, row.reference, _facts(summary), report,
                                    row.updated_at.timestamp(),
                                    row.built_version is not None and row.built_version < row.version, holders))
        return found

    def _refresh_summaries(self, connection: Connection, ids: list[Any], today: dt.date) -> dict[Any, dict[str, Any]]:
        """The summaries made on another day (deadlines move) or in another language, made again and kept."""
        fresh = {}
        rows = connection.execute(_text("SELECT id, document, version FROM cases WHERE id = ANY(:ids)"), {"ids": ids})
        for row in rows:
            try:
                fresh[row.id] = summary_fields(parse_case_json(row.document, row.id.hex), today)
            except LawdeskError:
                continue
            connection.execute(_text("UPDATE cases SET summary = CAST(:summary AS jsonb) WHERE id = :id AND version = :version"),
                               {"summary": _jsonb(fresh[row.id]), "id": row.id, "version": row.version})
        return fresh

    def refs(self) -> list[str]:
        with self.connect() as connection:
            return [str(found) for found in connection.execute(_text(
                "SELECT id FROM cases WHERE trashed_at IS NULL ORDER BY lower(reference), id")).scalars()]

    def find(self, text: str) -> str:
        """A case's id, or the reference of exactly one case (not in the trash)."""
        with contextlib.suppress(CaseNotFound):
            ref = _uuid(text)
            with self.connect() as connection:
                if connection.execute(_text("SELECT 1 FROM cases WHERE id = :id"), {"id": ref}).scalar():
                    return ref
        with self.connect() as connection:
            found = [str(i) for i in connection.execute(_text(
                "SELECT id FROM cases WHERE reference = :ref AND trashed_at IS NULL ORDER BY created_at"), {"ref": text}).scalars()]
        return only_one(text, found, self.describe())

    # one case

    def working_copy(self, ref: str) -> WorkingCopy:
        return WorkingCopy(self.work_root / _uuid(ref))

    def load(self, ref: str) -> Case:
        """The case, with its evidence files in its working copy on this computer."""
        case_id = _uuid(ref)
        with self.connect() as connection:
            row = connection.execute(_text("SELECT document, version FROM cases WHERE id = :id"), {"id": case_id}).one_or_none()
            if row is None:
                raise CaseNotFound(_("« {ref} » : ce dossier n'est plus sur le serveur {server}").format(
                    ref=ref, server=self.describe()))
            files = self._files(connection, case_id)
            copy = self.working_copy(case_id)
            copy.sync(files, lambda digest: self._blob(digest, connection))
        data = parse_case_json(row.document, ref)
        case = Case(copy.folder, data, ref=case_id, revision=str(row.version))
        self._write_local(case)
        return case

    def _write_local(self, case: Case) -> None:
        from lawdesk.fs import atomic_write_bytes

        atomic_write_bytes(case.path, case_bytes(case.data))

    @staticmethod
    def _files(connection: Connection, case_id: str) -> dict[str, bytes]:
        return {row.name: bytes(row.sha256) for row in connection.execute(
            _text("SELECT name, sha256 FROM case_files WHERE case_id = :id ORDER BY name"), {"id": case_id})}

    def _blob(self, digest: bytes, connection: Connection | None = None) -> bytes:
        """A file's content by its SHA-256 (in the transaction `connection`, or one of its own)."""
        if connection is None:
            with self.connect() as own:
                return self._blob(digest, own)
        content = connection.execute(_text("SELECT content FROM blobs WHERE sha256 = :h"), {"h": digest}).scalar()
        if content is None:
            raise LawdeskError(_("serveur {server} : un fichier manque dans la base ; restaurez-la ou ajoutez de "
                                 "nouveau la pièce").format(server=self.describe()))
        return bytes(content)

    def save(self, case: Case) -> None:
        """Write the case if nobody saved it since it was read (its version); Conflict otherwise."""
        content = case_bytes(case.data)
        summary = summary_fields(case.data)
        with self.connect() as connection:
            saved = connection.execute(_text("""
                UPDATE cases SET data = CAST(:data AS jsonb), document = :document, reference = :reference,
                                 summary = CAST(:summary AS jsonb), version = version + 1, updated_at = now(),
                                 updated_by = :who
                WHERE id = :id AND version = :version RETURNING version"""), {
                "data": _jsonb(case.data), "document": content.decode("utf-8"), "reference": _clean(case.reference),
                "summary": _jsonb(summary), "who": self.who, "id": _uuid(case.ref),
                "version": int(case.revision or 0)}).scalar()
            if saved is None:
                theirs = connection.execute(_text("SELECT document, version, updated_by FROM cases WHERE id = :id"),
                                            {"id": _uuid(case.ref)}).one_or_none()
        if saved is None:
            if theirs is None:
                raise CaseNotFound(_("« {ref} » : ce dossier n'est plus sur le serveur {server}").format(
                    ref=case.reference, server=self.describe()))
            raise Conflict(case.reference, parse_case_json(theirs.document, case.reference), str(theirs.version),
                           theirs.updated_by)
        case.revision = str(saved)
        with contextlib.suppress(OSError):
            self._write_local(case)

    def _insert(self, connection: Connection, data: dict[str, Any], document: str | None = None) -> str:
        case_id = str(uuid.uuid4())
        connection.execute(_text("""
            INSERT INTO cases (id, reference, data, document, summary, updated_by)
            VALUES (:id, :reference, CAST(:data AS jsonb), :document, CAST(:summary AS jsonb), :who)"""), {
            "id": case_id, "reference": _clean(str(data.get("reference", ""))), "data": _jsonb(data),
            "document": document if document is not None else case_bytes(data).decode("utf-8"),
            "summary": _jsonb(summary_fields(data)), "who": self.who})
        return case_id

    def new_case(self, reference: str, counsel: dict[str, Any] | None = None) -> Case:
        reference = reference.strip()
        if not reference:
            raise LawdeskError(_("indiquez une référence pour le nouveau dossier"))
        with self.connect() as connection:
            case_id = self._insert(connection, new_case_data(reference, counsel))
        return self.load(case_id)

    def duplicate(self, ref: str) -> Case:
        """A copy of the case and its pièces (their files are shared, not stored twice), not its dossier."""
        source = self.load(ref)
        data = {**source.data, "reference": _("{reference} (copie)").format(reference=source.reference)}
        with self.connect() as connection:
            case_id = self._insert(connection, data)
            connection.execute(_text("""
                INSERT INTO case_files (case_id, name, sha256)
                SELECT :new, name, sha256 FROM case_files WHERE case_id = :old"""), {"new": case_id, "old": source.ref})
        return self.load(case_id)

    def import_folder(self, source: Path, name: str | None = None) -> Case:
        """A case folder (case.json as it is, byte for byte, and every file in it) as a new case."""
        case = load_case(source)
        document = case.path.read_bytes().decode("utf-8-sig")
        files = []
        for file_name in case_files_of(case.folder):
            path = resolve_case_file(case.folder, file_name)
            files.append((file_name, path, file_digest(path)))
        with self.connect() as connection:
            self._store_blobs(connection, [(path, digest) for _name, path, digest in files])
            case_id = self._insert(connection, case.data, document)
            for file_name, _path, digest in files:
                connection.execute(_text("INSERT INTO case_files (case_id, name, sha256) VALUES (:id, :name, :h)"),
                                   {"id": case_id, "name": file_name, "h": digest})
        return self.load(case_id)

    @staticmethod
    def _store_blobs(connection: Connection, files: list[tuple[Path, bytes]]) -> None:
        """The files the server does not hold yet (by their SHA-256), sent one at a time: never two in memory."""
        known = {bytes(h) for h in connection.execute(_text("SELECT sha256 FROM blobs WHERE sha256 = ANY(:hs)"),
                                                      {"hs": [digest for _path, digest in files]}).scalars()}
        for path, digest in files:
            if digest in known:
                continue
            content = path.read_bytes()
            connection.execute(_text("""
                INSERT INTO blobs (sha256, size, content) VALUES (:h, :size, :content) ON CONFLICT DO NOTHING"""),
                {"h": digest, "size": len(content), "content": content})
            known.add(digest)

    def export_case(self, ref: str, target: Path) -> Path:
        """The case as a case folder: its case file as stored (byte for byte) and every file of it."""
        case_id = _uuid(ref)
        with self.connect() as connection:
            document = connection.execute(_text("SELECT document FROM cases WHERE id = :id"), {"id": case_id}).scalar()
            if document is None:
                raise CaseNotFound(_("« {ref} » : aucun dossier de ce nom sur le serveur").format(ref=ref))
            files = self._files(connection, case_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.export")
        try:
            copy = WorkingCopy(staging)
            staging.mkdir(parents=True)
            (staging / CASE_FILE).write_bytes(document.encode("utf-8"))
            copy.sync(files, self._blob)
            copy.clear(".lawdesk")
            replace_folder(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return target

    def export_name(self, ref: str) -> str:
        """The folder name of an export: the case's reference, made a valid name."""
        with self.connect() as connection:
            reference = connection.execute(_text("SELECT reference FROM cases WHERE id = :id"), {"id": _uuid(ref)}).scalar()
        return safe_file_name(reference or "", replacement="-", max_bytes=100) or _uuid(ref)

    def trash(self, ref: str) -> TrashEntry:
        case_id = _uuid(ref)
        with self.connect() as connection:
            reference = connection.execute(_text(
                "UPDATE cases SET trashed_at = now() WHERE id = :id RETURNING reference"), {"id": case_id}).scalar()
        if reference is None:
            raise CaseNotFound(_("« {ref} » : aucun dossier de ce nom sur le serveur").format(ref=ref))
        return TrashEntry(ref=case_id, name=reference, token=case_id)

    def restore(self, entry: TrashEntry) -> str:
        with self.connect() as connection:
            connection.execute(_text("UPDATE cases SET trashed_at = NULL WHERE id = :id"), {"id": entry.token})
        return entry.token

    def lease(self, ref: str) -> ServerLease:
        return ServerLease(self, _uuid(ref))

    # evidence

    def add_evidence(self, case: Case, paths: Iterable[Path], cancel: CancelToken | None = None,
                     in_use: frozenset[str] = frozenset()) -> ImportedFiles:
        return copy_into_case(ServerFiles(self, case), paths, cancel, in_use)

    def remove_evidence(self, case: Case, names: Iterable[str]) -> None:
        names = list(names)
        if not names:
            return
        with self.connect() as connection:
            connection.execute(_text("DELETE FROM case_files WHERE case_id = :id AND name = ANY(:names)"),
                               {"id": _uuid(case.ref), "names": names})
        self.working_copy(case.ref).forget(names)

    def read_evidence(self, ref: str, name: str) -> bytes:
        with self.connect() as connection:
            digest = connection.execute(_text("SELECT sha256 FROM case_files WHERE case_id = :id AND name = :name"),
                                        {"id": _uuid(ref), "name": name}).scalar()
        if digest is None:
            raise UnusableInput(_("{file} : ce fichier n'est pas dans le dossier").format(file=name))
        return self._blob(bytes(digest))

    def evidence_names(self, ref: str) -> list[str]:
        with self.connect() as connection:
            return list(self._files(connection, _uuid(ref)))

    # the generated dossier

    def dossier_folder(self, case: Case, preview: bool = False) -> Path:
        return case.folder / (PREVIEW_DIR if preview else OUTPUT_DIR)

    def publish_dossier(self, case: Case, preview: bool = False) -> None:
        """The dossier just built into `dossier_folder` stored on the server, replacing the one before. A
        preview stays on this computer."""
        if not preview:
            self.publish_folder(case.ref, self.dossier_folder(case), int(case.revision or 0))

    def publish_folder(self, ref: str, folder: Path, built_version: int) -> None:
        """A dossier built from the case at `built_version` (its files and report.json, not what LawDesk
        keeps beside them) as the case's generated dossier on the server."""
        report = json.loads((folder / REPORT_FILE).read_text(encoding="utf-8"))
        files = [(p.relative_to(folder).as_posix(), p) for p in sorted(folder.rglob("*"))
                 if p.is_file() and not p.name.startswith(".")]
        digests = {name: file_digest(path) for name, path in files}
        with self.connect() as connection:
            self._store_blobs(connection, [(path, digests[name]) for name, path in files])
            connection.execute(_text("DELETE FROM dossiers WHERE case_id = :id"), {"id": _uuid(ref)})
            connection.execute(_text("""
                INSERT INTO dossiers (case_id, built_version, built_by, report)
                VALUES (:id, :version, :who, CAST(:report AS jsonb))"""), {
                "id": _uuid(ref), "version": built_version, "who": self.who, "report": _jsonb(report)})
            for name in digests:
                connection.execute(_text("INSERT INTO dossier_files (case_id, name, sha256) VALUES (:id, :name, :h)"),
                                   {"id": _uuid(ref), "name": name, "h": digests[name]})
        if folder == self.working_copy(ref).folder / OUTPUT_DIR:
            self.working_copy(ref).remember("dossier", {name: digest.hex() for name, digest in digests.items()})

    def read_report(self, case: Case) -> dict[str, Any] | None:
        """The report of the dossier on the server, its files fetched into the working copy."""
        with self.connect() as connection:
            report = connection.execute(_text("SELECT report FROM dossiers WHERE case_id = :id"),
                                        {"id": _uuid(case.ref)}).scalar()
            files = {row.name: bytes(row.sha256) for row in connection.execute(_text(
                "SELECT name, sha256 FROM dossier_files WHERE case_id = :id"), {"id": _uuid(case.ref)})}
            copy = self.working_copy(case.ref)
            if report is None:
                copy.clear(OUTPUT_DIR)
                copy.remember("dossier", {})
                return None
            copy.sync(files, lambda digest: self._blob(digest, connection), area="dossier", under=OUTPUT_DIR)
        return report if isinstance(report, dict) else None

    def dossier_outdated(self, case: Case) -> bool:
        with self.connect() as connection:
            built = connection.execute(_text("""
                SELECT d.built_version < c.version FROM dossiers d JOIN cases c ON c.id = d.case_id WHERE d.case_id = :id"""),
                {"id": _uuid(case.ref)}).scalar()
        return bool(built)


class ServerFiles:
    """The evidence files of a case on the server (lawdesk.store.evidence_files.CaseFiles)."""

    def __init__(self, store: PostgresStore, case: Case) -> None:
        self.store = store
        self.case = case
        with store.connect() as connection:
            self._known = store._files(connection, _uuid(case.ref))

    def names(self) -> list[str]:
        return sorted(n for n in self._known if n.startswith(f"{PIECES_DIR}/") and "/" not in n[len(PIECES_DIR) + 1:])

    def inside(self, source: Path) -> str | None:
        try:
            name = source.resolve().relative_to(self.case.folder.resolve()).as_posix()
        except ValueError:
            return None
        return name if name in self._known else None

    def taken(self, name: str) -> bool:
        return name.casefold() in {n.casefold() for n in self._known}  # a folder exported on Windows keeps them apart

    def same(self, name: str, source: Path) -> bool:
        return self._known.get(name) == file_digest(source)

    def put(self, name: str, source: Path) -> None:
        digest = file_digest(source)
        with self.store.connect() as connection:
            self.store._store_blobs(connection, [(source, digest)])
            connection.execute(_text("""
                INSERT INTO case_files (case_id, name, sha256) VALUES (:id, :name, :h)
                ON CONFLICT (case_id, name) DO UPDATE SET sha256 = excluded.sha256"""),
                {"id": _uuid(self.case.ref), "name": name, "h": digest})
        self._known[name] = digest
        copy = self.store.working_copy(self.case.ref)
        target = copy.path(name)
        if target is not None:
            from lawdesk.fs import copy_file

            copy_file(source, target)
            copy.note(name, digest)


class ServerLease:
    """Who edits a case on the server (`presence`): a lease renewed by its holder, ending on its own."""

    def __init__(self, store: PostgresStore, case_id: str) -> None:
        self.store = store
        self.case_id = case_id
        self.mine: Holder | None = None
        self._view_token = uuid.uuid4().hex
        self._watching = False

    def _editor(self, connection: Connection) -> Holder | None:
        row = connection.execute(_text(f"SELECT {_HOLDER_COLUMNS} FROM presence WHERE case_id = :id AND mode = 'edit'"),
                                 {"id": self.case_id}).one_or_none()
        return _holder(row) if row is not None else None

    def acquire(self) -> Holder | None:
        token = uuid.uuid4().hex
        with self.store.connect() as connection:
            connection.execute(_text("DELETE FROM presence WHERE case_id = :id AND until <= now()"), {"id": self.case_id})
            inserted = connection.execute(_text(f"""
                INSERT INTO presence (token, case_id, mode, user_name, host, pid, until)
                VALUES (:token, :id, 'edit', :user, :host, :pid, now() + make_interval(secs => {LEASE_SECONDS}))
                ON CONFLICT (case_id) WHERE mode = 'edit' DO NOTHING RETURNING {_HOLDER_COLUMNS}"""),
                {"token": token, "id": self.case_id, **_me()}).one_or_none()
            if inserted is not None:
                self.mine = _holder(inserted)
                return None
            return self._editor(connection)

    def is_stale(self, holder: Holder) -> bool:
        """Silent for long, or held on this computer by a process that is gone (a window that crashed)."""
        if holder.host == socket.gethostname() and not pid_alive(holder.pid):
            return True
        with self.store.connect() as connection:
            now = connection.execute(_text("SELECT now()")).scalar().timestamp()
        return now - holder.heartbeat > STALE_AFTER

    def take_over(self, holder: Holder) -> Holder | None:
        """The case taken from `holder` (only if it is still the one holding it)."""
        token = uuid.uuid4().hex
        with self.store.connect() as connection:
            taken = connection.execute(_text(f"""
                UPDATE presence SET token = :token, user_name = :user, host = :host, pid = :pid, since = now(),
                                    heartbeat = now(), until = now() + make_interval(secs => {LEASE_SECONDS})
                WHERE case_id = :id AND mode = 'edit' AND token = :old RETURNING {_HOLDER_COLUMNS}"""),
                {"token": token, "id": self.case_id, "old": holder.token, **_me()}).one_or_none()
        if taken is None:
            return self.acquire()
        self.mine = _holder(taken)
        return None

    def refresh(self) -> bool:
        """Renew the lease. After an outage that let it end, it is taken again if nobody else took the case."""
        if self.mine is None:
            return False
        with self.store.connect() as connection:
            renewed = connection.execute(_text(f"""
                UPDATE presence SET heartbeat = now(), until = now() + make_interval(secs => {LEASE_SECONDS})
                WHERE token = :token AND mode = 'edit' RETURNING {_HOLDER_COLUMNS}"""), {"token": self.mine.token}).one_or_none()
        if renewed is not None:
            self.mine = _holder(renewed)
            return True
        self.mine = None
        return self.acquire() is None

    def release(self) -> None:
        tokens = [t for t in (self.mine.token if self.mine else None, self._view_token) if t]
        with self.store.connect() as connection:
            connection.execute(_text("DELETE FROM presence WHERE token = ANY(:tokens)"), {"tokens": tokens})
        self.mine = None
        self._watching = False

    def others(self) -> list[Holder]:
        mine = [t for t in (self.mine.token if self.mine else None, self._view_token) if t]
        with self.store.connect() as connection:
            rows = connection.execute(_text(f"""
                SELECT {_HOLDER_COLUMNS} FROM presence WHERE case_id = :id AND until > now() AND NOT token = ANY(:mine)
                ORDER BY mode, since"""), {"id": self.case_id, "mine": mine}).all()
        return [_holder(row) for row in rows]

    def watch(self) -> None:
        """This window shows the case read-only: others see it among those who have it open."""
        with self.store.connect() as connection:
            connection.execute(_text(f"""
                INSERT INTO presence (token, case_id, mode, user_name, host, pid, until)
                VALUES (:token, :id, 'view', :user, :host, :pid, now() + make_interval(secs => {LEASE_SECONDS}))
                ON CONFLICT (token) DO UPDATE SET heartbeat = now(), until = excluded.until"""),
                {"token": self._view_token, "id": self.case_id, **_me()})
        self._watching = True


def _me() -> dict[str, Any]:
    me = Holder.me(0)
    return {"user": me.user, "host": me.host, "pid": me.pid}
