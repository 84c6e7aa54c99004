"""Fixtures of the browser tests: one Chromium per module, a fresh page per test, the
bundled page served from its own origin, and an API server that allows that origin (CORS)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import Recorder, launch
from playwright.sync_api import BrowserContext, Page
from sites import ADMIN_EMAIL, ADMIN_PASSWORD, ApiServer, StaticSite, bundle_page

PAGE_SOURCE = Path(__file__).parent / "page"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Chromium for the tests of one module. Not for the session: while it is open, Playwright's
    sync API keeps an event loop running in the main thread, which asyncio tests collected
    after it in the same pytest run could not start theirs beside."""
    with launch(tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context


@pytest.fixture(scope="session")
def page_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundle_page(PAGE_SOURCE, tmp_path_factory.mktemp("page"))


@pytest.fixture(scope="session")
def site(page_folder: Path) -> Iterator[StaticSite]:
    """The page, on its own origin (the one the API allows)."""
    served = StaticSite(page_folder)
    served.start()
    yield served
    served.stop()


@pytest.fixture(scope="session")
def foreign_site(page_folder: Path) -> Iterator[StaticSite]:
    """The same page on an origin the API does not allow."""
    served = StaticSite(page_folder)
    served.start()
    yield served
    served.stop()


@pytest.fixture(scope="session")
def api(tmp_path_factory: pytest.TempPathFactory, site: StaticSite) -> Iterator[ApiServer]:
    server = ApiServer(
        tmp_path_factory.mktemp("api"),
        {
            "admin_email": ADMIN_EMAIL,
            "admin_password": ADMIN_PASSWORD,
            "cors_allowed_origins": f'["{site.url}"]',
        },
    )
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def page(browser: BrowserContext, recorder: Recorder) -> Iterator[Page]:
    """A fresh tab; its console and errors go to `recorder`."""
    tab = browser.new_page()
    recorder.attach(tab)
    yield tab
    tab.close()
