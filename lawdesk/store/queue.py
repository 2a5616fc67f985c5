"""The queue of a batch shared by several machines (`lawdesk batch --store URL` run on each of them).

A batch is a row of `batches`, found by a key made of what decides its outcome (the day, the
LawDesk version and templates): every machine started with the same settings joins the same
batch while it is open. Its cases are rows of `batch_items`, claimed one at a time with
`FOR UPDATE SKIP LOCKED` (two machines never get the same one), each claim with a lease its
machine renews; a machine that dies stops renewing, and once its lease has run out another
machine takes the case again. A case is done when its row comes back under the claim that
is still valid: each case is counted once, whoever built it, and the report is made of the rows.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from typing import Any

from lawdesk.fs import safe_file_name
from lawdesk.store.postgres import PostgresStore, _text, _jsonb
from lawdesk.store.base import user_name


@dataclass(frozen=True)
class Claim:
    case_id: str
    seq: int
    name: str  # the case's folder in OUT
    reference: str
    token: str


def _names(cases: list[tuple[Any, str]]) -> dict[Any, str]:
    """Each case's folder name in OUT: its reference, made a valid name, with the start of its id when two
    cases would share one."""
    base = {case_id: safe_file_name(reference, replacement="_", max_bytes=100) or str(case_id)[:8]
            for case_id, reference in cases}
    counts: dict[str, int] = {}
    for name in base.values():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    return {case_id: name if counts[name.casefold()] == 1 else f"{name}_{str(case_id)[:8]}" for case_id, name in base.items()}


class BatchQueue:
    def __init__(self, store: PostgresStore, lease_seconds: float) -> None:
        self.store = store
        self.lease_seconds = lease_seconds
        self.who = f"{user_name()}@{socket.gethostname()} ({os.getpid()})"
        self.batch_id: int | None = None

    def join(self, key: str, settings: dict[str, Any], refs: list[str] | None = None) -> tuple[int, bool]:
        """The open batch of `key`, made with every case of the store (or `refs`) if none is open:
        (its id, whether this machine made it)."""
        with self.store.connect() as connection:
            made = connection.execute(_text("""
                INSERT INTO batches (key, settings) VALUES (:key, CAST(:settings AS jsonb))
                ON CONFLICT (key) WHERE finished_at IS NULL DO NOTHING RETURNING id"""),
                {"key": key, "settings": _jsonb(settings)}).scalar()
            if made is not None:
                cases = connection.execute(_text("""
                    SELECT id, reference FROM cases WHERE trashed_at IS NULL AND (CAST(:refs AS uuid[]) IS NULL OR id = ANY(CAST(:refs AS uuid[])))
                    ORDER BY lower(reference), id"""), {"refs": refs}).all()
                names = _names([(row.id, row.reference) for row in cases])
                for seq, row in enumerate(cases):
                    connection.execute(_text("""
                        INSERT INTO batch_items (batch_id, case_id, seq, name) VALUES (:batch, :id, :seq, :name)"""),
                        {"batch": made, "id": row.id, "seq": seq, "name": names[row.id]})
                self.batch_id = made
                return made, True
            self.batch_id = connection.execute(_text("SELECT id FROM batches WHERE key = :key AND finished_at IS NULL"),
                                               {"key": key}).scalar_one()
            return self.batch_id, False

    def claim(self) -> Claim | None:
        """The next case nobody builds (or whose builder stopped renewing its lease), now this machine's."""
        token = uuid.uuid4().hex
        with self.store.connect() as connection:
            row = connection.execute(_text(f"""
                UPDATE batch_items i SET state = 'running', token = :token, claimed_by = :who, claims = claims + 1,
                                         lease_until = now() + make_interval(secs => {self.lease_seconds})
                FROM cases c
                WHERE c.id = i.case_id AND (i.batch_id, i.case_id) = (
                    SELECT batch_id, case_id FROM batch_items
                    WHERE batch_id = :batch AND (state = 'waiting' OR (state = 'running' AND lease_until < now()))
                    ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING i.case_id, i.seq, i.name, c.reference"""),
                {"token": token, "who": self.who, "batch": self.batch_id}).one_or_none()
        if row is None:
            return None
        return Claim(str(row.case_id), row.seq, row.name, row.reference, token)

    def renew(self, tokens: list[str]) -> None:
        """This machine is alive: its claims are kept for another lease."""
        if not tokens:
            return
        with self.store.connect() as connection:
            connection.execute(_text(f"""
                UPDATE batch_items SET lease_until = now() + make_interval(secs => {self.lease_seconds})
                WHERE batch_id = :batch AND state = 'running' AND token = ANY(:tokens)"""),
                {"batch": self.batch_id, "tokens": tokens})

    def done(self, claim: Claim, row: dict[str, Any], built: bool) -> bool:
        """The case's outcome, counted only under a claim still valid (False: another machine took it over)."""
        with self.store.connect() as connection:
            return connection.execute(_text("""
                UPDATE batch_items SET state = 'done', row = CAST(:row AS jsonb), builds = builds + :built,
                                       lease_until = NULL, done_at = clock_timestamp()
                WHERE batch_id = :batch AND case_id = :id AND token = :token AND state = 'running' RETURNING 1"""),
                {"row": _jsonb(row), "built": int(built), "batch": self.batch_id, "id": claim.case_id,
                 "token": claim.token}).scalar() is not None

    def give_back(self, tokens: list[str]) -> None:
        """Claims this machine will not finish (cancelled): another may take them at once."""
        if not tokens:
            return
        with self.store.connect() as connection:
            connection.execute(_text("""
                UPDATE batch_items SET state = 'waiting', token = NULL, lease_until = NULL
                WHERE batch_id = :batch AND state = 'running' AND token = ANY(:tokens)"""),
                {"batch": self.batch_id, "tokens": tokens})

    def progress(self) -> tuple[int, int, int]:
        """(cases, done, being built elsewhere with a valid lease)."""
        with self.store.connect() as connection:
            row = connection.execute(_text("""
                SELECT count(*), count(*) FILTER (WHERE state = 'done'),
                       count(*) FILTER (WHERE state = 'running' AND lease_until >= now())
                FROM batch_items WHERE batch_id = :batch"""), {"batch": self.batch_id}).one()
        return row[0], row[1], row[2]

    def rows(self) -> list[dict[str, Any]]:
        """Every case's outcome, in the batch's order: the one report."""
        with self.store.connect() as connection:
            return [row for row in connection.execute(_text(
                "SELECT row FROM batch_items WHERE batch_id = :batch AND state = 'done' ORDER BY seq"),
                {"batch": self.batch_id}).scalars()]

    def finish(self) -> None:
        with self.store.connect() as connection:
            connection.execute(_text("""
                UPDATE batches SET finished_at = now() WHERE id = :batch AND finished_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM batch_items WHERE batch_id = :batch AND state <> 'done')"""),
                {"batch": self.batch_id})


def row_json(row: Any) -> dict[str, Any]:
    from dataclasses import asdict

    found = asdict(row)
    found["messages"] = list(row.messages)
    return found


def row_from_json(found: dict[str, Any]) -> Any:
    from lawdesk.batch.report import BatchRow

    return BatchRow(**{**found, "messages": tuple(found.get("messages") or ())})

