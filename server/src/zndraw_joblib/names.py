"""Room ids and full names (`<room_id>:<category>:<name>`): parsing and validation, pure.

Path identifiers are domain values (openapi.yaml, "Conventions"): a malformed room id is a 400
`invalid-room-id`, a malformed full name names nothing (the callers answer 404).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import problems

GLOBAL_ROOM = "@global"
INTERNAL_ROOM = "@internal"
RESERVED_ROOMS = frozenset({GLOBAL_ROOM, INTERNAL_ROOM})
ROOM_ID_MAX_LENGTH = 128
NAME_MAX_LENGTH = 128
CATEGORY_MAX_LENGTH = 64

_ROOM_ID = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127}")
_CATEGORY = re.compile(r"[A-Za-z0-9_-]{1,64}")
_NAME = re.compile(r"[^\x00-\x1f\x7f]{1,128}")


def is_valid_room_id(room_id: str) -> bool:
    return room_id in RESERVED_ROOMS or _ROOM_ID.fullmatch(room_id) is not None


def check_room_id(room_id: str) -> str:
    """The room id itself, or `InvalidRoomId` saying what is wrong with it."""
    if is_valid_room_id(room_id):
        return room_id
    if not room_id:
        detail = "A room id must not be empty."
    elif "@" in room_id or ":" in room_id:
        detail = f"Room id {room_id!r} must not contain '@' or ':' (only @global and @internal are reserved)."
    elif len(room_id) > ROOM_ID_MAX_LENGTH:
        detail = f"A room id has at most {ROOM_ID_MAX_LENGTH} characters."
    else:
        detail = f"Room id {room_id!r} may only use A-Z a-z 0-9 . _ ~ - and must not start with '.'."
    raise problems.InvalidRoomId(detail)


@dataclass(frozen=True, slots=True)
class FullName:
    """A parsed `<room_id>:<category>:<name>`."""

    room_id: str
    category: str
    name: str

    def __str__(self) -> str:
        return f"{self.room_id}:{self.category}:{self.name}"


def parse_full_name(full_name: str) -> FullName | None:
    """Split on the first two `:`; None when the result is not a well-formed name."""
    parts = full_name.split(":", 2)
    if len(parts) != 3:
        return None
    room_id, category, name = parts
    if not (is_valid_room_id(room_id) and _CATEGORY.fullmatch(category) and _NAME.fullmatch(name)):
        return None
    return FullName(room_id, category, name)


def rooms_visible_from(room_id: str, *, include_internal: bool = True) -> tuple[str, ...]:
    """The rooms whose jobs (or providers, `include_internal=False`) a room sees.

    `@global` sees only global ones, `@internal` only internal ones, any other room sees the
    global ones, the internal ones (jobs only) and its own.
    """
    if room_id == GLOBAL_ROOM:
        return (GLOBAL_ROOM,)
    if room_id == INTERNAL_ROOM:
        return (INTERNAL_ROOM,) if include_internal else ()
    if include_internal:
        return (GLOBAL_ROOM, INTERNAL_ROOM, room_id)
    return (GLOBAL_ROOM, room_id)
