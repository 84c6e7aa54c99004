"""Login, registration and the current user (fastapi-users underneath)."""

from __future__ import annotations

from actors import PASSWORD, ClientFactory, User
from pydantic import SecretStr

from zndraw_joblib import auth
from zndraw_joblib.context import Runtime
from zndraw_joblib.settings import Settings


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
