"""Debian's Chromium driven by Playwright: the one place the browser tests launch a browser.

`/usr/bin/chromium` comes from the Debian package (`scripts/chromium.sh`, run by `make test`);
Playwright's own browser download (`playwright install`) is not used. Each launch gets a fresh
profile folder. `Recorder` keeps what a page printed to its console and the errors it raised,
for the assertion messages of a failing test.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, sync_playwright

CHROMIUM = Path(os.environ.get("ZNDRAW_JOBLIB_CHROMIUM", "/usr/bin/chromium"))
"""The browser binary (Debian's package)."""

FLAGS = (
    "--headless",
    "--no-sandbox",  # runs as root in CI containers
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # no calls home: the machine may have no internet
    "--disable-component-update",
    "--disable-sync",
)

TIMEOUT_MS = 60_000
"""Milliseconds a page action or `page.evaluate` may take (a loaded 2-core machine)."""


@contextlib.contextmanager
def launch(profile: Path) -> Iterator[BrowserContext]:
    """A headless Chromium with a fresh profile in `profile`; closed on exit."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: run scripts/chromium.sh (make test does)")
    profile.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=list(FLAGS)
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context
        finally:
            context.close()


@dataclass
class Recorder:
    """A page's console lines and uncaught errors."""

    lines: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", self._error)

    def _console(self, message: ConsoleMessage) -> None:
        self.lines.append(f"console.{message.type}: {message.text}")

    def _error(self, error: Error) -> None:
        self.lines.append(f"pageerror: {error.message}")

    def __str__(self) -> str:
        return "\n".join(self.lines) or "(the page printed nothing)"
