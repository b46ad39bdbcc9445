"""Sending one Outgoing through the Web API: the only place that turns an outbox row into Slack calls."""

from slack_sdk import WebClient

from bot.outbox import Outgoing


def dm_channel(client: WebClient, user_id: str) -> str:
    return client.conversations_open(users=user_id)["channel"]["id"]


def send_outgoing(client: WebClient, out: Outgoing) -> tuple[str, str]:
    """Post the message (and its calendar file, in the thread). Returns (channel id, ts)."""
    channel = dm_channel(client, out.channel) if out.channel[:1] in ("U", "W") else out.channel
    kwargs = {"channel": channel, "text": out.text}
    if out.blocks:
        kwargs["blocks"] = out.blocks
    if out.thread_ts:
        kwargs["thread_ts"] = out.thread_ts
    ts = client.chat_postMessage(**kwargs)["ts"]
    if out.ics:
        client.files_upload_v2(channel=channel, content=out.ics, filename=out.ics_name, title=out.ics_name,
                               thread_ts=ts)
    return channel, ts
