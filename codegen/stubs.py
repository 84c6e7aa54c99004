"""Render `_generated/api.py` (server stubs + router builder) from openapi.yaml.

datamodel-codegen's `--generate-server fastapi` and fastapi-code-generator were evaluated first:
both emit FastAPI's own validation (lax body parsing, `{"detail": ...}` errors, no per-status
return types), so a jinja2 template over `spec.load()` is used instead. The output is plain
Python with no dependency on hand-written code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2

from codegen import spec as specmod
from codegen.spec import Operation, Param, SpecError

TEMPLATES = Path(__file__).parent / "templates"


def _class_name(tag: str) -> str:
    return "".join(part.capitalize() for part in tag.split("-")) + "Api"


def _py_type(doc: dict[str, Any], p: Param) -> str:
    if p.free_form:
        return "Mapping[str, str]"
    name = specmod.schema_name(p.schema)
    schema = specmod.resolve(doc, p.schema)
    if "enum" in schema and name:
        return f"models.{name}"
    kind = schema.get("type")
    if kind == "integer":
        return "int"
    if kind == "string":
        return "UUID" if schema.get("format") == "uuid" else "str"
    raise SpecError(f"unsupported parameter schema for {p.name}: {schema}")


def _constraints(doc: dict[str, Any], p: Param) -> list[str]:
    """FastAPI constraints for query and header parameters (path identifiers are domain values)."""
    if p.location == "path":
        return []
    schema = specmod.resolve(doc, p.schema)
    out = []
    for key, arg in (
        ("minimum", "ge"),
        ("maximum", "le"),
        ("minLength", "min_length"),
        ("maxLength", "max_length"),
    ):
        if key in schema:
            out.append(f"{arg}={schema[key]!r}")
    if "pattern" in schema:
        out.append(f"pattern={schema['pattern']!r}")
    return out


def _fastapi_param(doc: dict[str, Any], p: Param) -> str:
    py_type = _py_type(doc, p)
    schema = specmod.resolve(doc, p.schema)
    if p.location == "path":
        return f"{p.py_name}: Annotated[{py_type}, Path()]"
    args = []
    if p.location == "header":
        args.append(f"alias={p.name!r}")
    args += _constraints(doc, p)
    marker = {"query": "Query", "header": "Header"}[p.location]
    annotated = f"Annotated[{py_type}{'' if p.required else ' | None'}, {marker}({', '.join(args)})]"
    if p.required:
        return f"{p.py_name}: {annotated}"
    if "default" in schema:
        annotated = annotated.replace(" | None", "")
        return f"{p.py_name}: {annotated} = {schema['default']!r}"
    return f"{p.py_name}: {annotated} = None"


def _signature(doc: dict[str, Any], op: Operation) -> tuple[str, str]:
    """The abstract method's keyword-only parameters and the call that passes them."""
    params, args = [], []
    for p in op.params:
        py_type = _py_type(doc, p)
        schema = specmod.resolve(doc, p.schema)
        optional = not p.required and "default" not in schema and not p.free_form
        params.append(f"{p.py_name}: {py_type}{' | None' if optional else ''}")
        args.append(f"{p.py_name}={p.py_name}")
    if op.body is not None:
        body_type = "bytes" if op.body.model is None else f"models.{op.body.model}"
        params.append(f"body: {body_type}")
        args.append("body=body")
    return ", ".join(params), ", ".join(args)


def _return(op: Operation) -> tuple[str, str, str]:
    """(annotation, the response statement, the success text of the docstring)."""
    codes = tuple(s.status for s in op.successes)
    text = ", ".join(str(c) for c in codes)
    if any(s.raw for s in op.successes):
        if len(codes) != 1:
            raise SpecError(f"{op.op_id}: a raw response must be the only success")
        respond = (
            f"return Response(content=result.content, status_code={codes[0]}, "
            "media_type=result.media_type, headers=dict(result.headers) or None)"
        )
        return "RawReply", respond, f"{text} (bytes)"
    model = op.successes[0].model
    body = "None" if model is None else f"models.{model}"
    has_headers = any(s.headers for s in op.successes)
    if len(codes) == 1 and not has_headers:
        if model is None:
            return "None", f"return Response(status_code={codes[0]})", text
        return body, f"return _json_response(result, {codes[0]})", text
    return f"Reply[{body}]", f"return _reply(result, {codes!r})", text


def _bare(doc: dict[str, Any], op: Operation) -> bool:
    """Whether a direct route can read every parameter from the path as its convertor left it:
    strings, and UUIDs behind the `uuid` convertor (no query or header parameter to validate)."""

    def as_converted(p: Param) -> bool:
        kind = _py_type(doc, p)
        return kind == "str" or (kind == "UUID" and not p.allow_slash)

    return all(p.location == "path" and not p.free_form and as_converted(p) for p in op.params)


