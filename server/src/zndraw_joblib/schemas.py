"""Parameter schemas of jobs and providers: checked at registration, compiled into bounded validators.

A JSON Schema is user input, and jsonschema's defaults trust it: its default registry fetches an
unknown `$ref` over HTTP or from a file, `pattern` runs Python's backtracking `re`, and
`uniqueItems` compares every pair of items. Each of these turned one request into a server-side
request forgery, a file read or a minutes-long stall of the whole server (issue 11). Here:

- nothing is ever retrieved: the registry refuses every URI it does not hold, so a `$ref`
  resolves inside the document or not at all; registration refuses a schema whose references
  do not all resolve (422), and one whose `$schema` names another dialect than Draft 2020-12;
- `pattern` and `patternProperties` run on the `regex` module with a timeout;
- `uniqueItems` compares canonical forms in a set (linear, not quadratic);
- every keyword checks a deadline, so a validation stops when its budget of CPU time is spent
  (`BudgetExceeded`) instead of running on.

The deadline lives in a thread-local: a validation runs start to end on one thread (the event
loop's for small payloads, a worker thread otherwise, see `payloads`).
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any

import regex
from jsonschema import Draft202012Validator, ValidationError, validators
from jsonschema_specifications import REGISTRY as SPECIFICATIONS  # type: ignore[import-untyped]  # jsonschema's own
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable
from referencing.jsonschema import DRAFT202012

MAX_SCHEMA_BYTES_DEFAULT = 256 * 1024
ACCEPTED_DIALECTS = frozenset(
    {"https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#"}
)
REFERENCE_KEYWORDS = ("$ref", "$dynamicRef")
MESSAGE_MAX_CHARS = 300
"""Error messages quote the instance; a quoted 10 MB array helps nobody."""


class BudgetExceeded(Exception):  # noqa: N818 - reads as what happened
    """The validation ran out of its time budget and stopped."""


class SchemaRefused(Exception):  # noqa: N818
    """A schema cannot be registered; `loc` points into it, `message` says why."""

    def __init__(self, loc: list[str | int], message: str, kind: str = "json_schema") -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message
        self.kind = kind


# -- the deadline --

_budget = threading.local()
CLOCK_EVERY_CALLS = 16
"""Keywords checked between two readings of the thread's CPU clock (a system call, ~1 µs)."""


def _clock() -> float:
    """The CPU time this thread has used: a budget in CPU seconds gives the same answer for the
    same payload on an idle and on a loaded machine (wall time refused legitimate schemas when
    other processes or threads held the CPU)."""
    return time.thread_time()


def _deadline() -> float:
    return float(getattr(_budget, "deadline", math.inf))


def _check_deadline() -> None:
    calls = getattr(_budget, "calls", 0) + 1
    _budget.calls = calls
    if calls % CLOCK_EVERY_CALLS == 0 and _clock() > _deadline():
        raise BudgetExceeded


class deadline:  # noqa: N801 - used as a context manager, reads like one
    """`with deadline(seconds): …` bounds the validations run inside it on this thread to
    `seconds` of this thread's CPU time."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._previous = math.inf

    def __enter__(self) -> None:
        self._previous = _deadline()
        _budget.deadline = min(self._previous, _clock() + self.seconds)

    def __exit__(self, *_exc: object) -> None:
        _budget.deadline = self._previous


# -- the keywords that differ from jsonschema's --


@lru_cache(maxsize=1024)
def _pattern(source: str) -> regex.Pattern[str]:
    return regex.compile(source)


def _search(source: str, text: str) -> bool:
    remaining = _deadline() - _clock()  # as a wall-clock timeout: never longer than the CPU left
    if remaining <= 0:
        raise BudgetExceeded
    try:
        return _pattern(source).search(text, timeout=None if math.isinf(remaining) else remaining) is not None
    except TimeoutError:
        raise BudgetExceeded from None


def _pattern_keyword(validator: Any, source: str, instance: Any, _schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _search(source, instance):
        yield ValidationError(f"{_short(instance)} does not match {source!r}")


def _pattern_properties_keyword(
    validator: Any, patterns: Mapping[str, Any], instance: Any, _schema: Any
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for source, subschema in patterns.items():
        for key, value in instance.items():
            if _search(source, key):
                yield from validator.descend(value, subschema, path=key, schema_path=source)


def canonical(value: Any) -> Any:
    """A hashable form equal exactly when JSON Schema calls two values equal (1 == 1.0, True != 1)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, int | float):
        return ("number", int(value) if isinstance(value, float) and value.is_integer() else value)
    if isinstance(value, list):
        return ("array", tuple(canonical(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, canonical(item)) for key, item in value.items()))
    return ("other", repr(value))


