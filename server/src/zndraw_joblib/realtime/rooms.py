"""The Socket.IO room names of asyncapi.yaml's channels."""

from __future__ import annotations


def frontend_room(room_id: str) -> str:
    """`room:{room_id}`: the frontends showing a room."""
    return f"room:{room_id}"


def job_room(full_name: str) -> str:
    """`jobs:{job full name}`: the workers serving a job."""
    return f"jobs:{full_name}"


def provider_room(full_name: str) -> str:
    """`providers:{provider full name}`: the client serving a provider."""
    return f"providers:{full_name}"
