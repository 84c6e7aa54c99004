"""`Provider`: a read served on demand by a client (e.g. listing a directory on the worker's disk).

A reader GETs `/rooms/{room}/providers/{full name}?<params>`; on a cache miss the server sends
`provider_request {request_id, provider_name, params}` to the provider's client, which builds
the provider model from `params`, calls `read(handler)` and uploads the result. The model's
fields are the read's parameters; the server hands them over as strings (query parameters),
which pydantic converts to the declared types.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import Any, ClassVar

import pydantic_core
from pydantic import BaseModel


class Provider(BaseModel, ABC):
    """Subclass it, declare the read parameters as fields, set `category`, implement `read`.

    class Listing(Provider):
        category: ClassVar[str] = "filesystem"
        path: str = "."

        def read(self, handler):
            return sorted(os.listdir(handler.root / self.path))
    """

    category: ClassVar[str]
    content_type: ClassVar[str] = "application/json"

    @abstractmethod
    def read(self, handler: Any) -> Any:
        """Answer one read. Return bytes (sent as they are) or anything JSON-serialisable.

        `handler` is the object given to `register_provider` (a file system, a database, …).
        """


def parse_params(cls: type[Provider], params: str) -> Provider:
    """The provider instance for a `provider_request`'s `params` (canonical JSON of a dict)."""
    data = json.loads(params) if params else {}
    return cls.model_validate(data)


def encode_result(result: Any) -> bytes:
    """The bytes to upload for a `read` result: bytes-like as they are, anything else as JSON."""
    if isinstance(result, bytes | bytearray | memoryview):
        return bytes(result)
    return pydantic_core.to_json(result)
