"""`GET /metrics`: the families are there, they move when tasks run (only after the commit), the
database part is bounded, and the `metrics_token` setting guards it.

Counters are process-wide (prometheus-client's registry), so each test reads them for a job of
its own room and compares before and after.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from actors import ClientFactory, User
from calls import JOBS, claim, register_job, set_status, submit
from prometheus_client.parser import text_string_to_metric_families

from zndraw_joblib.services import metrics as metrics_service
from zndraw_joblib.store import stats as stats_store

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "docs" / "grafana-dashboard.json"
FAMILIES = {
    "zndraw_joblib_tasks_submitted",
    "zndraw_joblib_tasks_claimed",
    "zndraw_joblib_tasks_completed",
    "zndraw_joblib_tasks_failed",
    "zndraw_joblib_tasks_cancelled",
    "zndraw_joblib_tasks_retried",
    "zndraw_joblib_task_wait_seconds",
    "zndraw_joblib_task_run_seconds",
    "zndraw_joblib_queue_depth",
    "zndraw_joblib_queue_oldest_pending_age_seconds",
    "zndraw_joblib_workers_alive",
    "zndraw_joblib_queue_scrape_success",
    "zndraw_joblib_socket_connections",
    "zndraw_joblib_long_polls_waiting",
    "zndraw_joblib_request_duration_seconds",
}


async def scrape(client: httpx.AsyncClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of /metrics: (sample name, labels) → value."""
    response = await client.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def test_every_family_is_exposed(api: httpx.AsyncClient) -> None:
    response = await api.get("/metrics")
    names = {family.name for family in text_string_to_metric_families(response.text)}
    assert names >= FAMILIES, FAMILIES - names


async def test_the_task_counters_and_histograms_move_when_tasks_run(api: httpx.AsyncClient) -> None:
    room = f"metrics-{uuid.uuid4().hex[:8]}"
    job = await register_job(api, room=room)
    name = job["full_name"]
    before = await scrape(api)
    done, broken, dropped = [await submit(api, name, room=room) for _ in range(3)]
    for task in (done, broken):
        claimed = await claim(api, job["worker_id"])
        assert claimed is not None
        assert claimed["id"] == task["id"]
    assert (await set_status(api, done["id"], "running")).status_code == 200
    assert (await set_status(api, done["id"], "completed")).status_code == 200
    assert (await set_status(api, broken["id"], "failed", error="boom")).status_code == 200
    assert (await set_status(api, dropped["id"], "cancelled")).status_code == 200
    await submit(api, name, room=room)  # one left waiting
    after = await scrape(api)

    def moved(sample: str) -> float:
        return value(after, sample, job=name) - value(before, sample, job=name)

    assert moved("zndraw_joblib_tasks_submitted_total") == 4
    assert moved("zndraw_joblib_tasks_claimed_total") == 2
    assert moved("zndraw_joblib_tasks_completed_total") == 1
    assert moved("zndraw_joblib_tasks_failed_total") == 1
    assert moved("zndraw_joblib_tasks_cancelled_total") == 1
    assert moved("zndraw_joblib_task_wait_seconds_count") == 2
    assert moved("zndraw_joblib_task_run_seconds_count") == 2  # the cancelled task never ran
    assert value(after, "zndraw_joblib_queue_depth", job=name) == 1
    assert value(after, "zndraw_joblib_queue_oldest_pending_age_seconds", job=name) >= 0
    assert value(after, "zndraw_joblib_workers_alive") >= 1
    assert value(after, "zndraw_joblib_queue_scrape_success") == 1


async def test_a_batch_counts_each_of_its_tasks_as_submitted(api: httpx.AsyncClient) -> None:
    room = f"metrics-{uuid.uuid4().hex[:8]}"
    name = (await register_job(api, room=room))["full_name"]
    before = await scrape(api)
    batch = await api.post(f"{JOBS}/rooms/{room}/task-batches/{name}", json={"tasks": [{}, {}, {}]})
    assert batch.status_code == 202, batch.text
    after = await scrape(api)
    submitted = "zndraw_joblib_tasks_submitted_total"
    assert value(after, submitted, job=name) - value(before, submitted, job=name) == 3


