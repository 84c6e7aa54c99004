"""The operator's dashboard (`/ui/`) and the API docs in Debian's Chromium, against a live
`zndraw-joblib serve` and a live Python worker (the worker SDK), every request that leaves the
server aborted: the pages must need nothing from the internet.

With `ZNDRAW_JOBLIB_SCREENSHOTS=1` the README's screenshots are saved into docs/.
"""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from chromium import TIMEOUT_MS, Recorder
from dashboard_page import SEEN_AT, WATCH_STATUS, OnlyLocal, screenshot, sign_in, task_row, wait_following
from playwright.sync_api import Page, expect
from sites import ADMIN_EMAIL, ADMIN_PASSWORD, ApiServer
from typing_extensions import override

from zndraw_joblib_client import Category, ClaimedTask, Client, Extension, JobManager

JOBS = "/v1/joblib"
USER_EMAIL = "operator@example.com"
USER_PASSWORD = "not-a-superuser"
LATENCY_SAMPLES = 15
LATENCY_BOUND_S = 2.0
"""A generous bound for the p50 of a state change reaching the page (a busy 2-core machine)."""


class Shout(Extension):
    """The job the live worker serves."""

    category: ClassVar[Category] = Category.ANALYSIS
    text: str = "hello"

    @override
    def run(self, ctx: Any, **kwargs: Any) -> str:
        return self.text.upper()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    """The standalone server, with the admin and open registration (for a second, regular user)."""
    served = ApiServer(
        tmp_path_factory.mktemp("dashboard-api"),
        {"admin_email": ADMIN_EMAIL, "admin_password": ADMIN_PASSWORD, "allow_registration": "true"},
    )
    try:
        served.start()
        yield served
    finally:
        served.stop()


def login(base_url: str, email: str, password: str) -> httpx.Client:
    token = httpx.post(
        f"{base_url}/v1/auth/jwt/login", data={"username": email, "password": password}, timeout=30
    ).json()["access_token"]
    return httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


@pytest.fixture(scope="module")
def admin(server: ApiServer) -> Iterator[httpx.Client]:
    with login(server.url, ADMIN_EMAIL, ADMIN_PASSWORD) as client:
        yield client


@pytest.fixture
def room() -> str:
    return f"dash-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def worker(server: ApiServer, room: str) -> Iterator[str]:
    """A live Python worker serving `<room>:analysis:Shout`; yields the job's full name."""
    client = Client.login(server.url, ADMIN_EMAIL, ADMIN_PASSWORD)

    def execute(task: ClaimedTask[Any]) -> Any:
        return task.run()

    with JobManager(client, execute=execute) as manager:
        manager.register(Shout, room=room)
        yield f"{room}:analysis:Shout"
    client.close()


@pytest.fixture
def idle_job(admin: httpx.Client, room: str) -> dict[str, Any]:
    """A job whose worker never claims (registered over REST): its tasks stay pending."""
    response = admin.put(f"{JOBS}/rooms/{room}/jobs", json={"category": "modifiers", "name": "Idle"})
    assert response.status_code == 201, response.text
    job: dict[str, Any] = response.json()
    return job


@pytest.fixture
def local(page: Page, server: ApiServer) -> OnlyLocal:
    guard = OnlyLocal(server.url)
    guard.install(page)
    return guard


