"""Settings: `ZNDRAW_JOBLIB_*` environment variables, then `[tool.zndraw.joblib]` in pyproject.toml.

Lists in environment variables are JSON (`ZNDRAW_JOBLIB_ALLOWED_CATEGORIES='["modifiers"]'`).
Durations are seconds and may be fractions (tests use sub-second sweeps).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    PyprojectTomlConfigSettingsSource,
    SettingsConfigDict,
)

DATA_DIR_DEFAULT = Path(".zndraw-joblib")
ALLOWED_CATEGORIES_DEFAULT = ("modifiers", "selections", "analysis")


class Settings(BaseSettings):
    """Everything the server and the library read; one instance per app."""

    model_config = SettingsConfigDict(
        env_prefix="ZNDRAW_JOBLIB_",
        pyproject_toml_table_header=("tool", "zndraw", "joblib"),
        extra="ignore",
        frozen=True,
    )

    # -- the queue (SPEC §12) --
    allowed_categories: tuple[str, ...] = ALLOWED_CATEGORIES_DEFAULT
    worker_timeout_seconds: float = Field(60.0, gt=0, description="silence after which a worker is swept")
    sweeper_interval_seconds: float = Field(30.0, gt=0, description="seconds between two sweeps")
    long_poll_max_wait_seconds: float = Field(60.0, ge=0, description="cap on `Prefer: wait` of GET /tasks")
    internal_task_timeout_seconds: float = Field(3600.0, gt=0, description="claimed/running internal task limit")
    allowed_provider_categories: tuple[str, ...] | None = None
    provider_result_ttl_seconds: float = Field(300.0, gt=0)
    provider_inflight_ttl_seconds: float = Field(30.0, gt=0)
    provider_long_poll_default_seconds: float = Field(5.0, ge=0)
    provider_long_poll_max_seconds: float = Field(30.0, ge=0)

    # -- the standalone server --
    data_dir: Path = Field(DATA_DIR_DEFAULT, description="holds the default SQLite file and secret key")
    database_url: str | None = Field(None, description="default: sqlite+aiosqlite:///<data_dir>/joblib.sqlite")
    redis_url: str | None = Field(None, description="None: in-process pub/sub, result store and broker")
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    secret_key: SecretStr | None = Field(None, description="JWT signing key; default: <data_dir>/secret_key")
    token_lifetime_seconds: int = Field(7 * 24 * 3600, gt=0)
    admin_email: str | None = None
    admin_password: SecretStr | None = None
    cors_allowed_origins: tuple[str, ...] = Field(
        (), description="browser origins allowed for REST and Socket.IO; empty: same origin only"
    )
    max_body_bytes: int = Field(16 * 1024 * 1024, gt=0, description="larger request bodies answer 413")
    internal_extensions: tuple[str, ...] = Field(
        (), description="import paths (`package.module:Class`) of the internal jobs this server runs"
    )
    internal_broker: Literal["auto", "memory", "redis"] = Field(
        "auto", description="taskiq broker of internal jobs; auto: redis when redis_url is set, else in-process"
    )
    auto_migrate: bool | None = Field(
        None, description="run migrations at start; default: yes on SQLite, no elsewhere (`zndraw-joblib db upgrade`)"
    )
    database_pool_size: int = Field(10, gt=0, description="PostgreSQL connections per process")

    @model_validator(mode="after")
    def _bounds(self) -> Settings:
        if self.provider_long_poll_default_seconds > self.provider_long_poll_max_seconds:
            raise ValueError("provider_long_poll_default_seconds exceeds provider_long_poll_max_seconds")
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,  # noqa: ARG003 - no .env files: env vars and pyproject only
        file_secret_settings: PydanticBaseSettingsSource,  # noqa: ARG003
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, PyprojectTomlConfigSettingsSource(settings_cls))

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'joblib.sqlite').resolve()}"

    def jwt_secret(self) -> str:
        """The configured key, else one kept in `<data_dir>/secret_key` so tokens survive restarts
        and the CLI (`zndraw-joblib token`) signs tokens the server accepts."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = self.data_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(48))
        return path.read_text().strip()
