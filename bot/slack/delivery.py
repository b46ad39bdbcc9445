"""Sending through the Web API: the only place that turns an Outgoing into Slack calls, and the only place that
finds the bot's DM channel with a person.

A person's DM channel is opened once (conversations.open, Tier 3: about 50 a minute for the whole app) and kept in
Person.dm_channel_id; every later message to them posts there directly. A kept channel Slack no longer knows
(channel_not_found) is forgotten and opened again, once. People who are gone are caught before sending: a
deactivation (user_change, `mentorbot sync-users`) marks them inactive, and the drain fails their rows and pauses
their mentorships (bot/outbox/policy.py). Slack accepts posts to a deactivated person's existing DM, so that
flag, not the post, is what tells. conversations.open itself still answers user_not_found / user_disabled for
someone it has never been opened for.
"""

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.engine import Engine
from sqlmodel import Session

from storage.db import session_scope
from storage.dm_channels import store_dm_channel, stored_dm_channel


@dataclass
class Outgoing:
    """One message to send. channel is a user id (their DM with the bot) or a channel id."""

    channel: str
    text: str
    blocks: list[dict] = field(default_factory=list)
    thread_ts: str | None = None
    ics: bytes | None = None  # a calendar file to attach (meeting reminders)
    ics_name: str = "meeting.ics"


def is_person(recipient: str) -> bool:
    return recipient[:1] in ("U", "W")


# One conversations.open at a time in this process: it is Tier 3 (about 50 a minute), and rows in flight to the same
# person then share one open instead of racing. Held for the Slack call only, never around database work.
_OPENING = threading.Lock()
# Channels this process opened lately ((workspace API, token, user id) -> channel), read under _OPENING; the database
# keeps them for good.
_OPENED: dict[tuple, str] = {}
_OPENED_MAX = 10_000


def dm_channel(session: Session, client: WebClient, user_id: str, known: dict[str, str | None] | None = None,
               ) -> tuple[str, bool]:
    """(the bot's DM channel with user_id, whether it was kept from before). `known` (user id -> kept channel,
    None for none) is what the caller already read, e.g. the drain's claim, and learns what is opened here; other
    ids are read from the database. A newly opened channel is stored in `session`'s transaction."""
    kept = known[user_id] if known is not None and user_id in known else stored_dm_channel(session, user_id)
    if kept:
        return kept, True
    return _open(session, client, user_id, known), False


def _open(session: Session, client: WebClient, user_id: str, known: dict | None, stale: str | None = None) -> str:
    with _OPENING:
        mine = (client.base_url, client.token, user_id)
        channel = (known or {}).get(user_id) or _OPENED.get(mine)
        # By another row of the same drain, or another thread of this process whose transaction has not committed
        # the channel yet (two messages to someone new at once).
        opened_meanwhile = channel and channel != stale
        if not opened_meanwhile:
            channel = client.conversations_open(users=user_id)["channel"]["id"]
            if known is not None:
                known[user_id] = channel
            _OPENED[mine] = channel
            if len(_OPENED) > _OPENED_MAX:
                _OPENED.pop(next(iter(_OPENED)))
    if not opened_meanwhile:
        store_dm_channel(session, user_id, channel)
    return channel


def post(session: Session, client: WebClient, recipient: str, known: dict[str, str | None] | None = None,
         **message) -> tuple[str, str]:
    """chat.postMessage to a channel id, or to a person's DM (see dm_channel). Returns (channel, ts)."""
    if not is_person(recipient):
        return recipient, client.chat_postMessage(channel=recipient, **message)["ts"]
    channel, kept = dm_channel(session, client, recipient, known)
    try:
        return channel, client.chat_postMessage(channel=channel, **message)["ts"]
    except SlackApiError as exc:
        if not kept or exc.response.get("error") != "channel_not_found":
            raise
    # A kept channel Slack no longer knows (e.g. the app was reinstalled): open it afresh, once; the new id replaces it.
    channel = _open(session, client, recipient, known, stale=channel)
    return channel, client.chat_postMessage(channel=channel, **message)["ts"]


def send(engine: Engine, client: WebClient, recipient: str, **message) -> str:
    """Post to a person's DM (a user id) or to a channel, outside any transaction of the caller's: how handlers and
    use cases send now what is not queued in the outbox. Returns the ts."""
    with session_scope(engine) as session:
        return post(session, client, recipient, **message)[1]


# Every outbox post carries its row's idempotency key as Slack message metadata, so a post whose outcome we never
# learned (the worker died, or Slack answered 5xx after taking it) can be found before it is sent again.
METADATA_EVENT = "mentorbot_outbox"
CLOCK_SKEW = timedelta(hours=1)  # our database's clock against Slack's: look a little further back than needed
RECONCILE_LOOKBACK = 100  # messages: one history call; far more than the bot posts to one person between tries


def outbox_metadata(key: str) -> dict:
    return {"event_type": METADATA_EVENT, "event_payload": {"key": key}}


def find_posted(session: Session, client: WebClient, out: Outgoing, key: str, since: datetime,
                known: dict[str, str | None] | None = None) -> str | None:
    """The ts of the message posted earlier for outbox key `key`, or None when Slack has none: one bounded read of
    the recipient's DM (or the channel; the thread for a threaded post), newest first, since the row was written."""
    channel = dm_channel(session, client, out.channel, known)[0] if is_person(out.channel) else out.channel
    oldest = since - CLOCK_SKEW
    page = {"channel": channel, "oldest": f"{oldest.timestamp():.6f}", "limit": RECONCILE_LOOKBACK,
            "include_all_metadata": True}
    if out.thread_ts:
        messages = client.conversations_replies(ts=out.thread_ts, **page)["messages"]
    else:
        messages = client.conversations_history(**page)["messages"]
    for message in messages:
        meta = message.get("metadata") or {}
        if meta.get("event_type") == METADATA_EVENT and (meta.get("event_payload") or {}).get("key") == key:
            return message["ts"]
    return None


def upload_to_dm(engine: Engine, client: WebClient, user_id: str, files: list[dict], comment: str) -> None:
    """Share files (files_upload_v2's file_uploads: content, filename, title) in a person's DM with the bot."""
    with session_scope(engine) as session:
        channel, _ = dm_channel(session, client, user_id)
    client.files_upload_v2(channel=channel, file_uploads=files, initial_comment=comment)


def post_outgoing(session: Session, client: WebClient, out: Outgoing,
                  known: dict[str, str | None] | None = None, key: str | None = None) -> tuple[str, str]:
    """Post the message of an outbox row (tagged with its idempotency key). Returns (channel, ts)."""
    message = {"text": out.text}
    if key:
        message["metadata"] = outbox_metadata(key)
    if out.blocks:
        message["blocks"] = out.blocks
    if out.thread_ts:
        message["thread_ts"] = out.thread_ts
    return post(session, client, out.channel, known, **message)


def open_dm(engine: Engine, client: WebClient, user_id: str) -> str:
    """The person's DM channel with the bot (kept, or opened and kept), for an upload or a message that must reach
    that channel even after what we hold about the person is gone (an erasure's goodbye)."""
    with session_scope(engine) as session:
        return dm_channel(session, client, user_id)[0]


def attach_ics(client: WebClient, channel: str, ts: str, out: Outgoing) -> None:
    """The calendar file, in the message's thread."""
    client.files_upload_v2(channel=channel, content=out.ics, filename=out.ics_name, title=out.ics_name, thread_ts=ts)
