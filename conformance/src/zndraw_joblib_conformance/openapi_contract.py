"""openapi.yaml as a validator of single responses, for the traffic of the hand-written checks.

(schemathesis validates its own generated traffic; this module gives the behaviour checks the
same verdict on theirs, so every response any check provokes is evidence for the operation's
`REST-<operationId>-<status>` requirement and for the problem type it carries.)

Schemas are OpenAPI 3.1, i.e. JSON Schema 2020-12, checked with jsonschema and format checking
on (`date-time` needs an offset, `uuid` …).
"""

from __future__ import annotations

import http
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

BASE = "urn:openapi"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
PROBLEM_PREFIX = "/v1/problems/"
JSON_TYPES = ("application/json", "application/problem+json")


def pointer(*parts: str) -> str:
    """A JSON pointer (RFC 6901) from unescaped parts."""
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass(frozen=True)
class ResponseSpec:
    status: str  # "200", "4XX" or "default"
    description: str
    contents: dict[str, str | None]  # media type -> schema pointer (None: no schema)
    headers: dict[str, str | None]  # header name (lower case) -> schema pointer
    problem_types: frozenset[str]  # slugs named in the description, e.g. `schema-conflict`
    source: str  # pointer of the (resolved) response object


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str  # the template, e.g. /v1/joblib/tasks/{task_id}
    summary: str
    secured: bool
    body_media: str | None  # the request body's media type; None: no body
    uuid_parameters: frozenset[str]  # path parameters that are UUIDs
    responses: dict[str, ResponseSpec]
    regex: re.Pattern[str] = field(compare=False)

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def has_body(self) -> bool:
        return self.body_media is not None

    def concrete_path(self, **values: str) -> str:
        """The path with its parameters filled: given values, else fresh UUIDs or plain names."""

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in values:
                return values[name]
            if name in self.uuid_parameters:
                return str(uuid.uuid4())
            if name == "room_id":
                return "conformance-room"
            return "conformance-room:modifiers:Nothing"

        return re.sub(r"\{([^}]+)\}", value, self.path)

    def response(self, status: int) -> ResponseSpec | None:
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in self.responses:
                return self.responses[key]
        return None

    @property
    def documented_statuses(self) -> list[str]:
        return sorted(self.responses)


