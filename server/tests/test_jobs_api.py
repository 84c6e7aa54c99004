"""Job registration (the idempotent upsert), visibility and details."""

from __future__ import annotations

import httpx
import pytest
from actors import ClientFactory, User
from calls import JOBS, claim, register_job, set_status, submit

from zndraw_joblib.realtime.emit import RecordingEmitter

SCHEMA = {"type": "object", "properties": {"angle": {"type": "number", "default": 90}}}


async def test_registering_a_new_job_creates_it_and_a_worker(api: httpx.AsyncClient) -> None:
    response = await api.put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "Rotate", "schema": SCHEMA}
    )
    assert response.status_code == 201
    job = response.json()
    assert job["full_name"] == "room1:modifiers:Rotate"
    assert job["schema"] == SCHEMA
    assert job["workers"] == [job["worker_id"]]


async def test_registering_again_with_the_same_schema_answers_200_and_links_the_worker(api: httpx.AsyncClient) -> None:
    first = await register_job(api, schema=SCHEMA)
    again = await api.put(
        f"{JOBS}/rooms/room1/jobs",
        json={"category": "modifiers", "name": "Rotate", "schema": SCHEMA, "worker_id": first["worker_id"]},
    )
    assert again.status_code == 200
    assert again.json()["workers"] == [first["worker_id"]]
    second_worker = await api.put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "Rotate", "schema": SCHEMA}
    )
    assert second_worker.status_code == 200
    assert len(second_worker.json()["workers"]) == 2


async def test_a_different_schema_is_a_conflict_and_changes_nothing(api: httpx.AsyncClient) -> None:
    await register_job(api, schema=SCHEMA)
    response = await api.put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "Rotate", "schema": {"type": "object"}}
    )
    assert response.status_code == 409
    assert response.json()["type"] == "/v1/problems/schema-conflict"
    listing = (await api.get(f"{JOBS}/rooms/room1/jobs")).json()
    assert listing["total"] == 1
    assert len(listing["items"][0]["workers"]) == 1  # the conflicting call's new worker was rolled back


async def test_the_schema_underscore_key_is_a_synonym_of_schema(api: httpx.AsyncClient) -> None:
    response = await api.put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "selections", "name": "All", "schema_": SCHEMA}
    )
    assert response.status_code == 201
    assert response.json()["schema"] == SCHEMA
    both = await api.put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "selections", "name": "B", "schema": {}, "schema_": {}}
    )
    assert both.status_code == 422


async def test_an_invalid_json_schema_is_refused_with_a_validation_problem(api: httpx.AsyncClient) -> None:
    response = await api.put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "X", "schema": {"type": 5}}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][:2] == ["body", "schema"]


async def test_categories_outside_the_allowed_list_are_400(api: httpx.AsyncClient) -> None:
    response = await api.put(f"{JOBS}/rooms/room1/jobs", json={"category": "misc", "name": "X"})
    assert response.status_code == 400
    assert response.json()["type"] == "/v1/problems/invalid-category"


async def test_invalid_room_ids_are_400(api: httpx.AsyncClient) -> None:
    response = await api.put(f"{JOBS}/rooms/bad:room/jobs", json={"category": "modifiers", "name": "X"})
    assert response.status_code == 400
    assert response.json()["type"] == "/v1/problems/invalid-room-id"


@pytest.mark.parametrize("room", ["@global", "@internal"])
async def test_reserved_rooms_need_a_superuser(client_for: ClientFactory, alice: User, admin: User, room: str) -> None:
    body = {"category": "modifiers", "name": "G"}
    assert (await client_for(alice).put(f"{JOBS}/rooms/{room}/jobs", json=body)).status_code == 403
    assert (await client_for(admin).put(f"{JOBS}/rooms/{room}/jobs", json=body)).status_code == 201


async def test_registering_with_someone_elses_worker_is_forbidden(
    client_for: ClientFactory, alice: User, bob: User
) -> None:
    job = await register_job(client_for(alice))
    response = await client_for(bob).put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "Other", "worker_id": job["worker_id"]}
    )
    assert response.status_code == 403
    unknown = await client_for(bob).put(
        f"{JOBS}/rooms/room1/jobs",
        json={"category": "modifiers", "name": "Other", "worker_id": "00000000-0000-7000-8000-000000000000"},
    )
    assert unknown.status_code == 404
    assert unknown.json()["type"] == "/v1/problems/worker-not-found"


