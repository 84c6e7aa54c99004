"""Providers: registration, listing, read-through with coalescing and caching, result upload."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Mapping
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy import RowMapping

from zndraw_joblib import announce, names, problems, views
from zndraw_joblib._generated import models
from zndraw_joblib._generated.api import ProvidersApi, RawReply, Reply
from zndraw_joblib.access import RoomAction
from zndraw_joblib.context import Context
from zndraw_joblib.prefer import effective_wait
from zndraw_joblib.providers_cache import (
    ResultStore,
    cache_key,
    canonical_params,
    error_key,
    repeat_key,
    request_hash,
)
from zndraw_joblib.realtime.bus import provider_result_channel
from zndraw_joblib.realtime.emit import Outbox
from zndraw_joblib.store import providers as provider_store
from zndraw_joblib.store.types import new_id

from .jobs import check_reserved_room, parameter_schema, worker_for_registration
from .resilience import resilient

RETRY_AFTER_SECONDS = "2"


@resilient
class ProvidersService(ProvidersApi):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @property
    def results(self) -> ResultStore:
        if self.ctx.runtime.results is None:
            raise problems.InternalError("No provider result store is configured.")
        return self.ctx.runtime.results

    async def _visible(self, room_id: str, provider_name: str) -> RowMapping:
        names.check_room_id(room_id)
        await self.ctx.require_room(room_id, RoomAction.read)
        parsed = names.parse_full_name(provider_name)
        visible = names.rooms_visible_from(room_id, include_internal=False)
        row = None
        if parsed is not None and parsed.room_id in visible:
            row = await provider_store.provider_get_by_full_name(self.ctx.session, full_name=provider_name)
        if row is None:
            raise problems.ProviderNotFound(f"No provider {provider_name!r} is visible from room {room_id!r}.")
        return row

    async def _owned(self, provider_id: UUID) -> RowMapping:
        row = await provider_store.provider_get(self.ctx.session, provider_id=provider_id)
        if row is None:
            raise problems.ProviderNotFound(f"No provider {provider_id}.")
        if row["user_id"] != self.ctx.actor.user_id and not self.ctx.actor.is_superuser:
            raise problems.Forbidden(f"Provider {row['full_name']!r} belongs to another user.")
        return row

    async def register_provider(
        self, *, room_id: str, body: models.ProviderRegisterRequest
    ) -> Reply[models.ProviderResponse]:
        ctx = self.ctx
        names.check_room_id(room_id)
        if room_id == names.INTERNAL_ROOM:
            raise problems.InvalidRoomId("Providers cannot be registered in @internal.")
        allowed = ctx.settings.allowed_provider_categories
        if allowed is not None and body.category not in allowed:
            raise problems.InvalidCategory(f"Category {body.category!r} is not one of: {', '.join(allowed)}.")
        check_reserved_room(ctx, room_id, "providers")
        await ctx.require_room(room_id, RoomAction.register)
        schema = await parameter_schema(ctx, body)
        full_name = str(names.FullName(room_id, body.category, body.name))
        async with ctx.transaction() as outbox:
            worker = await worker_for_registration(ctx, body.worker_id)
            values = {
                "schema": schema,
                "content_type": body.content_type,
                "worker_id": worker["id"],
                "user_id": ctx.actor.user_id,
            }
            created = await provider_store.provider_insert_if_absent(
                ctx.session,
                id=new_id(),
                room_id=room_id,
                category=body.category,
                name=body.name,
                full_name=full_name,
                created_at=ctx.now(),
                **values,
            )
            row = await provider_store.provider_get_by_full_name(ctx.session, full_name=full_name, for_update=True)
            assert row is not None
            if not created:
                if row["user_id"] != ctx.actor.user_id and not ctx.actor.is_superuser:
                    raise problems.Forbidden(f"Provider {full_name!r} belongs to another user.")
                row = await provider_store.provider_overwrite(ctx.session, provider_id=row["id"], **values)
            announce.providers_changed(outbox, room_id)
        return Reply(status_code=201 if created else 200, body=views.provider_response(row))

    async def list_providers(self, *, room_id: str, limit: int, offset: int) -> models.ProviderPage:
        rooms = names.rooms_visible_from(names.check_room_id(room_id), include_internal=False)
        await self.ctx.require_room(room_id, RoomAction.read)
        rows, total = await provider_store.providers_page(self.ctx.session, rooms=rooms, limit=limit, offset=offset)
        return models.ProviderPage(
            items=[views.provider_response(r) for r in rows], total=total, limit=limit, offset=offset
        )

    async def get_provider_info(self, *, room_id: str, provider_name: str) -> models.ProviderResponse:
        return views.provider_response(await self._visible(room_id, provider_name))

    async def read_provider(
        self, *, room_id: str, provider_name: str, prefer: str | None, query: Mapping[str, str]
    ) -> RawReply:
        ctx = self.ctx
        provider = await self._visible(room_id, provider_name)
        await ctx.session.rollback()  # no transaction is held while the read waits
        digest = request_hash(query)
        key = cache_key(provider["id"], digest)
        content_type = provider["content_type"]
        settings = ctx.settings
        wait = effective_wait(
            prefer,
            default=settings.provider_long_poll_default_seconds,
            maximum=settings.provider_long_poll_max_seconds,
        )
        assert wait is not None
        params = canonical_params(query)

        async def ask() -> None:
            outbox = Outbox()
            announce.provider_request(outbox, provider_name=provider["full_name"], request_hash=digest, params=params)
            await ctx.runtime.deliver(outbox)

        repeat = settings.provider_request_repeat_seconds
        async with ctx.runtime.bus.subscribe(provider_result_channel(provider["id"], digest)) as subscription:
            answer = await self._answer(key, provider["full_name"], content_type)
            if answer is not None:
                return answer
            if await self.results.acquire_inflight(key, settings.provider_inflight_ttl_seconds, params):
                await ask()
            deadline = ctx.started + wait
            while (remaining := deadline - time.monotonic()) > 0:
                if await subscription.wait(min(remaining, repeat)) is not None:
                    if (answer := await self._answer(key, provider["full_name"], content_type)) is not None:
                        return answer
                    if ctx.runtime.stopping:
                        raise problems.ServiceUnavailable(
                            "This server is shutting down; ask again.",
                            safe_to_retry=True,
                        )
                # Still waiting: ask again, once per interval across every reader and replica (a
                # provider that joined after the first request, or a request lost on the way).
                elif remaining > repeat and await self.results.acquire_inflight(repeat_key(key), repeat):
                    await ask()
            if (answer := await self._answer(key, provider["full_name"], content_type)) is not None:
                return answer
        raise problems.ProviderTimeout(
            f"Provider {provider['full_name']!r} did not answer within {wait:g} s; ask again.",
            headers={"Retry-After": RETRY_AFTER_SECONDS},
        )

    async def _answer(self, key: str, provider_name: str, content_type: str) -> RawReply | None:
        """The cached result, or the provider's reported error (502), or None: keep waiting."""
        cached = await self.results.get(key)
        if cached is not None:
            return RawReply(content=cached, media_type=content_type)
        reported = await self.results.get(error_key(key))
        if reported is not None:
            problem = json.loads(reported)
            shown = problem.get("detail") or problem.get("title")
            raise problems.ProviderError(f"Provider {provider_name!r} could not answer: {shown}", problem)
        return None

    async def upload_provider_result(
        self, *, provider_id: UUID, x_request_hash: str, x_result_status: str, body: bytes
    ) -> None:
        ctx = self.ctx
        provider = await self._owned(provider_id)
        await ctx.session.rollback()
        key = cache_key(provider_id, x_request_hash)
        outbox = Outbox()  # the result store has it: announce it as a commit would
        if x_result_status != "error":
            await _check_result(body, provider["content_type"])
        if x_result_status == "error":
            problem = _provider_problem(body)
            await self.results.put(error_key(key), problem, ctx.settings.provider_error_ttl_seconds)
            announce.provider_error_reported(outbox, provider_id=provider_id, request_hash=x_request_hash)
        else:
            await self.results.put(key, body, ctx.settings.provider_result_ttl_seconds)
            announce.provider_result_ready(
                outbox,
                provider_id=provider_id,
                provider_name=provider["full_name"],
                room_id=provider["room_id"],
                request_hash=x_request_hash,
            )
        await self.results.release_inflight(key)
        await ctx.runtime.deliver(outbox)

    async def delete_provider(self, *, provider_id: UUID) -> None:
        async with self.ctx.transaction() as outbox:
            provider = await self._owned(provider_id)
            await provider_store.provider_delete(self.ctx.session, provider_id=provider_id)
            announce.providers_changed(outbox, provider["room_id"])


