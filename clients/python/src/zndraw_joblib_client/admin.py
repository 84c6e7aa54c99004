"""The admin CLI: `tasks ls|show|cancel`, `workers ls`, `jobs ls`, `stats` against a server.

Built on the generated client (`Client.call`), so it speaks exactly the contract and gets the
same problem → exception mapping as the worker SDK. It lives in the client package because an
operator's laptop needs the client, not the server. Two ways in, one set of commands:

- `zndraw-joblib tasks ls …`: the server's CLI mounts these groups when the client is installed
  (as it is next to the server in a development or operator install);
- `zndraw-joblib-admin tasks ls …`: this package's own entry point, for machines with only the client.

Every command takes `--url` (`ZNDRAW_JOBLIB_URL`, default `http://127.0.0.1:8000`) and `--token`
(`ZNDRAW_JOBLIB_TOKEN`; e.g. from `zndraw-joblib token EMAIL`). A refused or failed request
prints the problem's title and detail on stderr and exits 1; nothing prints a traceback.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from typing import Annotated, Any

import typer

from . import errors, tables
from ._generated.api.jobs import get_room_stats, get_stats, list_jobs
from ._generated.api.tasks import get_task, list_job_tasks, list_room_tasks, list_tasks, update_task
from ._generated.api.workers import list_workers
from ._generated.models import (
    JobPage,
    QueueStats,
    TaskPage,
    TaskResponse,
    TaskStatus,
    TaskUpdateRequest,
    WorkerPage,
)
from ._generated.types import UNSET
from .connection import ENV_TOKEN, ENV_URL, URL_DEFAULT, Client

Url = Annotated[str, typer.Option("--url", envvar=ENV_URL, help="the server")]
Token = Annotated[
    str | None, typer.Option("--token", envvar=ENV_TOKEN, help="a bearer token (zndraw-joblib token EMAIL)")
]
Limit = Annotated[int, typer.Option(min=0, max=500, help="rows per page")]
Offset = Annotated[int, typer.Option(min=0, help="rows to skip")]

tasks = typer.Typer(help="List, inspect and cancel tasks.", no_args_is_help=True)
workers = typer.Typer(help="List workers.", no_args_is_help=True)
jobs = typer.Typer(help="List jobs.", no_args_is_help=True)
app = typer.Typer(help="zndraw-joblib administration over the REST API.", no_args_is_help=True)


@contextlib.contextmanager
def connected(url: str, token: str | None) -> Iterator[Client]:
    """A client for the command; a failed request becomes a one-line message and exit status 1."""
    if not token:
        typer.echo(f"no token: pass --token or set {ENV_TOKEN} (zndraw-joblib token EMAIL prints one)", err=True)
        raise typer.Exit(1)
    client = Client(url, token, retry_timeout=0)
    try:
        yield client
    except errors.APIConnectionError as exc:
        typer.echo(f"cannot reach {url}: {exc}", err=True)
        raise typer.Exit(1) from None
    except errors.JobLibError as exc:
        status = f" ({exc.status})" if exc.status else ""
        detail = f": {exc.detail}" if exc.detail else ""
        typer.echo(f"{exc.title or type(exc).__name__}{status}{detail}", err=True)
        raise typer.Exit(1) from None
    finally:
        client.close()


def _footer(shown: int, total: int, offset: int) -> str:
    if shown == 0:
        return f"no rows (total {total})"
    return f"{offset + 1}-{offset + shown} of {total}"


@tasks.command("ls")
def tasks_ls(
    *,
    url: Url = URL_DEFAULT,
    token: Token = None,
    room: Annotated[str | None, typer.Option(help="tasks submitted to this room (any user who may read it)")] = None,
    job: Annotated[str | None, typer.Option(help="tasks of this job (full name)")] = None,
    status: Annotated[TaskStatus | None, typer.Option(help="only tasks in this state")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> None:
    """Tasks, newest first: of a room (`--room`), of a room's job (`--room --job`), or of every
    room (superusers; `--job` alone filters by job)."""
    with connected(url, token) as client:
        wanted: dict[str, Any] = {"status": status if status is not None else UNSET, "limit": limit, "offset": offset}
        if room is not None and job is not None:
            page = client.call(list_job_tasks.sync_detailed, TaskPage, room_id=room, job_name=job, **wanted)
        elif room is not None:
            page = client.call(list_room_tasks.sync_detailed, TaskPage, room_id=room, **wanted)
        else:
            page = client.call(list_tasks.sync_detailed, TaskPage, job_name=job or UNSET, **wanted)
    rows = [
        (t.id, t.job_name, t.room_id, t.status, f"{t.attempt}/{t.max_attempts}", tables.when(t.created_at), t.worker_id)
        for t in page.items
    ]
    typer.echo(tables.table(("ID", "JOB", "ROOM", "STATUS", "ATTEMPT", "CREATED", "WORKER"), rows))
    typer.echo(_footer(len(page.items), page.total, page.offset))


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


@tasks.command("show")
def tasks_show(task_id: uuid.UUID, url: Url = URL_DEFAULT, token: Token = None) -> None:
    """One task: state, timings, worker, payload, error, progress and result."""
    with connected(url, token) as client:
        task = client.call(get_task.sync_detailed, TaskResponse, task_id=task_id)
    progress = task.progress.to_dict() if task.progress is not None else None
    fields: list[tuple[str, object]] = [
        ("id", task.id),
        ("job", task.job_name),
        ("room", task.room_id),
        ("status", task.status),
        ("queue position", task.queue_position),
        ("priority", task.priority),
        ("attempt", f"{task.attempt}/{task.max_attempts}"),
        ("created", tables.when(task.created_at)),
        ("claimed", tables.when(task.claimed_at)),
        ("started", tables.when(task.started_at)),
        ("ended", tables.when(task.completed_at)),
        ("worker", task.worker_id),
        ("error", task.error),
        ("payload", _json(task.payload.to_dict())),
        ("progress", _json(progress) if progress is not None else None),
        ("result", _json(task.result) if task.result is not None else None),
    ]
    width = max(len(name) for name, _ in fields)
    for name, shown in fields:
        typer.echo(f"{name.ljust(width)}  {tables.NONE if shown is None else shown}")


@tasks.command("cancel")
def tasks_cancel(
    task_ids: Annotated[list[uuid.UUID], typer.Argument(help="one or more task ids")],
    url: Url = URL_DEFAULT,
    token: Token = None,
) -> None:
    """Cancel tasks that are pending, claimed or running (their submitter, the claiming worker's
    owner, or a superuser); a claimed or running task's worker is told to stop."""
    with connected(url, token) as client:
        for task_id in task_ids:
            body = TaskUpdateRequest(status=TaskStatus.CANCELLED)
            task = client.call(update_task.sync_detailed, TaskResponse, task_id=task_id, body=body)
            typer.echo(f"cancelled {task.id} ({task.job_name})")


