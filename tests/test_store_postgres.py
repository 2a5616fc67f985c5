"""The PostgreSQL store on a real server: what it writes (rows, versions, leases, evidence by hash),
its schema, passwords and TLS, a server that restarts or goes away. What every store does is in
test_store_protocol.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import text

from lawdesk.errors import LawdeskError
from lawdesk.store.base import StoreUnavailable
from lawdesk.store.postgres import PostgresStore
from lawdesk.store.server import SCHEMA_REVISION, SchemaMissing, migrations_folder, upgrade
from tests import pg_server


def rows(store: PostgresStore, sql: str, **params: Any) -> list[Any]:
    with store.connect() as connection:
        return connection.execute(text(sql), params).all()


def test_a_case_is_a_row_of_jsonb_with_a_version_each_save_raises(pg_store: PostgresStore) -> None:
    case = pg_store.new_case("PG-1")
    [(data, version, document)] = rows(pg_store, "SELECT data, version, document FROM cases WHERE id = :id", id=case.ref)
    assert data["reference"] == "PG-1" and version == 1 and document.startswith('{\n  "format": "lawdesk.case/1"')
    case.data["applicant"]["family_name"] = "NGUYEN"
    pg_store.save(case)
    pg_store.save(case)
    [(family, version, who)] = rows(pg_store, "SELECT data #>> '{applicant,family_name}', version, updated_by FROM cases "
                                              "WHERE id = :id", id=case.ref)
    assert (family, version, case.revision) == ("NGUYEN", 3, "3") and "@" in who


def test_evidence_is_stored_once_by_its_hash_and_shared(pg_store: PostgresStore, demo_case_dir: Path) -> None:
    first = pg_store.import_folder(demo_case_dir)
    files = {p.relative_to(demo_case_dir).as_posix(): p.read_bytes() for p in (demo_case_dir / "pieces").iterdir()}
    stored = {name: bytes(h) for name, h in rows(pg_store, "SELECT name, sha256 FROM case_files WHERE case_id = :id", id=first.ref)}
    assert stored == {name: hashlib.sha256(content).digest() for name, content in files.items()}
    blobs = rows(pg_store, "SELECT count(*), sum(size) FROM blobs")[0]
    assert blobs == (len(set(files.values())), sum(len(c) for c in set(files.values())))

    second = pg_store.import_folder(demo_case_dir)
    pg_store.duplicate(second.ref)
    assert rows(pg_store, "SELECT count(*), sum(size) FROM blobs")[0] == blobs  # not stored again
    assert rows(pg_store, "SELECT count(DISTINCT case_id) FROM case_files")[0][0] == 3


def test_a_lease_says_who_and_until_when_and_ends_on_its_own(pg_store: PostgresStore) -> None:
    case = pg_store.new_case("PG-2")
    lease = pg_store.lease(case.ref)
    assert lease.acquire() is None
    [(user, host, pid, remaining)] = rows(pg_store, "SELECT user_name, host, pid, extract(epoch FROM until - now()) "
                                                    "FROM presence WHERE case_id = :id AND mode = 'edit'", id=case.ref)
    assert (user, host, pid) == (lease.mine.user, lease.mine.host, os.getpid()) and 140 < remaining <= 150
    other = pg_store.lease(case.ref)
    assert other.acquire().token == lease.mine.token
    rows_ended = "UPDATE presence SET until = now() - interval '1 second' WHERE case_id = :id RETURNING 1"
    assert rows(pg_store, rows_ended, id=case.ref)  # the holder's computer stopped renewing it
    assert other.acquire() is None  # ended on its own: taken without asking anyone
    assert not lease.refresh()  # the first window learns it at its next beat


def test_a_lease_that_ended_during_an_outage_is_taken_again_if_nobody_else_took_it(pg_store: PostgresStore) -> None:
    case = pg_store.new_case("PG-3")
    lease = pg_store.lease(case.ref)
    assert lease.acquire() is None
    rows(pg_store, "DELETE FROM presence WHERE case_id = :id RETURNING 1", id=case.ref)
    assert lease.refresh() and pg_store.lease(case.ref).acquire() is not None


def test_the_readers_are_seen_and_go_when_they_close(pg_store: PostgresStore) -> None:
    case = pg_store.new_case("PG-4")
    editor, reader = pg_store.lease(case.ref), pg_store.lease(case.ref)
    assert editor.acquire() is None and reader.acquire() is not None
    reader.watch()
    assert [(h.mode, h.pid) for h in editor.others()] == [("view", os.getpid())]
    assert [h.mode for h in pg_store.list_cases()[0].holders] == ["edit", "view"]
    reader.release()
    assert editor.others() == []


def test_a_lone_surrogate_is_saved_and_read_back_exactly(pg_store: PostgresStore) -> None:
    case = pg_store.new_case("PG-5")
    case.data["applicant"]["family_name"] = "A\ud800B\x00"
    pg_store.save(case)
    assert pg_store.load(case.ref).data["applicant"]["family_name"] == "A\ud800B\x00"
    [(shown,)] = rows(pg_store, "SELECT data #>> '{applicant,family_name}' FROM cases WHERE id = :id", id=case.ref)
    assert shown == "A\ufffdB\ufffd"


def test_the_list_summaries_follow_the_day(pg_store: PostgresStore, demo_case_dir: Path) -> None:
    case = pg_store.import_folder(demo_case_dir)
    rows(pg_store, "UPDATE cases SET summary = jsonb_set(summary, '{day}', '\"2000-01-01\"') WHERE id = :id RETURNING 1",
         id=case.ref)
    [summary] = pg_store.list_cases()
    assert summary.name == "DIALLO Aïssatou Binta"
    [(day,)] = rows(pg_store, "SELECT summary ->> 'day' FROM cases WHERE id = :id", id=case.ref)
    assert day == dt.date.today().isoformat()


def test_init_creates_then_keeps_the_schema_at_the_newest_migration(pg_cluster: Any) -> None:
    url = pg_cluster.url(pg_cluster.new_database())
    store = PostgresStore(url)
    with pytest.raises(SchemaMissing, match="lawdesk store init"):
        store.list_cases()
    assert upgrade(url) == (None, SCHEMA_REVISION)
    assert upgrade(url) == (SCHEMA_REVISION, SCHEMA_REVISION)
    assert store.list_cases() == []
    store.close()
    newest = sorted(p.stem.split("_")[0] for p in (migrations_folder() / "versions").glob("[0-9]*.py"))[-1]
    assert newest == SCHEMA_REVISION


@pytest.fixture
def clerk_url(pg_cluster: Any) -> str:
    database = pg_cluster.new_database(template="lawdesk_template")
    pg_cluster.add_password_role(database)
    with pg_cluster.superuser(database) as connection:
        connection.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {pg_server.PASSWORD_ROLE}")
    return pg_cluster.url(database, user=pg_server.PASSWORD_ROLE, tcp=True)


def test_the_password_comes_from_the_environment_or_pgpass_and_is_never_kept(
        clerk_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "absent"))
    store = PostgresStore(clerk_url, work_root=tmp_path / "w")
    with pytest.raises(StoreUnavailable, match="PGPASSWORD") as refused:
        store.list_cases()
    assert pg_server.PASSWORD not in refused.value.message
    store.close()

    monkeypatch.setenv("PGPASSWORD", pg_server.PASSWORD)
    assert PostgresStore(clerk_url, work_root=tmp_path / "w").list_cases() == []

    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:*:*:{pg_server.PASSWORD_ROLE}:{pg_server.PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    store = PostgresStore(clerk_url, work_root=tmp_path / "w")
    assert store.new_case("PG-6").reference == "PG-6"
    store.close()

    from lawdesk.ui.settings import AppSettings

    ini = tmp_path / "LawDesk.ini"
    settings = AppSettings(QSettings(str(ini), QSettings.Format.IniFormat))
    settings.store_location = clerk_url.replace("clerk@", f"clerk:{pg_server.PASSWORD}@")
    assert settings.server_url == clerk_url and pg_server.PASSWORD not in ini.read_text()


@pytest.fixture(scope="module")
def tls_cluster() -> Iterator[Any]:
    cluster = pg_server.start_cluster(ssl=True)
    yield cluster
    cluster.remove()


def test_tls_is_used_when_the_server_asks_for_it(tls_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tls_cluster.new_database()
    tls_cluster.add_password_role(database)
    url = tls_cluster.url(database, user=pg_server.PASSWORD_ROLE, tcp=True)  # pg_hba: hostssl only for this role
    monkeypatch.setenv("PGPASSWORD", pg_server.PASSWORD)
    upgrade(url)
    store = PostgresStore(url, work_root=tmp_path / "w")
    [(ssl, version)] = rows(store, "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
    assert ssl and version.startswith("TLS")
    store.close()
    with pytest.raises(StoreUnavailable):
        PostgresStore(url + "?sslmode=disable", work_root=tmp_path / "w").list_cases()


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[Any]:
    """A server of its own, to stop and restart without disturbing the other tests."""
    cluster = pg_server.start_cluster(template=True)
    yield cluster
    cluster.remove()


def test_a_server_that_restarts_or_stops_is_said_and_found_again(own_cluster: Any, tmp_path: Path) -> None:
    store = PostgresStore(own_cluster.url(own_cluster.new_database(template="lawdesk_template")), work_root=tmp_path / "w")
    case = store.new_case("PG-7")
    own_cluster.restart()
    case.data["applicant"]["family_name"] = "APRÈS"
    store.save(case)  # the pool's old connections are dropped, a new one is made
    own_cluster.stop()
    case.data["applicant"]["family_name"] = "PENDANT"
    try:
        with pytest.raises(StoreUnavailable, match="injoignable") as away:
            store.save(case)
        assert isinstance(away.value, LawdeskError)
    finally:
        own_cluster.start()
    store.save(case)
    assert store.load(case.ref).data["applicant"]["family_name"] == "PENDANT" and case.revision == "3"
    store.close()


def test_a_hostile_file_name_on_the_server_writes_nothing_outside_the_working_copy(pg_store: PostgresStore,
                                                                                   tmp_path: Path) -> None:
    case = pg_store.new_case("PG-8")
    content = b"%PDF-1.4 hostile"
    digest = hashlib.sha256(content).digest()
    rows(pg_store, "INSERT INTO blobs (sha256, size, content) VALUES (:h, :s, :c) RETURNING 1", h=digest, s=len(content), c=content)
    for name in ("../../../evil.pdf", "/tmp/evil-absolute.pdf", "pieces/../../evil2.pdf", "pieces/ok.pdf"):
        rows(pg_store, "INSERT INTO case_files (case_id, name, sha256) VALUES (:id, :n, :h) RETURNING 1",
             id=case.ref, n=name, h=digest)
    loaded = pg_store.load(case.ref)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf")}
    assert written == {f"copies-de-travail/{case.ref}/pieces/ok.pdf"} and (loaded.folder / "pieces" / "ok.pdf").is_file()
    assert not Path("/tmp/evil-absolute.pdf").exists()