def _unique_items_keyword(validator: Any, unique: bool, instance: Any, _schema: Any) -> Iterator[ValidationError]:
    if not unique or not validator.is_type(instance, "array"):
        return
    seen: set[Any] = set()
    for index, item in enumerate(instance):
        key = canonical(item)
        if key in seen:
            yield ValidationError(f"item {index} repeats an earlier item (uniqueItems)")
            return
        seen.add(key)


def _bounded(keyword: Callable[..., Any]) -> Callable[..., Any]:
    def checked(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
        _check_deadline()
        return keyword(validator, value, instance, schema)

    return checked


def _keyword_table() -> dict[str, Callable[..., Any]]:
    table = dict(Draft202012Validator.VALIDATORS)
    table.update(
        pattern=_pattern_keyword,
        patternProperties=_pattern_properties_keyword,
        uniqueItems=_unique_items_keyword,
    )
    return {name: _bounded(function) for name, function in table.items()}


BoundedValidator: Any = validators.extend(Draft202012Validator, validators=_keyword_table())
"""Draft 2020-12 with the keywords above; every keyword checks the deadline."""


# -- no retrieval, ever --


def _refuse(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs fields are not in its stubs


def _registry() -> Registry[Any]:
    return Registry(retrieve=_refuse)  # type: ignore[call-arg]


def _short(instance: Any) -> str:
    text = repr(instance)
    return text if len(text) <= MESSAGE_MAX_CHARS else text[: MESSAGE_MAX_CHARS - 1] + "…"


def validator_for(schema: Mapping[str, Any]) -> Any:
    """A bounded validator that resolves references inside `schema` only and checks formats."""
    return BoundedValidator(schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@lru_cache(maxsize=512)
def _cached_validator(schema_json: str) -> Any:
    return validator_for(json.loads(schema_json))


def cached_validator(schema: Mapping[str, Any]) -> Any:
    """`validator_for`, compiled once per distinct schema (compiling costs more than validating)."""
    return _cached_validator(json.dumps(schema, sort_keys=True, separators=(",", ":")))


def short_message(error: ValidationError) -> str:
    message = str(error.message)
    return message if len(message) <= MESSAGE_MAX_CHARS else message[: MESSAGE_MAX_CHARS - 1] + "…"


# -- registration --


def _flattened(node: Any) -> Any:
    """`node` with `$dynamicRef: "#meta"` as `$ref: "#"` and every `…#/$defs/x` as `#/$defs/x`
    (only string values are references: a `$ref` key with a schema value is a property name)."""
    if isinstance(node, list):
        return [_flattened(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$dynamicRef" and value == "#meta":
            out["$ref"] = "#"
        elif key == "$ref" and isinstance(value, str) and "#/$defs/" in value:
            out["$ref"] = "#/$defs/" + value.split("#/$defs/", 1)[1]
        else:
            out[key] = _flattened(value)
    return out


DOCUMENT_KEYWORDS = ("$id", "$schema", "$vocabulary", "$dynamicAnchor", "$defs", "allOf")
"""Top-level keywords of a metaschema document that the flat document replaces."""


@lru_cache(maxsize=1)
def flat_metaschema() -> dict[str, Any]:
    """The Draft 2020-12 metaschema as one document: its vocabularies inlined into an `allOf`,
    `$dynamicRef: "#meta"` as `$ref: "#"`, every `$defs` at the root.

    The same rules at a third of the cost: `#meta` could only resolve elsewhere in a schema that
    brings its own dialect, and `_check_dialect` refuses those first. The dynamic-scope lookups
    took most of a registration (0.85 s for a schema of 2000 properties; 0.28 s flat).
    """
    root = Draft202012Validator.META_SCHEMA
    documents = [
        SPECIFICATIONS.contents(f"https://json-schema.org/draft/2020-12/{part['$ref']}") for part in root["allOf"]
    ]
    defs: dict[str, Any] = {}
    for document in (root, *documents):
        for name, sub in document.get("$defs", {}).items():
            assert name not in defs, f"two vocabularies define {name}"
            defs[name] = _flattened(sub)

    def body(document: Mapping[str, Any]) -> dict[str, Any]:
        flat: dict[str, Any] = _flattened({k: v for k, v in document.items() if k not in DOCUMENT_KEYWORDS})
        return flat

    return {**body(root), "allOf": [body(document) for document in documents], "$defs": defs}


def _meta_validator() -> Any:
    return BoundedValidator(flat_metaschema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _check_dialect(schema: Mapping[str, Any]) -> None:
    dialect = schema.get("$schema")
    if dialect is not None and dialect not in ACCEPTED_DIALECTS:
        raise SchemaRefused(
            ["$schema"], f"only JSON Schema Draft 2020-12 is accepted (got $schema {dialect!r}); omit $schema"
        )


def _check_metaschema(schema: Mapping[str, Any]) -> None:
    error = next(iter(_meta_validator().iter_errors(schema)), None)
    if error is not None:
        raise SchemaRefused(list(error.absolute_path), short_message(error))


def _check_subschema(contents: Mapping[str, Any], resolver: Any) -> None:
    for keyword in REFERENCE_KEYWORDS:
        reference = contents.get(keyword)
        if reference is None:
            continue
        try:
            resolver.lookup(reference)
        except Unresolvable:
            raise SchemaRefused(
                [keyword],
                f"{keyword} {reference!r} does not resolve inside the schema "
                "(references to other documents, URLs or files are not followed)",
            ) from None
    sources = [contents["pattern"]] if isinstance(contents.get("pattern"), str) else []
    if isinstance(contents.get("patternProperties"), dict):
        sources.extend(contents["patternProperties"])
    for source in sources:
        try:
            _pattern(source)
        except regex.error as exc:
            raise SchemaRefused(["pattern"], f"invalid regular expression {source!r}: {exc}") from None


def _check_subschemas(schema: Mapping[str, Any]) -> None:
    """Every `$ref` / `$dynamicRef` resolves inside the document (nothing is fetched to find out)
    and every pattern compiles; only schema positions are visited, never `const` or `default` data."""
    root = DRAFT202012.create_resource(schema)

    def walk(resource: Resource[Any], resolver: Any) -> None:
        _check_deadline()
        if isinstance(resource.contents, dict):
            _check_subschema(resource.contents, resolver)
        for sub in resource.subresources():
            walk(sub, resolver.in_subresource(sub))

    walk(root, _registry().resolver_with_root(root))


def check_schema(schema: Mapping[str, Any], *, max_bytes: int = MAX_SCHEMA_BYTES_DEFAULT) -> None:
    """Raise `SchemaRefused` unless `schema` may be registered; `BudgetExceeded` past the deadline.

    CPU-bound (a metaschema validation); callers run it off the event loop.
    """
    size = len(json.dumps(schema, separators=(",", ":")))
    if size > max_bytes:
        raise SchemaRefused([], f"the schema has {size} bytes; at most {max_bytes} are accepted", "too_large")
    _check_dialect(schema)
    _check_metaschema(schema)
    _check_subschemas(schema)
