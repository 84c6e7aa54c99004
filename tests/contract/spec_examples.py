"""Find every example in an OpenAPI 3.1 or AsyncAPI 3.0 document with the schema it illustrates.

Each example is yielded as `(label, schema_pointer, value)`, where `schema_pointer` is a JSON
pointer into the same document, so references inside the schema resolve against the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import Draft7Validator, Draft202012Validator
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7, DRAFT202012

Example = tuple[str, str, Any]
BASE = "urn:spec"


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _media_examples(media: dict[str, Any], ptr: str) -> Iterator[Example]:
    if "example" in media:
        yield f"{ptr}/example", f"{ptr}/schema", media["example"]
    for name, ex in media.get("examples", {}).items():
        if "value" in ex:
            yield f"{ptr}/examples/{name}", f"{ptr}/schema", ex["value"]


def _schema_examples(schema: Any, ptr: str) -> Iterator[Example]:
    """Examples written on a schema itself and on its nested schemas."""
    if not isinstance(schema, dict):
        return
    if "example" in schema:
        yield f"{ptr}/example", ptr, schema["example"]
    if isinstance(schema.get("examples"), list):
        for i, value in enumerate(schema["examples"]):
            yield f"{ptr}/examples/{i}", ptr, value
    for key in ("properties", "patternProperties"):
        for name, sub in schema.get(key, {}).items():
            yield from _schema_examples(sub, f"{ptr}/{key}/{_esc(name)}")
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            yield from _schema_examples(schema[key], f"{ptr}/{key}")
    for key in ("allOf", "anyOf", "oneOf"):
        for i, sub in enumerate(schema.get(key, [])):
            yield from _schema_examples(sub, f"{ptr}/{key}/{i}")


def _openapi_holder(obj: dict[str, Any], ptr: str) -> Iterator[Example]:
    """A parameter or header: an `example` next to a `schema`, and the schema's own examples."""
    if "$ref" in obj:
        return
    if "example" in obj:
        yield f"{ptr}/example", f"{ptr}/schema", obj["example"]
    for name, ex in obj.get("examples", {}).items():
        yield f"{ptr}/examples/{name}", f"{ptr}/schema", ex["value"]
    yield from _schema_examples(obj.get("schema"), f"{ptr}/schema")


def _openapi_response(resp: dict[str, Any], ptr: str) -> Iterator[Example]:
    if "$ref" in resp:
        return
    for media_type, media in resp.get("content", {}).items():
        yield from _media_examples(media, f"{ptr}/content/{_esc(media_type)}")
    for name, header in resp.get("headers", {}).items():
        yield from _openapi_holder(header, f"{ptr}/headers/{_esc(name)}")


def openapi_examples(doc: dict[str, Any]) -> Iterator[Example]:
    for path, item in doc["paths"].items():
        base = f"#/paths/{_esc(path)}"
        for i, param in enumerate(item.get("parameters", [])):
            yield from _openapi_holder(param, f"{base}/parameters/{i}")
        for method, op in item.items():
            if method == "parameters":
                continue
            op_ptr = f"{base}/{method}"
            for i, param in enumerate(op.get("parameters", [])):
                yield from _openapi_holder(param, f"{op_ptr}/parameters/{i}")
            body = op.get("requestBody", {})
            for media_type, media in body.get("content", {}).items():
                yield from _media_examples(media, f"{op_ptr}/requestBody/content/{_esc(media_type)}")
            for code, resp in op["responses"].items():
                yield from _openapi_response(resp, f"{op_ptr}/responses/{code}")
    components = doc.get("components", {})
    for name, schema in components.get("schemas", {}).items():
        yield from _schema_examples(schema, f"#/components/schemas/{_esc(name)}")
    for name, param in components.get("parameters", {}).items():
        yield from _openapi_holder(param, f"#/components/parameters/{_esc(name)}")
    for name, header in components.get("headers", {}).items():
        yield from _openapi_holder(header, f"#/components/headers/{_esc(name)}")
    for name, resp in components.get("responses", {}).items():
        yield from _openapi_response(resp, f"#/components/responses/{_esc(name)}")


def asyncapi_examples(doc: dict[str, Any]) -> Iterator[Example]:
    components = doc.get("components", {})
    for name, message in components.get("messages", {}).items():
        ptr = f"#/components/messages/{_esc(name)}"
        for i, example in enumerate(message.get("examples", [])):
            if "payload" in example:
                yield f"{ptr}/examples/{i}", f"{ptr}/payload", example["payload"]
    for name, schema in components.get("schemas", {}).items():
        yield from _schema_examples(schema, f"#/components/schemas/{_esc(name)}")


def validator_for(doc: dict[str, Any], schema_pointer: str, *, draft7: bool = False) -> Validator:
    """A validator of the schema at `schema_pointer`, with the document's references resolvable."""
    spec = DRAFT7 if draft7 else DRAFT202012
    cls = Draft7Validator if draft7 else Draft202012Validator
    registry = Registry().with_resource(BASE, Resource.from_contents(doc, default_specification=spec))
    return cls({"$ref": f"{BASE}{schema_pointer}"}, registry=registry, format_checker=cls.FORMAT_CHECKER)
