"""Users and bearer tokens of the standalone server, built on fastapi-users.

fastapi-users does the password hashing (argon2), user creation and JWT minting. Reading a
token is on every request's path, so `Authenticator` decodes the JWT itself (same audience and
algorithm as fastapi-users' `JWTStrategy`) and keeps the user it resolves for a few seconds:
a deactivated user or a revoked superuser flag takes effect within `USER_CACHE_SECONDS`, and a
request does not pay a database round trip just to learn who asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import jwt
from fastapi_users import BaseUserManager, UUIDIDMixin, exceptions
from fastapi_users.authentication import JWTStrategy
from fastapi_users.jwt import decode_jwt
from fastapi_users.schemas import BaseUserCreate
from fastapi_users_db_sqlalchemy import SQLAlchemyUserDatabase
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .settings import Settings
from .store.tables import User, user_table

TOKEN_AUDIENCE = ["fastapi-users:auth"]
USER_CACHE_SECONDS = 5.0
TOKEN_CACHE_SIZE = 10_000


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


class NewUser(BaseUserCreate):
    """What `UserManager.create` takes."""


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
    session: AsyncSession, settings: Settings, *, email: str, password: str, superuser: bool = False
) -> Identity:
    """Create a user, or raise fastapi-users' `UserAlreadyExists` / `InvalidPasswordException`.

    Takes the caller's session: the embedded SQLite pool has one connection, so opening a
    second session while holding the first would wait forever.
    """
    user = await user_manager(session, settings).create(
        NewUser(email=email, password=password, is_superuser=superuser, is_active=True, is_verified=superuser)
    )
    return identity_of(user)


async def ensure_admin(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> Identity | None:
    """Make the configured admin exist, be an active superuser, and have the configured password."""
    if not settings.admin_email or settings.admin_password is None:
        return None
    password = settings.admin_password.get_secret_value()
    async with sessionmaker() as session:
        manager = user_manager(session, settings)
        try:
            user = await manager.get_by_email(settings.admin_email)
        except exceptions.UserNotExists:
            user = None
        if user is None:
            return await create_user(session, settings, email=settings.admin_email, password=password, superuser=True)
        verified, _ = manager.password_helper.verify_and_update(password, user.hashed_password)
        user.is_superuser = user.is_active = True
        if not verified:
            user.hashed_password = manager.password_helper.hash(password)
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


async def login(session: AsyncSession, settings: Settings, *, email: str, password: str) -> str | None:
    """A bearer token for valid credentials of an active user; None otherwise."""
    user = await user_manager(session, settings).authenticate(_Credentials(email, password))  # type: ignore[arg-type]
    if user is None or not user.is_active:
        return None
    return await jwt_strategy(settings).write_token(user)
