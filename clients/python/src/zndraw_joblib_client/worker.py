"""`WorkerSession`: this process as one worker on the server — its id, its jobs, its providers.

It makes the worker-side REST calls (register, heartbeat, claim, update, delete, provider
uploads) and enters the Socket.IO rooms that belong to them. It decides nothing about
failures: every call raises, and the `JobManager` chooses whether to retry, re-register or
stop. `recreate` registers everything again under a new worker, for when the server cleaned
the old one up during an outage.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from . import errors
from ._generated import events
from ._generated.api.jobs import register_job
from ._generated.api.providers import register_provider, upload_provider_result
from ._generated.api.tasks import claim_task, report_task_progress, update_task
from ._generated.api.workers import delete_worker, heartbeat_worker
from ._generated.models import (
    JobRegisterRequest,
    JobRegisterRequestSchema,
    JobResponse,
    ProviderRegisterRequest,
    ProviderRegisterRequestSchema,
    ProviderResponse,
    TaskClaimRequest,
    TaskClaimResponse,
    TaskProgressRequest,
    TaskResponse,
    TaskStatus,
    TaskUpdateRequest,
    WorkerResponse,
)
from ._generated.types import UNSET, File
from .connection import Client
from .extension import Extension, category_of
from .provider import Provider, encode_result, parse_params
from .realtime import RealtimeConnection

log = logging.getLogger(__name__)

LEAVE_TIMEOUT = 2.0
"""Seconds to wait for the ack of a leave while shutting down (the socket closes next anyway)."""
ERROR_MAX_CHARS = 65536
"""The longest `error` text the server stores (`TaskUpdateRequest.error`)."""


@dataclass(frozen=True)
class JobRecord:
    """A job this worker serves."""

    full_name: str
    room: str
    cls: type[Extension]
    run_kwargs: Mapping[str, Any] = field(default_factory=dict)
    max_attempts: int = 1
    retry_backoff_seconds: float = 1.0


@dataclass(frozen=True)
class ProviderRecord:
    """A provider this worker serves; `provider_id` changes when it is registered again."""

    full_name: str
    room: str
    name: str
    cls: type[Provider]
    handler: Any
    provider_id: UUID


class WorkerSession:
    """Thread-safe: registration and re-creation hold one lock; the rest reads snapshots."""

    def __init__(self, client: Client, realtime: RealtimeConnection | None = None) -> None:
        self.client = client
        self.realtime = realtime
        self.lock = threading.RLock()
        self.worker_id: UUID | None = None
        self.jobs: dict[str, JobRecord] = {}
        self.providers: dict[str, ProviderRecord] = {}

    def _require_worker(self) -> UUID:
        worker_id = self.worker_id
        if worker_id is None:
            raise errors.WorkerNotFound("no worker yet: register a job or a provider first")
        return worker_id

    # -- registration --

    def register_job(self, record: JobRecord) -> JobResponse:
        """PUT the job (creating the worker on the first registration) and enter its room."""
        with self.lock:
            body = JobRegisterRequest(
                category=category_of(record.cls),
                name=record.cls.__name__,
                schema=JobRegisterRequestSchema.from_dict(record.cls.model_json_schema()),
                worker_id=self.worker_id if self.worker_id is not None else UNSET,
                max_attempts=record.max_attempts,
                retry_backoff_seconds=record.retry_backoff_seconds,
            )
            job = self.client.call(register_job.sync_detailed, JobResponse, room_id=record.room, body=body)
            if self.worker_id is None:
                if job.worker_id is None:
                    raise errors.UnexpectedResponse("the registration did not name the new worker")
                self.worker_id = job.worker_id
            self.jobs[record.full_name] = record
            self.join_job_room(record.full_name)
            return job

    def register_provider(self, cls: type[Provider], *, name: str, room: str, handler: Any) -> ProviderRecord:
        """PUT the provider (creating the worker if there is none yet) and enter its room."""
        with self.lock:
            body = ProviderRegisterRequest(
                category=category_of(cls),
                name=name,
                schema=ProviderRegisterRequestSchema.from_dict(cls.model_json_schema()),
                content_type=cls.content_type,
                worker_id=self.worker_id if self.worker_id is not None else UNSET,
            )
            provider = self.client.call(register_provider.sync_detailed, ProviderResponse, room_id=room, body=body)
            if self.worker_id is None:
                self.worker_id = provider.worker_id
            record = ProviderRecord(
                full_name=provider.full_name, room=room, name=name, cls=cls, handler=handler, provider_id=provider.id
            )
            self.providers[record.full_name] = record
            self.join_provider_room(record.full_name)
            return record

    def recreate(self) -> UUID | None:
        """Register every job and provider again under a new worker; return its id."""
        with self.lock:
            self.worker_id = None
            for record in list(self.jobs.values()):
                self.register_job(record)
            for provider in list(self.providers.values()):
                self.register_provider(provider.cls, name=provider.name, room=provider.room, handler=provider.handler)
            return self.worker_id

    # -- Socket.IO rooms --

    def _connected(self) -> RealtimeConnection | None:
        return self.realtime if self.realtime is not None and self.realtime.connected else None

    def join_job_room(self, full_name: str) -> None:
        realtime = self._connected()
        if realtime is not None:
            realtime.request("join_job_room", events.JoinJobRoom(job_name=full_name, worker_id=self._require_worker()))

    def join_provider_room(self, full_name: str) -> None:
        realtime = self._connected()
        if realtime is not None:
            realtime.request(
                "join_provider_room",
                events.JoinProviderRoom(provider_name=full_name, worker_id=self._require_worker()),
            )

    def join_rooms(self) -> None:
        """Enter the room of every job and provider (after connecting or reconnecting)."""
        with self.lock:
            for full_name in list(self.jobs):
                self.join_job_room(full_name)
            for full_name in list(self.providers):
                self.join_provider_room(full_name)

    def leave_rooms(self) -> None:
        """Leave every room, best effort (shutting down)."""
        realtime = self._connected()
        worker_id = self.worker_id
        if realtime is None or worker_id is None:
            return
        requests: list[tuple[str, Any]] = [
            ("leave_provider_room", events.LeaveProviderRoom(provider_name=name, worker_id=worker_id))
            for name in list(self.providers)
        ] + [("leave_job_room", events.LeaveJobRoom(job_name=name, worker_id=worker_id)) for name in list(self.jobs)]
        for event, payload in requests:
            try:
                realtime.request(event, payload, timeout=LEAVE_TIMEOUT)
            except errors.JobLibError as exc:
                log.debug("%s: %s", event, exc)

    # -- the worker's REST calls --

    def heartbeat(self) -> WorkerResponse:
        return self.client.call(heartbeat_worker.sync_detailed, WorkerResponse, worker_id=self._require_worker())

    def claim(self) -> TaskResponse | None:
        """The oldest pending task of this worker's jobs, now claimed, or None."""
        response = self.client.call(
            claim_task.sync_detailed, TaskClaimResponse, body=TaskClaimRequest(worker_id=self._require_worker())
        )
        return response.task if isinstance(response.task, TaskResponse) else None

    def update_task(
        self,
        task_id: UUID,
        status: TaskStatus,
        error: str | None = None,
        *,
        result: Any = UNSET,
        retryable: bool = False,
    ) -> TaskResponse:
        body = TaskUpdateRequest(
            status=status,
            error=error[:ERROR_MAX_CHARS] if error is not None else UNSET,
            result=result,
            retryable=retryable,
        )
        return self.client.call(update_task.sync_detailed, TaskResponse, task_id=task_id, body=body)

    def report_progress(self, task_id: UUID, values: dict[str, Any]) -> None:
        body = TaskProgressRequest.from_dict(values)
        self.client.call(report_task_progress.sync_detailed, None, task_id=task_id, body=body)

    def delete(self) -> None:
        """DELETE the worker; one that is gone already counts as deleted."""
        worker_id = self.worker_id
        if worker_id is None:
            return
        try:
            self.client.call(delete_worker.sync_detailed, None, worker_id=worker_id)
        except errors.WorkerNotFound:
            log.debug("worker %s was gone already", worker_id)

    # -- providers --

    def answer(self, request: events.ProviderRequest) -> None:
        """Run the provider's `read` for a `provider_request` and upload the result."""
        record = self.providers.get(request.provider_name)
        if record is None:
            log.warning("provider_request for %s, which this worker does not serve", request.provider_name)
            return
        try:
            result = encode_result(parse_params(record.cls, request.params).read(record.handler))
        except Exception:
            # the protocol has no error answer: the reader gets 504 provider-timeout and may retry
            log.exception("provider %s failed to read %s", request.provider_name, request.params)
            return
        self.client.call(
            upload_provider_result.sync_detailed,
            None,
            provider_id=record.provider_id,
            body=File(payload=io.BytesIO(result)),
            x_request_hash=request.request_id,
        )
