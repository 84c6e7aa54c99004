"""Driving the dashboard (`/ui/`) as an operator does, for tests/browser/test_dashboard.py:
sign in, wait until the page follows the queue live, find rows, and time state changes.

Every wait has a generous deadline (`chromium.TIMEOUT_MS`): the machine may be busy. Nothing
here sleeps and hopes; it waits for what the page shows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, Route

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs"
"""Where `ZNDRAW_JOBLIB_SCREENSHOTS=1` saves the README's screenshots (otherwise a temporary folder)."""

WATCH_STATUS = """
([id, status]) => {
  const selector = `[data-testid="task-${id}"][data-status="${status}"]`;
  const seen = () => document.querySelector(selector) !== null;
  window.__statusSeen = window.__statusSeen || {};
  window.__statusSeen[`${id}:${status}`] = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error(`${id} never showed ${status}`)), 60000);
    if (seen()) return resolve(Date.now());
    const observer = new MutationObserver(() => {
      if (seen()) { observer.disconnect(); resolve(Date.now()); }
    });
    const watched = { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status"] };
    observer.observe(document.body, watched);
  });
}
"""
"""Starts watching for the task's row to show `status`; `SEEN_AT` then gives when (epoch ms).
Started before the change is sent, so the moment is taken by the page the instant it renders."""

SEEN_AT = "([id, status]) => window.__statusSeen[`${id}:${status}`]"
"""The wall-clock time (epoch ms) at which a watched row first showed the status (awaits it)."""


@dataclass
class OnlyLocal:
    """Aborts every request of a page that leaves the server under test, and remembers them."""

    origin: str
    blocked: list[str] = field(default_factory=list)

    def install(self, page: Page) -> None:
        page.route("**/*", self._route)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith((self.origin, "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Open `/ui/`, sign in with the form, and wait until the page shows the user."""
    page.goto(f"{base_url}/ui/")
    form = page.get_by_test_id("login-form")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.get_by_test_id("signed-in").filter(has_text=email).wait_for()


def wait_following(page: Page) -> None:
    """Wait until the page's socket has joined what it follows (events from now on reach it)."""
    page.wait_for_selector("body[data-live=following]", state="attached")


def task_row(page: Page, task_id: str, status: str | None = None) -> str:
    """The selector of a task's row (in `status`, when given)."""
    selector = f'[data-testid="task-{task_id}"]'
    return selector if status is None else f'{selector}[data-status="{status}"]'


def screenshot(page: Page, name: str, fallback: Path) -> Path:
    """Save a screenshot as `docs/<name>.png` when asked to (README's images), else in `fallback`."""
    folder = SCREENSHOTS if os.environ.get("ZNDRAW_JOBLIB_SCREENSHOTS") else fallback
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
