"""Issue 15, class 7: malformed requests get a clean status, never a 500. 401 for anything unsigned or badly signed
(a timestamp that is not a number included), 400 for a signed body Bolt could not parse, 413 for a body over 1 MB
before any of it is parsed, and 200 for an event type the bot does not handle (else Slack retries it)."""

import json
import socket
import time
from urllib.parse import urlencode, urlsplit

import pytest

from bot.devkit.harness import SIGNING_SECRET
from bot.devkit.localslack.driver import sign

JSON, FORM = "application/json", "application/x-www-form-urlencoded"


def signed(stack, body: bytes, ctype: str, timestamp: str | None = None):
    ts = timestamp if timestamp is not None else str(int(time.time()))
    return stack.driver.raw(body, ctype, timestamp=ts, signature=sign(SIGNING_SECRET, ts, body))


@pytest.mark.parametrize("timestamp", ["abc", "", "1e9", "-5", " 12", str(10**40)])
def test_a_timestamp_that_is_not_a_recent_number_is_401(stack, timestamp):
    body = urlencode({"command": "/findmentor", "text": "python", "user_id": "U0X"}).encode()
    assert stack.driver.raw(body, FORM, timestamp=timestamp, signature="v0=00").status == 401
    assert signed(stack, body, FORM, timestamp=timestamp).status == 401


@pytest.mark.parametrize("body,ctype", [(b"{not json", JSON), (b"\xff\xfe\x00", FORM), (b"[1, 2]", JSON),
                                        (b"payload=%7Bnot+json", FORM), (b'{"type": "event_callback"}', JSON)])
def test_malformed_bodies(stack, body, ctype):
    stack.driver.forge = True
    assert stack.driver.raw(body, ctype).status == 401  # unsigned: nothing about the body is looked at
    stack.driver.forge = False
    answer = signed(stack, body, ctype)
    assert answer.status == 400 and "Traceback" not in answer.body


def test_a_body_over_one_megabyte_is_refused_before_parsing(stack):
    """The answer comes from the headers alone: only the first 1 KB of a 10 MB body is ever sent."""
    ts = str(int(time.time()))
    head = json.dumps({"type": "event_callback", "event": {"type": "app_home_opened", "user": "U0X"}})[:-1]
    url = urlsplit(stack.base_url)
    with socket.create_connection((url.hostname, url.port), timeout=10) as conn:
        conn.sendall(f"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: {JSON}\r\n"
                     f"Content-Length: {10 * 1024 * 1024}\r\nX-Slack-Request-Timestamp: {ts}\r\n"
                     f"X-Slack-Signature: v0=00\r\n\r\n{head}".encode() + b" " * 1024)
        status_line = conn.makefile("rb").readline().decode()
    assert status_line.split()[1] == "413"
    assert stack.slack.calls_to("users.info") == [] and stack.slack.calls_to("views.publish") == []


def test_an_event_type_the_bot_does_not_handle_is_acknowledged(stack):
    answer = stack.driver.event({"type": "reaction_added", "user": "U0X", "reaction": "tada",
                                 "item": {"type": "message", "channel": "C0GENERAL", "ts": "1.000001"},
                                 "event_ts": f"{time.time():.6f}"})
    assert answer.status == 200
    # An unsigned one is still refused, and a handled one still works.
    stack.driver.forge = True
    assert stack.driver.event({"type": "reaction_added", "user": "U0X"}).status == 401
