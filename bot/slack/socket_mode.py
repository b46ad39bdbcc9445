"""The Socket Mode adapter `mentorbot run` uses: Bolt's websocket_client handler, with one fix.

Chosen by measurement (BENCHMARKS.md, bench/socket_mode_refresh.py): after Slack's `disconnect`
(refresh_requested), slack_sdk's built-in client keeps reading the old connection until Slack closes it, so the
first envelope after each refresh is acked only then (~2 s); the websocket_client one switches at once and acks in
about a millisecond.

The fix: on a refresh, slack_sdk's websocket_client SocketModeClient closes the old session from another thread
while its runner thread is blocked in `epoll` on that socket. Closing an fd silently removes it from the epoll set,
so the runner never wakes, never starts the new session, and the bot is deaf until its 10 s ping monitor notices
(seen in 1 of 8 refreshes in the benchmark, and in most refreshes that follow a connect within a second).
Shutting the socket down (SHUT_RDWR) instead of closing it wakes the runner with an EOF; it closes the socket
itself and starts the new session at once.
"""

import logging
import socket

from slack_bolt import App
from slack_bolt.adapter.socket_mode.builtin import SocketModeHandler as BuiltinSocketModeHandler
from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler as WebsocketClientHandler
from slack_sdk.socket_mode.websocket_client import SocketModeClient


def _stop_without_closing(session) -> None:
    """Shut the session's socket down and make its close() only stop it: the runner thread blocked in epoll on
    that socket wakes with an EOF and closes it itself (closing the fd under epoll would never wake it)."""
    if session is None:
        return
    raw = getattr(getattr(session, "sock", None), "sock", None)
    if raw is not None:
        try:
            raw.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    session.close = lambda **_kwargs: setattr(session, "keep_running", False)


class _ClosedIsNotAnError(logging.Filter):
    """slack_sdk logs every closed connection as ERROR ("on_error invoked (error: WebSocketConnectionClosedException
    …"), including each refresh (every few hours), and reconnects by itself: WARNING, so alerting on ERROR (and
    Sentry) does not fire for routine reconnects."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.ERROR and "WebSocketConnectionClosedException" in str(record.msg):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class _RefreshSafeClient(SocketModeClient):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The runner starts the next session on its next tick: every 0.5 s by default, which is most of the
        # reconnect time after a refresh (envelopes wait at Slack meanwhile). Read on every tick, so it can be set.
        self.current_session_runner.interval_seconds = 0.1

    def connect(self) -> None:
        _stop_without_closing(self.current_session)  # super().connect() ends with the old session's close()
        super().connect()

    def disconnect(self) -> None:
        _stop_without_closing(self.current_session)  # close() joins the runner: it must wake
        super().disconnect()


class SocketModeHandler(WebsocketClientHandler):
    """Bolt's websocket_client handler over _RefreshSafeClient (same arguments, same behaviour otherwise)."""

    def __init__(self, app: App, app_token: str, ping_interval: float = 10, concurrency: int = 10):
        self.app, self.app_token = app, app_token
        logger = logging.getLogger(app.logger.name + ".socket_mode")
        if not any(isinstance(f, _ClosedIsNotAnError) for f in logger.filters):
            logger.addFilter(_ClosedIsNotAnError())
        self.client = _RefreshSafeClient(app_token=app_token, logger=logger, web_client=app.client,
                                         ping_interval=ping_interval, concurrency=concurrency)
        self.client.socket_mode_request_listeners.append(self.handle)


ADAPTERS = {"websocket_client": SocketModeHandler, "websocket_client_as_shipped": WebsocketClientHandler,
            "builtin": BuiltinSocketModeHandler}


def make_socket_mode_handler(app: App, app_token: str, adapter: str = "websocket_client"):
    """The handler `mentorbot run` uses; `adapter` exists for the benchmark that chose it."""
    return ADAPTERS[adapter](app, app_token)
