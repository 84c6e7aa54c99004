# generated from asyncapi.yaml by `make generate` (codegen/); do not edit
"""Socket.IO event names and their payload models, from asyncapi.yaml."""

from pydantic import BaseModel

from . import events

SERVER_EVENTS: dict[str, type[BaseModel]] = {
    "jobs_invalidate": events.JobsInvalidate,
    "provider_request": events.ProviderRequest,
    "provider_result_ready": events.ProviderResultReady,
    "providers_invalidate": events.ProvidersInvalidate,
    "task_available": events.TaskAvailable,
    "task_cancelled": events.TaskCancelled,
    "task_progress": events.TaskProgress,
    "task_status_event": events.TaskStatusEvent,
    "tasks_submitted": events.TasksSubmitted,
}
"""Events the server emits (`send` operations), by name."""

CLIENT_EVENTS: dict[str, type[BaseModel]] = {
    "join_all_rooms": events.JoinAllRooms,
    "join_job_room": events.JoinJobRoom,
    "join_provider_room": events.JoinProviderRoom,
    "join_room": events.JoinRoom,
    "leave_all_rooms": events.LeaveAllRooms,
    "leave_job_room": events.LeaveJobRoom,
    "leave_provider_room": events.LeaveProviderRoom,
    "leave_room": events.LeaveRoom,
}
"""Events a client may emit, each answered with an `Ack` (`receive` operations), by name."""

EVENT_NAMES: dict[type[BaseModel], str] = {
    model: name for name, model in {**SERVER_EVENTS, **CLIENT_EVENTS}.items()
}
"""Payload model → event name, both directions."""
