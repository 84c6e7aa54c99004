"""The admin CLI against the live server: what an operator types, and the tables it prints."""

from __future__ import annotations

import re
import uuid

import pytest
from live_server import LiveServer
from typer.testing import CliRunner, Result

from zndraw_joblib_client import Client
from zndraw_joblib_client import admin as admin_cli
from zndraw_joblib_client._generated.api.jobs import register_job
from zndraw_joblib_client._generated.api.tasks import submit_task
from zndraw_joblib_client._generated.models import (
    JobRegisterRequest,
    JobRegisterRequestSchema,
    JobResponse,
    TaskResponse,
    TaskSubmitRequest,
    TaskSubmitRequestPayload,
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def job(admin: Client, room: str) -> JobResponse:
    body = JobRegisterRequest(category="modifiers", name="Rotate", schema=JobRegisterRequestSchema.from_dict({}))
    return admin.call(register_job.sync_detailed, JobResponse, room_id=room, body=body)


def submitted(client: Client, room: str, job: JobResponse, angle: int) -> TaskResponse:
    payload = TaskSubmitRequestPayload.from_dict({"angle": angle})
    return client.call(
        submit_task.sync_detailed,
        TaskResponse,
        room_id=room,
        job_name=job.full_name,
        body=TaskSubmitRequest(payload=payload),
    )


def run(runner: CliRunner, server: LiveServer, admin: Client, *args: str) -> Result:
    return runner.invoke(admin_cli.app, [*args, "--url", server.url, "--token", admin.token])


def rows(output: str) -> list[list[str]]:
    """The table's lines split on its column gaps (two or more spaces)."""
    return [re.split(r"\s{2,}", line.strip()) for line in output.splitlines() if line.strip()]


def test_tasks_ls_prints_a_room_s_tasks_newest_first_as_a_table(
    runner: CliRunner, server: LiveServer, admin: Client, room: str, job: JobResponse
) -> None:
    first = submitted(admin, room, job, 1)
    second = submitted(admin, room, job, 2)
    result = run(runner, server, admin, "tasks", "ls", "--room", room)
    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert table[0] == ["ID", "JOB", "ROOM", "STATUS", "ATTEMPT", "CREATED", "WORKER"]
    assert [row[0] for row in table[1:3]] == [str(second.id), str(first.id)]
    assert table[1][1:5] == [job.full_name, room, "pending", "1/1"]
    assert table[1][6] == "-"  # no worker yet
    assert table[-1] == ["1-2 of 2"]


def test_tasks_ls_filters_every_room_by_job_and_status(
    runner: CliRunner, server: LiveServer, admin: Client, room: str, job: JobResponse
) -> None:
    task = submitted(admin, room, job, 1)
    result = run(runner, server, admin, "tasks", "ls", "--job", job.full_name, "--status", "pending")
    assert result.exit_code == 0, result.output
    assert [row[0] for row in rows(result.stdout)[1:-1]] == [str(task.id)]
    none = run(runner, server, admin, "tasks", "ls", "--job", job.full_name, "--status", "running")
    assert rows(none.stdout)[-1] == ["no rows (total 0)"]


def test_tasks_show_and_cancel(
    runner: CliRunner, server: LiveServer, admin: Client, room: str, job: JobResponse
) -> None:
    task = submitted(admin, room, job, 42)
    shown = run(runner, server, admin, "tasks", "show", str(task.id))
    assert shown.exit_code == 0, shown.output
    fields = {row[0]: row[1] for row in rows(shown.stdout) if len(row) == 2}
    assert fields["status"] == "pending"
    assert fields["job"] == job.full_name
    assert fields["queue position"] == "1"
    assert fields["payload"] == '{"angle": 42}'
    assert fields["worker"] == "-"
    cancelled = run(runner, server, admin, "tasks", "cancel", str(task.id))
    assert cancelled.exit_code == 0, cancelled.output
    assert cancelled.stdout.strip() == f"cancelled {task.id} ({job.full_name})"
    again = run(runner, server, admin, "tasks", "show", str(task.id))
    assert {row[0]: row[1] for row in rows(again.stdout) if len(row) == 2}["status"] == "cancelled"


def test_a_refused_request_prints_the_problem_and_exits_1(
    runner: CliRunner, server: LiveServer, admin: Client, user: Client
) -> None:
    missing = uuid.uuid4()
    result = run(runner, server, admin, "tasks", "show", str(missing))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"Task not found (404): No task {missing}."
    forbidden = runner.invoke(admin_cli.app, ["stats", "--url", server.url, "--token", user.token])
    assert forbidden.exit_code == 1
    assert forbidden.stderr.startswith("Forbidden (403): ")


def test_without_a_token_or_a_server_it_says_what_to_do(runner: CliRunner, server: LiveServer) -> None:
    no_token = runner.invoke(admin_cli.app, ["workers", "ls", "--url", server.url], env={"ZNDRAW_JOBLIB_TOKEN": ""})
    assert no_token.exit_code == 1
    assert "pass --token or set ZNDRAW_JOBLIB_TOKEN" in no_token.stderr
    unreachable = runner.invoke(admin_cli.app, ["workers", "ls", "--url", "http://127.0.0.1:9", "--token", "t"])
    assert unreachable.exit_code == 1
    assert unreachable.stderr.startswith("cannot reach http://127.0.0.1:9")


def test_workers_jobs_and_stats_tables(
    runner: CliRunner, server: LiveServer, admin: Client, room: str, job: JobResponse
) -> None:
    submitted(admin, room, job, 1)
    env = {"ZNDRAW_JOBLIB_URL": server.url, "ZNDRAW_JOBLIB_TOKEN": admin.token}  # the env vars work too
    workers = runner.invoke(admin_cli.app, ["workers", "ls", "--limit", "500"], env=env)
    assert workers.exit_code == 0, workers.output
    worker_rows = {row[0]: row for row in rows(workers.stdout)[1:-1]}
    assert rows(workers.stdout)[0] == ["ID", "LAST HEARTBEAT", "AGE", "JOBS"]
    assert worker_rows[str(job.worker_id)][3] == "1"
    jobs = runner.invoke(admin_cli.app, ["jobs", "ls", "--room", room], env=env)
    assert jobs.exit_code == 0, jobs.output
    assert [job.full_name, "modifiers", "1"] in rows(jobs.stdout)
    stats = runner.invoke(admin_cli.app, ["stats", "--room", room], env=env)
    assert stats.exit_code == 0, stats.output
    table = rows(stats.stdout)
    assert table[0] == ["JOB", "PENDING", "CLAIMED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "OLDEST", "WORKERS"]
    mine = next(row for row in table if row[0] == job.full_name)
    assert mine[1:7] == ["1", "0", "0", "0", "0", "0"]
    assert re.fullmatch(r"\d+[smhd]", mine[7])
    assert mine[8] == "1"
    assert re.fullmatch(r"workers alive: \d+", table[-1][0])


def test_the_server_cli_has_the_same_commands(
    runner: CliRunner, server: LiveServer, admin: Client, room: str, job: JobResponse
) -> None:
    from zndraw_joblib import cli  # noqa: PLC0415 - the server package, installed next to the client here

    task = submitted(admin, room, job, 1)
    result = runner.invoke(cli.app, ["tasks", "ls", "--room", room, "--url", server.url, "--token", admin.token])
    assert result.exit_code == 0, result.output
    assert rows(result.stdout)[1][0] == str(task.id)
