"""A requirement: one rule of the contract, with a stable id a CI can allow-list.

Ids are `<GROUP>-<subject>-<aspect>`, e.g. `REST-registerJob-403`, `EVT-task_status_event-room`,
`ACCESS-job-owner`, `CLAIM-once`. The derived ones (`REST`, `PROBLEM`, `EVT` payload/room/ack)
are read from the documents, so a new operation, response, problem type or event of the
documents becomes a requirement without code; the behaviour ones are hand-written checks
(`behaviour/`), one function per id.
"""

from __future__ import annotations

from dataclasses import dataclass

from zndraw_joblib_conformance.options import Need, Suite

NOT_OBSERVED = "not observed: no request of this run provoked it"

GROUPS: dict[str, str] = {
    "REST": "each operation of openapi.yaml: its documented responses (status, content type, headers, body "
    "schema), only documented status codes, no server errors, invalid input refused, valid input accepted",
    "PROBLEM": "each problem type of openapi.yaml: carried by an application/problem+json body with its "
    "documented status, and provoked where the document says",
    "STATEFUL": "operations chained through the document's links (register, submit, claim, update …) keep "
    "every REST rule; deleted resources are gone, created ones are there",
    "HTTP": "the HTTP edge: unknown routes, wrong methods, oversized and malformed bodies",
    "AUTH": "accounts and tokens: login, registration, the current user",
    "ACCESS": 'who may do what (openapi.yaml, "Access"): owners of jobs, workers, tasks and providers, '
    "superuser-only rooms",
    "JOB": "registering and resolving jobs: idempotent upserts, schema conflicts, visibility from rooms, "
    "names, orphans",
    "TASK": "submitting and moving tasks: payload validation, transitions, timestamps, queue positions, listings",
    "CLAIM": "claims: FIFO across rooms, only the worker's jobs, at most once under concurrency",
    "LONGPOLL": "`GET /tasks/{id}` with `Prefer: wait=N`: answers when the task ends, never later than the bound",
    "PROVIDER": "provider reads: dispatch to the provider's socket, upload, cache, coalescing, timeouts",
    "CLEANUP": "workers that leave, drop their socket or go silent: their tasks fail, their jobs are invalidated",
    "EVT": "asyncapi.yaml: each event's payload and room, each client → server event's ack, connection auth, timing",
    "HOSTILE": 'hostile input (openapi.yaml, "Faults and limits" and "Conventions"): schema '
    "references never fetched, JSON a database cannot hold refused, validation work bounded",
}


@dataclass(frozen=True)
class Requirement:
    """One rule of the contract.

    Attributes:
        id: stable id, `<GROUP>-…`.
        suite: the part of the suite that checks it (`--only`).
        rule: what must hold, in one or two sentences.
        source: where the documents say it (a JSON pointer into a document, or a section name).
        needs: what a run must have for it to be checked.
        unobserved: why it is not applicable when nothing in the run observed it.
    """

    id: str
    suite: Suite
    rule: str
    source: str
    needs: frozenset[Need] = frozenset()
    unobserved: str = NOT_OBSERVED

    @property
    def group(self) -> str:
        return self.id.split("-", 1)[0]
