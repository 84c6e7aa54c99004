"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 17:08:59.823583
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import zndraw_joblib.store.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "joblib_job",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("room_id", sa.String(length=128), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("full_name", sa.String(length=322), nullable=False),
        sa.Column(
            "schema", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("created_at", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("full_name"),
    )
    with op.batch_alter_table("joblib_job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joblib_job_room_id"), ["room_id"], unique=False)

    op.create_table(
        "joblib_user",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("hashed_password", sa.String(length=1024), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_superuser", sa.Boolean(), nullable=False),
        sa.Column("is_verified", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("joblib_user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joblib_user_email"), ["email"], unique=True)

    op.create_table(
        "joblib_worker",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_heartbeat", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("joblib_worker", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joblib_worker_last_heartbeat"), ["last_heartbeat"], unique=False)
        batch_op.create_index(batch_op.f("ix_joblib_worker_user_id"), ["user_id"], unique=False)

    op.create_table(
        "joblib_provider",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("room_id", sa.String(length=128), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("full_name", sa.String(length=322), nullable=False),
        sa.Column(
            "schema", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("worker_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["worker_id"], ["joblib_worker.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("full_name"),
    )
    with op.batch_alter_table("joblib_provider", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joblib_provider_room_id"), ["room_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_joblib_provider_worker_id"), ["worker_id"], unique=False)

    op.create_table(
        "joblib_task",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("job_name", sa.String(length=322), nullable=False),
        sa.Column("room_id", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "payload", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("worker_id", sa.Uuid(), nullable=True),
        sa.Column("submitted_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("started_at", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("completed_at", zndraw_joblib.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["joblib_job.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("joblib_task", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_claimed_at_active",
            ["claimed_at"],
            unique=False,
            sqlite_where=sa.text("status IN ('claimed', 'running')"),
            postgresql_where=sa.text("status IN ('claimed', 'running')"),
        )
        batch_op.create_index("ix_task_job_room_order", ["job_id", "room_id", "created_at", "id"], unique=False)
        batch_op.create_index(
            "ix_task_pending_claim",
            ["job_id", "created_at", "id"],
            unique=False,
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )
        batch_op.create_index("ix_task_room_order", ["room_id", "created_at", "id"], unique=False)
        batch_op.create_index(
            "ix_task_worker_active",
            ["worker_id"],
            unique=False,
            sqlite_where=sa.text("status IN ('claimed', 'running')"),
            postgresql_where=sa.text("status IN ('claimed', 'running')"),
        )

    op.create_table(
        "joblib_worker_job",
        sa.Column("worker_id", sa.Uuid(), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["joblib_job.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["worker_id"], ["joblib_worker.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("worker_id", "job_id"),
    )
    with op.batch_alter_table("joblib_worker_job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joblib_worker_job_job_id"), ["job_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("joblib_worker_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_joblib_worker_job_job_id"))

    op.drop_table("joblib_worker_job")
    with op.batch_alter_table("joblib_task", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_task_worker_active",
            sqlite_where=sa.text("status IN ('claimed', 'running')"),
            postgresql_where=sa.text("status IN ('claimed', 'running')"),
        )
        batch_op.drop_index("ix_task_room_order")
        batch_op.drop_index(
            "ix_task_pending_claim",
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )
        batch_op.drop_index("ix_task_job_room_order")
        batch_op.drop_index(
            "ix_task_claimed_at_active",
            sqlite_where=sa.text("status IN ('claimed', 'running')"),
            postgresql_where=sa.text("status IN ('claimed', 'running')"),
        )

    op.drop_table("joblib_task")
    with op.batch_alter_table("joblib_provider", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_joblib_provider_worker_id"))
        batch_op.drop_index(batch_op.f("ix_joblib_provider_room_id"))

    op.drop_table("joblib_provider")
    with op.batch_alter_table("joblib_worker", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_joblib_worker_user_id"))
        batch_op.drop_index(batch_op.f("ix_joblib_worker_last_heartbeat"))

    op.drop_table("joblib_worker")
    with op.batch_alter_table("joblib_user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_joblib_user_email"))

    op.drop_table("joblib_user")
    with op.batch_alter_table("joblib_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_joblib_job_room_id"))

    op.drop_table("joblib_job")
