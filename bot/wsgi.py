"""The Procfile's web process: `gunicorn bot.wsgi:application`. Fails fast with one line on bad config."""

import sys

from bot.app import create_app
from bot.cli import CliError, runtime_deps
from bot.config import ConfigError, read_env
from bot.server import make_wsgi_app


def _build():
    try:
        deps = runtime_deps(read_env())
    except ConfigError as exc:
        print(f"mentorbot: config error: {exc.variable} — {exc.expected}", file=sys.stderr)
        sys.exit(2)
    except CliError as exc:
        print(f"mentorbot: {exc}", file=sys.stderr)
        sys.exit(exc.code)
    return make_wsgi_app(create_app(deps), deps.engine)


application = _build()
