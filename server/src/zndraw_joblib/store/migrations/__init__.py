"""Alembic migrations of the store; `migrate.py` runs them without an alembic.ini."""
