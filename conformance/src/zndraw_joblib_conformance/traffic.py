"""The HTTP client of the hand-written checks: every response is evidence.

Each response is validated against openapi.yaml (`OpenApiContract`) and recorded in the ledger
under the operation's `REST-<operationId>-<status>` (or `-status-codes` / `-no-server-error`)
and, when it carries a problem, under `PROBLEM-<type>`. Every exchange can be shown again as a
curl line, with the tokens replaced by `$TOKEN` / `$USER_TOKEN`.
"""

from __future__ import annotations

import json
import shlex
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx

from zndraw_joblib_conformance import ids
from zndraw_joblib_conformance.openapi_contract import PROBLEM_PREFIX, OpenApiContract
from zndraw_joblib_conformance.outcomes import Finding, Ledger

MAX_CURL_BODY = 1500  # characters of a body shown in a curl line


@dataclass
class Redactions:
    """Secrets replaced in reproduction lines: value -> shell variable (`$TOKEN`)."""

    values: dict[str, str] = field(default_factory=dict)

    def add(self, value: str | None, name: str) -> None:
        if value:
            self.values[value] = name

    def apply(self, text: str) -> str:
        for value, name in self.values.items():
            text = text.replace(value, name)
        return text


def curl(request: httpx.Request, redactions: Redactions, body: bytes | None = None) -> str:
    """A curl command that sends `request` again."""
    content = request.content if body is None else body
    parts = ["curl", "-sS", "-X", request.method, shlex.quote(str(request.url))]
    for name, value in request.headers.items():
        if name.lower() in {"host", "content-length", "accept-encoding", "user-agent", "accept", "connection"}:
            continue
        parts += ["-H", f'"{name}: {value}"' if "Bearer " in value else shlex.quote(f"{name}: {value}")]
    if content:
        text = content.decode("utf-8", errors="replace")
        if len(text) > MAX_CURL_BODY:
            parts += ["--data-binary", shlex.quote(text[:MAX_CURL_BODY]), f"# body cut: {len(content)} bytes in all"]
        else:
            parts += ["--data-binary", shlex.quote(text)]
    return redactions.apply(" ".join(parts))


class Http:
    """An httpx client for one identity (a token, or none) that records what it sees."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        contract: OpenApiContract,
        ledger: Ledger,
        redactions: Redactions,
        connection_close: bool = False,
        record: bool = True,
        recent: deque[str] | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if connection_close:
            headers["Connection"] = "close"
        self.token = token
        self.base_url = base_url
        self.client = httpx.AsyncClient(base_url=base_url, headers=headers, timeout=httpx.Timeout(60.0))
        self.contract = contract
        self.ledger = ledger
        self.redactions = redactions
        self.record = record
        self.recent: deque[str] = recent if recent is not None else deque(maxlen=3)  # the last requests, as curl

    async def aclose(self) -> None:
        await self.client.aclose()

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        response = await self.client.request(method, url, **kwargs)
        self.observe(response)
        return response

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("GET", url, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("POST", url, **kwargs)

    async def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("PUT", url, **kwargs)

    async def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("PATCH", url, **kwargs)

    async def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("DELETE", url, **kwargs)

    def curl(self, response: httpx.Response) -> str:
        return curl(response.request, self.redactions)

    def observe(self, response: httpx.Response) -> None:
        """Record the response as evidence for its operation and problem type."""
        line = self.curl(response)
        self.recent.append(line)
        if not self.record:
            return
        file_problem(
            self.contract,
            self.ledger,
            status=response.status_code,
            content_type=response.headers.get("content-type", ""),
            content=response.content,
            reproduce=line,
        )
        op = self.contract.match(response.request.method, response.request.url.raw_path.split(b"?")[0].decode())
        if op is None:
            return
        status = response.status_code
        shown = f"{op.label} answered {status}"
        headers = {k.lower(): v for k, v in response.headers.items()}
        problems = self.contract.response_violations(op, status, headers, response.content)
        spec = op.response(status)
        if spec is None:
            self.ledger.failed(ids.rest_status_codes(op), Finding(f"{shown}: {problems[0]}", line))
        else:
            self.ledger.passed(ids.rest_status_codes(op))
            rid = ids.rest_response(op, spec.status)
            if problems:
                self.ledger.failed(rid, Finding(f"{shown}: " + "; ".join(problems), line))
            else:
                self.ledger.passed(rid)
        if status >= 500 and spec is None:
            self.ledger.failed(ids.rest_no_server_error(op), Finding(f"{shown}: a server error", line))
        else:
            self.ledger.passed(ids.rest_no_server_error(op))


def file_problem(
    contract: OpenApiContract,
    ledger: Ledger,
    *,
    status: int,
    content_type: str,
    content: bytes,
    reproduce: str | None,
) -> None:
    """A problem body is evidence for its type's `PROBLEM-<type>`: documented status, body status agrees."""
    if not content_type.startswith("application/problem+json"):
        return
    try:
        body = json.loads(content)
    except ValueError:
        return
    kind = body.get("type") if isinstance(body, dict) else None
    if not isinstance(kind, str) or not kind.startswith(PROBLEM_PREFIX):
        return
    slug = kind.removeprefix(PROBLEM_PREFIX)
    expected = contract.problem_status.get(slug)
    if expected is None:
        return  # not a documented type: the response's schema check reports it
    rid = ids.problem(slug)
    if expected and status not in expected:
        documented = ", ".join(map(str, sorted(expected)))
        ledger.failed(rid, Finding(f"{kind} came with status {status}; documented: {documented}", reproduce))
    elif body.get("status") not in (None, status):
        message = f"{kind}: body status {body.get('status')} differs from the response's {status}"
        ledger.failed(rid, Finding(message, reproduce))
    else:
        ledger.passed(rid)