async def test_rooms_see_global_internal_and_their_own_jobs_only(
    client_for: ClientFactory, alice: User, admin: User
) -> None:
    await register_job(client_for(admin), "@global", "G")
    await register_job(client_for(admin), "@internal", "I")
    await register_job(client_for(alice), "room1", "Mine")
    await register_job(client_for(alice), "room2", "Theirs")

    async def names(room: str) -> set[str]:
        return {j["full_name"] for j in (await client_for(alice).get(f"{JOBS}/rooms/{room}/jobs")).json()["items"]}

    assert await names("room1") == {"@global:modifiers:G", "@internal:modifiers:I", "room1:modifiers:Mine"}
    assert await names("@global") == {"@global:modifiers:G"}
    assert await names("@internal") == {"@internal:modifiers:I"}
    own = await client_for(alice).get(f"{JOBS}/rooms/room1/jobs/room2:modifiers:Theirs")
    assert own.status_code == 404  # another room's private job is not visible
    detail = await client_for(alice).get(f"{JOBS}/rooms/room1/jobs/@global:modifiers:G")
    assert detail.status_code == 200
    assert detail.json()["worker_id"] is None


async def test_job_listings_page_newest_first_without_repeats(api: httpx.AsyncClient) -> None:
    for i in range(7):
        await register_job(api, name=f"J{i}")
    seen = []
    for offset in range(0, 7, 3):
        page = (await api.get(f"{JOBS}/rooms/room1/jobs", params={"limit": 3, "offset": offset})).json()
        assert page["total"] == 7
        assert (page["limit"], page["offset"]) == (3, offset)
        seen += [j["name"] for j in page["items"]]
    assert seen == [f"J{i}" for i in reversed(range(7))]
    assert (await api.get(f"{JOBS}/rooms/room1/jobs", params={"limit": 0})).json()["items"] == []


async def test_names_with_colons_and_slashes_round_trip(api: httpx.AsyncClient) -> None:
    job = await register_job(api, name="RDF:v2/fast")
    quoted = "room1:modifiers:RDF:v2%2Ffast"
    assert (await api.get(f"{JOBS}/rooms/room1/jobs/{quoted}")).json()["full_name"] == job["full_name"]
    task = await submit(api, quoted)
    tasks = await api.get(f"{JOBS}/rooms/room1/jobs/{quoted}/tasks")
    assert [t["id"] for t in tasks.json()["items"]] == [task["id"]]


async def test_registration_emits_jobs_invalidate_to_the_jobs_room(
    api: httpx.AsyncClient, emitter: RecordingEmitter
) -> None:
    job = await register_job(api)
    assert emitter.names() == [("jobs_invalidate", "room:room1")]
    emitter.clear()
    await register_job(api, worker_id=job["worker_id"])  # nothing changed: no event
    assert emitter.names() == []


async def test_a_job_nobody_serves_any_more_is_hidden_and_revived_by_registration(
    api: httpx.AsyncClient, emitter: RecordingEmitter
) -> None:
    job = await register_job(api, schema=SCHEMA)
    task = await submit(api, job["full_name"])
    await claim(api, job["worker_id"])
    assert (await set_status(api, task["id"], "running")).status_code == 200
    emitter.clear()
    assert (await api.delete(f"{JOBS}/workers/{job['worker_id']}")).status_code == 204
    assert ("task_status_event", "room:room1") in emitter.names()
    assert (await api.get(f"{JOBS}/rooms/room1/jobs")).json()["total"] == 0
    failed = (await api.get(f"{JOBS}/tasks/{task['id']}")).json()
    assert (failed["status"], failed["error"], failed["job_name"]) == (
        "failed",
        "Worker disconnected",
        job["full_name"],
    )
    revived = await api.put(f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "Rotate", "schema": {}})
    assert revived.status_code == 201
    assert revived.json()["schema"] == {}  # re-activated with the new schema


async def test_a_name_ending_in_a_route_word_is_reachable_with_an_encoded_slash(api: httpx.AsyncClient) -> None:
    job = await register_job(api, name="a/tasks")
    assert job["full_name"] == "room1:modifiers:a/tasks"
    await submit(api, job["full_name"])
    found = await api.get(f"{JOBS}/rooms/room1/jobs/room1:modifiers:a%2Ftasks")
    assert found.status_code == 200, found.text
    assert found.json()["full_name"] == "room1:modifiers:a/tasks"
    listed = await api.get(f"{JOBS}/rooms/room1/jobs/room1:modifiers:a%2ftasks/tasks")
    assert listed.json()["total"] == 1
    plain = await api.get(f"{JOBS}/rooms/room1/jobs/room1:modifiers:a/tasks")  # the task listing of job "a"
    assert plain.status_code == 404
    provider = await api.put(
        f"{JOBS}/rooms/room1/providers", json={"category": "fs", "name": "p/info", "worker_id": job["worker_id"]}
    )
    assert provider.status_code == 201
    info = await api.get(f"{JOBS}/rooms/room1/providers/room1:fs:p%2Finfo/info")
    assert info.json()["name"] == "p/info"
