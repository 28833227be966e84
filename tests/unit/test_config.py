"""Configuration: sensible defaults, and a bad value stops start-up with one clear line per
variable — naming it and the problem, never echoing a secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

SECRET = "123456:THIS-IS-SECRET-but-bad"
VARIABLES = (
    "DATABASE_URL", "TELEGRAM_TOKEN", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET",
    "TIMEZONE", "DEFAULT_LOCALE", "TELEGRAM_API_URL",
)  # fmt: skip
WEBHOOK = "https://idp.example.go.id"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout
    for name in VARIABLES:
        monkeypatch.delenv(f"IDP_{name}", raising=False)


def test_defaults_run_on_sqlite_in_the_working_directory_in_indonesian() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite:///idp.db"
    assert settings.telegram_token is None
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.timezone == "Asia/Jakarta"
    assert settings.default_locale == "id"


@pytest.mark.parametrize(
    ("variable", "value", "problem"),
    [
        ("IDP_TIMEZONE", "Mars/Olympus", "IDP_TIMEZONE: unknown time zone"),
        ("IDP_DEFAULT_LOCALE", "fr", "IDP_DEFAULT_LOCALE: must be one of id, en"),
        (
            "IDP_DATABASE_URL",
            "mysql://x",
            "IDP_DATABASE_URL: must be a sqlite:/// or postgresql://",
        ),
        ("IDP_TELEGRAM_API_URL", "api.telegram.org", "IDP_TELEGRAM_API_URL: must start with http"),
        ("IDP_TELEGRAM_TOKEN", "not-a-token", "IDP_TELEGRAM_TOKEN: does not look like a bot token"),
        (
            "IDP_TELEGRAM_WEBHOOK_URL",
            "https://idp.example.go.id",
            "IDP_TELEGRAM_WEBHOOK_SECRET: required",
        ),
    ],
)
def test_a_bad_value_stops_with_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, problem: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as stopped:
        load_settings()
    message = str(stopped.value)
    assert message.startswith(f"configuration error: {problem}")
    assert len(message.splitlines()) == 1


def test_a_secret_is_never_repeated_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IDP_TELEGRAM_TOKEN", "12345:short")
    monkeypatch.setenv("IDP_TELEGRAM_WEBHOOK_URL", "https://idp.example.go.id")
    monkeypatch.setenv("IDP_TELEGRAM_WEBHOOK_SECRET", "bad secret with spaces " + SECRET)
    with pytest.raises(ConfigError) as stopped:
        load_settings()
    assert "12345:short" not in str(stopped.value) and SECRET not in str(stopped.value)
    assert "IDP_TELEGRAM_WEBHOOK_SECRET" in str(stopped.value)


def test_a_dotenv_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("IDP_DEFAULT_LOCALE=en\nIDP_TIMEZONE=Asia/Makassar\n")
    settings = load_settings()
    assert (settings.default_locale, settings.timezone) == ("en", "Asia/Makassar")
