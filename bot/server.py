"""HTTP mode: Slack's requests at POST /slack/events, GET /healthz for load balancers, GET /metrics for
Prometheus (bot/observability.py)."""

import io
import threading
import time
from collections.abc import Callable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.observability import count_refused, make_metrics_app
from bot.slack import request_gate


def _plain(start_response, status: str, body: bytes, ctype: str = "text/plain"):
    start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
    return [body]


def _acking_unhandled_events(start_response):
    """Bolt answers 404 to an event no listener takes; Slack then retries it and may disable the subscription.
    An event we do not handle is still received: 200."""
    def start(status, headers, exc_info=None):
        if status.startswith("404"):
            return start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "0")], exc_info)
        return start_response(status, headers, exc_info)
    return start


def make_wsgi_app(app: App, engine: Engine, signing_secret: str | None = None):
    """signing_secret: when given, every POST is screened (size, signature, shape) before Bolt sees it."""
    slack = SlackRequestHandler(app, path="/slack/events")
    statuses = {400: "400 Bad Request", 401: "401 Unauthorized", 413: "413 Payload Too Large"}
    metrics = make_metrics_app(engine)

    def application(environ, start_response):
        if environ.get("PATH_INFO") == "/metrics" and environ.get("REQUEST_METHOD") == "GET":
            return metrics(environ, start_response)
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") == "GET":
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
                status, body = "200 OK", b"ok\n"
            except Exception:
                status, body = "503 Service Unavailable", b"database unavailable\n"
            return _plain(start_response, status, body)
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO") == "/slack/events":
            started = time.perf_counter()
            verdict = request_gate.screen(environ, signing_secret)
            if verdict.status:
                count_refused(verdict.status, verdict.body, time.perf_counter() - started)
                return _plain(start_response, statuses[verdict.status], request_gate.error_body(verdict),
                              "application/json")
            # The gate read the body; Bolt reads it again from here.
            environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(verdict.body), str(len(verdict.body))
            if verdict.kind == "event_callback":
                start_response = _acking_unhandled_events(start_response)
        return slack(environ, start_response)

    return application


class ProductionServer(BaseApplication):
    """`mentorbot run` over HTTP: gunicorn, the Procfile's own server, started from Python (its documented
    custom-application API) so `run` and the Procfile behave alike. wsgiref's listen backlog of 5 reset most of a
    burst of 200 commands; gunicorn listens with a backlog of 2048 and serves each worker's threads.

    `build()` runs in each worker after the fork, so no database connection is shared across processes."""

    def __init__(self, build: Callable[[], object], options: dict):
        self._build, self._options = build, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self):
        return self._build()


def production_options(port: int, log_level: str) -> dict:
    """The Procfile's web line: gthread workers, 2 processes of 8 threads; plus an explicit listen backlog."""
    return {"bind": f"0.0.0.0:{port}", "worker_class": "gthread", "workers": 2, "threads": 8, "backlog": 2048,
            "loglevel": log_level.lower(), "errorlog": "-", "accesslog": None}


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(wsgi_app, host: str, port: int) -> WSGIServer:
    """wsgiref on a thread, for the demo and the tests' in-process stack only: never for real traffic."""
    return make_server(host, port, wsgi_app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)


def serve_in_thread(wsgi_app, host: str = "127.0.0.1", port: int = 0) -> tuple[WSGIServer, str]:
    server = serve(wsgi_app, host, port)
    threading.Thread(target=server.serve_forever, name="mentorbot-http", daemon=True).start()
    return server, f"http://{host}:{server.server_port}"
