"""Read openapi.yaml into the plain facts the stub generator needs.

The generator never guesses from names: every route, parameter, body and success status comes
from the document. Only local `#/components/...` references are supported (the document has no
other kind); anything the generator does not understand raises `SpecError` instead of emitting
code that would silently differ from the contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


class SpecError(Exception):
    """The document uses a construct the generator does not support."""


@dataclass(frozen=True)
class Param:
    name: str
    py_name: str
    location: str  # path | query | header
    required: bool
    schema: dict[str, Any]
    allow_slash: bool = False
    free_form: bool = False  # an exploded object query parameter: all remaining query keys


@dataclass(frozen=True)
class Body:
    media_type: str  # application/json | application/x-www-form-urlencoded | application/octet-stream
    model: str | None  # the components/schemas name, None for raw bytes


@dataclass(frozen=True)
class Success:
    status: int
    model: str | None
    headers: tuple[str, ...]
    raw: bool  # the body is bytes in a run-time content type (or text, e.g. Prometheus metrics)


@dataclass(frozen=True)
class Operation:
    op_id: str
    py_name: str
    method: str
    path: str
    tag: str
    summary: str
    params: tuple[Param, ...]
    body: Body | None
    successes: tuple[Success, ...]
    statuses: tuple[int, ...]  # every documented status code
    secured: bool

    @property
    def route_path(self) -> str:
        """The Starlette route: uuid and slash-allowing convertors where the spec says so."""
        path = self.path
        for p in self.params:
            if p.location != "path":
                continue
            if p.allow_slash:
                path = path.replace(f"{{{p.name}}}", f"{{{p.name}:slashed}}")
            elif p.schema.get("format") == "uuid":
                path = path.replace(f"{{{p.name}}}", f"{{{p.name}:uuid}}")
        return path


@dataclass
class Spec:
    doc: dict[str, Any]
    operations: list[Operation] = field(default_factory=list)

    @property
    def tags(self) -> list[str]:
        return [t["name"] for t in self.doc.get("tags", [])]


def snake(name: str) -> str:
    """camelCase or Header-Name → snake_case."""
    name = name.replace("-", "_")
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return name.lower()


def resolve(doc: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            raise SpecError(f"only local references are supported, got {ref}")
        target: Any = doc
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def schema_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref", "")
    prefix = "#/components/schemas/"
    return ref[len(prefix) :] if ref.startswith(prefix) else None


def _param(doc: dict[str, Any], raw: dict[str, Any]) -> Param:
    p = resolve(doc, raw)
    schema = p.get("schema", {})
    resolved = resolve(doc, schema)
    free_form = p["in"] == "query" and resolved.get("type") == "object"
    if free_form and not (p.get("style", "form") == "form" and p.get("explode", True)):
        raise SpecError(f"object query parameter {p['name']} must be style=form, explode=true")
    return Param(
        name=p["name"],
        py_name=snake(p["name"]),
        location=p["in"],
        required=bool(p.get("required", False)),
        schema=schema,
        allow_slash=bool(p.get("x-allow-slash", False)),
        free_form=free_form,
    )


def _body(doc: dict[str, Any], raw: dict[str, Any] | None) -> Body | None:
    if raw is None:
        return None
    body = resolve(doc, raw)
    content = body["content"]
    if len(content) != 1:
        raise SpecError("a request body must have exactly one media type")
    ((media_type, media),) = content.items()
    if media_type == "application/octet-stream":
        return Body(media_type, None)
    if media_type not in ("application/json", "application/x-www-form-urlencoded"):
        raise SpecError(f"unsupported request media type {media_type}")
    model = schema_name(media["schema"])
    if model is None:
        raise SpecError("request bodies must reference components/schemas")
    return Body(media_type, model)


def _success(doc: dict[str, Any], status: int, raw: dict[str, Any]) -> Success:
    resp = resolve(doc, raw)
    headers = tuple(resp.get("headers", {}))
    content = resp.get("content", {})
    if not content:
        return Success(status, None, headers, raw=False)
    if "application/octet-stream" in content or "text/plain" in content:
        return Success(status, None, headers, raw=True)
    model = schema_name(content["application/json"]["schema"])
    if model is None:
        raise SpecError(f"response {status} must reference components/schemas")
    return Success(status, model, headers, raw=False)


def load(path: Path) -> Spec:
    doc = yaml.safe_load(path.read_text())
    spec = Spec(doc)
    global_security = doc.get("security", [])
    for path_key, item in doc["paths"].items():
        shared = [_param(doc, p) for p in item.get("parameters", [])]
        for method in HTTP_METHODS:
            if method not in item:
                continue
            op = item[method]
            params = shared + [_param(doc, p) for p in op.get("parameters", [])]
            statuses = tuple(sorted(int(code) for code in op["responses"]))
            successes = tuple(
                _success(doc, int(code), resp)
                for code, resp in sorted(op["responses"].items())
                if 200 <= int(code) < 300
            )
            models = {s.model for s in successes}
            if len(models) > 1:
                raise SpecError(f"{op['operationId']}: success responses must share one schema")
            tags = op.get("tags", [])
            if len(tags) != 1:
                raise SpecError(f"{op['operationId']}: exactly one tag per operation")
            spec.operations.append(
                Operation(
                    op_id=op["operationId"],
                    py_name=snake(op["operationId"]),
                    method=method,
                    path=path_key,
                    tag=tags[0],
                    summary=op.get("summary", ""),
                    params=tuple(params),
                    body=_body(doc, op.get("requestBody")),
                    successes=successes,
                    statuses=statuses,
                    secured=bool(op.get("security", global_security)),
                )
            )
    return spec
