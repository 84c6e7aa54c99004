"""The TypeScript client in a real browser, on another origin than the API.

Node does not enforce CORS, a browser does: these tests load a page bundled with
@zndraw/joblib-client from one origin and talk to the API on another, in Debian's Chromium.
A Python worker (the worker SDK) serves the job the page submits.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from chromium import Recorder
from playwright.sync_api import Error, Page
from sites import ADMIN_EMAIL, ADMIN_PASSWORD, ApiServer, StaticSite
from typing_extensions import override

from zndraw_joblib_client import Category, ClaimedTask, Client, Extension, JobManager


class Shout(Extension):
    """The job the page submits; the worker below runs it."""

    category: ClassVar[Category] = Category.ANALYSIS
    text: str = "hello"

    @override
    def run(self, ctx: Any, **kwargs: Any) -> str:
        return self.text.upper()


@pytest.fixture
def room() -> str:
    return f"browser-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def worker(api: ApiServer, room: str) -> Iterator[JobManager]:
    """A Python worker serving `<room>:analysis:Shout`."""
    ran: list[str] = []

    def execute(task: ClaimedTask[Any]) -> None:
        ran.append(task.run())

    client = Client.login(api.url, ADMIN_EMAIL, ADMIN_PASSWORD)
    with JobManager(client, execute=execute) as manager:
        manager.register(Shout, room=room)
        yield manager
    client.close()


def open_page(page: Page, site: StaticSite, api: ApiServer) -> None:
    page.goto(f"{site.url}/index.html?api={api.url}")
    page.wait_for_selector("body[data-ready=true]")


def test_login_jobs_submit_events_and_watch_work_from_another_origin(
    page: Page, site: StaticSite, api: ApiServer, worker: JobManager, room: str, recorder: Recorder
) -> None:
    assert site.url != api.url
    open_page(page, site, api)

    page.evaluate("([email, password]) => joblib.signIn(email, password)", [ADMIN_EMAIL, ADMIN_PASSWORD])
    jobs = page.evaluate("(room) => joblib.listJobs(room)", room)
    assert f"{room}:analysis:Shout" in jobs, recorder

    transport = page.evaluate("(room) => joblib.connect(room, 30000)", room)
    assert transport in ("polling", "websocket"), recorder

    done = page.evaluate(
        "([room, job]) => joblib.submitAndWatch(room, job, { text: 'from the browser' })",
        [room, f"{room}:analysis:Shout"],
    )
    assert done["status"] == "completed", recorder
    # every status change was pushed to the page over Socket.IO, the terminal one included
    page.wait_for_function("(id) => joblib.statusesPushed(id).includes('completed')", arg=done["id"])
    assert page.evaluate("(id) => joblib.statusesPushed(id)", done["id"]) == [
        "pending",
        "claimed",
        "running",
        "completed",
    ], recorder
    assert page.locator("#log li").filter(has_text=f"watched {done['id']} to completed").count() == 1


def test_an_origin_the_api_does_not_allow_is_refused_by_the_browser(
    page: Page, foreign_site: StaticSite, api: ApiServer, recorder: Recorder
) -> None:
    """The control: the browser enforces CORS here, so the test above proves the headers."""
    open_page(page, foreign_site, api)
    with pytest.raises(Error, match="Failed to fetch"):
        page.evaluate("([email, password]) => joblib.signIn(email, password)", [ADMIN_EMAIL, ADMIN_PASSWORD])
    assert any("CORS policy" in line for line in recorder.lines), recorder
