"""The door in front of Bolt: every POST to /slack/events is screened here once, before any parsing, so a hostile
or broken request gets a clean status and never a traceback (Bolt parses the body before it checks the signature).

Order matters: size first (413, nothing read past the limit), then the signature (401 for anything unsigned,
stale, or with a timestamp that is not a number), then the body's shape (400 for a signed body Bolt could not
parse). What passes is handed on unchanged."""

import hashlib
import hmac
import json
import time
from dataclasses import dataclass

from slack_bolt.request.internals import extract_content_type, parse_body

MAX_BODY = 1024 * 1024  # Slack's own payloads are far smaller; anything bigger is not from Slack
MAX_AGE = 5 * 60  # Slack: refuse requests signed more than 5 minutes ago (replays)


@dataclass(frozen=True)
class Verdict:
    status: int  # 0 = let it through
    reason: str
    body: bytes = b""
    kind: str = ""  # the payload's "type" (event_callback, block_actions, ...) or "" for a command


def _refuse(status: int, reason: str) -> Verdict:
    return Verdict(status, reason)


def read_body(environ) -> bytes | None:
    """At most MAX_BODY bytes of the request body, or None when it is (or says it is) bigger."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length > MAX_BODY or length < 0:
        return None
    stream = environ.get("wsgi.input")
    return stream.read(length) if stream is not None and length else b""


def signed_by(secret: str, timestamp: str, signature: str, body: bytes, now: float) -> bool:
    """Slack's v0 signature over the raw bytes (slack_sdk's verifier decodes them first, and a body that is not
    UTF-8 then raises instead of failing the check)."""
    if not (timestamp.isascii() and timestamp.isdigit()) or abs(now - int(timestamp)) > MAX_AGE:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def screen(environ, signing_secret: str | None) -> Verdict:
    body = read_body(environ)
    if body is None:
        return _refuse(413, "request body too large")
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
    signature = environ.get("HTTP_X_SLACK_SIGNATURE") or ""
    if signing_secret and not signed_by(signing_secret, timestamp, signature, body, time.time()):
        return Verdict(401, "invalid request", body)
    try:
        text = body.decode("utf-8")
        parsed = parse_body(text, extract_content_type({"content-type": [environ.get("CONTENT_TYPE") or ""]}))
    except ValueError:  # bad UTF-8, bad JSON, bad form payload
        return _refuse(400, "malformed body")
    if not isinstance(parsed, dict):
        return _refuse(400, "malformed body")
    kind = parsed.get("type") if isinstance(parsed.get("type"), str) else ""
    if kind == "event_callback" and not isinstance(parsed.get("event"), dict):
        return _refuse(400, "malformed body")
    return Verdict(0, "", body, kind)


def error_body(verdict: Verdict) -> bytes:
    return json.dumps({"error": verdict.reason}).encode()
