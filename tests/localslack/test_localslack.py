"""LocalSlack on its own, through real HTTP with slack_sdk, plus a check of bot/devkit/localslack/spec.py
against Slack's OpenAPI spec in ../shared/slack (skipped when that folder is absent)."""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier

from bot.devkit.localslack import LocalSlack, SlackDriver, limits, spec
from bot.devkit.localslack.server import HANDLERS

TOKEN = "xoxb-local-token"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "slack"
OPENAPI = SHARED / "web-api" / "slack_web_openapi_v2.json"


@pytest.fixture
def slack():
    s = LocalSlack(bot_token=TOKEN)
    s.add_user("U1", "alice", real_name="Alice", email="alice@example.com")
    s.add_user("U2", "bob", email="bob@example.com")
    s.add_user("U3", "gone", deleted=True)
    s.add_channel("C0GENERAL", "general", is_member=True)
    s.add_channel("C0OTHER", "other")
    s.add_channel("G0SECRET", "secret", is_private=True)
    with s:
        yield s
    # Every error the emulator produced must be one its spec table declares for that method.
    for call in s.calls:
        error = (call.response or {}).get("error")
        if error and not call.injected and call.method in spec.METHODS:
            assert error in spec.allowed_errors(call.method), f"{call.method} answered undeclared {error}"


@pytest.fixture
def client(slack):
    return WebClient(base_url=slack.url, token=TOKEN)


def error_of(fn, **kwargs) -> dict:
    with pytest.raises(SlackApiError) as e:
        fn(**kwargs)
    return e.value.response.data


def section(text: str, block_id: str | None = None) -> dict:
    b = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if block_id:
        b["block_id"] = block_id
    return b


def modal(**over) -> dict:
    v = {"type": "modal", "callback_id": "cb", "title": {"type": "plain_text", "text": "Title"},
         "submit": {"type": "plain_text", "text": "Send"}, "private_metadata": "meta",
         "blocks": [{"type": "input", "block_id": "topic",
                     "label": {"type": "plain_text", "text": "Topic"},
                     "element": {"type": "plain_text_input", "action_id": "topic_in"}}]}
    v.update(over)
    return v


# ---- auth and argument errors ------------------------------------------------------------------

def test_unknown_method(client):
    assert error_of(client.api_call, api_method="chat.postMessagez")["error"] == "unknown_method"


def test_no_token_and_bad_token(slack):
    assert error_of(WebClient(base_url=slack.url).auth_test)["error"] == "not_authed"
    bad = WebClient(base_url=slack.url, token="xoxb-wrong")
    assert error_of(bad.auth_test) == {"ok": False, "error": "invalid_auth"}
    assert slack.calls_to("auth.test")[-1].response["error"] == "invalid_auth"


def test_token_as_form_field_is_accepted(slack):
    body = b"token=" + TOKEN.encode()
    req = urllib.request.Request(slack.url + "auth.test", data=body, method="POST")
    assert json.loads(urllib.request.urlopen(req).read())["user_id"] == "U0BOT"


# The missing text is the point of the test; slack_sdk warns about it client-side.
@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_missing_required_arguments(client):
    err = error_of(client.api_call, api_method="chat.postMessage", json={"text": "hi"})
    assert err["error"] == "channel_not_found"
    assert err["response_metadata"]["messages"] == ["[ERROR] missing required field: channel"]
    err = error_of(client.api_call, api_method="views.publish", json={"view": {"type": "home", "blocks": []}})
    assert err["error"] == "invalid_arguments"
    assert "user_id" in err["response_metadata"]["messages"][0]
    assert error_of(client.chat_postMessage, channel="C0GENERAL")["error"] == "no_text"


def test_read_methods_ignore_json_bodies_like_slack(client):
    # users.info consumes only form data; a JSON body leaves `user` missing.
    err = error_of(client.api_call, api_method="users.info", json={"user": "U1"})
    assert err["error"] == "user_not_found"
    assert client.users_info(user="U1")["user"]["name"] == "alice"


