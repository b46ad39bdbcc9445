"""The Procfile's web process: `gunicorn --preload bot.wsgi:application`. Fails fast with one line on bad config,
an unreachable database or Slack, or a refused token: with --preload the app is built once in gunicorn's master,
so our exit code (2) is gunicorn's; without it each worker would exit and gunicorn would respawn it forever."""

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
    application = wsgi_application(deps)
    # The master checked the database; its pooled connections must not be shared by the forked workers.
    deps.engine.dispose()
    return application


application = _build()
