"""LocalSlack: a loopback HTTP server that plays one Slack workspace for tests.

Strict on purpose: if the emulator accepts what Slack would reject, every test above it lies.
Method handlers live in methods_*.py; this module holds state, HTTP plumbing, auth, argument
parsing, fault injection, response_url and file-upload endpoints.
"""

from __future__ import annotations

import copy
import json
import secrets
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from . import limits, methods_chat, methods_history, methods_users, methods_views, spec
from .socket_mode import SocketModeServer
from .spec import MethodError

HANDLERS = {**methods_users.HANDLERS, **methods_chat.HANDLERS, **methods_views.HANDLERS, **methods_history.HANDLERS}

# Arguments that carry JSON; in form bodies they arrive as JSON strings.
JSON_ARGS = ("blocks", "attachments", "view", "files")  # metadata is parsed (and refused) by its method

TRIGGER_TTL = 3.0  # Slack: trigger_id expires 3 seconds after it is issued
RESPONSE_URL_MAX_USES = 5  # Slack: a response_url can be used up to 5 times within 30 minutes
RESPONSE_URL_TTL = 30 * 60


@dataclass
class Call:
    method: str
    args: dict
    status: int
    response: dict | None
    ts: float
    injected: bool = False  # answered by inject(), not by the emulated method


@dataclass
class _Injection:
    method: str
    status: int | None
    retry_after: int | None
    delay: float | None
    error: str | None
    body: str | None
    times: int
    after: bool = False