# ---- chat ------------------------------------------------------------------------------------

def test_post_to_channels_dms_and_errors(slack, client):
    r = client.chat_postMessage(channel="C0GENERAL", text="hello")
    assert r["channel"] == "C0GENERAL" and r["message"]["bot_id"]
    assert error_of(client.chat_postMessage, channel="C0OTHER", text="x")["error"] == "not_in_channel"
    assert error_of(client.chat_postMessage, channel="G0SECRET", text="x")["error"] == "channel_not_found"
    assert error_of(client.chat_postMessage, channel="C0NOPE", text="x")["error"] == "channel_not_found"
    dm = client.chat_postMessage(channel="U1", text="hi alice")
    assert dm["channel"] == slack.dm_channel("U1") == client.conversations_open(users="U1")["channel"]["id"]
    assert [m["text"] for m in slack.messages_in(dm["channel"])] == ["hi alice"]
    ts = [m["ts"] for m in slack.messages]
    assert ts == sorted(ts) and len(set(ts)) == len(ts)


def test_deleted_user_cannot_be_opened_but_posting_succeeds_like_slack(client):
    assert error_of(client.conversations_open, users="U3")["error"] == "user_disabled"
    assert client.chat_postMessage(channel="U3", text="still delivered")["ok"]
    assert client.users_info(user="U3")["user"]["deleted"] is True


def test_join_rules(client):
    assert client.conversations_join(channel="C0OTHER")["channel"]["is_member"] is True
    assert client.chat_postMessage(channel="C0OTHER", text="now ok")["ok"]
    err = error_of(client.conversations_join, channel="G0SECRET")
    assert err["error"] == "method_not_supported_for_channel_type"
    assert error_of(client.conversations_join, channel="C0NOPE")["error"] == "channel_not_found"


def test_ephemeral_update_delete(slack, client):
    client.chat_postEphemeral(channel="C0GENERAL", user="U1", text="psst")
    assert [m["text"] for m in slack.ephemerals_to("U1")] == ["psst"]
    assert error_of(client.chat_postEphemeral, channel="C0GENERAL", user="U3", text="x")["error"] == \
        "user_not_in_channel"
    ts = client.chat_postMessage(channel="C0GENERAL", text="v1")["ts"]
    assert client.chat_update(channel="C0GENERAL", ts=ts, text="v2")["text"] == "v2"
    assert slack.messages_in("C0GENERAL")[-1]["text"] == "v2"
    assert error_of(client.chat_update, channel="C0GENERAL", ts="1.2", text="x")["error"] == "message_not_found"
    client.chat_delete(channel="C0GENERAL", ts=ts)
    assert all(m["ts"] != ts for m in slack.messages)


# ---- Block Kit limits ------------------------------------------------------------------------

def test_block_count_limits(client):
    fifty = [section(f"s{i}") for i in range(50)]
    assert client.chat_postMessage(channel="C0GENERAL", text="t", blocks=fifty)["ok"]
    err = error_of(client.chat_postMessage, channel="C0GENERAL", text="t", blocks=fifty + [section("x")])
    assert err["error"] == "invalid_blocks" and err["response_metadata"]["messages"]
    home = {"type": "home", "blocks": [section(f"s{i}") for i in range(101)]}
    assert error_of(client.views_publish, user_id="U1", view=home)["error"] == "invalid_arguments"
    home["blocks"].pop()
    assert client.views_publish(user_id="U1", view=home)["view"]["type"] == "home"


