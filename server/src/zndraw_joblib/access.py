"""Who may use a room: the room policy of openapi.yaml ("Access") and its standalone default.

Every room operation asks the runtime's policy before it reads or changes anything: listing
and reading a room's jobs, tasks, workers and providers, reading a task (its submission room),
submitting, registering, and joining a room's Socket.IO channel. The standalone server lets
every active user use every room, since a room id is the shared name of a scene (as in
ZnDraw). A host application in library mode gives its `Runtime` a policy of its own; the actor
it is asked about carries the host's user object in `Actor.identity`.

Ownership rules that do not depend on the room (workers, task updates, providers, the reserved
rooms) stay with the services; a policy can only refuse more, never allow more.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from . import problems
from .task_states import Actor


class RoomAction(StrEnum):
    """What a user wants to do in a room."""

    read = "read"  # list or read its jobs, tasks, workers and providers; follow its events
    submit = "submit"  # submit a task into it
    register = "register"  # register a job or a provider in it


class RoomPolicy(Protocol):
    async def allows(self, actor: Actor, room_id: str, action: RoomAction) -> bool:
        """Whether `actor` may do `action` in `room_id` (a valid room id, reserved ones included)."""
        ...


class OpenRooms:
    """The standalone default: every active user may use every room."""

    async def allows(self, actor: Actor, room_id: str, action: RoomAction) -> bool:  # noqa: ARG002
        return True


async def require_room(policy: RoomPolicy, actor: Actor, room_id: str, action: RoomAction) -> None:
    """Raise 403 `forbidden` unless the policy allows it."""
    if not await policy.allows(actor, room_id, action):
        raise problems.Forbidden(f"You may not {action} in room {room_id!r}.")