def _body_parse(op: Operation) -> str | None:
    if op.body is None:
        return None
    if op.body.model is None:
        return "await request.body()"
    if op.body.media_type == "application/x-www-form-urlencoded":
        return f"await _form_body(request, models.{op.body.model})"
    return f"await _json_body(request, models.{op.body.model})"


def _specificity(op: Operation) -> tuple[int, int]:
    """Longer templates first; among equals, fewer parameters (static segments) first."""
    segments = op.path.strip("/").split("/")
    return (-len(segments), sum(s.startswith("{") for s in segments))


HOT = ("claimTask", "updateTask", "getTask", "submitTask", "reportTaskProgress", "heartbeatWorker")
"""What a busy queue serves most, most first: a worker's claim and PATCHes, a frontend's submit
and long-poll, progress, heartbeats. Starlette tries the routes in order, one regular expression
each, so these go first wherever that cannot change which route answers a request."""
_UUID = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")


def _disjoint(a: str, b: str) -> bool:
    """Whether no path matches both route templates (`route_path`: `{x}` is one segment, `{x:uuid}`
    a UUID, `{x:slashed}` the rest of the path, slashes included)."""
    first, second = a.strip("/").split("/"), b.strip("/").split("/")
    for x, y in zip(first, second, strict=False):
        if x.endswith(":slashed}") or y.endswith(":slashed}"):
            return False  # from here on, any number of segments may line up
        x_param, y_param = x.startswith("{"), y.startswith("{")
        if not x_param and not y_param and x != y:
            return True
        if x_param != y_param:
            param, text = (x, y) if x_param else (y, x)
            if param.endswith(":uuid}") and not _UUID.fullmatch(text):
                return True
    return len(first) != len(second)


def _hot_first(ordered: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`ordered` with each `HOT` operation moved forward past every route that cannot answer the
    same request (another method, or a disjoint path): the same route answers every request."""
    routes = list(ordered)
    for op_id in reversed(HOT):
        index = next((i for i, r in enumerate(routes) if r["op_id"] == op_id), None)
        if index is None:
            continue
        route = routes.pop(index)
        while index > 0 and (
            routes[index - 1]["method"] != route["method"]
            or _disjoint(routes[index - 1]["route_path"], route["route_path"])
        ):
            index -= 1
        routes.insert(index, route)
    return routes


def render(spec_path: Path) -> str:
    spec = specmod.load(spec_path)
    doc = spec.doc
    views: dict[str, dict[str, Any]] = {}
    tag_desc = {t["name"]: t.get("description", "") for t in doc.get("tags", [])}
    for tag in spec.tags:
        views[tag] = {
            "name": tag,
            "class_name": _class_name(tag),
            "description": tag_desc[tag],
            "operations": [],
        }
    ops = []
    for op in spec.operations:
        if op.tag not in views:
            raise SpecError(f"{op.op_id}: tag {op.tag} is not declared in the top-level tags")
        signature, call_args = _signature(doc, op)
        return_type, respond, success_text = _return(op)
        free = next((p for p in op.params if p.free_form), None)
        declared_query = {p.name for p in op.params if p.location == "query" and not p.free_form}
        view = {
            "op_id": op.op_id,
            "py_name": op.py_name,
            "method": op.method,
            "path": op.path,
            "route_path": op.route_path,
            "tag": op.tag,
            "class_name": views[op.tag]["class_name"],
            "summary": op.summary.rstrip("."),
            "signature": signature,
            "call_args": call_args,
            "return_type": return_type,
            "respond": respond,
            "success_text": success_text,
            "default_status": op.successes[0].status,
            "fastapi_params": [_fastapi_param(doc, p) for p in op.params if not p.free_form],
            "body_parse": _body_parse(op),
            "free_form": free.py_name if free else None,
            "declared_query": repr(sorted(declared_query)).replace("[", "{").replace("]", "}")
            if declared_query
            else "()",
            "successes": op.successes,
            "statuses": op.statuses,
            "secured": op.secured,
            "specificity": _specificity(op),
            "bare": _bare(doc, op),
            "path_reads": [f"{p.py_name}: {_py_type(doc, p)} = request.path_params[{p.name!r}]" for p in op.params],
        }
        views[op.tag]["operations"].append(view)
        views[op.tag]["has_bare"] = views[op.tag].get("has_bare", False) or view["bare"]
        ops.append(view)
    ordered = _hot_first(sorted(ops, key=lambda v: v["specificity"]))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - renders Python source, not HTML
    )
    return env.get_template("api.py.jinja").render(
        tags=[v for v in views.values() if v["operations"]], operations=ops, ordered=ordered
    )