def submit(client: httpx.Client, room: str, job: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    response = client.post(f"{JOBS}/rooms/{room}/tasks/{job}", json={"payload": payload or {}})
    assert response.status_code == 202, response.text
    task: dict[str, Any] = response.json()
    return task


def test_a_superuser_sees_the_workers_job_and_a_task_appear_and_complete_without_reloading(
    page: Page, server: ApiServer, admin: httpx.Client, worker: str, room: str, local: OnlyLocal,
    recorder: Recorder, tmp_path: Path,
) -> None:  # fmt: skip
    page.set_viewport_size({"width": 1440, "height": 900})  # the README's screenshots
    sign_in(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD)
    wait_following(page)
    assert "superuser" in page.get_by_test_id("signed-in").inner_text()
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads

    page.get_by_test_id(f"room-{room}").click()  # the room list follows jobs_invalidate
    job_row = page.get_by_test_id(f"job-{worker}")
    job_row.wait_for()
    page.get_by_test_id("workers").locator("tbody tr").filter(has_text="ago").first.wait_for()
    assert "ago" in job_row.inner_text(), recorder  # its worker, with the heartbeat's age

    task = submit(admin, room, worker, {"text": "from the dashboard test"})
    page.wait_for_selector(task_row(page, task["id"]))  # appeared, pushed
    page.wait_for_selector(task_row(page, task["id"], "completed"))
    assert page.evaluate("window.__sameDocument") is True
    completed = page.get_by_test_id(f"health-{worker}").locator("td").nth(4)
    expect(completed).to_have_text("1", timeout=TIMEOUT_MS)  # the counts follow the events too

    page.locator(task_row(page, task["id"])).click()
    detail = page.get_by_test_id("task-detail")
    detail.get_by_test_id("detail-result").filter(has_text="FROM THE DASHBOARD TEST").wait_for()
    assert "completed" in detail.get_by_test_id("detail-status").inner_text()
    assert "from the dashboard test" in detail.get_by_test_id("detail-payload").inner_text()
    screenshot(page, "dashboard-room", tmp_path)

    page.get_by_role("button", name="all rooms").click()
    more = [submit(admin, room, worker, {"text": f"task {n}"}) for n in range(3)]
    for later in more:
        page.wait_for_selector(task_row(page, later["id"], "completed"))
    expect(completed).to_have_text("4", timeout=TIMEOUT_MS)
    screenshot(page, "dashboard", tmp_path)
    assert local.blocked == [], local.blocked


def test_a_pending_task_is_cancelled_from_the_page(
    page: Page, server: ApiServer, admin: httpx.Client, idle_job: dict[str, Any], room: str, local: OnlyLocal
) -> None:
    sign_in(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD)
    wait_following(page)
    task = submit(admin, room, idle_job["full_name"])
    page.wait_for_selector(task_row(page, task["id"], "pending"))

    page.get_by_test_id(f"cancel-{task['id']}").click()
    page.wait_for_selector(task_row(page, task["id"], "cancelled"))
    assert admin.get(f"{JOBS}/tasks/{task['id']}").json()["status"] == "cancelled"
    assert page.get_by_test_id(f"cancel-{task['id']}").count() == 0
    assert local.blocked == []


def test_a_superuser_deletes_a_worker_from_the_page(
    page: Page, server: ApiServer, admin: httpx.Client, idle_job: dict[str, Any], room: str, local: OnlyLocal
) -> None:
    sign_in(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD)
    wait_following(page)
    page.get_by_test_id(f"room-{room}").click()
    worker_row = page.get_by_test_id(f"worker-{idle_job['worker_id']}")
    worker_row.get_by_role("button", name="Delete").click()
    worker_row.wait_for(state="detached")  # the page read the room again after jobs_invalidate
    workers = admin.get(f"{JOBS}/rooms/{room}/workers").json()["items"]
    assert idle_job["worker_id"] not in [w["id"] for w in workers]
    assert page.get_by_test_id("problem").count() == 0
    assert local.blocked == []


def test_a_forbidden_action_shows_the_problems_title(
    page: Page, server: ApiServer, admin: httpx.Client, idle_job: dict[str, Any], room: str, local: OnlyLocal,
    tmp_path: Path,
) -> None:  # fmt: skip
    registered = httpx.post(
        f"{server.url}/v1/auth/register", json={"email": USER_EMAIL, "password": USER_PASSWORD}, timeout=30
    )
    assert registered.status_code in (201, 400), registered.text  # 400: already registered by an earlier run
    page.goto(f"{server.url}/ui/")
    form = page.get_by_test_id("login-form")
    form.locator("input[name=email]").fill(USER_EMAIL)
    form.locator("input[name=password]").fill("a wrong password")
    form.locator("button[type=submit]").click()
    refused_login = page.get_by_test_id("problem-title")
    refused_login.wait_for()
    assert refused_login.inner_text() == "Bad credentials"  # the problem's title
    sign_in(page, server.url, USER_EMAIL, USER_PASSWORD)
    assert "superuser" not in page.get_by_test_id("signed-in").inner_text()
    room_form = page.get_by_test_id("room-form")
    room_form.locator("input[name=room]").fill(room)
    room_form.locator("button").click()
    wait_following(page)
    worker_row = page.get_by_test_id(f"worker-{idle_job['worker_id']}")  # the admin's worker

    worker_row.get_by_role("button", name="Delete").click()
    problem = page.get_by_test_id("problem")
    problem.wait_for()
    assert problem.get_by_test_id("problem-title").inner_text() == "Forbidden"
    assert "Traceback" not in problem.inner_text()
    workers = admin.get(f"{JOBS}/rooms/{room}/workers").json()["items"]
    assert idle_job["worker_id"] in [w["id"] for w in workers]
    screenshot(page, "dashboard-forbidden", tmp_path)
    assert local.blocked == []


def test_a_state_change_reaches_the_page_quickly(
    page: Page, server: ApiServer, admin: httpx.Client, idle_job: dict[str, Any], room: str, local: OnlyLocal
) -> None:
    """From just before the PATCH is sent to the row showing the new status (wall clock, ms)."""
    sign_in(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD)
    wait_following(page)
    worker_id = idle_job["worker_id"]
    latencies: list[float] = []
    for _ in range(LATENCY_SAMPLES):
        assert admin.patch(f"{JOBS}/workers/{worker_id}").status_code == 200  # a heartbeat: the sweeper waits
        task = submit(admin, room, idle_job["full_name"])
        page.wait_for_selector(task_row(page, task["id"], "pending"))
        claimed = admin.post(f"{JOBS}/tasks/claim", json={"worker_id": worker_id}).json()["task"]
        assert claimed["id"] == task["id"]
        page.wait_for_selector(task_row(page, task["id"], "claimed"))
        for status in ("running", "completed"):
            page.evaluate(WATCH_STATUS, [task["id"], status])
            sent = time.time()
            assert admin.patch(f"{JOBS}/tasks/{task['id']}", json={"status": status}).status_code == 200
            latencies.append(page.evaluate(SEEN_AT, [task["id"], status]) / 1000 - sent)
    p50 = statistics.median(latencies)
    print(f"\nstate change → page: p50 {p50 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms, n={len(latencies)}")  # noqa: T201
    assert p50 < LATENCY_BOUND_S, latencies
    assert local.blocked == []


@pytest.mark.parametrize(
    ("path", "marker"),
    [("/docs", ".opblock-summary-path"), ("/redoc", "[data-section-id^='tag/']")],
)
def test_the_api_docs_render_the_operations_with_the_internet_blocked(
    page: Page, server: ApiServer, local: OnlyLocal, recorder: Recorder, path: str, marker: str
) -> None:
    page.goto(f"{server.url}{path}")
    page.locator(marker).first.wait_for()
    text = page.inner_text("body")
    for operation in ("/v1/joblib/tasks/claim", "/v1/joblib/rooms/{room_id}/jobs"):
        assert operation in text, recorder
    if path == "/docs":
        assert page.locator(".opblock").count() >= 20
    assert local.blocked == [], local.blocked


def shown(first: int, last: int, total: int) -> str:
    """The pager's text, e.g. `1 to 25 of 27` with an en dash for `to`."""
    return f"{first}\N{EN DASH}{last} of {total}"


def test_tasks_come_in_pages_newest_first_and_filters_follow_the_events(
    page: Page, server: ApiServer, admin: httpx.Client, idle_job: dict[str, Any], room: str, local: OnlyLocal
) -> None:
    tasks = [submit(admin, room, idle_job["full_name"], {"n": n}) for n in range(27)]
    assert admin.patch(f"{JOBS}/tasks/{tasks[0]['id']}", json={"status": "cancelled"}).status_code == 200
    sign_in(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.get_by_test_id(f"room-{room}").click()
    wait_following(page)
    table = page.get_by_test_id("tasks")
    rows = table.locator("tbody tr")
    expect(table.get_by_test_id("page-range")).to_have_text(shown(1, 25, 27), timeout=TIMEOUT_MS)
    assert rows.first.get_attribute("data-testid") == f"task-{tasks[-1]['id']}"  # newest first

    table.get_by_role("button", name="older").click()
    expect(table.get_by_test_id("page-range")).to_have_text(shown(26, 27, 27), timeout=TIMEOUT_MS)
    assert rows.last.get_attribute("data-testid") == f"task-{tasks[0]['id']}"

    table.get_by_test_id("filter-status").select_option("pending")
    expect(table.get_by_test_id("page-range")).to_have_text(shown(1, 25, 26), timeout=TIMEOUT_MS)
    assert admin.patch(f"{JOBS}/tasks/{tasks[-1]['id']}", json={"status": "cancelled"}).status_code == 200
    page.wait_for_selector(task_row(page, tasks[-1]["id"]), state="detached")  # it left the filter, live
    page.wait_for_selector(task_row(page, tasks[1]["id"], "pending"))  # and the next page's first filled the gap
    expect(table.get_by_test_id("page-range")).to_have_text(shown(1, 25, 25), timeout=TIMEOUT_MS)

    table.get_by_test_id("filter-status").select_option("cancelled")
    expect(table.get_by_test_id("page-range")).to_have_text(shown(1, 2, 2), timeout=TIMEOUT_MS)
    fresh = submit(admin, room, idle_job["full_name"])
    assert admin.patch(f"{JOBS}/tasks/{fresh['id']}", json={"status": "cancelled"}).status_code == 200
    page.wait_for_selector(task_row(page, fresh["id"], "cancelled"))  # entered the filter, at the top
    assert rows.first.get_attribute("data-testid") == f"task-{fresh['id']}"
    assert local.blocked == []


def test_a_batch_of_tasks_appears_at_once(
    page: Page, server: ApiServer, admin: httpx.Client, idle_job: dict[str, Any], room: str, local: OnlyLocal
) -> None:
    sign_in(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.get_by_test_id(f"room-{room}").click()
    wait_following(page)
    table = page.get_by_test_id("tasks")
    expect(table.get_by_text("No tasks.")).to_be_visible(timeout=TIMEOUT_MS)

    batch = admin.post(
        f"{JOBS}/rooms/{room}/task-batches/{idle_job['full_name']}",
        json={"tasks": [{"payload": {"n": n}} for n in range(5)]},
    )
    assert batch.status_code == 202, batch.text
    for task_id in batch.json()["task_ids"]:  # one tasks_submitted event, one read of the page
        page.wait_for_selector(task_row(page, task_id, "pending"))
    expect(table.get_by_test_id("page-range")).to_have_text(shown(1, 5, 5), timeout=TIMEOUT_MS)
    assert local.blocked == []
