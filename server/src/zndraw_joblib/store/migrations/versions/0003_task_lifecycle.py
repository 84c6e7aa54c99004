"""task lifecycle: priorities, attempts and retries, progress, results, idempotency keys

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 19:00:00.000000

Existing tasks get priority 0, attempt 1 of 1; existing jobs no retries (max_attempts 1).
The claim index gains the priority (highest first).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import zndraw_joblib.store.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PENDING = sa.text("status = 'pending'")


def _json() -> sa.types.TypeEngine[object]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("joblib_job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_attempts", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("retry_backoff_seconds", sa.Float(), server_default="1", nullable=False))
    with op.batch_alter_table("joblib_task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("attempt", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("max_attempts", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("retry_backoff_seconds", sa.Float(), server_default="1", nullable=False))
        batch_op.add_column(
            sa.Column("available_at", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("progress", _json(), nullable=True))
        batch_op.add_column(sa.Column("result", _json(), nullable=True))
        batch_op.drop_index("ix_task_pending_claim", sqlite_where=PENDING, postgresql_where=PENDING)
        batch_op.create_index(
            "ix_task_pending_claim",
            ["job_id", sa.text("priority DESC"), "created_at", "id"],
            unique=False,
            sqlite_where=PENDING,
            postgresql_where=PENDING,
        )
        batch_op.create_index("ix_task_order", ["created_at", "id"], unique=False)
        batch_op.create_index("ix_task_completed_at", ["completed_at"], unique=False)
    op.create_table(
        "joblib_idempotency_key",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "key"),
    )
    with op.batch_alter_table("joblib_idempotency_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joblib_idempotency_key_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_table("joblib_idempotency_key")
    with op.batch_alter_table("joblib_task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_completed_at")
        batch_op.drop_index("ix_task_order")
        batch_op.drop_index("ix_task_pending_claim", sqlite_where=PENDING, postgresql_where=PENDING)
        batch_op.create_index(
            "ix_task_pending_claim",
            ["job_id", "created_at", "id"],
            unique=False,
            sqlite_where=PENDING,
            postgresql_where=PENDING,
        )
        for column in (
            "result",
            "progress",
            "available_at",
            "retry_backoff_seconds",
            "max_attempts",
            "attempt",
            "priority",
        ):
            batch_op.drop_column(column)
    with op.batch_alter_table("joblib_job", schema=None) as batch_op:
        batch_op.drop_column("retry_backoff_seconds")
        batch_op.drop_column("max_attempts")
