"""The Procfile's web process: `gunicorn bot.wsgi:application`. Fails fast with one line on bad config."""

import sys

from bot.bootstrap import runtime_deps, wsgi_application
from bot.config import ConfigError, read_env
from bot.errors import CliError


def _build():
    try:
        deps = runtime_deps(read_env())
    except ConfigError as exc:
        print(f"mentorbot: config error: {exc.variable} — {exc.expected}", file=sys.stderr)
        sys.exit(2)
    except CliError as exc:
        print(f"mentorbot: {exc}", file=sys.stderr)
        sys.exit(exc.code)
    return wsgi_application(deps)


application = _build()
