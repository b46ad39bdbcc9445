"""The composition root: the one place that turns settings into a running bot's parts (logging, a checked database
engine, the Slack client, Deps, the Bolt app and its WSGI application). The CLI, the WSGI module and the worker all
start here; nothing below imports it."""

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import OperationalError

from bot.app import create_app
from bot.config import ConfigError, Settings, load_settings
from bot.errors import CliError
from bot.features.deps import Deps
from bot.observability import JsonFormatter, init_sentry, sentry_available
from bot.server import make_wsgi_app
from storage.db import make_engine
from storage.migrate import schema_state


def setup_logging(level: str, fmt: str = "text") -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)  # basicConfig leaves an already-configured root alone
    if fmt == "json":
        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonFormatter())
    # Alembic's INFO lines are noise on every start; migrations report through `mentorbot migrate`.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # APScheduler logs two INFO lines per job run (every 15-30 s); the drain reports what it did itself.
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.getLevelName(level)))
    # At DEBUG, slack_sdk and Bolt log request bodies (message text, modal input); our logs never carry user text,
    # so their loggers stop at INFO whatever LOG_LEVEL says.
    for name in ("slack_sdk", "slack_bolt"):
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLevelName(level)))


def engine_checked(url: str):
    """An engine for a migrated database, or a one-line error saying what to run."""
    engine = make_engine(url)
    try:
        state = schema_state(engine)
    except OperationalError as exc:
        raise CliError(f"cannot open the database at DATABASE_URL: {type(exc.orig).__name__}", 2) from None
    if state == "ahead":
        raise CliError("the database was migrated by a newer mentorbot than this one: start the newer version "
                       "(processes of this version already running keep working; see Upgrading in the README)")
    if state != "current":
        raise CliError("the database is not migrated to this version: run `mentorbot migrate` first")
    return engine


def slack_checked(settings) -> str:
    """auth.test with the bot token before serving: a refused token or an unreachable Slack is one line and exit 2,
    not Bolt's traceback. Returns the bot's user id."""
    quiet = logging.getLogger("mentorbot.startup_check")
    quiet.disabled = True  # slack_sdk logs each failed attempt; the operator gets our one line instead
    client = WebClient(token=settings.bot_token, base_url=settings.api_url, timeout=15, logger=quiet,
                       retry_handlers=[])
    try:
        return client.auth_test()["user_id"]
    except SlackApiError as exc:
        code = exc.response.get("error") if isinstance(exc.response.data, dict) else exc.response.status_code
        raise CliError(f"Slack refused SLACK_BOT_TOKEN ({code}): check the Bot User OAuth Token", 2) from None
    except OSError as exc:  # URLError, connection refused or reset, DNS, timeout
        reason = getattr(exc, "reason", exc)
        raise CliError(f"cannot reach Slack at SLACK_API_URL {settings.api_url} ({type(reason).__name__})", 2) \
            from None



def deps_for(settings: Settings) -> Deps:
    return Deps(engine=engine_checked(settings.database_url), settings=settings)


def runtime_deps(env: dict[str, str]) -> Deps:
    """Settings, logging, a migrated database and a bot token Slack accepts: what every long-running process
    starts with."""
    settings = load_settings(env)
    setup_logging(settings.log_level, settings.log_format)
    if settings.sentry_dsn:
        if not sentry_available():
            raise ConfigError("SENTRY_DSN", "set, but sentry-sdk is not installed: pip install 'mentorbot[sentry]'")
        init_sentry(settings.sentry_dsn)
    deps = deps_for(settings)
    slack_checked(settings)
    return deps


def wsgi_application(deps: Deps):
    """The web process: Slack's requests at POST /slack/events and GET /healthz, for gunicorn or `mentorbot run`."""
    return make_wsgi_app(create_app(deps), deps.engine, deps.settings.signing_secret)