INLINE_JSON_CHECK_BYTES = 64 * 1024
"""Results up to this size are parsed on the event loop (microseconds); larger ones in a thread."""


def is_json_media_type(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


async def _check_result(body: bytes, content_type: str) -> None:
    """A result is what the readers get back with the provider's media type: never empty, and
    valid JSON when that type is JSON (else a reader would get a body its type does not describe)."""
    if not body:
        raise problems.ValidationFailed(
            [{"loc": ["body"], "msg": "the result body is empty", "type": "missing"}],
            detail="A result upload carries the result as its body.",
        )
    if not is_json_media_type(content_type):
        return
    try:
        if len(body) <= INLINE_JSON_CHECK_BYTES:
            json.loads(body)
        else:
            await asyncio.to_thread(json.loads, body)
    except ValueError as exc:
        raise problems.ValidationFailed(
            [{"loc": ["body"], "msg": f"not JSON: {exc}", "type": "json_invalid"}],
            detail=f"This provider's results are {content_type}; the body is not valid JSON.",
        ) from None


def _provider_problem(body: bytes) -> bytes:
    """The provider's problem, checked (`ProviderProblem`) and kept as compact JSON; else 422."""
    try:
        problem = models.ProviderProblem.model_validate_json(body)
    except ValidationError as exc:
        errors = [
            {"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)
        ]
        raise problems.ValidationFailed(
            errors, detail="An error upload carries a problem: a JSON object with a title."
        ) from None
    return problem.model_dump_json(exclude_unset=True).encode()
