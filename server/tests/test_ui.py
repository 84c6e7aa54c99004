"""What a browser loads: the dashboard at `/ui/` and the API docs at `/docs` and `/redoc`, every
asset from the package (no CDN), in the standalone app and mounted by a host app."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from zndraw_joblib.app import create_app
from zndraw_joblib.settings import Settings
from zndraw_joblib.ui import DashboardConfig, install_api_docs, mount_dashboard

EXTERNAL = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""")
"""An HTML attribute that loads something from another host."""


@pytest.fixture
async def http(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(data_dir=tmp_path, secret_key="test-secret-key-that-is-long-enough-for-hs256"))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://joblib.test") as client,
    ):
        yield client


def config_of(html: str) -> dict[str, object]:
    block = re.search(r'<script id="zndraw-joblib-config" type="application/json">(.*?)</script>', html)
    assert block is not None, html
    loaded: dict[str, object] = json.loads(block.group(1))
    return loaded


async def test_the_dashboard_page_and_its_assets_come_from_the_server(http: httpx.AsyncClient) -> None:
    page = await http.get("/ui/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert config_of(page.text) == {"api_base": "", "socketio_path": "/socket.io", "password_login": True}
    assert EXTERNAL.search(page.text) is None
    for asset, kind in (("app.js", "javascript"), ("app.css", "text/css")):
        response = await http.get(f"/ui/{asset}")
        assert response.status_code == 200, asset
        assert kind in response.headers["content-type"]
        assert response.headers["cache-control"] == "no-cache"
    redirected = await http.get("/ui")
    assert redirected.status_code in (307, 308)
    assert redirected.headers["location"].endswith("/ui/")


async def test_a_missing_dashboard_file_or_a_wrong_method_is_a_problem(http: httpx.AsyncClient) -> None:
    missing = await http.get("/ui/nothing-here.js")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["type"] == "/v1/problems/not-found"
    posted = await http.post("/ui/")
    assert posted.status_code == 405
    assert posted.headers["content-type"] == "application/problem+json"
    assert posted.headers["allow"] == "GET, HEAD"
    for path in ("/docs-assets/redoc/nothing.js", "/docs-assets/nothing"):
        response = await http.get(path)
        assert (response.status_code, response.headers["content-type"]) == (404, "application/problem+json"), path


@pytest.mark.parametrize(
    ("page", "assets"),
    [
        ("/docs", ["/docs-assets/swagger-ui/swagger-ui-bundle.js", "/docs-assets/swagger-ui/swagger-ui.css"]),
        ("/redoc", ["/docs-assets/redoc/redoc.standalone.js"]),
    ],
)
async def test_the_api_docs_load_only_packaged_assets(http: httpx.AsyncClient, page: str, assets: list[str]) -> None:
    response = await http.get(page)
    html = response.text
    assert EXTERNAL.search(html) is None, html
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "fonts.googleapis" not in html
    assert "/openapi.json" in html
    for asset in [*assets, "/docs-assets/swagger-ui/favicon-32x32.png"]:
        assert asset in html
        response = await http.get(asset)
        assert response.status_code == 200, asset
        assert len(response.content) > 500


async def test_a_host_app_mounts_the_dashboard_and_the_docs_where_it_serves_the_api(tmp_path: Path) -> None:
    host = FastAPI(docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    mount_dashboard(host, "/queue", DashboardConfig(api_base="/api", socketio_path="/api/ws", password_login=False))
    install_api_docs(host, title="Host", openapi_url="/api/openapi.json", docs_url="/api/docs", redoc_url="/api/redoc")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=host), base_url="http://host.test") as client:
        page = await client.get("/queue/")
        assert config_of(page.text) == {"api_base": "/api", "socketio_path": "/api/ws", "password_login": False}
        assert (await client.get("/queue/app.js")).status_code == 200
        docs = await client.get("/api/docs")
        assert "/api/openapi.json" in docs.text


def test_a_config_value_cannot_close_the_script_block() -> None:
    script = DashboardConfig(api_base="</script><script>alert(1)</script>").script()
    assert script.count("</script>") == 1
    assert json.loads(script.split(">", 1)[1].rsplit("<", 1)[0])["api_base"].startswith("</script>")