async def test_request_latency_is_labelled_by_operation_never_by_raw_path(api: httpx.AsyncClient) -> None:
    room = f"metrics-{uuid.uuid4().hex[:8]}"
    job = await register_job(api, room=room)
    task = await submit(api, job["full_name"], room=room)
    assert (await api.get(f"{JOBS}/tasks/{task['id']}")).status_code == 200
    assert (await api.get("/no/such/route")).status_code == 404
    samples = await scrape(api)
    counts = {
        dict(labels)["operation"]: v
        for (sample, labels), v in samples.items()
        if sample == "zndraw_joblib_request_duration_seconds_count"
    }
    assert counts.get("getTask", 0) >= 1
    assert counts.get("submitTask", 0) >= 1
    assert counts.get("unmatched", 0) >= 1
    assert not [op for op in counts if task["id"] in op or room in op]


async def test_an_operation_that_rolls_back_counts_nothing(api: httpx.AsyncClient) -> None:
    room = f"metrics-{uuid.uuid4().hex[:8]}"
    job = await register_job(api, room=room, schema={"type": "object", "required": ["angle"]})
    before = await scrape(api)
    refused = await api.post(f"{JOBS}/rooms/{room}/tasks/{job['full_name']}", json={"payload": {}})
    assert refused.status_code == 422
    after = await scrape(api)
    assert value(after, "zndraw_joblib_tasks_submitted_total", job=job["full_name"]) == value(
        before, "zndraw_joblib_tasks_submitted_total", job=job["full_name"]
    )


async def test_a_waiting_long_poll_is_counted_while_it_waits(api: httpx.AsyncClient) -> None:
    room = f"metrics-{uuid.uuid4().hex[:8]}"
    job = await register_job(api, room=room)
    task = await submit(api, job["full_name"], room=room)
    baseline = value(await scrape(api), "zndraw_joblib_long_polls_waiting")
    poll = asyncio.create_task(api.get(f"{JOBS}/tasks/{task['id']}", headers={"Prefer": "wait=5"}))
    waiting = baseline
    for _ in range(100):
        await asyncio.sleep(0.02)
        waiting = value(await scrape(api), "zndraw_joblib_long_polls_waiting")
        if waiting > baseline:
            break
    assert waiting == baseline + 1
    assert (await set_status(api, task["id"], "cancelled")).status_code == 200
    assert (await poll).status_code == 200
    assert value(await scrape(api), "zndraw_joblib_long_polls_waiting") == baseline