class LocalSlack:
    def __init__(self, bot_token: str = "xoxb-local-token", team_id: str = "T0LOCAL",
                 team_name: str = "Local", bot_user_id: str = "U0BOT", app_token: str | None = None,
                 host: str = "127.0.0.1", port: int = 0):
        self.bot_token, self.app_token = bot_token, app_token
        self.team_id, self.team_name, self.bot_user_id = team_id, team_name, bot_user_id
        self.bot_id, self.app_id = "B0LOCALBOT", "A0LOCALAPP"
        self.trigger_ttl = TRIGGER_TTL
        self._host, self._port = host, port
        self.lock = threading.RLock()
        self.users: dict[str, dict] = {}
        self.channels: dict[str, dict] = {}
        self.calls: list[Call] = []
        self.messages: list[dict] = []
        self.deleted_messages: list[dict] = []
        self.views: dict[str, dict] = {}
        self.home_views: dict[str, dict] = {}
        self.files: dict[str, dict] = {}
        self._modal_stacks: dict[str, list[str]] = {}  # user -> [view ids], root first
        self._dm_by_users: dict[frozenset, str] = {}
        self._triggers: dict[str, dict] = {}
        self._response_urls: dict[str, dict] = {}
        self._injections: list[_Injection] = []
        self._last_ts = 0.0
        self._counter = 0
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        # Socket Mode (socket_mode.py) runs when the workspace has an app-level token.
        self.socket_mode: SocketModeServer | None = None
        # Slack lists the app's bot user and Slackbot (is_bot false!) in users.list.
        self.add_user(bot_user_id, "localbot", real_name="Local Bot", is_bot=True)
        self.add_user("USLACKBOT", "slackbot", real_name="Slackbot")

    # ---- lifecycle -------------------------------------------------------------------------
    def start(self) -> LocalSlack:
        self._httpd = ThreadingHTTPServer((self._host, self._port), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.slack = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="localslack", daemon=True)
        self._thread.start()
        if self.app_token:
            self.socket_mode = SocketModeServer(self, self._host).start()
        return self

    def stop(self) -> None:
        if self.socket_mode:
            self.socket_mode.stop()
            self.socket_mode = None
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> LocalSlack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if not self._httpd:
            raise RuntimeError("LocalSlack not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        return self.base_url + "/api/"

    # ---- workspace setup -------------------------------------------------------------------
    def add_user(self, id: str, name: str, real_name: str | None = None, tz: str = "UTC",
                 title: str = "", email: str | None = None, deleted: bool = False,
                 is_bot: bool = False) -> dict:
        real = real_name if real_name is not None else name
        user = {
            "id": id, "team_id": self.team_id, "name": name, "deleted": deleted, "color": "9f69e7",
            "real_name": real, "tz": tz, "tz_label": tz, "tz_offset": 0,
            "profile": {
                "title": title, "phone": "", "skype": "", "real_name": real,
                "real_name_normalized": real, "display_name": name, "display_name_normalized": name,
                "status_text": "", "status_emoji": "", "avatar_hash": "g0000000000",
                "image_24": "", "image_32": "", "image_48": "", "image_72": "", "image_192": "",
                "image_512": "", "image_1024": "", "image_original": "", "team": self.team_id,
                "first_name": real.split(" ")[0], "last_name": " ".join(real.split(" ")[1:]),
            },
            "is_admin": False, "is_owner": False, "is_primary_owner": False, "is_restricted": False,
            "is_ultra_restricted": False, "is_bot": is_bot, "is_app_user": False,
            "updated": int(time.time()), "has_2fa": False,
        }
        if email is not None:
            user["profile"]["email"] = email
        if is_bot:
            user["profile"]["bot_id"] = self.bot_id if id == self.bot_user_id else self._new_id("B")
        with self.lock:
            self.users[id] = user
        return copy.deepcopy(user)

    def add_channel(self, id: str, name: str, is_member: bool = False, is_private: bool = False,
                    members: list[str] | None = None) -> dict:
        """members=None means "everyone" for chat.postEphemeral's membership check."""
        ch = {"id": id, "name": name, "is_channel": not is_private, "is_group": False, "is_im": False,
              "is_mpim": False, "is_private": is_private, "is_archived": False, "is_general": False,
              "is_member": is_member, "created": int(time.time()), "creator": self.bot_user_id,
              "members": list(members) if members is not None else None}
        with self.lock:
            self.channels[id] = ch
        return self._public_channel(ch)

    # ---- inspection helpers ----------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def messages_in(self, channel: str) -> list[dict]:
        with self.lock:
            return [m for m in self.messages if m["channel"] == channel]

    def ephemerals_to(self, user_id: str) -> list[dict]:
        with self.lock:
            return [m for m in self.messages if m.get("ephemeral_to") == user_id]

    def dm_channel(self, user_id: str) -> str:
        with self.lock:
            return self._open_dm([user_id])

    def open_views_for(self, user_id: str) -> list[dict]:
        with self.lock:
            return [self.views[v] for v in self._modal_stacks.get(user_id, [])]

    def reset_calls(self) -> None:
        with self.lock:
            self.calls.clear()

    def wait_for(self, predicate, timeout: float = 5.0) -> bool:
        """Poll until predicate() is truthy; the bot often works in threads after its ack."""
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                if predicate():
                    return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)

    def wait_quiet(self, quiet: float = 0.3, timeout: float = 10.0) -> bool:
        """Wait until no Web API call has arrived for `quiet` seconds (the bot's work after its acks is done)."""
        deadline = time.monotonic() + timeout
        seen, since = len(self.calls), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.02)
            now = len(self.calls)
            if now != seen:
                seen, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return True
        return False

    def new_trigger_id(self, user_id: str) -> str:
        with self.lock:
            tid = f"{int(time.time())}.{self._next()}.{secrets.token_hex(16)}"
            self._triggers[tid] = {"user": user_id, "at": time.monotonic(), "used": False}
            return tid

    def new_response_url(self, channel_id: str, user_id: str, message_ts: str | None = None) -> str:
        """message_ts: the message an interaction came from (for replace/delete_original)."""
        with self.lock:
            key = secrets.token_urlsafe(16)
            self._response_urls[key] = {"channel": channel_id, "user": user_id, "ts": message_ts,
                                        "at": time.monotonic(), "uses": 0}
            return f"{self.base_url}/response/{key}"

    def inject(self, method: str, *, status: int | None = None, retry_after: int | None = None,
               delay: float | None = None, error: str | None = None, times: int = 1,
               body: str | None = None, after: bool = False) -> None:
        """Make the next `times` calls of `method` ("*" = any) fail or slow down.

        status=429 -> rate limited (Retry-After: retry_after or 1); status>=500 -> that status with
        `body` (default a JSON fatal_error); error=... -> HTTP 200 {"ok": false, "error": error};
        delay=s alone -> sleep then answer normally.
        after=True: the method runs first (a post is recorded, as when Slack accepted it), then the delay and the
        failure apply to the answer only: the outcome is unknown to the caller (a timeout or a 5xx after Slack
        received the request).
        """
        if status is None and error is None and delay is None:
            raise ValueError("inject needs status, error or delay")
        with self.lock:
            self._injections.append(_Injection(method, status, retry_after, delay, error, body, times, after))

    # ---- internals used by method handlers -------------------------------------------------
    def _next(self) -> int:
        self._counter += 1
        return self._counter

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}0{self._next():08X}"

    def _new_ts(self) -> str:
        # Slack ts: unique per channel, "seconds.micros"; we make them globally monotonic.
        self._last_ts = max(round(time.time(), 6), round(self._last_ts + 0.000001, 6))
        return f"{self._last_ts:.6f}"

    def _public_channel(self, ch: dict) -> dict:
        out = {k: v for k, v in ch.items() if k != "members"}
        return copy.deepcopy(out)

    def _open_dm(self, user_ids: list[str]) -> str:
        key = frozenset(user_ids)
        if key not in self._dm_by_users:
            is_im = len(user_ids) == 1
            cid = self._new_id("D" if is_im else "G")
            self.channels[cid] = {
                "id": cid, "created": int(time.time()), "is_im": is_im, "is_mpim": not is_im,
                "is_channel": False, "is_group": False, "is_private": True, "is_archived": False,
                "is_member": True, "is_org_shared": False, "priority": 0,
                "members": [self.bot_user_id, *user_ids],
                **({"user": user_ids[0], "is_user_deleted": False} if is_im else
                   {"name": "mpdm-" + "--".join(user_ids)}),
            }
            self._dm_by_users[key] = cid
        return self._dm_by_users[key]

    def _find_message(self, channel: str, ts: str) -> dict | None:
        for m in self.messages:
            if m["channel"] == channel and m["ts"] == ts:
                return m
        return None

    def _record_message(self, **fields) -> dict:
        msg = {"channel": None, "ts": self._new_ts(), "text": "", "blocks": None, "thread_ts": None,
               "user": self.bot_user_id, "ephemeral_to": None, "via": "api", "files": None,
               "attachments": None}
        msg.update(fields)
        self.messages.append(msg)
        return msg

    def _message_json(self, msg: dict) -> dict:
        """A stored message as Slack returns it in API responses and interaction payloads."""
        out = {"type": "message", "text": msg["text"], "user": msg["user"], "ts": msg["ts"],
               "team": self.team_id}
        if msg["user"] == self.bot_user_id:
            out.update(bot_id=self.bot_id, app_id=self.app_id)
        for key in ("blocks", "attachments", "thread_ts", "files"):
            if msg.get(key):
                out[key] = copy.deepcopy(msg[key])
        return out

    # ---- HTTP: Web API -----------------------------------------------------------------------
    def _handle_api(self, method: str, query: str, headers, body: bytes):
        args = dict(parse_qsl(query, keep_blank_values=True))
        ctype = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        json_ok = method in spec.METHODS and spec.METHODS[method]["json"]
        if body and ctype == "application/json":
            try:
                parsed = json.loads(body)
            except ValueError:
                return self._api_answer(method, args, 200, {"ok": False, "error": "invalid_json"})
            if not isinstance(parsed, dict):
                return self._api_answer(method, args, 200, {"ok": False, "error": "json_not_object"})
            # Slack ignores JSON bodies on read methods: the args simply are not there.
            if json_ok:
                args.update(parsed)
        elif body:
            args.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        for key in JSON_ARGS:
            if isinstance(args.get(key), str):
                try:
                    args[key] = json.loads(args[key])
                except ValueError:
                    pass  # handlers report the malformed string in Slack's words
        token = args.pop("token", None)
        auth = headers.get("Authorization") or ""
        if auth.startswith("Bearer "):
            token = auth[len("Bearer "):].strip()

        injected = self._take_injection(method)
        if injected and injected.after:
            answer = self._perform(method, args, token)
            if injected.delay:
                time.sleep(injected.delay)
            if injected.status and injected.status >= 500:
                text = injected.body if injected.body is not None else \
                    json.dumps({"ok": False, "error": "fatal_error"})
                return self._api_answer(method, args, injected.status, None, raw=text, injected=True)
            return answer
        if injected:
            if injected.delay:
                time.sleep(injected.delay)
            if injected.status == 429:
                retry = str(injected.retry_after if injected.retry_after is not None else 1)
                return self._api_answer(method, args, 429, {"ok": False, "error": "ratelimited"},
                                        {"Retry-After": retry}, injected=True)
            if injected.status and injected.status >= 500:
                text = injected.body if injected.body is not None else \
                    json.dumps({"ok": False, "error": "fatal_error"})
                return self._api_answer(method, args, injected.status, None, raw=text, injected=True)
            if injected.error:
                return self._api_answer(method, args, 200, {"ok": False, "error": injected.error},
                                        injected=True)

        if method == "apps.connections.open":
            return self._connections_open(method, args, token)
        return self._perform(method, args, token)

    def _perform(self, method: str, args: dict, token: str | None):
        if method not in HANDLERS:
            return self._api_answer(method, args, 200, {"ok": False, "error": "unknown_method"})
        if not token:
            return self._api_answer(method, args, 200, {"ok": False, "error": "not_authed"})
        if self.app_token and token == self.app_token:
            return self._api_answer(method, args, 200, {"ok": False, "error": "not_allowed_token_type"})
        if token != self.bot_token:
            return self._api_answer(method, args, 200, {"ok": False, "error": "invalid_auth"})
        for req in spec.METHODS[method]["required"]:
            if args.get(req) in (None, ""):
                err = {"ok": False, "error": spec.missing_error(method, req),
                       "response_metadata": {"messages": [f"[ERROR] missing required field: {req}"]}}
                return self._api_answer(method, args, 200, err)
        try:
            with self.lock:
                result = HANDLERS[method](self, args)
            payload = {"ok": True, **result}
        except MethodError as e:
            payload = {"ok": False, "error": e.error}
            if e.messages:
                payload["response_metadata"] = {"messages": e.messages}
        return self._api_answer(method, args, 200, payload)

    def _connections_open(self, method: str, args: dict, token: str | None):
        """Socket Mode's handshake: only the app-level token may call it, as on Slack."""
        if not token:
            return self._api_answer(method, args, 200, {"ok": False, "error": "not_authed"})
        if token == self.bot_token or not token.startswith("xapp-"):
            return self._api_answer(method, args, 200, {"ok": False, "error": "not_allowed_token_type"})
        if token != self.app_token or self.socket_mode is None:
            return self._api_answer(method, args, 200, {"ok": False, "error": "invalid_auth"})
        return self._api_answer(method, args, 200, {"ok": True, **self.socket_mode.open_connection()})

    def _take_injection(self, method: str) -> _Injection | None:
        with self.lock:
            for inj in self._injections:
                if inj.method in (method, "*") and inj.times > 0:
                    inj.times -= 1
                    if inj.times == 0:
                        self._injections.remove(inj)
                    return inj
        return None

    def _api_answer(self, method, args, status, payload, headers=None, raw=None, injected=False):
        with self.lock:
            self.calls.append(Call(method, args, status, payload, time.time(), injected))
        body = raw if raw is not None else json.dumps(payload)
        hdrs = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
        return status, hdrs, body.encode()

    # ---- HTTP: response_url and file uploads -----------------------------------------------
    def _handle_response_url(self, key: str, body: bytes):
        with self.lock:
            status, text = self._response_url_post(key, body)
            try:
                recorded = json.loads(body)
            except ValueError:
                recorded = {"_raw": body.decode("utf-8", "replace")}
            self.calls.append(Call("response_url", recorded, status, None, time.time()))
        return status, {"Content-Type": "text/plain"}, text.encode()

    def _response_url_post(self, key: str, body: bytes) -> tuple[int, str]:
        entry = self._response_urls.get(key)
        if entry is None:
            return 404, "no_such_url"
        if time.monotonic() - entry["at"] > RESPONSE_URL_TTL:
            return 404, "expired_url"
        if entry["uses"] >= RESPONSE_URL_MAX_USES:
            return 404, "used_url"
        try:
            data = json.loads(body)
        except ValueError:
            return 400, "invalid_payload"
        if not isinstance(data, dict):
            return 400, "invalid_payload"
        entry["uses"] += 1
        original = self._find_message(entry["channel"], entry["ts"]) if entry["ts"] else None
        if data.get("delete_original"):
            if original is None:
                return 404, "message_not_found"
            self.messages.remove(original)
            self.deleted_messages.append(original)
            return 200, "ok"
        text, blocks = data.get("text"), data.get("blocks")
        if not text and not blocks and not data.get("attachments"):
            return 400, "no_text"
        if blocks is not None and limits.check_message_blocks(blocks):
            return 400, "invalid_blocks"
        if not limits.check_message_text(text):
            return 400, "msg_too_long"
        ephemeral = data.get("response_type", "ephemeral") != "in_channel"
        if data.get("replace_original") and original is not None:
            original.setdefault("history", []).append({"text": original["text"], "blocks": original["blocks"]})
            original.update(text=text or "", blocks=blocks)
            return 200, "ok"
        self._record_message(channel=entry["channel"], text=text or "", blocks=blocks,
                             thread_ts=data.get("thread_ts"), via="response_url",
                             ephemeral_to=entry["user"] if ephemeral else None,
                             attachments=data.get("attachments"),
                             response_type="ephemeral" if ephemeral else "in_channel")
        return 200, "ok"

    def _handle_upload(self, file_id: str, body: bytes):
        with self.lock:
            f = self.files.get(file_id)
            if f is None:
                return 404, {"Content-Type": "text/plain"}, b"not found"
            f["content"] = body
            f["size"] = len(body)
        return 200, {"Content-Type": "text/plain"}, f"OK - {len(body)}".encode()


class _Handler(BaseHTTPRequestHandler):
    server_version = "LocalSlack/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        slack: LocalSlack = self.server.slack  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = parts.path
        if path.startswith("/api/"):
            status, headers, out = slack._handle_api(path[len("/api/"):], parts.query, self.headers, body)
        elif path.startswith("/response/") and self.command == "POST":
            status, headers, out = slack._handle_response_url(path[len("/response/"):], body)
        elif path.startswith("/upload/") and self.command == "POST":
            status, headers, out = slack._handle_upload(path[len("/upload/"):], body)
        else:
            status, headers, out = 404, {"Content-Type": "text/plain"}, b"not found"
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)
