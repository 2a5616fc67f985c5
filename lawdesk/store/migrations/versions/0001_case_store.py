"""The case store: cases (JSONB, with a version for optimistic concurrency), their evidence stored
once by content hash, their generated dossiers, who has them open, and the batch queue.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("reference", sa.Text, nullable=False),
        # the case in the contract's format, for queries; `document` is the same case file as written,
        # byte for byte (JSONB keeps neither the order of unknown fields nor the file's own layout)
        sa.Column("data", postgresql.JSONB, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_by", sa.Text, nullable=False, server_default=""),
        sa.Column("trashed_at", sa.DateTime(timezone=True)),
        # what the case list shows, computed when the case is saved (its status needs the validation)
        sa.Column("summary", postgresql.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    )
    op.create_index("cases_reference", "cases", ["reference"])
    op.create_table(
        "blobs",  # evidence and dossier files, stored once by their SHA-256, never modified
        sa.Column("sha256", sa.LargeBinary, primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("length(sha256) = 32", name="blobs_sha256_length"),
    )
    op.create_table(
        "case_files",  # the files of a case: its name in the case (pieces/x.pdf) → its content
        sa.Column("case_id", sa.Uuid, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("sha256", sa.LargeBinary, sa.ForeignKey("blobs.sha256"), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "dossiers",  # the generated dossier of a case, and the version of the case it was built from
        sa.Column("case_id", sa.Uuid, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("built_version", sa.Integer, nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("built_by", sa.Text, nullable=False, server_default=""),
        sa.Column("report", postgresql.JSONB, nullable=False),
    )
    op.create_table(
        "dossier_files",
        sa.Column("case_id", sa.Uuid, sa.ForeignKey("dossiers.case_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("sha256", sa.LargeBinary, sa.ForeignKey("blobs.sha256"), nullable=False),
    )
    op.create_table(
        "presence",  # who has a case open: one editor (the lease), any number of readers
        sa.Column("token", sa.Text, primary_key=True),
        sa.Column("case_id", sa.Uuid, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("mode", sa.Text, nullable=False),
        sa.Column("user_name", sa.Text, nullable=False),
        sa.Column("host", sa.Text, nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("heartbeat", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("mode IN ('edit', 'view')", name="presence_mode"),
    )
    op.create_index("presence_one_editor", "presence", ["case_id"], unique=True,
                    postgresql_where=sa.text("mode = 'edit'"))
    op.create_table(
        "batches",  # one run of `lawdesk batch --store`, shared by every machine that joins it
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("settings", postgresql.JSONB, nullable=False),
    )
    op.create_index("batches_open_key", "batches", ["key"], unique=True,
                    postgresql_where=sa.text("finished_at IS NULL"))
    op.create_table(
        "batch_items",  # the queue: claimed FOR UPDATE SKIP LOCKED, each with a lease
        sa.Column("batch_id", sa.BigInteger, sa.ForeignKey("batches.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("case_id", sa.Uuid, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),  # the case's folder in each machine's OUT
        sa.Column("state", sa.Text, nullable=False, server_default="waiting"),
        sa.Column("token", sa.Text),
        sa.Column("claimed_by", sa.Text),
        sa.Column("lease_until", sa.DateTime(timezone=True)),
        sa.Column("claims", sa.Integer, nullable=False, server_default="0"),
        sa.Column("builds", sa.Integer, nullable=False, server_default="0"),
        sa.Column("done_at", sa.DateTime(timezone=True)),
        sa.Column("row", postgresql.JSONB),
        sa.CheckConstraint("state IN ('waiting', 'running', 'done')", name="batch_items_state"),
    )
    op.create_index("batch_items_waiting", "batch_items", ["batch_id", "state", "seq"])


def downgrade() -> None:
    for table in ("batch_items", "batches", "presence", "dossier_files", "dossiers", "case_files", "blobs", "cases"):
        op.drop_table(table)