class OpenApiContract:
    """The operations, responses and problem types of an OpenAPI 3.1 document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
        self.registry: Registry[Any] = Registry().with_resource(
            BASE, Resource.from_contents(document, default_specification=DRAFT202012)
        )
        self._validators: dict[str, Draft202012Validator] = {}
        self.problem_types: list[str] = [
            t.removeprefix(PROBLEM_PREFIX) for t in document["components"]["schemas"]["ProblemType"]["enum"]
        ]
        default_security = bool(document.get("security"))
        self.operations: list[Operation] = []
        for path, item in document["paths"].items():
            for method, op in item.items():
                if method not in METHODS:
                    continue
                responses = {
                    str(status): self._response(
                        str(status), op_response, pointer("paths", path, method, "responses", str(status))
                    )
                    for status, op_response in op.get("responses", {}).items()
                }
                security = op.get("security", document.get("security"))
                parameters = [self._resolve(p, "")[0] for p in [*item.get("parameters", []), *op.get("parameters", [])]]
                uuids = frozenset(
                    p["name"]
                    for p in parameters
                    if p.get("in") == "path" and self._resolve(p.get("schema", {}), "")[0].get("format") == "uuid"
                )
                media = next(iter(op["requestBody"].get("content", {})), None) if "requestBody" in op else None
                self.operations.append(
                    Operation(
                        operation_id=op["operationId"],
                        method=method.upper(),
                        path=path,
                        summary=op.get("summary", ""),
                        secured=bool(security) if "security" in op else default_security,
                        body_media=media,
                        uuid_parameters=uuids,
                        responses=responses,
                        regex=_path_regex(path),
                    )
                )
        # most literal characters first: /jobs/{job_name}/tasks before /jobs/{job_name}
        self._by_specificity = sorted(self.operations, key=lambda o: -len(re.sub(r"\{[^}]+\}", "", o.path)))
        self.problem_status: dict[str, set[int]] = self._problem_statuses()

    # -- the document --------------------------------------------------------------------------

    def _resolve(self, node: dict[str, Any], at: str) -> tuple[dict[str, Any], str]:
        while "$ref" in node:
            at = node["$ref"]
            node = self.at(at)
        return node, at

    def at(self, ref: str) -> Any:
        node: Any = self.doc
        for part in ref.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _response(self, status: str, node: dict[str, Any], at: str) -> ResponseSpec:
        node, at = self._resolve(node, at)
        contents = {
            media: (f"{at}/content/{_escape(media)}/schema" if "schema" in spec else None)
            for media, spec in node.get("content", {}).items()
        }
        headers: dict[str, str | None] = {}
        for name, header in node.get("headers", {}).items():
            resolved, where = self._resolve(header, f"{at}/headers/{_escape(name)}")
            headers[name.lower()] = f"{where}/schema" if "schema" in resolved else None
        description = node.get("description", "")
        slugs = frozenset(re.findall(r"`([a-z][a-z-]+)`", description))
        return ResponseSpec(
            status=status,
            description=description.strip(),
            contents=contents,
            headers=headers,
            problem_types=slugs,
            source=at,
        )

    def _problem_statuses(self) -> dict[str, set[int]]:
        """Problem type slug -> the statuses the document answers it with."""
        found: dict[str, set[int]] = {slug: set() for slug in self.problem_types}
        for op in self.operations:
            for status, spec in op.responses.items():
                if status.isdigit():
                    for slug in spec.problem_types & found.keys():
                        found[slug].add(int(status))
        for name, node in self.doc["components"].get("responses", {}).items():
            slugs = set(re.findall(r"`([a-z][a-z-]+)`", node.get("description", ""))) & found.keys()
            code = _status_of_component(name, node)
            for slug in slugs:
                if not found[slug] and code is not None:
                    found[slug].add(code)
        return found

    # -- matching and validating ---------------------------------------------------------------

    def match(self, method: str, raw_path: str) -> Operation | None:
        """The operation a request hits; `raw_path` is percent-encoded, without the query."""
        for op in self._by_specificity:
            if op.method == method.upper() and op.regex.fullmatch(raw_path):
                return op
        return None

    def schema_errors(self, schema_pointer: str, instance: Any) -> list[str]:
        validator = self._validators.get(schema_pointer)
        if validator is None:
            validator = Draft202012Validator(
                {"$ref": f"{BASE}{schema_pointer}"},
                registry=self.registry,
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
            self._validators[schema_pointer] = validator
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
            for e in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
        ][:5]

    def response_violations(self, op: Operation, status: int, headers: dict[str, str], body: bytes) -> list[str]:
        """What is wrong with one response of `op` ([] when it is as documented).

        `headers` has lower-case names. An undocumented status is reported on its own.
        """
        spec = op.response(status)
        if spec is None:
            return [f"status {status} is not documented (documented: {', '.join(op.documented_statuses)})"]
        problems: list[str] = []
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        if spec.contents and body:
            if media not in spec.contents and not any(m.endswith("/*") or m == "*/*" for m in spec.contents):
                problems.append(f"content type {media or '(none)'!r}; documented: {', '.join(spec.contents)}")
            elif media in JSON_TYPES and spec.contents.get(media):
                try:
                    instance = json.loads(body)
                except ValueError:
                    problems.append(f"the body is not JSON although the content type is {media}")
                else:
                    schema = spec.contents[media]
                    assert schema is not None
                    problems += [f"body {e}" for e in self.schema_errors(schema, instance)]
        elif not spec.contents and body and status != 204:
            problems.append(f"a body ({len(body)} bytes) where the document gives none")
        for name, schema in spec.headers.items():
            if name in headers and schema is not None:
                value: Any = headers[name]
                if self.at(schema).get("type") == "integer" and str(value).isdigit():
                    value = int(value)
                problems += [f"header {name}: {e}" for e in self.schema_errors(schema, value)]
        return problems


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _path_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))


def _status_of_component(name: str, node: dict[str, Any]) -> int | None:
    """A response component's status: its example's, or the HTTP status its name spells."""
    for media in node.get("content", {}).values():
        example = media.get("example")
        if isinstance(example, dict) and isinstance(example.get("status"), int):
            return int(example["status"])
    constant = re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()
    try:
        return int(http.HTTPStatus[constant])
    except KeyError:
        return None
