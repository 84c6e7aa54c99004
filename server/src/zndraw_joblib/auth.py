"""Users and bearer tokens of the standalone server, built on fastapi-users.

fastapi-users provides the user table access, the password hashing scheme (argon2 through
pwdlib) and JWT minting. Hashing is deliberately slow (~50 ms of CPU), so it never runs on the
event loop: `Passwords` hashes and verifies in at most `HASH_THREADS` worker threads, queues at
most `HASH_QUEUE` more callers (then 503), and a login runs the hash even for an unknown email so
the answer takes as long either way. `LoginLimiter` refuses an account's logins (429) after
`MAX_FAILED_LOGINS` failures within `FAILED_LOGIN_WINDOW_SECONDS` (per process).

Reading a token is on every request's path, so `Authenticator` decodes the JWT itself (same
audience and algorithm as fastapi-users' `JWTStrategy`) and keeps the user it resolves for a
few seconds: a deactivated user or a revoked superuser flag takes effect within
`USER_CACHE_SECONDS`, and a request does not pay a database round trip just to learn who asks.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import jwt
from fastapi_users import BaseUserManager, UUIDIDMixin, exceptions
from fastapi_users.authentication import JWTStrategy
from fastapi_users.jwt import decode_jwt
from fastapi_users.password import PasswordHelper
from fastapi_users_db_sqlalchemy import SQLAlchemyUserDatabase
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from . import problems
from .settings import Settings
from .store.tables import User, user_table

TOKEN_AUDIENCE = ["fastapi-users:auth"]
USER_CACHE_SECONDS = 5.0
TOKEN_CACHE_SIZE = 10_000
MIN_PASSWORD_LENGTH = 8  # as `UserCreate.password` in openapi.yaml
HASH_THREADS = 2
HASH_QUEUE = 32
MAX_FAILED_LOGINS = 10
FAILED_LOGIN_WINDOW_SECONDS = 60.0


class Passwords:
    """Hash and verify off the event loop, with bounded concurrency and a bounded queue."""

    def __init__(self, threads: int = HASH_THREADS, queue: int = HASH_QUEUE) -> None:
        self.helper = PasswordHelper()
        self._threads = asyncio.Semaphore(threads)
        self._capacity = threads + queue
        self._callers = 0

    async def _run(self, function: Callable[..., Any], *args: Any) -> Any:
        if self._callers >= self._capacity:
            raise problems.ServiceUnavailable(
                "Too many logins are being checked right now; try again shortly.", safe_to_retry=True
            )
        self._callers += 1
        try:
            async with self._threads:
                return await asyncio.to_thread(function, *args)
        finally:
            self._callers -= 1

    async def hash(self, password: str) -> str:
        hashed: str = await self._run(self.helper.hash, password)
        return hashed

    async def verify(self, password: str, hashed: str) -> tuple[bool, str | None]:
        """Whether it matches, and a stronger hash to store when the scheme moved on."""
        result: tuple[bool, str | None] = await self._run(self.helper.verify_and_update, password, hashed)
        return result


class LoginLimiter:
    """Failed logins per account in a sliding window; in-process, so per replica."""

    def __init__(
        self,
        max_failures: int = MAX_FAILED_LOGINS,
        window_seconds: float = FAILED_LOGIN_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, account: str) -> deque[float]:
        failures = self._failures.get(account.lower())
        if failures is None:
            return deque()
        cutoff = self._clock() - self.window_seconds
        while failures and failures[0] <= cutoff:
            failures.popleft()
        return failures

    def check(self, account: str) -> None:
        """429 while the account has used up its failures in the window."""
        failures = self._recent(account)
        if len(failures) >= self.max_failures:
            wait = math.ceil(failures[0] + self.window_seconds - self._clock())
            raise problems.TooManyRequests(
                f"Too many failed logins for this account; try again in {max(wait, 1)} s.",
                headers={"Retry-After": str(max(wait, 1))},
            )

    def failed(self, account: str) -> None:
        if len(self._failures) > TOKEN_CACHE_SIZE:  # bounded memory under a spray of unknown emails
            self._failures.clear()
        self._failures.setdefault(account.lower(), deque()).append(self._clock())

    def succeeded(self, account: str) -> None:
        self._failures.pop(account.lower(), None)


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a token belongs to; what the rest of the server needs to know about a user."""

    id: UUID
    email: str
    is_active: bool
    is_superuser: bool
    is_verified: bool


class UserManager(UUIDIDMixin, BaseUserManager[User, UUID]):
    """fastapi-users' manager; the reset/verify token secrets are the JWT secret."""


class _Credentials:
    """The two fields of OAuth2PasswordRequestForm that `authenticate` reads."""

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        self.password = password


def user_manager(session: AsyncSession, settings: Settings) -> UserManager:
    manager = UserManager(SQLAlchemyUserDatabase(session, User))
    manager.reset_password_token_secret = manager.verification_token_secret = settings.jwt_secret()
    return manager


def jwt_strategy(settings: Settings) -> JWTStrategy[User, UUID]:
    return JWTStrategy(
        secret=settings.jwt_secret(),
        lifetime_seconds=settings.token_lifetime_seconds,
        token_audience=TOKEN_AUDIENCE,
    )


def identity_of(user: Any) -> Identity:
    return Identity(
        id=user.id,
        email=user.email,
        is_active=bool(user.is_active),
        is_superuser=bool(user.is_superuser),
        is_verified=bool(user.is_verified),
    )


