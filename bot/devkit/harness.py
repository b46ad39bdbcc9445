"""The whole bot on loopback: the local Slack, a database, the real Bolt app over HTTP, and a signed driver.
Used by `mentorbot demo` and by the tests, so both exercise exactly what production runs."""

from collections.abc import Callable
from datetime import datetime

from bot.app import create_app
from bot.config import Settings
from bot.devkit.localslack import LocalSlack, SlackDriver, SocketModeDriver
from bot.features import findmentor
from bot.features.deps import Deps, system_clock
from bot.server import make_wsgi_app, serve_in_thread
from bot.slack.socket_mode import make_socket_mode_handler
from storage.db import make_engine

SIGNING_SECRET = "local-signing-secret"
APP_TOKEN = "xapp-1-A0LOCALAPP-1-localapptoken"


class LocalStack:
    """socket_mode=True: the bot connects to the local Slack over Socket Mode (as `mentorbot run` does with
    SLACK_APP_TOKEN) and `driver` is a SocketModeDriver; otherwise Slack-signed HTTP, as in production."""

    def __init__(self, database_url: str, clock: Callable[[], datetime] = system_clock,
                 slack: LocalSlack | None = None, socket_mode: bool = False, adapter: str = "websocket_client"):
        self.slack = slack or LocalSlack(app_token=APP_TOKEN if socket_mode else None)
        if slack is None:
            self.slack.start()
        self.settings = Settings(
            bot_token=self.slack.bot_token, signing_secret="" if socket_mode else SIGNING_SECRET,
            app_token=APP_TOKEN if socket_mode else None,
            database_url=database_url, api_url=self.slack.url, port=0, log_level="WARNING",
        )
        self.engine = make_engine(database_url)
        self.deps = Deps(engine=self.engine, settings=self.settings, clock=clock)
        self.app = create_app(self.deps)
        self.socket_handler = None
        # The HTTP server runs in both modes: /healthz and /metrics live there.
        self.server, self.base_url = serve_in_thread(make_wsgi_app(self.app, self.engine, SIGNING_SECRET))
        if socket_mode:
            self.socket_handler = make_socket_mode_handler(self.app, APP_TOKEN, adapter)
            self.socket_handler.connect()
            if not self.slack.socket_mode.wait_connected(timeout=10):
                raise RuntimeError("the bot did not connect over Socket Mode")
            self.driver = SocketModeDriver(self.slack)
        else:
            self.driver = SlackDriver(bot_url=self.base_url + "/slack/events", signing_secret=SIGNING_SECRET,
                                      slack=self.slack)

    def close(self) -> None:
        if self.socket_handler is not None:
            self.socket_handler.close()
        self.server.shutdown()
        self.server.server_close()
        self.slack.stop()
        findmentor.stop_refreshing(self.engine)
        self.engine.dispose()

    def __enter__(self) -> "LocalStack":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
