"""Alembic's environment for the case store: always run from LawDesk (`lawdesk store init`), on the
connection it hands over, never from a URL of its own (no password ever goes through Alembic's
configuration or logs)."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
with context.begin_transaction():
    context.run_migrations()
