"""Behaviour checks derived from the documents, run for every operation or event they list.

- Every secured operation, called without a token (and with a malformed one), answers 401
  (`REST-<op>-401`): reads included, so "public reads" show up operation by operation.
- Every operation with a UUID in its path, called with something else there, refuses it.
- Every client → server event of asyncapi.yaml, sent with a payload that breaks its schema, is
  refused in its ack with a `validation-error` and the connection stays open (`EVT-<event>-ack`).
"""

from __future__ import annotations

import json
from typing import Any

from zndraw_joblib_conformance import ids
from zndraw_joblib_conformance.checks import Check, Context, Violation
from zndraw_joblib_conformance.options import Suite
from zndraw_joblib_conformance.outcomes import Finding
from zndraw_joblib_conformance.requirements import Requirement


async def anonymous_requests(ctx: Context) -> None:
    """Each secured operation without a token: 401, as documented (evidence per operation)."""
    for op in ctx.openapi.operations:
        if not op.secured or "401" not in op.responses:
            continue
        rid = ids.rest_response(op, "401")
        kwargs: dict[str, Any] = {}
        if op.has_body:
            kwargs["json"] = {}
        for http, label in ((ctx.anonymous, "without a token"), (ctx.garbled, "with a malformed token")):
            response = await http.request(op.method, op.concrete_path(), **kwargs)
            if response.status_code != 401:
                ctx.ledger.failed(
                    rid,
                    Finding(f"{op.label} {label} answered {response.status_code}, not 401", http.curl(response)),
                )
            elif "bearer" not in response.headers.get("www-authenticate", "").lower():
                ctx.ledger.failed(
                    rid,
                    Finding(f"{op.label} {label}: 401 without `WWW-Authenticate: Bearer`", http.curl(response)),
                )


async def malformed_identifiers(ctx: Context) -> None:
    """Each operation with a UUID in its path, given something else: refused (404 names nothing, or 422).

    The answer itself is checked against the operation's documented responses like any other.
    """
    for op in ctx.openapi.operations:
        if not op.uuid_parameters:
            continue
        kwargs: dict[str, Any] = {"json": {}} if op.has_body else {}
        values = dict.fromkeys(op.uuid_parameters, "not-a-uuid")
        response = await ctx.admin.request(op.method, op.concrete_path(**values), **kwargs)
        if response.status_code < 400:
            message = f"{op.label} with a path id that is not a UUID answered {response.status_code}"
            ctx.ledger.failed(ids.rest_rejects_invalid(op), Finding(message, ctx.admin.curl(response)))


def _breaking_payload(schema: dict[str, Any]) -> Any:
    """A payload its schema refuses: a required key missing, an unknown key, or a wrong type."""
    required = schema.get("required") or []
    if required:
        return dict.fromkeys(required[1:], "x") | {"unexpected_key": 1}
    if schema.get("additionalProperties") is False:
        return {"unexpected_key": 1}
    return ["not", "an", "object"]


def ack_check(event: str, requirement: Requirement) -> Check:
    async def refuses_a_malformed_payload(ctx: Context) -> None:
        payload = _breaking_payload(ctx.asyncapi.payload_schema("receive", event))
        async with ctx.listener() as socket:
            ack = await socket.call(event, payload)
            if not isinstance(ack, dict) or ack.get("ok") is not False:
                raise Violation(f"{event} {json.dumps(payload)} was answered {ack!r}, not {{ok: false, error: …}}")
            errors = ctx.asyncapi.reply_errors(event, ack)
            kind = (ack.get("error") or {}).get("type") if isinstance(ack.get("error"), dict) else None
            if kind != "/v1/problems/validation-error":
                raise Violation(f"{event} {json.dumps(payload)}: the refusal is {ack!r}, not a validation-error")
            if errors:
                raise Violation(f"the ack {ack!r} does not match its schema: {errors}")
            if not socket.client.connected:
                raise Violation(f"the server closed the connection after a malformed {event}")

    return Check(requirement, refuses_a_malformed_payload, None, concurrent=True)


PROBE = "REST-probe"  # the probes feed the ids of the operations they call, not one of their own


def derived_checks(ctx: Context, requirements: dict[str, Requirement]) -> list[tuple[str, Check]]:
    """(label, check) pairs: the anonymous probe feeds many ids; each ack check one."""
    found: list[tuple[str, Check]] = []
    probe = Requirement(PROBE, Suite.REST, "", "")
    found.append(("every secured operation without a token", Check(probe, anonymous_requests, None)))
    found.append(("every operation with a malformed UUID", Check(probe, malformed_identifiers, None)))
    for event in sorted(ctx.asyncapi.events("receive")):
        rid = ids.event_ack(event)
        if rid in requirements:
            found.append((rid, ack_check(event, requirements[rid])))
    return found
