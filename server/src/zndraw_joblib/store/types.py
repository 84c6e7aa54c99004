"""Column types that behave the same on SQLite and PostgreSQL, and time-ordered ids.

SQLite keeps no time zone: `UTCDateTime` stores naive UTC there and hands back aware UTC on
both databases, so the API always answers RFC 3339 with `Z`. `TaskStatusText` stores a task's
status as its text and hands back the generated `TaskStatus` member: the enum is the only
spelling of a status, from the request model down to the rows.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from zndraw_joblib._generated.models import TaskStatus

#: JSON on SQLite, JSONB on PostgreSQL.
JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every dialect."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use datetime.now(UTC)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value  # raw SQL gives text
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class TaskStatusText(TypeDecorator[TaskStatus]):
    """`TaskStatus` in, `TaskStatus` out; text (`pending`, …) in the database."""

    impl = String(16)
    cache_ok = True

    def process_bind_param(self, value: TaskStatus | str | None, dialect: Dialect) -> str | None:  # noqa: ARG002
        return None if value is None else TaskStatus(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> TaskStatus | None:  # noqa: ARG002
        return None if value is None else TaskStatus(value)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> UUID:
    """A UUIDv7: 48 bits of Unix milliseconds, then random bits, so ids sort by creation time
    (a sensible tie-breaker after `created_at`, and index-friendly on PostgreSQL)."""
    millis = time.time_ns() // 1_000_000
    value = (millis & ((1 << 48) - 1)) << 80
    value |= int.from_bytes(os.urandom(10), "big") & ((1 << 80) - 1)
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return UUID(int=value)
