"""The composition root: the one place that turns settings into a running bot's parts (logging, a checked database
engine, the Slack client, Deps, the Bolt app and its WSGI application). The CLI, the WSGI module and the worker all
start here; nothing below imports it."""

import logging

from sqlalchemy.exc import OperationalError

from bot.app import create_app
from bot.config import Settings, load_settings
from bot.errors import CliError
from bot.features.deps import Deps
from bot.server import make_wsgi_app
from storage.db import make_engine
from storage.migrate import is_current


def setup_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)  # basicConfig leaves an already-configured root alone
    # Alembic's INFO lines are noise on every start; migrations report through `mentorbot migrate`.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # At DEBUG, slack_sdk and Bolt log request bodies (message text, modal input); our logs never carry user text,
    # so their loggers stop at INFO whatever LOG_LEVEL says.
    for name in ("slack_sdk", "slack_bolt"):
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLevelName(level)))


def engine_checked(url: str):
    """An engine for a migrated database, or a one-line error saying what to run."""
    engine = make_engine(url)
    try:
        current = is_current(engine)
    except OperationalError as exc:
        raise CliError(f"cannot open the database at DATABASE_URL: {type(exc.orig).__name__}") from None
    if not current:
        raise CliError("the database is not migrated to this version: run `mentorbot migrate` first")
    return engine


def deps_for(settings: Settings) -> Deps:
    return Deps(engine=engine_checked(settings.database_url), settings=settings)


def runtime_deps(env: dict[str, str]) -> Deps:
    """Settings, logging and a migrated database: what every long-running process starts with."""
    settings = load_settings(env)
    setup_logging(settings.log_level)
    return deps_for(settings)


def wsgi_application(deps: Deps):
    """The web process: Slack's requests at POST /slack/events and GET /healthz, for gunicorn or `mentorbot run`."""
    return make_wsgi_app(create_app(deps), deps.engine, deps.settings.signing_secret)
