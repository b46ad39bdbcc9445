"""SlackDriver: sends Slack-signed requests to a bot's HTTP endpoint, shaped as Slack sends them.

Payload shapes follow ../shared/slack/samples/boltpy__*. The driver refuses interactions real Slack
could never send (clicking a button that is not in the message, submitting a modal that is not
open, a view_closed without notify_on_close), because a test built on those proves nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlencode

from .methods_views import apply_submission_answer, close_view

VERIFICATION_TOKEN = "legacy-verification-token"  # deprecated field Slack still sends


@dataclass
class Response:
    status: int
    headers: dict
    body: str
    elapsed: float = 0.0
    # For view_submission: what Slack would complain about in the bot's answer ([] = accepted).
    slack_errors: list[str] = field(default_factory=list)

    def json(self):
        return json.loads(self.body) if self.body.strip() else None


def sign(secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def _find_element(blocks, action_id: str, block_id: str | None = None):
    """(block, element) holding action_id (in block_id, when given: action_ids repeat across blocks),
    or (None, None)."""
    for b in blocks or []:
        if block_id is not None and b.get("block_id") != block_id:
            continue
        if b.get("type") == "actions":
            els = b.get("elements") or []
        else:
            els = [b.get("accessory") if b.get("type") == "section" else b.get("element")]
        for el in els:
            if isinstance(el, dict) and el.get("action_id") == action_id:
                return b, el
    return None, None


def _options(el: dict) -> list[dict]:
    opts = list(el.get("options") or [])
    for g in el.get("option_groups") or []:
        opts += g.get("options") or []
    return opts


class SlackDriver:
    """enterprise={"id": "E…", "name": …} plays an Enterprise Grid org: enterprise ids in every payload; with
    org_install=True (an org-wide install) interaction payloads carry `team: null` and event authorizations
    `team_id: null`. Grid user ids start with W (add them to the local Slack as any user)."""

    def __init__(self, bot_url: str, signing_secret: str, slack=None, forge: bool = False,
                 age_seconds: float = 0, api_app_id: str | None = None, timeout: float = 10.0,
                 enterprise: dict | None = None, org_install: bool = False):
        self.bot_url, self.signing_secret, self.slack = bot_url, signing_secret, slack
        self.forge, self.age_seconds, self.timeout = forge, age_seconds, timeout
        self.enterprise, self.org_install = enterprise, org_install
        self.api_app_id = api_app_id or (slack.app_id if slack else "A0LOCALAPP")
        self.team_id = slack.team_id if slack else "T0LOCAL"
        self.team_domain = (slack.team_name if slack else "local").lower()

    # ---- transport ---------------------------------------------------------------------------
    def raw(self, body: bytes, content_type: str, headers: dict | None = None,
            timestamp: str | None = None, signature: str | None = None) -> Response:
        ts = timestamp if timestamp is not None else str(int(time.time() - self.age_seconds))
        sig = signature if signature is not None else sign(
            "forged-" + self.signing_secret if self.forge else self.signing_secret, ts, body)
        hdrs = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig,
                "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)", **(headers or {})}
        req = urllib.request.Request(self.bot_url, data=body, headers=hdrs, method="POST")
        start = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                status, rh, text = resp.status, dict(resp.headers), resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            status, rh, text = e.code, dict(e.headers), e.read().decode("utf-8", "replace")
        return Response(status, rh, text, time.monotonic() - start)

    def _form(self, fields: dict) -> Response:
        return self.raw(urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def _interactive(self, payload: dict) -> Response:
        return self._form({"payload": json.dumps(payload)})

    # ---- helpers -----------------------------------------------------------------------------
    def _user(self, user_id: str) -> dict:
        name = user_id
        if self.slack and user_id in self.slack.users:
            name = self.slack.users[user_id]["name"]
        return {"id": user_id, "username": name, "name": name, "team_id": self.team_id}

    def _team(self) -> dict | None:
        if self.enterprise and self.org_install:
            return None  # Slack: org-wide installs get `team: null` in interaction payloads
        return {"id": self.team_id, "domain": self.team_domain}

    def _enterprise(self) -> dict:
        """The enterprise fields every interaction payload carries (null outside Enterprise Grid)."""
        return {"enterprise": dict(self.enterprise) if self.enterprise else None,
                "is_enterprise_install": bool(self.enterprise and self.org_install)}

    def _trigger(self, user_id: str) -> str:
        return self.slack.new_trigger_id(user_id) if self.slack else f"{int(time.time())}.1.{secrets.token_hex(8)}"

    def _response_url(self, channel_id: str, user_id: str, message_ts: str | None = None) -> str:
        if self.slack:
            return self.slack.new_response_url(channel_id, user_id, message_ts)
        return "https://hooks.slack.com/actions/T0LOCAL/1/" + secrets.token_hex(8)

    def _channel_name(self, channel_id: str) -> str:
        ch = self.slack.channels.get(channel_id) if self.slack else None
        if ch and ch.get("is_im"):
            return "directmessage"
        return (ch or {}).get("name") or "channel"

    # ---- slash commands and interactivity ----------------------------------------------------
    def command(self, user_id: str, command: str, text: str = "", channel_id: str = "C0GENERAL") -> Response:
        user = self._user(user_id)
        return self._form({
            "token": VERIFICATION_TOKEN, "team_id": self.team_id, "team_domain": self.team_domain,
            "channel_id": channel_id, "channel_name": self._channel_name(channel_id),
            "user_id": user_id, "user_name": user["name"], "command": command, "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "true" if self.enterprise and self.org_install else "false",
            **({"enterprise_id": self.enterprise["id"], "enterprise_name": self.enterprise["name"]}
               if self.enterprise else {}),
            "response_url": self._response_url(channel_id, user_id),
            "trigger_id": self._trigger(user_id),
        })

    def block_action(self, user_id: str, action_id: str, value: str | None = None,
                     block_id: str | None = None, view: dict | None = None, message: dict | None = None,
                     channel_id: str | None = None, container: dict | None = None,
                     selected_option: dict | None = None) -> Response:
        """Click/select action_id. With `view` (from slack.views/home_views) or `message` (from
        slack.messages) the element must exist there; block_id and value default to the element's."""
        blocks = (view or message or {}).get("blocks")
        block, element = _find_element(blocks, action_id, block_id)
        if (view or message) and element is None:
            raise ValueError(f"action_id {action_id!r} is not in that {'view' if view else 'message'}:"
                             " Slack could not send this action")
        action = {"action_id": action_id, "block_id": block_id or (block or {}).get("block_id") or "b",
                  "type": (element or {}).get("type", "button"), "action_ts": f"{time.time():.6f}"}
        if element and element.get("text"):
            action["text"] = element["text"]
        if selected_option is not None or action["type"].endswith("select") or action["type"] == "overflow":
            if element and selected_option not in _options(element):
                raise ValueError(f"selected_option {selected_option!r} is not an option of {action_id!r}")
            action["selected_option"] = selected_option
        else:
            if element and value is not None and element.get("value") != value:
                raise ValueError(f"button {action_id!r} carries value {element.get('value')!r}, not {value!r}")
            action["value"] = value if value is not None else (element or {}).get("value")
        payload = {"type": "block_actions", "user": self._user(user_id), "api_app_id": self.api_app_id,
                   "token": VERIFICATION_TOKEN, "trigger_id": self._trigger(user_id), "team": self._team(),
                   **self._enterprise(), "actions": [action]}
        if view is not None:
            payload["container"] = container or {"type": "view", "view_id": view["id"]}
            payload["view"] = view
            payload["state"] = view.get("state", {"values": {}})
        else:
            ch = channel_id or (message or {}).get("channel") or "C0GENERAL"
            ts = (message or {}).get("ts")
            ephemeral = bool((message or {}).get("ephemeral_to"))
            payload["container"] = container or {"type": "message", "message_ts": ts, "channel_id": ch,
                                                 "is_ephemeral": ephemeral}
            payload["channel"] = {"id": ch, "name": self._channel_name(ch)}
            # Slack omits `message` for ephemeral messages; bots must not rely on it there.
            if message is not None and not ephemeral and self.slack:
                payload["message"] = self.slack._message_json(message)
            payload["state"] = {"values": {}}
            payload["response_url"] = self._response_url(ch, user_id, ts)
        return self._interactive(payload)

    def _check_open(self, user_id: str, view: dict) -> None:
        if self.slack and view["id"] not in [v["id"] for v in self.slack.open_views_for(user_id)]:
            raise ValueError(f"view {view['id']} is not open for {user_id}: Slack could not send this")

    def view_submission(self, user_id: str, view: dict, values: dict) -> Response:
        """values: {block_id: {action_id: {"type": ..., "value": ...}}}; a bare string is wrapped
        as a plain_text_input value. Required input blocks must be filled, as Slack's client insists."""
        self._check_open(user_id, view)
        state = {}
        inputs = {b.get("block_id"): b for b in view.get("blocks", []) if b.get("type") == "input"}
        for bid, actions in values.items():
            if bid not in inputs:
                raise ValueError(f"block_id {bid!r} is not an input block of view {view['id']}")
            state[bid] = {}
            for aid, v in actions.items():
                if inputs[bid]["element"].get("action_id") not in (None, aid):
                    raise ValueError(f"action_id {aid!r} is not the element of input block {bid!r}")
                state[bid][aid] = {"type": inputs[bid]["element"]["type"], "value": v} if isinstance(v, str) else v
        for bid, b in inputs.items():
            filled = any((v.get("value") or v.get("selected_option") or v.get("selected_options")
                          or v.get("selected_user") or v.get("selected_date") or v.get("selected_users")
                          or v.get("selected_conversation") or v.get("selected_conversations")
                          or v.get("selected_channel") or v.get("selected_time"))
                         for v in state.get(bid, {}).values())
            if not b.get("optional") and not filled:
                raise ValueError(f"required input block {bid!r} is empty: Slack would not submit")
        submitted = {**view, "state": {"values": state}}
        payload = {"type": "view_submission", "team": self._team(), "user": self._user(user_id),
                   "api_app_id": self.api_app_id, "token": VERIFICATION_TOKEN,
                   "trigger_id": self._trigger(user_id), "view": submitted, "response_urls": [],
                   **self._enterprise()}
        r = self._interactive(payload)
        if self.slack:
            with self.slack.lock:
                r.slack_errors = apply_submission_answer(self.slack, user_id, view["id"], r.status, r.body)
        if r.elapsed > 3:
            r.slack_errors.append(f"answered after {r.elapsed:.1f}s; Slack gives up after 3s")
        return r

    def view_closed(self, user_id: str, view: dict) -> Response:
        if not view.get("notify_on_close"):
            raise ValueError("Slack sends view_closed only for views opened with notify_on_close: true")
        self._check_open(user_id, view)
        payload = {"type": "view_closed", "team": self._team(), "user": self._user(user_id),
                   "api_app_id": self.api_app_id, "token": VERIFICATION_TOKEN, "view": view,
                   "is_cleared": False, "response_urls": [], **self._enterprise()}
        if self.slack:
            with self.slack.lock:
                close_view(self.slack, user_id, view["id"])
        return self._interactive(payload)

    # ---- Events API --------------------------------------------------------------------------
    def event(self, event: dict, event_id: str | None = None, retry_num: int | None = None,
              retry_reason: str | None = None) -> Response:
        envelope = {
            "token": VERIFICATION_TOKEN, "team_id": self.team_id, "api_app_id": self.api_app_id,
            "event": event, "type": "event_callback",
            "event_id": event_id or "Ev" + secrets.token_hex(5).upper(),
            "event_time": int(time.time()),
            "authorizations": [{"enterprise_id": self.enterprise["id"] if self.enterprise else None,
                                "team_id": None if self.enterprise and self.org_install else self.team_id,
                                "user_id": self.slack.bot_user_id if self.slack else "U0BOT",
                                "is_bot": True, "is_enterprise_install": bool(self.enterprise and self.org_install)}],
            "is_ext_shared_channel": False,
            "event_context": secrets.token_hex(8),
        }
        if self.enterprise:
            envelope.update(enterprise_id=self.enterprise["id"], context_enterprise_id=self.enterprise["id"],
                            context_team_id=self.team_id)
        return self._send_event(envelope, retry_num, retry_reason)

    def _send_event(self, envelope: dict, retry_num: int | None, retry_reason: str | None) -> Response:
        headers = {}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        return self.raw(json.dumps(envelope).encode(), "application/json", headers=headers)

    def message_im(self, user_id: str, text: str, thread_ts: str | None = None,
                   event_id: str | None = None, retry_num: int | None = None) -> Response:
        """The user writes in the app's DM; recorded in slack.messages (via "user") too."""
        if self.slack:
            with self.slack.lock:
                channel = self.slack._open_dm([user_id])
                ts = self.slack._record_message(channel=channel, text=text, thread_ts=thread_ts,
                                                user=user_id, via="user")["ts"]
        else:
            channel, ts = "D0LOCAL", f"{time.time():.6f}"
        event = {"client_msg_id": secrets.token_hex(8), "type": "message", "text": text, "user": user_id,
                 "ts": ts, "team": self.team_id, "channel": channel, "event_ts": ts, "channel_type": "im",
                 "blocks": [{"type": "rich_text", "block_id": secrets.token_urlsafe(3), "elements": [
                     {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}]}
        if thread_ts:
            event.update(thread_ts=thread_ts, parent_user_id=user_id)
        if self.enterprise:
            event.update(user_team=self.team_id, source_team=self.team_id)
        return self.event(event, event_id=event_id, retry_num=retry_num)

    def app_home_opened(self, user_id: str, tab: str = "home") -> Response:
        channel = self.slack.dm_channel(user_id) if self.slack else "D0LOCAL"
        event = {"type": "app_home_opened", "user": user_id, "channel": channel, "tab": tab,
                 "event_ts": f"{time.time():.6f}"}
        home = self.slack.home_views.get(user_id) if self.slack else None
        if home and tab == "home":
            event["view"] = home
        return self.event(event)


class SocketModeDriver(SlackDriver):
    """The same interactions as SlackDriver, delivered as Socket Mode envelopes by the local Slack's
    SocketModeServer to a connected app instead of signed HTTP requests. The Response carries the ack:
    status 200 when acked (0 when never acked), body = the ack's payload as JSON ("" when it had none)."""

    def __init__(self, slack, timeout: float = 10.0):
        if slack.socket_mode is None:
            raise ValueError("the local Slack has no Socket Mode (start it with an app_token)")
        super().__init__(bot_url="", signing_secret="", slack=slack, timeout=timeout)
        self.socket = slack.socket_mode

    def _deliver(self, type_: str, payload: dict, accepts: bool, first_attempt: int = 0) -> Response:
        env = self.socket.send(type_, payload, accepts, timeout=self.timeout, first_attempt=first_attempt)
        if env.ack is None:
            return Response(0, {}, "", self.socket.ack_timeout)
        body = json.dumps(env.ack["payload"]) if env.ack.get("payload") is not None else ""
        headers = {"Content-Type": "application/json"} if body else {}
        return Response(200, headers, body, env.acked_at - env.sent[0])

    def raw(self, *args, **kwargs) -> Response:
        raise NotImplementedError("Socket Mode has no raw HTTP requests: there is nothing to sign")

    def _form(self, fields: dict) -> Response:
        # A slash command's form fields arrive as one JSON object; its answer may ride on the ack.
        return self._deliver("slash_commands", dict(fields), True)

    def _interactive(self, payload: dict) -> Response:
        # Only view submissions (and option loads) may answer in the ack (errors, update, push, clear).
        accepts = payload.get("type") in ("view_submission", "block_suggestion")
        return self._deliver("interactive", payload, accepts)

    def _send_event(self, envelope: dict, retry_num: int | None, retry_reason: str | None) -> Response:  # noqa: ARG002
        return self._deliver("events_api", envelope, False, first_attempt=retry_num or 0)
