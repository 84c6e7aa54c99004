"""bulk submit: an idempotency key remembers every task of its batch

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 20:00:00.000000

Keys recorded before (single submissions) keep `task_ids` null.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("joblib_idempotency_key", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "task_ids",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("joblib_idempotency_key", schema=None) as batch_op:
        batch_op.drop_column("task_ids")