@pytest.mark.settings(metrics_scrape_timeout_seconds=0.2)
async def test_a_slow_database_costs_the_scrape_its_timeout_not_its_answer(
    api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def stuck(*_args: Any, **_kwargs: Any) -> None:
        await asyncio.sleep(30)

    monkeypatch.setattr(stats_store, "status_counts", stuck)
    samples = await asyncio.wait_for(scrape(api), timeout=5)
    assert value(samples, "zndraw_joblib_queue_scrape_success") == 0
    assert ("zndraw_joblib_workers_alive", frozenset()) in samples


@pytest.mark.settings(metrics_token="scrape-me")
async def test_with_a_metrics_token_only_that_bearer_token_reads_the_metrics(
    client_for: ClientFactory, alice: User
) -> None:
    anonymous = await client_for(None).get("/metrics")
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert anonymous.json()["type"] == "/v1/problems/unauthorized"
    with_jwt = await client_for(alice).get("/metrics")
    assert with_jwt.status_code == 403
    assert with_jwt.json()["type"] == "/v1/problems/forbidden"
    allowed = await client_for(None).get("/metrics", headers={"Authorization": "Bearer scrape-me"})
    assert allowed.status_code == 200
    assert "zndraw_joblib_tasks_submitted_total" in allowed.text or "zndraw_joblib_queue_depth" in allowed.text


def dashboard_metrics() -> set[str]:
    """The metric names the Grafana dashboard's queries use."""
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", []) if "expr" in target]
    assert exprs, "the dashboard has no Prometheus queries"
    return {name for expr in exprs for name in re.findall(r"\b(zndraw_joblib_[a-z_]+)\b", expr)}


async def test_every_metric_the_grafana_dashboard_uses_is_exposed(api: httpx.AsyncClient) -> None:
    room = f"metrics-{uuid.uuid4().hex[:8]}"
    job = await register_job(api, room=room)
    for end in ("completed", "failed", "cancelled"):  # labelled series appear once they have moved
        task = await submit(api, job["full_name"], room=room)
        assert await claim(api, job["worker_id"]) is not None
        if end == "completed":
            assert (await set_status(api, task["id"], "running")).status_code == 200
        assert (await set_status(api, task["id"], end)).status_code == 200
    await submit(api, job["full_name"], room=room)
    samples = await scrape(api)
    exposed = {sample for sample, _ in samples}
    missing = dashboard_metrics() - exposed
    assert not missing, f"docs/grafana-dashboard.json uses metrics /metrics does not expose: {sorted(missing)}"


COUNT_IN_A_PROCESS = """
from zndraw_joblib import metrics
metrics.TASKS_SUBMITTED.labels(job="room:modifiers:Multi").inc({n})
metrics.SOCKET_CONNECTIONS.inc()
if {stop}:
    metrics.process_ended()
"""
SCRAPE_IN_A_PROCESS = """
import sys
from zndraw_joblib.services.metrics import QueueSnapshot, render
sys.stdout.write(render(QueueSnapshot()).decode())
"""


def test_with_prometheus_multiproc_dir_a_scrape_sums_every_worker_process(tmp_path: Path) -> None:
    """uvicorn --workers N: each process writes its values to the shared directory; any one
    process's /metrics answers with the sum."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for n, stop in ((2, True), (3, False)):  # the first one stopped (the app's lifespan ends it so)
        code = COUNT_IN_A_PROCESS.format(n=n, stop=stop)
        subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    scraped = subprocess.run(
        [sys.executable, "-c", SCRAPE_IN_A_PROCESS], env=env, check=True, timeout=60, capture_output=True, text=True
    ).stdout
    samples = {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(scraped)
        for sample in family.samples
    }
    assert value(samples, "zndraw_joblib_tasks_submitted_total", job="room:modifiers:Multi") == 5
    assert value(samples, "zndraw_joblib_socket_connections") == 1  # a stopped process has no sockets
    assert value(samples, "zndraw_joblib_queue_scrape_success") == 0


async def test_the_per_job_series_of_a_scrape_are_bounded(
    api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(metrics_service, "MAX_JOB_SERIES", 2)
    room = f"metrics-{uuid.uuid4().hex[:8]}"
    for name in ("A", "B", "C"):
        await register_job(api, room=room, name=name)
    samples = await scrape(api)
    depths = [labels for sample, labels in samples if sample == "zndraw_joblib_queue_depth"]
    assert len(depths) == 2


@pytest.mark.parametrize("enabled", [False, True], ids=["opentelemetry-off", "opentelemetry-on"])
async def test_fastapi_looks_for_opentelemetry_providers_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    """Off by default: FastAPI then no longer asks for the global tracer provider on every request."""
    from opentelemetry import trace  # noqa: PLC0415 - FastAPI's own dependency, only this test needs it

    from zndraw_joblib.app import create_app  # noqa: PLC0415
    from zndraw_joblib.settings import Settings  # noqa: PLC0415

    asked: list[object] = []
    original = trace.get_tracer_provider

    def get_tracer_provider() -> trace.TracerProvider:
        asked.append(None)
        return original()

    monkeypatch.setattr(trace, "get_tracer_provider", get_tracer_provider)
    settings = Settings(
        data_dir=tmp_path, secret_key="test-secret-key-that-is-long-enough-for-hs256", opentelemetry=enabled
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
        async with client:
            asked.clear()
            for _ in range(3):
                assert (await client.get("/healthz")).status_code == 200
    assert (len(asked) >= 3) is enabled, asked
