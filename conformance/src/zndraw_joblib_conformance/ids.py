"""How requirement ids are spelled, in one place (the derived catalogue and the evidence use them)."""

from __future__ import annotations

from zndraw_joblib_conformance.openapi_contract import Operation


def rest_response(op: Operation, status: str) -> str:
    """The operation answers `status` as documented (content type, headers, body schema)."""
    return f"REST-{op.operation_id}-{status}"


def rest_status_codes(op: Operation) -> str:
    return f"REST-{op.operation_id}-status-codes"


def rest_no_server_error(op: Operation) -> str:
    return f"REST-{op.operation_id}-no-server-error"


def rest_rejects_invalid(op: Operation) -> str:
    return f"REST-{op.operation_id}-rejects-invalid"


def rest_accepts_valid(op: Operation) -> str:
    return f"REST-{op.operation_id}-accepts-valid"


def rest_methods(op: Operation) -> str:
    return f"REST-{op.operation_id}-methods"


def problem(slug: str) -> str:
    return f"PROBLEM-{slug}"


def event_payload(event: str) -> str:
    return f"EVT-{event}-payload"


def event_room(event: str) -> str:
    return f"EVT-{event}-room"


def event_ack(event: str) -> str:
    return f"EVT-{event}-ack"


EVENTS_DECLARED_ONLY = "EVT-declared-only"
STATEFUL_WORKFLOWS = "STATEFUL-workflows"
STATEFUL_USE_AFTER_FREE = "STATEFUL-use-after-free"
STATEFUL_RESOURCE_AVAILABILITY = "STATEFUL-resource-availability"
