"""asyncapi.yaml as a validator: which events exist, in which direction and room, with which payload.

Convention of the document: a message's `name` is the Socket.IO event name, its payload the
event's single argument; `send` operations are server → client, `receive` operations client →
server. Payload schemas are checked with jsonschema (draft 7, the base of AsyncAPI schemas)
with format checking on (date-time, uuid).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

BASE = "urn:asyncapi"


@dataclass(frozen=True)
class Declared:
    event: str
    action: str  # send | receive
    room_pattern: re.Pattern[str]  # the channel address as a regex over Socket.IO room names


class AsyncApiContract:
    def __init__(self, path: Path) -> None:
        self.doc: dict[str, Any] = yaml.safe_load(path.read_text())
        registry = Registry().with_resource(BASE, Resource.from_contents(self.doc, default_specification=DRAFT7))
        self.declared: dict[tuple[str, str], Declared] = {}
        self._validators: dict[tuple[str, str], Draft7Validator] = {}
        for op in self.doc["operations"].values():
            channel_ref = op["channel"]["$ref"]
            address = self._at(channel_ref)["address"]
            pattern = re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", ".+", re.escape(address)) + "$")
            for ref in op["messages"]:
                pointer = ref["$ref"]
                message = self._at(pointer)
                while "$ref" in message:
                    pointer = message["$ref"]
                    message = self._at(pointer)
                key = (op["action"], message["name"])
                self.declared[key] = Declared(message["name"], op["action"], pattern)
                self._validators[key] = Draft7Validator(
                    {"$ref": f"{BASE}{pointer}/payload"},
                    registry=registry,
                    format_checker=Draft7Validator.FORMAT_CHECKER,
                )

    def _at(self, pointer: str) -> Any:
        node: Any = self.doc
        for part in pointer.removeprefix("#/").split("/"):
            node = node[part]
        return node

    def events(self, action: str) -> set[str]:
        return {event for (a, event) in self.declared if a == action}

    def errors(self, action: str, event: str, payload: Any) -> list[str]:
        """[] when the payload is a valid `event` for `action`; else what is wrong."""
        validator = self._validators.get((action, event))
        if validator is None:
            return [f"{event!r} is not declared as a {action} event"]
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(payload)
        ]

    def room_matches(self, event: str, room: str) -> bool:
        """Whether a server → client `event` may be sent to Socket.IO room `room`."""
        declared = self.declared.get(("send", event))
        return declared is not None and declared.room_pattern.match(room) is not None
