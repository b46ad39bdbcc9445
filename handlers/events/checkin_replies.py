"""Replies typed in the bot's DM: in a check-in prompt's thread they become a journal entry; elsewhere they
get a gentle hint. Slack's retries of the same event are dropped by the global dedupe middleware."""

from slack_bolt import App
from slack_sdk import WebClient

from bot.features.checkins import record_thread_reply
from bot.features.deps import Deps
from bot.slack.blocks import checkins as blocks
from bot.slack.delivery import send


def register(app: App, deps: Deps) -> None:
    @app.event("message")
    def dm_message(event: dict, client: WebClient):
        # Edits, deletions, joins, bot posts (ours included) are not answers.
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id") or not event.get("user"):
            return
        text, thread_ts = event.get("text") or "", event.get("thread_ts")
        target = record_thread_reply(deps.engine, event["user"], thread_ts, text) if text.strip() else None
        reply = blocks.saved_note(target.other_id, target.period, text) if target else blocks.dm_hint()
        # Answer the person in their own DM with the bot (the event's channel is that DM).
        send(deps.engine, client, event["user"], thread_ts=thread_ts, **reply)