def test_text_and_field_limits(client):
    err = error_of(client.chat_postMessage, channel="C0GENERAL", text="t", blocks=[section("x" * 3001)])
    assert err["error"] == "invalid_blocks" and "3001" in err["response_metadata"]["messages"][0]
    assert client.chat_postMessage(channel="C0GENERAL", text="t", blocks=[section("x" * 3000)])["ok"]
    header = {"type": "header", "text": {"type": "mrkdwn", "text": "*bold*"}}  # must be plain_text
    assert error_of(client.chat_postMessage, channel="C0GENERAL", text="t", blocks=[header])["error"] == \
        "invalid_blocks"
    bogus = {"type": "carousel"}
    assert error_of(client.chat_postMessage, channel="C0GENERAL", text="t", blocks=[bogus])["error"] == \
        "invalid_blocks"
    dup = [section("a", "same"), section("b", "same")]
    assert error_of(client.chat_postMessage, channel="C0GENERAL", text="t", blocks=dup)["error"] == \
        "invalid_blocks"
    assert error_of(client.chat_postMessage, channel="C0GENERAL", text="x" * 40001)["error"] == "msg_too_long"


def test_limits_module_numbers():
    button = {"type": "button", "text": {"type": "plain_text", "text": "b" * 76}, "action_id": "a"}
    assert limits.check_message_blocks([{"type": "actions", "elements": [button]}])
    button["text"]["text"] = "ok"
    dup = {"type": "actions", "elements": [button, dict(button)]}
    assert any("duplicate action_id" in e for e in limits.check_message_blocks([dup]))
    fields = [{"type": "mrkdwn", "text": "f"}] * 11
    assert limits.check_message_blocks([{"type": "section", "fields": fields}])
    assert limits.check_view(modal(callback_id="c" * 256))
    assert limits.check_view(modal(submit=None))  # input blocks need a submit button
    assert limits.check_view(modal()) == []


def test_modal_limits_and_trigger_rules(slack, client):
    trig = slack.new_trigger_id("U1")
    long_title = modal(title={"type": "plain_text", "text": "x" * 25})
    assert error_of(client.views_open, trigger_id=trig, view=long_title)["error"] == "invalid_arguments"
    assert error_of(client.views_open, trigger_id=trig, view=modal(private_metadata="m" * 3001))["error"] == \
        "invalid_arguments"
    opened = client.views_open(trigger_id=trig, view=modal())["view"]  # bad views did not use the trigger
    assert opened["root_view_id"] == opened["id"] and opened["state"] == {"values": {}}
    assert slack.open_views_for("U1")[0]["callback_id"] == "cb"
    assert error_of(client.views_open, trigger_id=trig, view=modal())["error"] == "exchanged_trigger_id"
    assert error_of(client.views_open, trigger_id="1.2.nope", view=modal())["error"] == "invalid_trigger_id"
    slack.trigger_ttl = 0.05
    stale = slack.new_trigger_id("U1")
    time.sleep(0.1)
    assert error_of(client.views_open, trigger_id=stale, view=modal())["error"] == "expired_trigger_id"
    err = error_of(client.api_call, api_method="views.open", json={"view": modal()})
    assert err["error"] == "invalid_arguments"
    updated = client.views_update(view_id=opened["id"], view=modal(private_metadata="v2"))["view"]
    assert updated["id"] == opened["id"] and slack.views[opened["id"]]["private_metadata"] == "v2"
    assert error_of(client.views_update, view_id=opened["id"], hash="stale", view=modal())["error"] == \
        "hash_conflict"


# ---- users -----------------------------------------------------------------------------------

def test_users_list_pages_and_lookup(slack, client):
    seen, cursors = [], []
    cursor = None
    while True:
        r = client.users_list(limit=2, cursor=cursor)
        seen += [m["id"] for m in r["members"]]
        cursor = r["response_metadata"]["next_cursor"]
        cursors.append(cursor)
        if not cursor:
            break
    # 5 users + bot + Slackbot, like Slack: deleted users and bots included.
    assert len(cursors) == 3 and cursors[-1] == ""
    assert seen[:2] == ["U0BOT", "USLACKBOT"] and "U3" in seen
    assert error_of(client.users_list, cursor="garbage")["error"] == "invalid_cursor"
    assert client.users_lookupByEmail(email="bob@example.com")["user"]["id"] == "U2"
    assert error_of(client.users_lookupByEmail, email="nobody@example.com")["error"] == "users_not_found"
    assert error_of(client.users_info, user="U404")["error"] == "user_not_found"


