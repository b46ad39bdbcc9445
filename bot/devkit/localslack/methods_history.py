"""conversations.history and conversations.replies for LocalSlack, and message metadata (chat.postMessage's
`metadata`), as Slack documents them. Handlers run under slack.lock.

Strict where Slack is: metadata must be an object with a string event_type and an object event_payload; it comes
back in history only with include_all_metadata; history lists a channel's top-level messages newest first (thread
replies only through conversations.replies); ephemeral messages are never in either."""

from __future__ import annotations

import copy
import json

from .methods_users import _channel, _page
from .spec import MethodError

MAX_LIMIT = 999  # Slack: "maximum 999"
DEFAULT_LIMIT = 100
EVENT_TYPE_MAX = 255
METADATA_MAX_BYTES = 8000  # well under Slack's limit; anything near it is not what a bot should send


def check_metadata(value) -> dict | None:
    """chat.postMessage's metadata, validated; None when absent."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise MethodError("invalid_metadata_format", ["[ERROR] metadata must be a JSON object"]) from None
    if not isinstance(value, dict):
        raise MethodError("invalid_metadata_format", ["[ERROR] metadata must be a JSON object"])
    event_type, payload = value.get("event_type"), value.get("event_payload")
    if not isinstance(event_type, str) or not event_type or len(event_type) > EVENT_TYPE_MAX \
            or not isinstance(payload, dict) or set(value) - {"event_type", "event_payload"}:
        raise MethodError("invalid_metadata_schema",
                          ["[ERROR] metadata needs event_type (string) and event_payload (object) only"])
    if len(json.dumps(value)) > METADATA_MAX_BYTES:
        raise MethodError("metadata_too_large")
    return copy.deepcopy(value)


def _flag(value) -> bool:
    return str(value).lower() in ("1", "true")


def _ts(args, key: str, error: str) -> float | None:
    raw = args.get(key)
    if raw in (None, ""):
        return None
    try:
        return float(raw)
    except (TypeError, ValueError):
        raise MethodError(error) from None


def _limit(args) -> int:
    try:
        limit = int(args.get("limit") or DEFAULT_LIMIT)
    except (TypeError, ValueError):
        raise MethodError("invalid_arguments", ["[ERROR] limit must be an integer"]) from None
    return max(1, min(limit, MAX_LIMIT))


def _readable(slack, channel_id: str) -> dict:
    ch = _channel(slack, channel_id)
    if not ch["is_member"]:
        raise MethodError("not_in_channel")
    return ch


def _in_range(msg: dict, oldest: float | None, latest: float | None, inclusive: bool) -> bool:
    ts = float(msg["ts"])
    if oldest is not None and (ts < oldest or (ts == oldest and not inclusive)):
        return False
    return latest is None or ts < latest or (ts == latest and inclusive)


def _json(slack, msg: dict, with_metadata: bool) -> dict:
    out = slack._message_json(msg)
    if with_metadata and msg.get("metadata"):
        out["metadata"] = copy.deepcopy(msg["metadata"])
    return out


def _listing(slack, args, messages: list[dict], key: str) -> dict:
    oldest = _ts(args, "oldest", "invalid_ts_oldest")
    latest = _ts(args, "latest", "invalid_ts_latest")
    inclusive = _flag(args.get("inclusive"))
    chosen = [m for m in messages if _in_range(m, oldest, latest, inclusive)]
    by_ts = {m["ts"]: m for m in chosen}
    page, next_cursor = _page(list(by_ts), {"limit": _limit(args), "cursor": args.get("cursor")}, key)
    with_metadata = _flag(args.get("include_all_metadata"))
    return {"messages": [_json(slack, by_ts[t], with_metadata) for t in page], "has_more": bool(next_cursor),
            "pin_count": 0, "response_metadata": {"next_cursor": next_cursor}}


def conversations_history(slack, args) -> dict:
    ch = _readable(slack, args["channel"])
    top = [m for m in slack.messages if m["channel"] == ch["id"] and not m.get("ephemeral_to")
           and m.get("thread_ts") in (None, m["ts"])]
    top.sort(key=lambda m: float(m["ts"]), reverse=True)
    return _listing(slack, args, top, "history")


def conversations_replies(slack, args) -> dict:
    ch = _readable(slack, args["channel"])
    parent = slack._find_message(ch["id"], str(args["ts"]))
    if parent is None or parent.get("ephemeral_to"):
        raise MethodError("thread_not_found")
    thread = [parent] + sorted((m for m in slack.messages if m["channel"] == ch["id"] and m is not parent
                                and m.get("thread_ts") == parent["ts"] and not m.get("ephemeral_to")),
                               key=lambda m: float(m["ts"]))
    return _listing(slack, args, thread, "thread")


HANDLERS = {
    "conversations.history": conversations_history,
    "conversations.replies": conversations_replies,
}