@workers.command("ls")
def workers_ls(*, url: Url = URL_DEFAULT, token: Token = None, limit: Limit = 50, offset: Offset = 0) -> None:
    """Workers, newest first, with their last heartbeat and how many jobs they serve."""
    with connected(url, token) as client:
        page = client.call(list_workers.sync_detailed, WorkerPage, limit=limit, offset=offset)
    rows = [(w.id, tables.when(w.last_heartbeat), tables.age(w.last_heartbeat), w.job_count) for w in page.items]
    typer.echo(tables.table(("ID", "LAST HEARTBEAT", "AGE", "JOBS"), rows))
    typer.echo(_footer(len(page.items), page.total, page.offset))


@jobs.command("ls")
def jobs_ls(
    *,
    url: Url = URL_DEFAULT,
    token: Token = None,
    room: Annotated[str, typer.Option(help="jobs visible from this room (@global: the global ones)")] = "@global",
    limit: Limit = 50,
    offset: Offset = 0,
) -> None:
    """Jobs visible from a room, with the number of workers serving each."""
    with connected(url, token) as client:
        page = client.call(list_jobs.sync_detailed, JobPage, room_id=room, limit=limit, offset=offset)
    rows = [(j.full_name, j.category, len(j.workers)) for j in page.items]
    typer.echo(tables.table(("JOB", "CATEGORY", "WORKERS"), rows))
    typer.echo(_footer(len(page.items), page.total, page.offset))


@app.command("stats")
def stats(
    *,
    url: Url = URL_DEFAULT,
    token: Token = None,
    room: Annotated[str | None, typer.Option(help="one room's view (default: every room, superusers)")] = None,
) -> None:
    """Queue health per job: tasks by state (ended ones over 24 h), oldest pending, workers."""
    with connected(url, token) as client:
        if room is None:
            found = client.call(get_stats.sync_detailed, QueueStats)
        else:
            found = client.call(get_room_stats.sync_detailed, QueueStats, room_id=room)
    rows = [
        (
            j.full_name,
            j.counts.pending,
            j.counts.claimed,
            j.counts.running,
            j.counts.completed,
            j.counts.failed,
            j.counts.cancelled,
            tables.age(j.oldest_pending_at, found.generated_at),
            j.workers,
        )
        for j in found.jobs
    ]
    headers = ("JOB", "PENDING", "CLAIMED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "OLDEST", "WORKERS")
    typer.echo(tables.table(headers, rows))
    typer.echo(f"workers alive: {found.workers_alive}")


def register(cli: typer.Typer) -> None:
    """Mount the admin groups and commands on another CLI (the server's `zndraw-joblib`)."""
    cli.add_typer(tasks, name="tasks")
    cli.add_typer(workers, name="workers")
    cli.add_typer(jobs, name="jobs")
    cli.command("stats")(stats)


app.add_typer(tasks, name="tasks")
app.add_typer(workers, name="workers")
app.add_typer(jobs, name="jobs")

if __name__ == "__main__":  # pragma: no cover
    app()
