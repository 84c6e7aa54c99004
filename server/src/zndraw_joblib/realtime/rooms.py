"""The Socket.IO room names of asyncapi.yaml's channels."""

from __future__ import annotations


def frontend_room(room_id: str) -> str:
    """`room:{room_id}`: the frontends showing a room."""
    return f"room:{room_id}"


def job_room(full_name: str) -> str:
    """`jobs:{job full name}`: the workers serving a job."""
    return f"jobs:{full_name}"


def worker_room(worker_id: object) -> str:
    """`workers:{worker_id}`: the sockets of one worker."""
    return f"workers:{worker_id}"


def provider_room(full_name: str) -> str:
    """`providers:{provider full name}`: the client serving a provider."""
    return f"providers:{full_name}"
