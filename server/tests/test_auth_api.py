"""Login, registration and the current user (fastapi-users underneath)."""

from __future__ import annotations

import asyncio
import time

import pytest
from actors import PASSWORD, ClientFactory, User
from pydantic import SecretStr

from zndraw_joblib import auth
from zndraw_joblib.context import Runtime
from zndraw_joblib.settings import Settings


async def test_self_registration_is_closed_by_default_but_a_superuser_may_create_accounts(
    client_for: ClientFactory, admin: User, alice: User
) -> None:
    body = {"email": "carol@example.com", "password": "a-good-password"}
    for refused in (client_for(None), client_for(alice)):
        response = await refused.post("/v1/auth/register", json=body)
        assert response.status_code == 403
        assert response.json()["type"] == "/v1/problems/registration-closed"
    created = await client_for(admin).post("/v1/auth/register", json=body)
    assert created.status_code == 201
    assert created.json()["is_superuser"] is False


@pytest.mark.settings(allow_registration=True)
async def test_register_then_login_then_me(client_for: ClientFactory) -> None:
    anonymous = client_for(None)
    created = await anonymous.post(
        "/v1/auth/register", json={"email": "carol@example.com", "password": "a-good-password"}
    )
    assert created.status_code == 201
    assert created.json()["is_superuser"] is False
    login = await anonymous.post(
        "/v1/auth/jwt/login", data={"username": "carol@example.com", "password": "a-good-password"}
    )
    assert login.status_code == 200
    token = login.json()
    assert token["token_type"] == "bearer"
    me = await anonymous.get("/v1/users/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.json()["email"] == "carol@example.com"


@pytest.mark.settings(allow_registration=True)
async def test_registration_cannot_make_superusers(client_for: ClientFactory) -> None:
    response = await client_for(None).post(
        "/v1/auth/register", json={"email": "eve@example.com", "password": "a-good-password", "is_superuser": True}
    )
    assert response.status_code == 422


async def test_bad_credentials_are_400(client_for: ClientFactory, alice: User) -> None:
    anonymous = client_for(None)
    wrong = await anonymous.post("/v1/auth/jwt/login", data={"username": alice.email, "password": "wrong"})
    assert wrong.status_code == 400
    assert wrong.json()["type"] == "/v1/problems/bad-credentials"
    right = await anonymous.post("/v1/auth/jwt/login", data={"username": alice.email, "password": PASSWORD})
    assert right.status_code == 200
    missing = await anonymous.post("/v1/auth/jwt/login", data={"username": alice.email})
    assert missing.status_code == 422


@pytest.mark.settings(allow_registration=True)
async def test_short_passwords_and_bad_emails_are_422(client_for: ClientFactory) -> None:
    for body in ({"email": "x@example.com", "password": "short"}, {"email": "not-an-email", "password": "long-enough"}):
        assert (await client_for(None).post("/v1/auth/register", json=body)).status_code == 422


async def test_the_configured_admin_is_ensured_with_the_configured_password(
    runtime: Runtime, settings: Settings
) -> None:
    update = {"admin_email": "root@example.com", "admin_password": SecretStr("root-password")}
    configured = settings.model_copy(update=update)
    assert runtime.sessionmaker is not None
    first = await auth.ensure_admin(runtime.sessionmaker, configured)
    again = await auth.ensure_admin(runtime.sessionmaker, configured)
    assert first is not None
    assert again is not None
    assert first.id == again.id
    assert again.is_superuser
    async with runtime.sessionmaker() as session:
        assert await auth.login(session, configured, email="root@example.com", password="root-password")


async def test_two_starts_at_once_ensure_one_admin(runtime: Runtime, settings: Settings) -> None:
    update = {"admin_email": "race@example.com", "admin_password": SecretStr("race-password")}
    configured = settings.model_copy(update=update)
    assert runtime.sessionmaker is not None
    first, second = await asyncio.gather(
        auth.ensure_admin(runtime.sessionmaker, configured), auth.ensure_admin(runtime.sessionmaker, configured)
    )
    assert first is not None
    assert second is not None
    assert first.id == second.id


async def test_a_login_hashes_off_the_event_loop(client_for: ClientFactory, alice: User) -> None:
    """While eight logins run, a probe on the same loop keeps answering within a few ms."""
    anonymous = client_for(None)
    body = {"username": alice.email, "password": PASSWORD}
    gaps: list[float] = []

    async def probe() -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(0.001)
            gaps.append(time.perf_counter() - started)

    ticker = asyncio.create_task(probe())
    logins = await asyncio.gather(*(anonymous.post("/v1/auth/jwt/login", data=body) for _ in range(8)))
    ticker.cancel()
    assert all(r.status_code == 200 for r in logins)
    assert len(gaps) > 10
    # seconds; on the loop each argon2 check held it ~200 ms here, so most gaps were that long
    assert sorted(gaps)[int(len(gaps) * 0.95)] < 0.1


async def test_failed_logins_are_limited_per_account(client_for: ClientFactory, alice: User, bob: User) -> None:
    anonymous = client_for(None)
    for _ in range(auth.MAX_FAILED_LOGINS):
        wrong = await anonymous.post("/v1/auth/jwt/login", data={"username": alice.email, "password": "wrong-pw"})
        assert wrong.status_code == 400
    limited = await anonymous.post("/v1/auth/jwt/login", data={"username": alice.email, "password": PASSWORD})
    assert limited.status_code == 429
    assert limited.json()["type"] == "/v1/problems/too-many-requests"
    assert 1 <= int(limited.headers["Retry-After"]) <= auth.FAILED_LOGIN_WINDOW_SECONDS
    other = await anonymous.post("/v1/auth/jwt/login", data={"username": bob.email, "password": PASSWORD})
    assert other.status_code == 200


def test_the_login_limiter_forgets_failures_after_its_window() -> None:
    now = [0.0]
    limiter = auth.LoginLimiter(max_failures=2, window_seconds=10, clock=lambda: now[0])
    limiter.failed("a@example.com")
    limiter.failed("A@example.com")
    with pytest.raises(Exception, match="Too many failed logins"):
        limiter.check("a@example.com")
    now[0] = 10.5
    limiter.check("a@example.com")
    limiter.failed("a@example.com")
    limiter.succeeded("a@example.com")
    limiter.check("a@example.com")
