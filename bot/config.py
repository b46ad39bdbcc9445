"""Settings from the environment and a .env file. A bad setting is one line naming the variable, then exit 2."""

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from dotenv import dotenv_values

DEFAULT_API_URL = "https://slack.com/api/"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def is_placeholder(value: str) -> bool:
    """.env.example's values (`xoxb-your-bot-token`, `your-signing-secret`) and the like: copied, never filled in."""
    lowered = value.lower()
    return "your-" in lowered or "your_" in lowered or "<" in value or "..." in value or "…" in value


class ConfigError(Exception):
    def __init__(self, variable: str, expected: str):
        self.variable = variable
        self.expected = expected
        super().__init__(f"{variable}: {expected}")


@dataclass(frozen=True)
class Settings:
    bot_token: str
    signing_secret: str
    app_token: str | None
    database_url: str
    api_url: str
    port: int
    log_level: str
    # Who may create programs besides existing program admins and Slack workspace admins (ADMIN_USER_IDS).
    admin_user_ids: tuple[str, ...] = ()
    # Privacy (off when None): erase people deactivated in Slack longer ago than this; blank the check-in notes of
    # mentorships that ended longer ago than this. Both applied by the worker's sweep (bot/features/privacy.py).
    erase_after_deactivation_days: int | None = None
    notes_retention_days: int | None = None
    log_format: str = "text"  # or "json" (bot/observability.py)
    sentry_dsn: str = ""

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)


def read_env(env: dict[str, str] | None = None, dotenv_path: str | Path | None = ".env") -> dict[str, str]:
    """The process environment wins over .env, as python-dotenv does by default."""
    values: dict[str, str] = {}
    if dotenv_path and Path(dotenv_path).is_file():
        values.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
    values.update(os.environ if env is None else env)
    return values


def load_database_url(env: dict[str, str]) -> str:
    url = env.get("DATABASE_URL", "").strip() or f"sqlite:///{Path.cwd() / 'mentorbot.db'}"
    if not url.startswith(("sqlite:", "postgres://", "postgresql://", "postgresql+psycopg://")):
        raise ConfigError("DATABASE_URL", "expected sqlite:///PATH or postgresql://USER@HOST/DB")
    return url


def load_settings(env: dict[str, str], *, require_slack: bool = True) -> Settings:
    bot_token = env.get("SLACK_BOT_TOKEN", "").strip()
    if require_slack and not bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN", "expected a bot token starting with xoxb-")
    if require_slack and is_placeholder(bot_token):
        raise ConfigError("SLACK_BOT_TOKEN", "still the placeholder from .env.example: paste the Bot User OAuth Token")
    app_token = env.get("SLACK_APP_TOKEN", "").strip() or None
    if app_token and not app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN", "expected an app-level token starting with xapp- (or leave it unset)")
    if app_token and is_placeholder(app_token):
        raise ConfigError("SLACK_APP_TOKEN", "still a placeholder: paste the app-level token (or leave it unset)")
    signing_secret = env.get("SLACK_SIGNING_SECRET", "").strip()
    # Socket Mode requests are not signed; HTTP mode must verify every request.
    if require_slack and not app_token and not signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET", "expected the app's signing secret (required in HTTP mode)")
    if require_slack and signing_secret and is_placeholder(signing_secret):
        raise ConfigError("SLACK_SIGNING_SECRET", "still the placeholder from .env.example: paste the Signing Secret")
    api_url = env.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
    parsed = urlparse(api_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError("SLACK_API_URL", "expected an http(s) URL such as https://slack.com/api/")
    if not api_url.endswith("/"):
        api_url += "/"
    port_text = env.get("PORT", "").strip() or "3000"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError("PORT", "expected a TCP port number between 1 and 65535")
    log_level = (env.get("LOG_LEVEL", "").strip() or "INFO").upper()
    if log_level not in LOG_LEVELS:
        raise ConfigError("LOG_LEVEL", "expected one of " + ", ".join(LOG_LEVELS))
    admin_user_ids = tuple(a.strip() for a in env.get("ADMIN_USER_IDS", "").split(",") if a.strip())
    if any(not re.fullmatch(r"[UW][A-Z0-9]{2,30}", a) for a in admin_user_ids):
        raise ConfigError("ADMIN_USER_IDS", "expected Slack user ids separated by commas, such as U012AB,U034CD")
    log_format = (env.get("LOG_FORMAT", "").strip() or "text").lower()
    if log_format not in ("text", "json"):
        raise ConfigError("LOG_FORMAT", "expected text or json")
    sentry_dsn = env.get("SENTRY_DSN", "").strip()
    if sentry_dsn and not urlparse(sentry_dsn).scheme.startswith("http"):
        raise ConfigError("SENTRY_DSN", "expected Sentry's DSN, https://KEY@HOST/PROJECT (or leave it unset)")
    return Settings(
        admin_user_ids=admin_user_ids,
        erase_after_deactivation_days=_days(env, "ERASE_AFTER_DEACTIVATION_DAYS"),
        notes_retention_days=_days(env, "NOTES_RETENTION_DAYS"),
        bot_token=bot_token,
        signing_secret=signing_secret,
        app_token=app_token,
        database_url=load_database_url(env),
        api_url=api_url,
        port=int(port_text),
        log_level=log_level,
        log_format=log_format,
        sentry_dsn=sentry_dsn,
    )


MAX_DAYS = 36500


def _days(env: dict[str, str], variable: str) -> int | None:
    """A number of days, 1 to 36500; unset or empty means off."""
    text = env.get(variable, "").strip()
    if not text:
        return None
    if not text.isdigit() or not 0 < int(text) <= MAX_DAYS:
        raise ConfigError(variable, f"expected a whole number of days from 1 to {MAX_DAYS} (or leave it unset: off)")
    return int(text)
