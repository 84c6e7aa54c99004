"""Settings: `ZNDRAW_JOBLIB_*` environment variables, then `[tool.zndraw.joblib]` in pyproject.toml.

Lists in environment variables are JSON (`ZNDRAW_JOBLIB_ALLOWED_CATEGORIES='["modifiers"]'`).
Durations are seconds and may be fractions (tests use sub-second sweeps).
"""

from __future__ import annotations

import contextlib
import os
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
ASYNC_DRIVERS = {
    "postgresql://": "postgresql+asyncpg://",
    "postgres://": "postgresql+asyncpg://",
    "sqlite://": "sqlite+aiosqlite://",
}


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
    provider_request_repeat_seconds: float = Field(
        2.0, gt=0, description="a read still waiting re-sends its provider_request this often"
    )
    provider_error_ttl_seconds: float = Field(10.0, gt=0, description="a provider's error answers reads this long")

    # -- the task lifecycle (openapi.yaml, "Task lifecycle") --
    require_workers: bool = Field(
        default=True, description="a submission to a job no worker serves is 409 no-workers-available"
    )
    max_result_bytes: int = Field(1024 * 1024, gt=0, description="largest task result, as compact JSON (413 beyond)")
    idempotency_retention_seconds: float = Field(
        24 * 3600.0, gt=0, description="how long an Idempotency-Key answers with its first task"
    )
    progress_window_seconds: float = Field(
        0.1, gt=0, description="progress of one task is stored and announced at most once per window"
    )

    # -- limits and faults (openapi.yaml, "Faults and limits") --
    max_schema_bytes: int = Field(256 * 1024, gt=0, description="largest job or provider schema, as compact JSON")
    payload_validation_budget_seconds: float = Field(
        2.0, gt=0, description="CPU a payload's validation may take; past it the submit answers 422"
    )
    header_timeout_seconds: float = Field(10.0, gt=0, description="a request's headers must arrive within this")
    body_timeout_seconds: float = Field(30.0, gt=0, description="a request's body must arrive within this (408)")
    database_timeout_seconds: float = Field(
        10.0, gt=0, description="a database statement, connect or pool checkout may take this long (then 503)"
    )
    redis_timeout_seconds: float = Field(2.0, gt=0, description="a Redis command or connect may take this long")
    max_connections: int = Field(
        4096, gt=0, description="open connections served at once (capped by the descriptor limit); more get 503"
    )
    allow_registration: bool = Field(
        default=False, description="let anyone create an account with POST /v1/auth/register (on under --dev)"
    )

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
    opentelemetry: bool = Field(
        default=False,
        description="FastAPI's native OpenTelemetry (traces, metrics, logs through the global providers); "
        "off: looking for providers on every request cost ~2 % of its CPU, and /metrics covers operations",
    )
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

    # -- operating (README "Operating") --
    metrics_token: SecretStr | None = Field(
        None,
        description="None (default): GET /metrics is open (serve it on a private interface or port); "
        "set: it needs `Authorization: Bearer <metrics_token>`",
    )
    metrics_scrape_timeout_seconds: float = Field(
        5.0, gt=0, description="the database read of a scrape (queue depth, workers) may take this long"
    )
    log_format: Literal["text", "json"] = Field(
        "text", description="json: one JSON object per log line, with the request id (`serve --log-format`)"
    )

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
        """`database_url` with its async driver (`postgresql://` means asyncpg, `sqlite://` aiosqlite)."""
        if self.database_url:
            for plain, driver in ASYNC_DRIVERS.items():
                if self.database_url.startswith(plain):
                    return driver + self.database_url[len(plain) :]
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'joblib.sqlite').resolve()}"

    @property
    def uses_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")

    def jwt_secret(self) -> str:
        """The configured key, else (SQLite only) one kept in `<data_dir>/secret_key`, so tokens
        survive restarts and the CLI (`zndraw-joblib token`) signs tokens the server accepts.

        A shared database means several processes, possibly on several machines, that must sign
        and accept the same tokens: a key made up per machine would split them silently, so
        there the key must be given.
        """
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        if not self.uses_sqlite:
            raise MissingSecretKey(
                "set ZNDRAW_JOBLIB_SECRET_KEY (the same value on every replica) when the database is not SQLite"
            )
        path = self.data_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            draft = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
            draft.touch(mode=0o600)
            draft.write_text(secrets.token_urlsafe(48), encoding="utf-8")
            with contextlib.suppress(FileExistsError):  # two processes starting at once: the first key wins
                os.link(draft, path)
            draft.unlink()
        return path.read_text(encoding="utf-8").strip()


class MissingSecretKey(ValueError):  # noqa: N818 - reads as the state
    """The JWT signing key must be configured for this deployment."""
