"""The Socket.IO room names of asyncapi.yaml's channels."""

from __future__ import annotations

FRONTEND_PREFIX = "room:"

ALL_FRONTEND_ROOMS = f"{FRONTEND_PREFIX}*"
"""`room:*`: superusers' sockets that follow every room (`join_all_rooms`). `*` is never a room id."""


def frontend_room(room_id: str) -> str:
    """`room:{room_id}`: the frontends showing a room."""
    return f"{FRONTEND_PREFIX}{room_id}"


def audience(room: str) -> str | list[str]:
    """The Socket.IO rooms an emission to `room` reaches: a room's frontend channel is also heard
    in `room:*`. One emit to both (python-socketio sends to the union, each socket once), so
    following every room costs no extra publish through Redis."""
    if room.startswith(FRONTEND_PREFIX):
        return [room, ALL_FRONTEND_ROOMS]
    return room


def job_room(full_name: str) -> str:
    """`jobs:{job full name}`: the workers serving a job."""
    return f"jobs:{full_name}"


def worker_room(worker_id: object) -> str:
    """`workers:{worker_id}`: the sockets of one worker."""
    return f"workers:{worker_id}"


def provider_room(full_name: str) -> str:
    """`providers:{provider full name}`: the client serving a provider."""
    return f"providers:{full_name}"
