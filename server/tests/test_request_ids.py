"""Request ids and JSON logs: one failed request can be followed from the answer into the logs."""

from __future__ import annotations

import io
import json
import logging
import re
import sys
import uuid
from collections.abc import Iterator

import httpx
import pytest
from calls import JOBS

from zndraw_joblib import logs, request_ids, serving
from zndraw_joblib.settings import Settings


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """What the server's loggers write, as the JSON handler of `log_format=json` formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.RequestIdFilter())
    logger = logging.getLogger("zndraw_joblib")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


async def test_every_answer_carries_a_request_id_made_up_when_none_was_sent(api: httpx.AsyncClient) -> None:
    first = await api.get("/healthz")
    second = await api.get("/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["x-request-id"])
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


async def test_a_well_formed_incoming_request_id_is_kept_and_a_hostile_one_replaced(api: httpx.AsyncClient) -> None:
    kept = await api.get("/healthz", headers={"X-Request-ID": "lb-7f3a:42"})
    assert kept.headers["x-request-id"] == "lb-7f3a:42"
    replaced = await api.get("/healthz", headers={"X-Request-ID": "x" * 129})
    assert replaced.headers["x-request-id"] != "x" * 129
    assert request_ids.accepted_or_new("two words") != "two words"
    assert request_ids.accepted_or_new("") != ""


async def test_a_problem_names_its_request_in_the_instance(api: httpx.AsyncClient) -> None:
    task_id = uuid.uuid4()
    response = await api.get(f"{JOBS}/tasks/{task_id}", headers={"X-Request-ID": "trace-me"})
    assert response.status_code == 404
    assert response.headers["x-request-id"] == "trace-me"
    assert response.json()["instance"] == f"{JOBS}/tasks/{task_id}#request-trace-me"
    unknown = await api.get("/nowhere")
    assert unknown.json()["instance"] == f"/nowhere#request-{unknown.headers['x-request-id']}"


@pytest.mark.settings(max_body_bytes=16)
async def test_an_early_413_carries_the_request_id_too(api: httpx.AsyncClient) -> None:
    response = await api.post(f"{JOBS}/workers", content=b"x" * 64, headers={"X-Request-ID": "big-one"})
    assert response.status_code == 413
    assert response.headers["x-request-id"] == "big-one"
    assert response.json()["instance"].endswith("#request-big-one")


@pytest.mark.settings(log_format="json")
async def test_in_json_mode_a_failed_request_is_one_access_line_with_its_id(
    api: httpx.AsyncClient, json_lines: io.StringIO
) -> None:
    task_id = uuid.uuid4()
    response = await api.get(f"{JOBS}/tasks/{task_id}", headers={"X-Request-ID": "follow-me"})
    assert response.status_code == 404
    mine = [line for line in lines(json_lines) if line.get("request_id") == "follow-me"]
    assert len(mine) == 1, lines(json_lines)
    line = mine[0]
    assert line["logger"] == "zndraw_joblib.access"
    assert line["level"] == "info"
    assert (line["method"], line["path"], line["status"], line["operation"]) == (
        "GET",
        f"{JOBS}/tasks/{task_id}",
        404,
        "getTask",
    )
    assert isinstance(line["duration_ms"], float)
    assert str(line["time"]).endswith("+00:00")


async def test_text_mode_writes_no_access_lines_of_its_own(api: httpx.AsyncClient, json_lines: io.StringIO) -> None:
    await api.get("/healthz")
    assert [line for line in lines(json_lines) if line["logger"] == "zndraw_joblib.access"] == []


def test_the_json_formatter_keeps_extras_and_exceptions_and_the_current_request_id() -> None:
    token = request_ids.current.set("abc")
    try:
        try:
            raise ValueError("bad")
        except ValueError:
            record = logging.getLogger("t").makeRecord(
                "t", logging.ERROR, __file__, 1, "failed %s", ("x",), sys.exc_info(), extra={"task_id": "t1"}
            )
        entry = json.loads(logs.JsonFormatter().format(record))
    finally:
        request_ids.current.reset(token)
    assert entry["message"] == "failed x"
    assert entry["request_id"] == "abc"
    assert entry["task_id"] == "t1"
    assert "ValueError: bad" in entry["exc_info"]


def test_serve_hands_uvicorn_a_json_logging_config_in_json_mode() -> None:
    assert serving._log_options(Settings(log_format="text"), "info") == {}
    options = serving._log_options(Settings(log_format="json"), "warning")
    assert options["access_log"] is False
    config = options["log_config"]
    assert config["root"]["level"] == "WARNING"
    assert config["formatters"]["json"]["()"] is logs.JsonFormatter