class Authenticator:
    """Bearer token → `Identity`, with a short per-process cache of users."""

    def __init__(
        self,
        settings: Settings,
        sessionmaker: async_sessionmaker[AsyncSession],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._secret = settings.jwt_secret()
        self._sessionmaker = sessionmaker
        self._clock = clock
        self._cache: dict[UUID, tuple[float, Identity | None]] = {}
        self._tokens: dict[str, tuple[float, UUID]] = {}
        self.passwords = Passwords()
        self.logins = LoginLimiter(clock=clock)

    def user_id_of(self, token: str) -> UUID | None:
        """The token's user if it verifies; a verified token is remembered until it expires
        or for `USER_CACHE_SECONDS`, whichever comes first (decoding is on every request)."""
        now = self._clock()
        known = self._tokens.get(token)
        if known is not None and known[0] > now:
            return known[1]
        try:
            data = decode_jwt(token, self._secret, TOKEN_AUDIENCE, algorithms=["HS256"])
            user_id = UUID(str(data["sub"]))
        except (jwt.PyJWTError, KeyError, ValueError):
            return None
        lifetime = float(data["exp"]) - time.time() if "exp" in data else USER_CACHE_SECONDS
        if len(self._tokens) > TOKEN_CACHE_SIZE:
            self._tokens.clear()
        self._tokens[token] = (now + min(USER_CACHE_SECONDS, lifetime), user_id)
        return user_id

    async def identify(self, token: str | None) -> Identity | None:
        """The active user the token belongs to, or None."""
        if not token:
            return None
        user_id = self.user_id_of(token)
        if user_id is None:
            return None
        now = self._clock()
        cached = self._cache.get(user_id)
        if cached is not None and cached[0] > now:
            identity = cached[1]
        else:
            async with self._sessionmaker() as session:
                row = (await session.execute(select(user_table).where(user_table.c.id == user_id))).mappings().first()
            identity = identity_of(_Row(row)) if row is not None else None
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[user_id] = (now + USER_CACHE_SECONDS, identity)
        return identity if identity is not None and identity.is_active else None

    def forget(self, user_id: UUID) -> None:
        self._cache.pop(user_id, None)


class _Row:
    """Attribute access to a row mapping (for `identity_of`)."""

    def __init__(self, mapping: Any) -> None:
        self.__dict__.update(dict(mapping))


async def create_user(
    session: AsyncSession,
    settings: Settings,
    *,
    email: str,
    password: str,
    superuser: bool = False,
    passwords: Passwords | None = None,
) -> Identity:
    """Create a user, or raise fastapi-users' `UserAlreadyExists` / `InvalidPasswordException`.

    The password is hashed off the event loop. Two creations of one email at once (two replicas
    ensuring the same admin) end with one user and `UserAlreadyExists` for the other, whichever
    of the existence check and the unique index notices first. Takes the caller's session: the
    embedded SQLite pool has one connection, so opening a second session would wait forever.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise exceptions.InvalidPasswordException(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    manager = user_manager(session, settings)
    if await manager.user_db.get_by_email(email) is not None:
        raise exceptions.UserAlreadyExists
    hashed = await (passwords or Passwords()).hash(password)
    try:
        user = await manager.user_db.create(
            {
                "email": email,
                "hashed_password": hashed,
                "is_superuser": superuser,
                "is_active": True,
                "is_verified": superuser,
            }
        )
    except IntegrityError:
        await session.rollback()
        raise exceptions.UserAlreadyExists from None
    return identity_of(user)


async def ensure_admin(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, passwords: Passwords | None = None
) -> Identity | None:
    """Make the configured admin exist, be an active superuser, and have the configured password.

    Idempotent across replicas starting at once: whoever loses the race to create the admin
    updates the row the winner created.
    """
    if not settings.admin_email or settings.admin_password is None:
        return None
    password = settings.admin_password.get_secret_value()
    passwords = passwords or Passwords()
    async with sessionmaker() as session:
        manager = user_manager(session, settings)
        try:
            user = await manager.get_by_email(settings.admin_email)
        except exceptions.UserNotExists:
            try:
                return await create_user(
                    session,
                    settings,
                    email=settings.admin_email,
                    password=password,
                    superuser=True,
                    passwords=passwords,
                )
            except exceptions.UserAlreadyExists:  # another replica created it meanwhile
                user = await manager.get_by_email(settings.admin_email)
        verified, _ = await passwords.verify(password, user.hashed_password)
        user.is_superuser = user.is_active = True
        if not verified:
            user.hashed_password = await passwords.hash(password)
        session.add(user)
        await session.commit()
        return identity_of(user)


async def issue_token(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, *, email: str) -> str:
    """A bearer token for an existing, active user (the CLI's `token` command)."""
    async with sessionmaker() as session:
        user = await user_manager(session, settings).get_by_email(email)
    if not user.is_active:
        raise exceptions.UserInactive
    return await jwt_strategy(settings).write_token(user)


async def login(
    session: AsyncSession,
    settings: Settings,
    *,
    email: str,
    password: str,
    passwords: Passwords | None = None,
    limiter: LoginLimiter | None = None,
) -> str | None:
    """A bearer token for valid credentials of an active user; None otherwise; 429 when the
    account is rate-limited. An unknown email costs a hash too, so timing tells nothing."""
    passwords = passwords or Passwords()
    if limiter is not None:
        limiter.check(email)
    manager = user_manager(session, settings)
    try:
        user = await manager.get_by_email(email)
    except exceptions.UserNotExists:
        user = None
    if user is None:
        await passwords.hash(password)
        verified = False
    else:
        verified, stronger = await passwords.verify(password, user.hashed_password)
        if verified and stronger is not None:
            await manager.user_db.update(user, {"hashed_password": stronger})
    if not verified or user is None or not user.is_active:
        if limiter is not None:
            limiter.failed(email)
        return None
    if limiter is not None:
        limiter.succeeded(email)
    return await jwt_strategy(settings).write_token(user)
