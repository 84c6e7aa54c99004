"""Log formats: uvicorn's plain text (the default) or one JSON object per line (`log_format=json`).

A JSON line has `time` (RFC 3339, UTC), `level`, `logger`, `message`, `request_id` when the line
was written during a request (`request_ids.current`), `exc_info` for an exception, and the extra
fields a caller passed (`log.info(..., extra={"status": 404})`), so log collectors can filter on
them without parsing messages.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from . import request_ids

_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "color_message", "request_id"}
"""Attributes every record has; anything else on a record was passed as `extra`."""


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on each record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_ids.current.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record; values JSON cannot hold are written as their `str`."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or request_ids.current.get()
        if request_id is not None:
            entry["request_id"] = request_id
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def json_config(level: str = "info") -> dict[str, Any]:
    """A `logging.config.dictConfig` (and uvicorn `log_config`) writing JSON lines to stderr for
    the server's, uvicorn's and every other logger."""
    level_name = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "json": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["json"], "level": level_name},
        "loggers": {
            name: {"handlers": [], "level": level_name, "propagate": True}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "zndraw_joblib")
        },
    }
