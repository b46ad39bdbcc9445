"""HTTP mode: Slack's requests at POST /slack/events, and GET /healthz for load balancers."""

import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import text
from sqlalchemy.engine import Engine


def make_wsgi_app(app: App, engine: Engine):
    slack = SlackRequestHandler(app, path="/slack/events")

    def application(environ, start_response):
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") == "GET":
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
                status, body = "200 OK", b"ok\n"
            except Exception:
                status, body = "503 Service Unavailable", b"database unavailable\n"
            start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
            return [body]
        return slack(environ, start_response)

    return application


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(wsgi_app, host: str, port: int) -> WSGIServer:
    return make_server(host, port, wsgi_app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)


def serve_in_thread(wsgi_app, host: str = "127.0.0.1", port: int = 0) -> tuple[WSGIServer, str]:
    server = serve(wsgi_app, host, port)
    threading.Thread(target=server.serve_forever, name="mentorbot-http", daemon=True).start()
    return server, f"http://{host}:{server.server_port}"