# ---- fault injection -------------------------------------------------------------------------

def test_ratelimit_retry_after_is_honoured(slack):
    slack.inject("users.list", status=429, retry_after=1)
    client = WebClient(base_url=slack.url, token=TOKEN,
                       retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)])
    start = time.monotonic()
    assert client.users_list()["ok"]
    assert time.monotonic() - start >= 1.0
    calls = slack.calls_to("users.list")
    assert [c.status for c in calls] == [429, 200]
    assert calls[0].response == {"ok": False, "error": "ratelimited"}


def test_5xx_delay_and_error_injection(slack, client):
    slack.inject("chat.postMessage", status=503, body="upstream down")
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="C0GENERAL", text="x")
    assert e.value.response.status_code == 503
    slack.inject("*", delay=0.3)
    start = time.monotonic()
    assert client.auth_test()["ok"] and time.monotonic() - start >= 0.3
    slack.inject("auth.test", error="account_inactive", times=2)
    assert error_of(client.auth_test)["error"] == "account_inactive"
    assert error_of(client.auth_test)["error"] == "account_inactive"
    assert client.auth_test()["ok"]


# ---- response_url and files -------------------------------------------------------------------

def _post(url: str, payload) -> tuple[int, str]:
    req = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_response_url(slack):
    url = slack.new_response_url("C0GENERAL", "U1")
    assert _post(url, {"text": "only you"}) == (200, "ok")
    assert _post(url, {"text": "everyone", "response_type": "in_channel"}) == (200, "ok")
    assert [m["text"] for m in slack.ephemerals_to("U1")] == ["only you"]
    assert slack.messages[-1]["via"] == "response_url" and slack.messages[-1]["ephemeral_to"] is None
    assert _post(url, {"text": "t", "blocks": [section("x" * 3001)]}) == (400, "invalid_blocks")
    for _ in range(3):
        _post(url, {"text": "more"})
    assert _post(url, {"text": "sixth"})[0] == 404  # 5 uses at most
    assert _post(slack.base_url + "/response/nope", {"text": "x"})[0] == 404


def test_files_upload_v2(slack, client):
    r = client.files_upload_v2(channel="C0GENERAL", content="hello", filename="notes.txt", title="Notes",
                               initial_comment="see file")
    assert r["file"]["title"] == "Notes"
    msg = slack.messages_in("C0GENERAL")[-1]
    assert msg["text"] == "see file" and msg["files"][0]["id"] == r["file"]["id"]
    assert slack.files[r["file"]["id"]]["content"] == b"hello"
    with pytest.raises(SlackApiError):
        client.files_upload_v2(channel="C0OTHER", content="x", filename="x.txt")


# ---- driver ----------------------------------------------------------------------------------

