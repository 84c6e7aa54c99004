"""Render the Socket.IO event maps from asyncapi.yaml: `event-map.ts` (TypeScript) and
`event_names.py` (Python, for the server and the Python client alike).

socket.io-client types a socket with two interfaces, event name → listener. They follow from the
AsyncAPI operations: `send` operations are server → client events, `receive` operations are
client → server events, and a `reply` makes the last argument an acknowledgement callback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def _at(doc: dict[str, Any], ref: str) -> Any:
    node: Any = doc
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _message(doc: dict[str, Any], ref: str) -> tuple[str, str]:
    """(event name, payload schema name) of a message reference."""
    msg = _at(doc, ref)
    while "$ref" in msg:
        msg = _at(doc, msg["$ref"])
    return msg["name"], msg["payload"]["$ref"].rsplit("/", 1)[-1]


def render(path: Path) -> str:
    doc = yaml.safe_load(path.read_text())
    server_to_client, client_to_server = [], []
    used: set[str] = set()
    for op_id, op in doc["operations"].items():
        for ref in op["messages"]:
            event, payload = _message(doc, ref["$ref"])
            used.add(payload)
            if op["action"] == "send":
                server_to_client.append(
                    f"  /** {op.get('summary', op_id)} */\n  {event}: (payload: {payload}) => void;"
                )
            else:
                (reply_ref,) = op["reply"]["messages"]
                _, ack = _message(doc, reply_ref["$ref"])
                used.add(ack)
                listener = f"(payload: {payload}, ack: (reply: {ack}) => void) => void"
                client_to_server.append(f"  /** {op.get('summary', op_id)} */\n  {event}: {listener};")
    names = sorted({line.split("\n  ")[1].split(":")[0] for line in server_to_client})
    imports = ", ".join(sorted(used))
    return (
        f'import type {{ {imports} }} from "./events.js";\n\n'
        "/** Events the server emits, by name (asyncapi.yaml `send` operations). */\n"
        "export interface ServerToClientEvents {\n" + "\n".join(server_to_client) + "\n}\n\n"
        "/** Events a client may emit, each answered with an acknowledgement (`receive` operations). */\n"
        "export interface ClientToServerEvents {\n"
        + "\n".join(client_to_server)
        + "\n}\n\n"
        "/** The names of every server → client event, for run-time checks. */\n"
        f"export const SERVER_EVENTS = {names!r} as const;\n".replace("'", '"')
    )


def _events(doc: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """(server → client, client → server): event name → payload schema name."""
    sent: dict[str, str] = {}
    received: dict[str, str] = {}
    for op in doc["operations"].values():
        for ref in op["messages"]:
            event, payload = _message(doc, ref["$ref"])
            (sent if op["action"] == "send" else received)[event] = payload
    return dict(sorted(sent.items())), dict(sorted(received.items()))


def render_python(path: Path) -> str:
    """`event_names.py`: the names of the events and their payload models, both directions."""
    sent, received = _events(yaml.safe_load(path.read_text()))

    def table(events: dict[str, str]) -> str:
        return "".join(f'    "{name}": events.{model},\n' for name, model in events.items())

    return (
        '"""Socket.IO event names and their payload models, from asyncapi.yaml."""\n\n'
        "from pydantic import BaseModel\n\n"
        "from . import events\n\n"
        "SERVER_EVENTS: dict[str, type[BaseModel]] = {\n" + table(sent) + "}\n"
        '"""Events the server emits (`send` operations), by name."""\n\n'
        "CLIENT_EVENTS: dict[str, type[BaseModel]] = {\n" + table(received) + "}\n"
        '"""Events a client may emit, each answered with an `Ack` (`receive` operations), by name."""\n\n'
        "EVENT_NAMES: dict[type[BaseModel], str] = {\n"
        "    model: name for name, model in {**SERVER_EVENTS, **CLIENT_EVENTS}.items()\n"
        "}\n"
        '"""Payload model → event name, both directions."""\n'
    )
