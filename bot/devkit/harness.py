"""The whole bot on loopback: the local Slack, a database, the real Bolt app over HTTP, and a signed driver.
Used by `mentorbot demo` and by the tests, so both exercise exactly what production runs."""

from collections.abc import Callable
from datetime import datetime

from bot.app import create_app
from bot.config import Settings
from bot.devkit.localslack import LocalSlack, SlackDriver
from bot.features.deps import Deps, system_clock
from bot.server import make_wsgi_app, serve_in_thread
from storage.db import make_engine

SIGNING_SECRET = "local-signing-secret"


class LocalStack:
    def __init__(self, database_url: str, clock: Callable[[], datetime] = system_clock,
                 slack: LocalSlack | None = None):
        self.slack = slack or LocalSlack()
        if slack is None:
            self.slack.start()
        self.settings = Settings(
            bot_token=self.slack.bot_token, signing_secret=SIGNING_SECRET, app_token=None,
            database_url=database_url, api_url=self.slack.url, port=0, log_level="WARNING",
        )
        self.engine = make_engine(database_url)
        self.deps = Deps(engine=self.engine, settings=self.settings, clock=clock)
        self.app = create_app(self.deps)
        self.server, self.base_url = serve_in_thread(make_wsgi_app(self.app, self.engine, SIGNING_SECRET))
        self.driver = SlackDriver(bot_url=self.base_url + "/slack/events", signing_secret=SIGNING_SECRET,
                                  slack=self.slack)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.slack.stop()
        self.engine.dispose()

    def __enter__(self) -> "LocalStack":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
