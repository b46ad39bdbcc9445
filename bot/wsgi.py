"""The Procfile's web process: `gunicorn bot.wsgi:application`. Fails fast with one line on bad config."""

import sys

from bot.app import create_app
from bot.cli import CliError, engine_checked, setup_logging
from bot.config import ConfigError, load_settings, read_env
from bot.deps import Deps
from bot.server import make_wsgi_app


def _build():
    try:
        settings = load_settings(read_env())
        setup_logging(settings.log_level)
        engine = engine_checked(settings.database_url)
    except ConfigError as exc:
        print(f"mentorbot: config error: {exc.variable} — {exc.expected}", file=sys.stderr)
        sys.exit(2)
    except CliError as exc:
        print(f"mentorbot: {exc}", file=sys.stderr)
        sys.exit(exc.code)
    return make_wsgi_app(create_app(Deps(engine=engine, settings=settings)), engine)


application = _build()
