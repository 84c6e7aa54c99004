"""Task payloads checked against their job's JSON Schema (Draft 2020-12, formats included).

Validators are compiled once per distinct schema and kept in a small LRU cache: compiling costs
more than validating a typical payload.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator

from . import problems

MAX_REPORTED_ERRORS = 20


@lru_cache(maxsize=512)
def _validator(schema_json: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_json), format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_payload(schema: dict[str, Any], payload: dict[str, Any]) -> None:
    """Raise a 422 `ValidationFailed` listing where the payload breaks the schema."""
    if not schema:
        return
    validator = _validator(json.dumps(schema, sort_keys=True, separators=(",", ":")))
    errors = sorted(validator.iter_errors(payload), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise problems.ValidationFailed(
            [
                {"loc": ["body", "payload", *e.absolute_path], "msg": e.message, "type": "json_schema"}
                for e in errors[:MAX_REPORTED_ERRORS]
            ],
            detail=f"The payload does not match the job's parameter schema ({len(errors)} error(s)).",
        )
