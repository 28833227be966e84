"""Configuration from the environment or ``.env`` (documented in ``.env.example``)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from handlers.calendar import CalendarError, parse_quiet_hours
from messages import LOCALES


class ConfigError(SystemExit):
    """A bad setting: start-up stops with one line naming the variable and the problem."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="IDP_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = "sqlite:///idp.db"
    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_listen: str = "0.0.0.0"  # noqa: S104 - a webhook receiver listens publicly
    telegram_webhook_port: int = Field(default=8443, ge=1, le=65535)
    telegram_bot_username: str | None = None
    timezone: str = "Asia/Jakarta"
    default_locale: str = "id"
    invite_ttl_days: int = Field(default=14, ge=1, le=365)
    log_level: str = "INFO"
    # delivery (outbox sender, broadcasts, reminders)
    telegram_rate_global: float = Field(default=30.0, gt=0, le=10_000)  # messages/s, all chats
    telegram_rate_per_chat: float = Field(default=1.0, gt=0, le=100)  # messages/s, one chat
    telegram_send_timeout: float = Field(default=10.0, gt=0, le=300)  # s to wait for an answer
    telegram_connections: int = Field(default=8, ge=1, le=256)  # requests under way at once
    quiet_hours: str = "21-07"  # recipients' wall clock; no reminders then ("" for none)
    outbox_lease_seconds: float = Field(default=60.0, ge=1, le=3600)
    outbox_max_attempts: int = Field(default=6, ge=1, le=50)
    outbox_retry_base_seconds: float = Field(default=2.0, gt=0, le=3600)
    # bootstrap only: opened at start when no cycle exists at all (bot/app.py open_first_cycle)
    cycle_year: int | None = Field(default=None, ge=2000, le=2100)
    # an agency's own Formulir 1 template (docs/documents.md); None: the one in messages/
    formulir1_template: Path | None = None

    @field_validator("telegram_token", "telegram_webhook_secret", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("formulir1_template")
    @classmethod
    def _template_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"IDP_FORMULIR1_TEMPLATE: no such file: {value}")
        return value

    @field_validator("telegram_webhook_url", "telegram_bot_username", "formulir1_template",
                     mode="before")  # fmt: skip
    @classmethod
    def _empty_str_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("telegram_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            head, _, tail = value.get_secret_value().partition(":")
            if not head.isdigit() or len(tail) < 10:
                raise ValueError("does not look like a bot token (<digits>:<secret>)")
        return value

    @field_validator("telegram_api_url", "telegram_webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") if value else value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            secret = value.get_secret_value()
            allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
            if not 1 <= len(secret) <= 256 or set(secret) - allowed:
                raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (e.g. Asia/Jakarta)") from None
        return value

    @field_validator("cycle_year", mode="before")
    @classmethod
    def _empty_year_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str) -> str:
        try:
            parse_quiet_hours(value)
        except CalendarError as error:
            raise ValueError(str(error)) from None
        return value

    @field_validator("default_locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if value not in LOCALES:
            raise ValueError(f"must be one of {', '.join(LOCALES)}")
        return value

    @field_validator("database_url")
    @classmethod
    def _database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql", "postgres")):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.telegram_webhook_url and self.telegram_webhook_secret is None:
            raise ValueError(
                "IDP_TELEGRAM_WEBHOOK_SECRET: required when IDP_TELEGRAM_WEBHOOK_URL is set"
            )
        return self


def load_settings(**overrides: object) -> Settings:
    """Read the settings, or stop with one clear line per bad variable (no values shown)."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            field = "_".join(str(part) for part in problem["loc"])
            message = problem["msg"].removeprefix("Value error, ")
            name = f"IDP_{field.upper()}: " if field else ""
            lines.append(f"configuration error: {name}{message}")
        raise ConfigError("\n".join(lines)) from None
