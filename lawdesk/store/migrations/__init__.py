"""Alembic migrations of the PostgreSQL case store."""
