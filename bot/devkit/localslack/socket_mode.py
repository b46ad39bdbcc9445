"""Socket Mode for the local Slack: Slack's documented WebSocket protocol, on loopback.

https://docs.slack.dev/apis/events-api/using-socket-mode, and the shapes slack_sdk's SocketModeRequest parses:

- `apps.connections.open` (POST, an app-level `xapp-` token only; a bot token is `not_allowed_token_type`, a wrong
  one `invalid_auth`) answers `{"ok": true, "url": "ws://…/link/?ticket=…"}`. Slack's URL is `wss://`; on loopback
  there is no TLS, everything else is the same. A ticket opens one connection, once.
- On connect the server sends `{"type": "hello", "num_connections", "debug_info", "connection_info"}`.
- Every request is an envelope `{"envelope_id", "type", "payload", "accepts_response_payload"}` with type
  `slash_commands`, `interactive` or `events_api`; events also carry `retry_attempt` and `retry_reason`.
  The payload is what the HTTP request body would be, as JSON (a slash command's form fields become a JSON object).
- The app acks with `{"envelope_id": …}` and, where `accepts_response_payload` is true (slash commands, view
  submissions), an optional `payload`: the same answer an HTTP response body would carry.
- An event envelope not acked within `ack_timeout` (Slack: 3 s) is sent again with `retry_attempt` + 1 and
  `retry_reason: "timeout"`, up to `max_retries` times (Slack retries events up to 3 times).
- `refresh()` sends `{"type": "disconnect", "reason": "refresh_requested"}`: the client must open a new connection;
  new envelopes go only to connections that said hello after it; the old one is closed after `refresh_grace`.

Tests send envelopes through SocketModeDriver (driver.py), exactly as SlackDriver sends HTTP requests.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

# A plain, well-kept WebSocket server (sync API, threads): the same shape as our ThreadingHTTPServer.
from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

ACK_TIMEOUT = 3.0  # Slack: an envelope not acked within 3 seconds counts as failed
REFRESH_GRACE = 2.0  # Slack keeps the old connection briefly after asking for a refresh (~2 s seen in issue 14)


@dataclass
class _Conn:
    ws: ServerConnection
    opened: float
    refreshing: bool = False
    closed: bool = False


@dataclass
class Envelope:
    envelope_id: str
    type: str
    payload: dict
    accepts_response_payload: bool
    sent: list[float] = field(default_factory=list)  # monotonic time of each attempt
    ack: dict | None = None
    acked_at: float | None = None
    done: threading.Event = field(default_factory=threading.Event)


class SocketModeServer:
    def __init__(self, slack, host: str = "127.0.0.1"):
        self.slack = slack
        self.host = host
        self.ack_timeout = ACK_TIMEOUT
        self.refresh_grace = REFRESH_GRACE
        self.max_retries = 3
        self.cond = threading.Condition()
        self.conns: list[_Conn] = []
        self.envelopes: dict[str, Envelope] = {}
        self.unknown_acks: list[dict] = []  # acks naming no envelope we sent: a bug in the app
        self._tickets: set[str] = set()
        self._lose = 0
        self._server = None

    # ---- lifecycle ---------------------------------------------------------------------------
    def start(self) -> SocketModeServer:
        # close_timeout: Slack drops an old connection; it does not wait long for the client's closing handshake.
        self._server = serve(self._handle, self.host, 0, close_timeout=0.2)
        threading.Thread(target=self._server.serve_forever, name="localslack-socket", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            with self.cond:
                conns = list(self.conns)
            for c in conns:
                c.ws.close()
            self._server.shutdown()
            self._server = None

    @property
    def port(self) -> int:
        return self._server.socket.getsockname()[1]

    def open_connection(self) -> dict:
        """apps.connections.open's answer (token already checked by the caller)."""
        ticket = secrets.token_hex(16)
        with self.cond:
            self._tickets.add(ticket)
        return {"url": f"ws://{self.host}:{self.port}/link/?ticket={ticket}&app_id={self.slack.app_id}"}

    # ---- connections ---------------------------------------------------------------------------
    def _handle(self, ws: ServerConnection) -> None:
        parts = urlsplit(ws.request.path)
        ticket = (parse_qs(parts.query).get("ticket") or [""])[0]
        with self.cond:
            valid = parts.path == "/link/" and ticket in self._tickets
            self._tickets.discard(ticket)
        if not valid:
            ws.close(code=4001, reason="invalid ticket")  # Slack refuses a used or unknown ticket
            return
        conn = _Conn(ws, time.monotonic())
        with self.cond:
            self.conns.append(conn)
            live = sum(1 for c in self.conns if not c.closed)
        ws.send(json.dumps({"type": "hello", "num_connections": live,
                            "debug_info": {"host": "applink-local", "build_number": 1,
                                           "approximate_connection_time": 18060},
                            "connection_info": {"app_id": self.slack.app_id}}))
        with self.cond:
            self.cond.notify_all()
        try:
            for raw in ws:
                self._on_message(raw)
        except ConnectionClosed:
            pass
        finally:
            with self.cond:
                conn.closed = True
                self.cond.notify_all()

    def _on_message(self, raw) -> None:
        try:
            msg = json.loads(raw)
        except ValueError:
            return  # Slack ignores what it cannot parse
        env_id = msg.get("envelope_id") if isinstance(msg, dict) else None
        with self.cond:
            env = self.envelopes.get(env_id)
            if env is None:
                self.unknown_acks.append(msg)
                return
            if env.ack is None:
                env.ack, env.acked_at = msg, time.monotonic()
                env.done.set()
            self.cond.notify_all()

    def connected(self) -> list[_Conn]:
        with self.cond:
            return [c for c in self.conns if not c.closed and not c.refreshing]

    def wait_connected(self, timeout: float = 10.0) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: any(not c.closed and not c.refreshing for c in self.conns), timeout)

    # ---- what Slack does -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask every live connection to reconnect (`disconnect`, `refresh_requested`), as Slack does every few
        hours; close each old connection after refresh_grace seconds."""
        with self.cond:
            old = [c for c in self.conns if not c.closed and not c.refreshing]
            for c in old:
                c.refreshing = True
        for c in old:
            try:
                c.ws.send(json.dumps({"type": "disconnect", "reason": "refresh_requested",
                                      "debug_info": {"host": "applink-local"}}))
            except ConnectionClosed:
                pass
            timer = threading.Timer(self.refresh_grace, c.ws.close)
            timer.daemon = True
            timer.start()

    def lose_next(self, times: int = 1) -> None:
        """The next `times` envelope attempts are lost on the way (never reach the app): Slack then retries."""
        with self.cond:
            self._lose += times

    def send(self, type_: str, payload: dict, accepts_response_payload: bool, timeout: float = 10.0,
             first_attempt: int = 0) -> Envelope:
        """Deliver one envelope and wait for its ack, retrying unacked attempts like Slack. Returns the
        envelope; `ack` is None when the app never acked (after max_retries retries). first_attempt > 0 plays
        a retry of an envelope whose earlier attempts went unacked."""
        env = Envelope("env-" + secrets.token_hex(12), type_, payload, accepts_response_payload)
        with self.cond:
            self.envelopes[env.envelope_id] = env
        # Slack retries events; a lost slash command or click is simply lost (the user sees a timeout).
        for attempt in range(first_attempt, self.max_retries + 1 if type_ == "events_api" else first_attempt + 1):
            self._transmit(env, attempt, timeout)
            if env.done.wait(self.ack_timeout):
                break
        return env

    def _transmit(self, env: Envelope, attempt: int, timeout: float) -> None:
        frame = {"envelope_id": env.envelope_id, "payload": env.payload, "type": env.type,
                 "accepts_response_payload": env.accepts_response_payload}
        if env.type == "events_api":
            frame["retry_attempt"] = attempt
            frame["retry_reason"] = "timeout" if attempt else ""
        with self.cond:
            # Only connections that said hello and were not asked to refresh get new envelopes.
            if not self.cond.wait_for(lambda: any(not c.closed and not c.refreshing for c in self.conns), timeout):
                raise TimeoutError("no Socket Mode connection to deliver to")
            conn = [c for c in self.conns if not c.closed and not c.refreshing][-1]
            env.sent.append(time.monotonic())
            if self._lose:
                self._lose -= 1
                return
        try:
            conn.ws.send(json.dumps(frame))
        except ConnectionClosed:
            pass  # counted as an unacked attempt: retried
