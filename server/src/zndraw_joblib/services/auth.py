"""Login, registration and the current user (standalone server only)."""

from __future__ import annotations

from fastapi_users import exceptions
from sqlalchemy.ext.asyncio import AsyncSession

from zndraw_joblib import auth, problems
from zndraw_joblib._generated import models
from zndraw_joblib._generated.api import AuthApi
from zndraw_joblib.context import Runtime


def user_read(identity: auth.Identity) -> models.UserRead:
    return models.UserRead(
        id=identity.id,
        email=identity.email,
        is_active=identity.is_active,
        is_superuser=identity.is_superuser,
        is_verified=identity.is_verified,
    )


class AuthService(AuthApi):
    def __init__(
        self, session: AsyncSession, runtime: Runtime, authenticator: auth.Authenticator, token: str | None
    ) -> None:
        self.session = session
        self.runtime = runtime
        self.authenticator = authenticator
        self.token = token

    async def login(self, *, body: models.LoginForm) -> models.BearerToken:
        token = await auth.login(
            self.session,
            self.runtime.settings,
            email=body.username,
            password=body.password,
            passwords=self.authenticator.passwords,
            limiter=self.authenticator.logins,
        )
        if token is None:
            raise problems.BadCredentials("Unknown email, wrong password, or inactive account.")
        return models.BearerToken(access_token=token, token_type="bearer")  # noqa: S106 - the OAuth2 token type

    async def register_user(self, *, body: models.UserCreate) -> models.UserRead:
        if not self.runtime.settings.allow_registration:
            caller = await self.authenticator.identify(self.token)
            if caller is None or not caller.is_superuser:
                raise problems.RegistrationClosed(
                    "This server does not let users register themselves; ask an administrator for an account."
                )
        try:
            identity = await auth.create_user(
                self.session,
                self.runtime.settings,
                email=body.email,
                password=body.password,
                passwords=self.authenticator.passwords,
            )
        except exceptions.UserAlreadyExists:
            raise problems.UserAlreadyExists(f"An account for {body.email} exists already.") from None
        return user_read(identity)

    async def get_current_user(self) -> models.UserRead:
        identity = await self.authenticator.identify(self.token)
        if identity is None:
            raise problems.Unauthorized("A valid bearer token is required.", headers={"WWW-Authenticate": "Bearer"})
        return user_read(identity)
