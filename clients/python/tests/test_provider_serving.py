"""`register_provider`: a read through the server reaches `read(handler)` and gets its result."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from typing_extensions import override

from zndraw_joblib_client import Category, Client, Extension, JobManager, Provider, errors
from zndraw_joblib_client._generated.api.providers import get_provider_info, read_provider
from zndraw_joblib_client._generated.models import ProviderResponse, ReadProviderQuery


class Listing(Provider):
    category: ClassVar[str] = "filesystem"
    path: str = "/"
    limit: int = 10

    @override
    def read(self, handler: dict[str, list[str]]) -> Any:
        return {"path": self.path, "entries": handler.get(self.path, [])[: self.limit]}


class Blob(Provider):
    category: ClassVar[str] = "blobs"
    content_type: ClassVar[str] = "application/octet-stream"
    size: int = 4

    @override
    def read(self, handler: bytes) -> bytes:
        return handler[: self.size]


def test_a_read_is_answered_by_the_providers_read(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    files = {"/data": ["a.xyz", "b.xyz", "c.xyz"]}
    manager = managers(admin)
    provider_id = manager.register_provider(Listing, name="local", handler=files, room=room)
    name = f"{room}:filesystem:local"
    assert manager.providers == {name: Listing}

    info = admin.call(get_provider_info.sync_detailed, ProviderResponse, room_id=room, provider_name=name)
    assert (info.id, info.worker_id, info.content_type) == (provider_id, manager.worker_id, "application/json")
    assert info.schema.to_dict() == Listing.model_json_schema()

    result = admin.call(
        read_provider.sync_detailed,
        object,
        room_id=room,
        provider_name=name,
        query=ReadProviderQuery.from_dict({"path": "/data", "limit": "2"}),
        prefer="wait=30",
    )
    assert result == {"path": "/data", "entries": ["a.xyz", "b.xyz"]}


def test_a_binary_result_is_served_byte_for_byte(admin: Client, room: str, managers: Callable[..., JobManager]) -> None:
    manager = managers(admin)
    manager.register_provider(Blob, name="raw", handler=b"\x00\x01\x02\x03\x04\x05", room=room)
    # the generated read_provider parses every 200 as JSON (see the report); read the raw answer
    response = admin.api.get_httpx_client().get(
        f"/v1/joblib/rooms/{room}/providers/{room}:blobs:raw", params={"size": "3"}, headers={"Prefer": "wait=30"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.content == b"\x00\x01\x02"


class Noop(Extension):
    category: ClassVar[Category] = Category.ANALYSIS

    @override
    def run(self, ctx: Any, **kwargs: Any) -> None:
        return None


def test_a_provider_and_a_job_share_one_worker(admin: Client, room: str, managers: Callable[..., JobManager]) -> None:
    manager = managers(admin)
    manager.register_provider(Listing, name="shared", handler={}, room=room)
    worker_id = manager.worker_id
    manager.register(Noop, room=room)
    assert manager.worker_id == worker_id


def test_providers_need_the_socketio_connection(admin: Client, room: str, managers: Callable[..., JobManager]) -> None:
    manager = managers(admin, realtime=False)
    with pytest.raises(ValueError, match="realtime"):
        manager.register_provider(Listing, name="local", handler={}, room=room)


def test_concurrent_identical_reads_are_answered_once(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    calls: list[str] = []

    class Counted(Provider):
        category: ClassVar[str] = "counted"
        key: str = "k"

        @override
        def read(self, handler: Any) -> Any:
            calls.append(self.key)
            return {"key": self.key}

    manager = managers(admin)
    manager.register_provider(Counted, name="c", handler=None, room=room)
    results: list[Any] = []

    def read() -> None:
        try:
            results.append(
                admin.call(
                    read_provider.sync_detailed,
                    object,
                    room_id=room,
                    provider_name=f"{room}:counted:c",
                    query=ReadProviderQuery.from_dict({"key": "same"}),
                    prefer="wait=30",
                )
            )
        except errors.JobLibError as exc:  # reported by the assertion below
            results.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [{"key": "same"}] * 4
    assert calls == ["same"], "the server coalesced the reads and cached the answer"