class _Capture(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.got.append((dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def bot_endpoint():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    httpd.got = []
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_driver_signs_like_slack(slack, bot_endpoint):
    url = f"http://127.0.0.1:{bot_endpoint.server_address[1]}/slack/events"
    verifier = SignatureVerifier("s3cret")
    SlackDriver(url, "s3cret", slack=slack).command("U1", "/findmentor", "python")
    SlackDriver(url, "s3cret", slack=slack, forge=True).message_im("U1", "hi")
    SlackDriver(url, "s3cret", slack=slack, age_seconds=600).app_home_opened("U1")
    (h1, b1), (h2, b2), (h3, b3) = bot_endpoint.got
    assert verifier.is_valid_request(b1, h1)
    assert not verifier.is_valid_request(b2, h2)
    assert not verifier.is_valid_request(b3, h3)  # stale timestamp
    assert b"command=%2Ffindmentor" in b1 and b"trigger_id=" in b1
    assert json.loads(b2)["event"]["channel_type"] == "im"


def test_driver_refuses_impossible_interactions(slack, client, bot_endpoint):
    url = f"http://127.0.0.1:{bot_endpoint.server_address[1]}/slack/events"
    d = SlackDriver(url, "s", slack=slack)
    button = {"type": "button", "text": {"type": "plain_text", "text": "Go"}, "action_id": "go", "value": "7"}
    client.chat_postMessage(channel="C0GENERAL", text="t", blocks=[{"type": "actions", "elements": [button]}])
    msg = slack.messages[-1]
    d.block_action("U1", "go", message=msg)
    payload = json.loads(dict(urllib.parse.parse_qsl(bot_endpoint.got[-1][1].decode()))["payload"])
    assert payload["actions"][0]["value"] == "7" and payload["actions"][0]["block_id"] == msg["blocks"][0]["block_id"]
    with pytest.raises(ValueError):
        d.block_action("U1", "missing", message=msg)
    view = client.views_open(trigger_id=slack.new_trigger_id("U1"), view=modal())["view"]
    with pytest.raises(ValueError):
        d.view_submission("U1", view, {})  # required input left empty
    with pytest.raises(ValueError):
        d.view_closed("U1", view)  # notify_on_close not set
    r = d.view_submission("U1", slack.views[view["id"]], {"topic": {"topic_in": "rust"}})
    assert r.status == 200 and r.slack_errors == [] and slack.open_views_for("U1") == []


# ---- spec comparison -------------------------------------------------------------------------

def _openapi() -> dict:
    if not OPENAPI.exists():
        pytest.skip(f"../shared/slack not present: {OPENAPI} is needed to compare spec.py with Slack's spec")
    return json.loads(OPENAPI.read_text())


def _op(doc: dict, method: str) -> dict | None:
    path = doc["paths"].get("/" + method)
    return next(iter(path.values())) if path else None


def test_every_method_is_in_slacks_spec_or_corrected():
    doc = _openapi()
    for method in spec.METHODS:
        assert _op(doc, method) or spec.corrections(method, "method"), f"{method} is not a Slack method"
    for _, kind, _ in spec.CORRECTIONS:
        assert kind in {"not_required", "error", "method", "required", "param"}


def test_required_and_accepted_args_match_slacks_spec():
    doc = _openapi()
    for method, entry in spec.METHODS.items():
        op = _op(doc, method)
        if op is None:
            continue
        params = {p["name"]: p for p in op["parameters"]}
        spec_required = {n for n, p in params.items() if p.get("required")} - spec.corrections(method, "not_required")
        ours = set(entry["required"])
        assert spec_required <= ours, f"{method}: Slack requires {spec_required - ours}"
        extra_required = ours - spec_required
        assert extra_required <= spec.corrections(method, "required"), \
            f"{method}: we require {extra_required - spec.corrections(method, 'required')} but Slack does not"
        accepted = ours | set(entry["optional"])
        unknown = accepted - set(params) - spec.corrections(method, "param")
        assert not unknown, f"{method}: {unknown} are not arguments of Slack's {method}"
        consumes = op.get("consumes", [])
        assert entry["json"] == ("application/json" in consumes), f"{method}: JSON support differs"


def test_error_codes_are_slacks():
    doc = _openapi()
    for method in spec.METHODS:
        op = _op(doc, method)
        if op is None:
            continue
        schema = op["responses"].get("default", {}).get("schema", {})
        enum = schema.get("properties", {}).get("error", {}).get("enum")
        if enum is None:
            continue  # the spec gives no list (views.*); codes are from Slack's method docs
        unknown = spec.allowed_errors(method) - set(enum) - spec.corrections(method, "error")
        assert not unknown, f"{method}: {unknown} are not in Slack's error list"


def test_handlers_match_spec_table():
    assert set(HANDLERS) == set(spec.METHODS)
    # Every error literal in the handlers is declared for some method in spec.METHODS.
    declared = set().union(*(spec.allowed_errors(m) for m in spec.METHODS))
    pkg = Path(spec.__file__).parent
    for src in pkg.glob("methods_*.py"):
        for code in re.findall(r'(?:MethodError|_err)\("([a-z_]+)"', src.read_text()):
            assert code in declared, f"{src.name} returns {code}, declared for no method in spec.py"


# ---- shapes against Slack's samples --------------------------------------------------------------

def _sample(name: str):
    path = SHARED / "samples" / name
    if not path.exists():
        pytest.skip(f"../shared/slack not present: {path} is needed to compare shapes with Slack's samples")
    return path.read_text() if name.endswith(".txt") else json.loads(path.read_text())


def _missing_keys(sample, ours, path="") -> list[str]:
    """Keys present in Slack's sample but absent from ours (recursively through dicts)."""
    out = []
    for key, value in sample.items():
        if key not in ours:
            out.append(path + key)
        elif isinstance(value, dict) and isinstance(ours[key], dict) and value:
            out += _missing_keys(value, ours[key], f"{path}{key}.")
    return out


ENTERPRISE = {"enterprise_id", "enterprise_name", "team.enterprise_id", "team.enterprise_name"}


def test_api_responses_have_slacks_shape(slack, client):
    trigger = slack.new_trigger_id("U1")
    ours = {
        "auth.test": client.auth_test().data,
        "chat.postMessage": client.chat_postMessage(channel="C0GENERAL", text="x").data,
        "conversations.open": client.conversations_open(users="U2").data,
        "users.info": client.users_info(user="U1").data,
        "users.lookupByEmail": client.users_lookupByEmail(email="alice@example.com").data,
        "users.list": client.users_list().data,
        "views.open": client.views_open(trigger_id=trigger, view=modal()).data,
        "views.publish": client.views_publish(user_id="U1", view={"type": "home", "blocks": []}).data,
    }
    for method, data in ours.items():
        sample = _sample(f"apispecs__{method}.response.json")
        if method == "users.list":
            alice = next(m for m in data["members"] if m["id"] == "U1")
            sample["members"], data = sample["members"][0], {**data, "members": alice}
        # attachments/subtype/username: legacy message fields we do not produce; the rest must match.
        ignore = {"message.attachments", "message.subtype", "message.username"}
        missing = [k for k in _missing_keys(sample, data) if k not in ignore]
        assert not missing, f"{method}: our answer lacks {missing}"


def test_driver_payloads_have_slacks_shape(slack, client, bot_endpoint):
    url = f"http://127.0.0.1:{bot_endpoint.server_address[1]}/slack/events"
    d = SlackDriver(url, "s", slack=slack)
    button = {"type": "button", "text": {"type": "plain_text", "text": "Go"}, "action_id": "a", "value": "v"}
    client.chat_postEphemeral(channel="C0GENERAL", user="U1", text="t",
                              blocks=[{"type": "actions", "block_id": "b", "elements": [button]}])
    d.command("U1", "/hello", "Hi")
    d.block_action("U1", "a", message=slack.messages[-1])
    view = client.views_open(trigger_id=slack.new_trigger_id("U1"), view=modal(notify_on_close=True))["view"]
    d.view_closed("U1", view)
    view = client.views_open(trigger_id=slack.new_trigger_id("U1"), view=modal())["view"]
    d.view_submission("U1", view, {"topic": {"topic_in": "x"}})
    d.message_im("U1", "hello", thread_ts="1.2")
    d.app_home_opened("U1")
    bodies = [b for _, b in bot_endpoint.got]
    parsed = [dict(urllib.parse.parse_qsl(b.decode())) for b in bodies[:4]]
    got = {
        "slash_command.parsed": parsed[0],
        "block_actions": json.loads(parsed[1]["payload"]),
        "view_closed": json.loads(parsed[2]["payload"]),
        "view_submission": json.loads(parsed[3]["payload"]),
        "event_message_im": json.loads(bodies[4]),
        "event_app_home_opened": json.loads(bodies[5]),
    }
    for name, ours in got.items():
        sample = _sample(f"boltpy__{name}.json")
        # Enterprise Grid fields and the DM-from-another-team fields do not apply to one workspace.
        ignore = ENTERPRISE | {"event.user_team", "event.source_team", "event.user_profile"}
        # state.values is keyed by the view's own block_ids: data, not shape.
        missing = [k for k in _missing_keys(sample, ours)
                   if k not in ignore and not k.startswith("view.state.values.")]
        assert not missing, f"{name}: our payload lacks {missing}"


def test_conversations_members_pages_and_refuses_a_bad_limit(slack, client):
    slack.add_channel("C0PAGED", "paged", is_member=True, members=["U1", "U2", "U3"])
    first = client.conversations_members(channel="C0PAGED", limit=2)
    assert first["members"] == ["U1", "U2"] and first["response_metadata"]["next_cursor"]
    rest = client.conversations_members(channel="C0PAGED", limit=2, cursor=first["response_metadata"]["next_cursor"])
    assert rest["members"] == ["U3"] and rest["response_metadata"]["next_cursor"] == ""
    assert error_of(client.conversations_members, channel="C0PAGED", limit=1001)["error"] == "invalid_limit"
    assert error_of(client.conversations_members, channel="C0NOPE")["error"] == "channel_not_found"
# ---- message metadata and history ------------------------------------------------------------

def test_metadata_round_trips_through_history_only_when_asked(slack, client):
    meta = {"event_type": "mentorbot_outbox", "event_payload": {"key": "checkin:1:2026-12-01:U1"}}
    first = client.chat_postMessage(channel="U1", text="one", metadata=meta)
    client.chat_postMessage(channel="U1", text="reply", thread_ts=first["ts"], metadata=meta)
    second = client.chat_postMessage(channel="U1", text="two")
    dm = first["channel"]
    plain = client.conversations_history(channel=dm)["messages"]
    assert [m["text"] for m in plain] == ["two", "one"] and all("metadata" not in m for m in plain)  # newest first
    full = client.conversations_history(channel=dm, include_all_metadata=True, oldest=first["ts"], inclusive=True)
    assert [m.get("metadata") for m in full["messages"]] == [None, meta]
    assert [m["text"] for m in client.conversations_history(channel=dm, oldest=first["ts"])["messages"]] == ["two"]
    assert [m["text"] for m in client.conversations_history(channel=dm, limit=1)["messages"]] == ["two"]
    thread = client.conversations_replies(channel=dm, ts=first["ts"], include_all_metadata=True)["messages"]
    assert [(m["text"], m.get("metadata")) for m in thread] == [("one", meta), ("reply", meta)]
    assert error_of(client.conversations_replies, channel=dm, ts=second["ts"] + "9")["error"] == "thread_not_found"
    assert error_of(client.conversations_history, channel=dm, oldest="yesterday")["error"] == "invalid_ts_oldest"
    assert error_of(client.conversations_history, channel="C0OTHER")["error"] == "not_in_channel"
    assert error_of(client.conversations_history, channel="G0SECRET")["error"] == "channel_not_found"
    for bad, code in [({"event_type": "x"}, "invalid_metadata_schema"), ("[1]", "invalid_metadata_format"),
                      ({"event_type": "", "event_payload": {}}, "invalid_metadata_schema"),
                      ({"event_type": "x", "event_payload": [], }, "invalid_metadata_schema")]:
        assert error_of(client.chat_postMessage, channel="U1", text="x", metadata=bad)["error"] == code


def test_an_accepted_post_can_answer_5xx(slack, client):
    slack.inject("chat.postMessage", status=503, after=True)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="U1", text="landed anyway")
    assert [m["text"] for m in slack.messages] == ["landed anyway"]
