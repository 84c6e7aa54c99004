"""AUTH: accounts and tokens: registration, logins, their rate limit."""

from __future__ import annotations

import secrets

import httpx

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, NotApplicable, Violation, check
from zndraw_joblib_conformance.traffic import Http

ACCESS = "openapi.yaml info.description, Access"


async def _account(ctx: Context) -> tuple[str, str]:
    """A fresh account (registered with the superuser's token); not applicable if the server refuses."""
    email, password = f"conformance-{secrets.token_hex(5)}@example.com", secrets.token_urlsafe(16)
    created = await ctx.admin.post("/v1/auth/register", json={"email": email, "password": password})
    if created.status_code != 201:
        raise NotApplicable(f"cannot create an account here (registration answered {created.status_code})")
    return email, password


async def _login(http: Http, email: str, password: str) -> httpx.Response:
    return await http.post("/v1/auth/jwt/login", data={"username": email, "password": password})


@check(
    "AUTH-login",
    rule="A login with the right password answers a bearer token that works; a wrong password answers 400 "
    "`bad-credentials`; a taken email cannot register again (409 `user-already-exists`).",
    source="openapi.yaml login, registerUser",
)
async def logins_give_tokens(ctx: Context) -> None:
    email, password = await _account(ctx)
    wrong = await _login(ctx.anonymous, email, password + "-wrong")
    steps.expect_problem(ctx.anonymous, wrong, 400, "bad-credentials", what="a login with a wrong password")
    right = steps.expect(ctx.anonymous, await _login(ctx.anonymous, email, password), 200, what="a login")
    if right.get("token_type") != "bearer":
        raise Violation(f"the login answered token_type {right.get('token_type')!r}")
    me = await ctx.anonymous.get("/v1/users/me", headers={"Authorization": f"Bearer {right['access_token']}"})
    user = steps.expect(ctx.anonymous, me, 200, what="the new token on /v1/users/me")
    if user.get("email") != email or user.get("is_superuser") is not False:
        raise Violation(f"/v1/users/me answered {user!r} for the new account")
    again = await ctx.admin.post("/v1/auth/register", json={"email": email, "password": password})
    steps.expect_problem(ctx.admin, again, 409, "user-already-exists", what="registering a taken email")


@check(
    "AUTH-registration",
    rule="Self-registration (no token) either creates a regular account (201, open registration) or answers "
    "403 `registration-closed`.",
    source=ACCESS,
)
async def self_registration_is_open_or_closed(ctx: Context) -> None:
    email = f"conformance-{secrets.token_hex(5)}@example.com"
    response = await ctx.anonymous.post("/v1/auth/register", json={"email": email, "password": "long-enough-pw"})
    if response.status_code == 201:
        if response.json().get("is_superuser") is not False:
            raise Violation("a self-registered account is a superuser", ctx.anonymous.curl(response))
        return
    steps.expect_problem(ctx.anonymous, response, 403, "registration-closed", what="self-registration")


@check(
    "AUTH-login-rate-limit",
    rule="After 10 failed logins of an account within 60 s its logins answer 429 `too-many-requests` with "
    "`Retry-After`.",
    source=ACCESS,
)
async def failed_logins_are_rate_limited(ctx: Context) -> None:
    email, _ = await _account(ctx)
    statuses = [(await _login(ctx.anonymous, email, f"wrong-{i}")).status_code for i in range(10)]
    if 429 in statuses[:10]:
        raise Violation(f"logins were limited before 10 failures: {statuses}")
    limited = await _login(ctx.anonymous, email, "wrong-again")
    steps.expect_problem(ctx.anonymous, limited, 429, "too-many-requests", what="the 11th failed login")
    if not limited.headers.get("retry-after", "").isdigit():
        raise Violation("the 429 has no numeric Retry-After", ctx.anonymous.curl(limited))
