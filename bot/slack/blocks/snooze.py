"""Snooze until tomorrow: the button under a check-in prompt or a goal nudge, and what the message becomes."""

from datetime import datetime

from bot.slack.blocks.checkins import day_label
from bot.slack.blocks.common import actions, button, message, section

SNOOZE = "snooze_tomorrow"


def snooze_block(row_id: int) -> dict:
    """value: the outbox row the message came from (checked against the clicker)."""
    return actions(button("Snooze until tomorrow", SNOOZE, str(row_id)), block_id="snooze")


def snoozed(local_due: datetime) -> dict:
    text = (f"Snoozed: I'll bring this back on {day_label(local_due.date())} at {local_due:%H:%M} (your time), "
            "inside your working hours.")
    return message(text, [section(text)])


def refused() -> dict:
    text = "That message can't be snoozed (it isn't yours, or it isn't one that can wait), so nothing changed."
    return message(text, [section(text)])
