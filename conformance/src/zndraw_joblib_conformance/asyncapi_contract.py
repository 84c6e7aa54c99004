"""asyncapi.yaml as a validator: which events exist, in which direction and room, with which payload.

Convention of the document: a message's `name` is the Socket.IO event name, its payload the
event's single argument; `send` operations are server → client, `receive` operations client →
server (answered with the `reply` message, an ack). Payload schemas are checked with jsonschema
(draft 7, the base of AsyncAPI schemas) with format checking on (date-time, uuid).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

BASE = "urn:asyncapi"


@dataclass(frozen=True)
class Declared:
    event: str
    action: str  # send | receive
    operation: str  # the operation's key in the document
    address: str  # the channel address, e.g. room:{room_id}
    room_pattern: re.Pattern[str]  # the channel address as a regex over Socket.IO room names
    payload_pointer: str
    summary: str
    examples: tuple[Any, ...]


class AsyncApiContract:
    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
        registry: Registry[Any] = Registry().with_resource(
            BASE, Resource.from_contents(document, default_specification=DRAFT7)
        )
        self.declared: dict[tuple[str, str], Declared] = {}
        self._validators: dict[tuple[str, str], Draft7Validator] = {}
        self._replies: dict[str, Draft7Validator] = {}  # client → server event -> its ack's validator
        for key, op in document["operations"].items():
            address = self.at(op["channel"]["$ref"])["address"]
            pattern = re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", ".+", re.escape(address)) + "$")
            for ref in op["messages"]:
                pointer = ref["$ref"]
                message = self.at(pointer)
                while "$ref" in message:
                    pointer = message["$ref"]
                    message = self.at(pointer)
                declared = Declared(
                    event=message["name"],
                    action=op["action"],
                    operation=key,
                    address=address,
                    room_pattern=pattern,
                    payload_pointer=f"{pointer}/payload",
                    summary=op.get("summary", ""),
                    examples=tuple(e["payload"] for e in message.get("examples", []) if "payload" in e),
                )
                self.declared[(op["action"], message["name"])] = declared
                self._validators[(op["action"], message["name"])] = self._validator(f"{pointer}/payload", registry)
                for reply in op.get("reply", {}).get("messages", []):
                    reply_pointer = reply["$ref"]
                    while "$ref" in self.at(reply_pointer):
                        reply_pointer = self.at(reply_pointer)["$ref"]
                    self._replies[message["name"]] = self._validator(f"{reply_pointer}/payload", registry)

    @staticmethod
    def _validator(pointer: str, registry: Registry[Any]) -> Draft7Validator:
        return Draft7Validator(
            {"$ref": f"{BASE}{pointer}"}, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER
        )

    def at(self, pointer: str) -> Any:
        node: Any = self.doc
        for part in pointer.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def events(self, action: str) -> set[str]:
        return {event for (a, event) in self.declared if a == action}

    def payload_schema(self, action: str, event: str) -> dict[str, Any]:
        """The payload schema with one level of `$ref` resolved."""
        schema: dict[str, Any] = self.at(self.declared[(action, event)].payload_pointer)
        while "$ref" in schema:
            schema = self.at(schema["$ref"])
        return schema

    def errors(self, action: str, event: str, payload: Any) -> list[str]:
        """[] when the payload is a valid `event` for `action`; else what is wrong."""
        validator = self._validators.get((action, event))
        if validator is None:
            return [f"{event!r} is not declared as a {action} event"]
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(payload)
        ]

    def reply_errors(self, event: str, reply: Any) -> list[str]:
        """[] when `reply` is a valid ack of client → server `event` (or the document gives none)."""
        validator = self._replies.get(event)
        if validator is None:
            return []
        return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(reply)]

    def room_matches(self, event: str, room: str) -> bool:
        """Whether a server → client `event` may be sent to Socket.IO room `room`."""
        declared = self.declared.get(("send", event))
        return declared is not None and declared.room_pattern.match(room) is not None
