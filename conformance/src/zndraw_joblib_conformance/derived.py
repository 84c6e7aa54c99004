"""Requirements read from the documents: a new operation, response, problem type or event of
openapi.yaml / asyncapi.yaml becomes a requirement here without code.
"""

from __future__ import annotations

from zndraw_joblib_conformance import ids
from zndraw_joblib_conformance.asyncapi_contract import AsyncApiContract
from zndraw_joblib_conformance.openapi_contract import PROBLEM_PREFIX, OpenApiContract, Operation
from zndraw_joblib_conformance.options import Suite
from zndraw_joblib_conformance.requirements import Requirement

# Answers a client cannot provoke from outside, and why (the requirement is then not applicable
# unless something in the run happened to observe one).
UNPROVOKABLE_STATUS = {
    "503": "not observed: a 503 needs a lost database or Redis, or a saturated server (not provoked from outside)",
    "408": "not observed: a 408 needs a request body that stalls longer than the server's body timeout",
}
UNPROVOKABLE_PROBLEM = {
    "service-unavailable": UNPROVOKABLE_STATUS["503"],
    "not-ready": UNPROVOKABLE_STATUS["503"],
    "request-timeout": UNPROVOKABLE_STATUS["408"],
    "internal-error": "not observed: a fault of the server itself, never provoked on purpose",
}


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    return flat.split(". ")[0].rstrip(".")


def rest_requirements(contract: OpenApiContract) -> list[Requirement]:
    found: list[Requirement] = []
    for op in contract.operations:
        found += _operation_requirements(op)
    return found


def _operation_requirements(op: Operation) -> list[Requirement]:
    at = f"openapi.yaml {op.label} ({op.operation_id})"
    documented = ", ".join(op.documented_statuses)
    found = [
        Requirement(
            ids.rest_response(op, status),
            Suite.REST,
            f"{op.label} answers {status} as documented ({_first_sentence(spec.description)}): "
            + (f"content {', '.join(spec.contents)} matching its schema" if spec.contents else "no body")
            + (f", headers {', '.join(spec.headers)} as specified" if spec.headers else "")
            + ".",
            f"{at} responses.{status}",
            unobserved=UNPROVOKABLE_STATUS.get(status, f"not observed: no request of this run was answered {status}"),
        )
        for status, spec in sorted(op.responses.items())
    ]
    found += [
        Requirement(
            ids.rest_status_codes(op),
            Suite.REST,
            f"{op.label} answers only documented status codes ({documented}).",
            f"{at} responses",
        ),
        Requirement(
            ids.rest_no_server_error(op),
            Suite.REST,
            f"{op.label} never answers an undocumented 5xx (bad input is never a server error).",
            f"{at}; openapi.yaml info.description, Conventions",
        ),
        Requirement(
            ids.rest_rejects_invalid(op),
            Suite.REST,
            f"{op.label} refuses requests that break the document (parameters, headers, body) with a 4xx.",
            f"{at} parameters / requestBody",
        ),
        Requirement(
            ids.rest_accepts_valid(op),
            Suite.REST,
            f"{op.label} accepts requests that match the document (or answers a documented domain problem).",
            f"{at} parameters / requestBody",
        ),
        Requirement(
            ids.rest_methods(op),
            Suite.REST,
            f"A method {op.path} does not support answers 405 with an `Allow` header listing the ones it does.",
            "openapi.yaml components.responses.MethodNotAllowed",
        ),
    ]
    return found


def problem_requirements(contract: OpenApiContract) -> list[Requirement]:
    found = []
    for slug, statuses in sorted(contract.problem_status.items()):
        shown = ", ".join(map(str, sorted(statuses))) or "its status"
        found.append(
            Requirement(
                ids.problem(slug),
                Suite.REST,
                f"`{PROBLEM_PREFIX}{slug}` comes as application/problem+json with status {shown}, "
                "where the document names it.",
                "openapi.yaml components.schemas.ProblemType",
                unobserved=UNPROVOKABLE_PROBLEM.get(slug, "not observed: no request of this run provoked it"),
            )
        )
    return found


def event_requirements(contract: AsyncApiContract) -> list[Requirement]:
    found = []
    for event in sorted(contract.events("send")):
        declared = contract.declared[("send", event)]
        source = f"asyncapi.yaml operations.{declared.operation}"
        found += [
            Requirement(
                ids.event_payload(event),
                Suite.EVENTS,
                f"`{event}` ({_first_sentence(declared.summary)}) carries a payload valid against its schema.",
                source,
                unobserved=f"not observed: no socket of this run received `{event}`",
            ),
            Requirement(
                ids.event_room(event),
                Suite.EVENTS,
                f"`{event}` reaches only sockets in its channel `{declared.address}` (with the payload's own "
                "room); a socket elsewhere gets nothing.",
                source,
                unobserved=f"not observed: no socket of this run received `{event}`",
            ),
        ]
    for event in sorted(contract.events("receive")):
        declared = contract.declared[("receive", event)]
        found.append(
            Requirement(
                ids.event_ack(event),
                Suite.EVENTS,
                f"`{event}` ({_first_sentence(declared.summary)}) is answered with an ack; a payload that "
                "does not match its schema is refused in the ack (`validation-error`) and the connection "
                "stays open.",
                f"asyncapi.yaml operations.{declared.operation}; info.description, Conventions",
            )
        )
    found.append(
        Requirement(
            ids.EVENTS_DECLARED_ONLY,
            Suite.EVENTS,
            "A socket receives only server → client events the document declares.",
            "asyncapi.yaml operations (action: send)",
            unobserved="not observed: no socket of this run received an event",
        )
    )
    return found


def stateful_requirements() -> list[Requirement]:
    source = "openapi.yaml links (responses.*.links)"
    return [
        Requirement(
            ids.STATEFUL_WORKFLOWS,
            Suite.STATEFUL,
            "Operations chained through the document's links (register → submit → claim → update …) keep "
            "every REST rule at every step.",
            source,
        ),
        Requirement(
            ids.STATEFUL_USE_AFTER_FREE,
            Suite.STATEFUL,
            "A resource deleted through a DELETE operation is gone for the operations that read it.",
            source,
        ),
        Requirement(
            ids.STATEFUL_RESOURCE_AVAILABILITY,
            Suite.STATEFUL,
            "A resource just created is available to the operations linked to its creation.",
            source,
        ),
    ]
