"""Sending one Outgoing through the Web API: the only place that turns an outbox row into Slack calls."""

from slack_sdk import WebClient

from bot.outbox import Outgoing


def dm_channel(client: WebClient, user_id: str) -> str:
    return client.conversations_open(users=user_id)["channel"]["id"]


def post_message(client: WebClient, out: Outgoing, dm_cache: dict[str, str] | None = None) -> tuple[str, str]:
    """Post the message. A user recipient gets it in their DM with the bot: conversations.open answers
    user_not_found / user_disabled for people who are gone (chat.postMessage to a user id would not).
    dm_cache (user id -> DM channel id) saves that call for people already opened in this pass."""
    channel = out.channel
    if channel[:1] in ("U", "W"):
        channel = (dm_cache or {}).get(out.channel) or dm_channel(client, out.channel)
        if dm_cache is not None:
            dm_cache[out.channel] = channel
    kwargs = {"channel": channel, "text": out.text}
    if out.blocks:
        kwargs["blocks"] = out.blocks
    if out.thread_ts:
        kwargs["thread_ts"] = out.thread_ts
    return channel, client.chat_postMessage(**kwargs)["ts"]


def attach_ics(client: WebClient, channel: str, ts: str, out: Outgoing) -> None:
    """The calendar file, in the message's thread."""
    client.files_upload_v2(channel=channel, content=out.ics, filename=out.ics_name, title=out.ics_name, thread_ts=ts)


def send_outgoing(client: WebClient, out: Outgoing) -> tuple[str, str]:
    """Post the message (and its calendar file, in the thread). Returns (channel id, ts)."""
    channel, ts = post_message(client, out)
    if out.ics:
        attach_ics(client, channel, ts, out)
    return channel, ts
