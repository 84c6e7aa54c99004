"""jobs have an owner: the user who first registered them

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 17:30:00.000000

Existing jobs get no owner (NULL); the next registration of such a job takes it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("joblib_job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("joblib_job", schema=None) as batch_op:
        batch_op.drop_column("owner_id")
