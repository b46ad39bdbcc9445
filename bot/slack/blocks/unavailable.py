"""What a person sees when the bot cannot reach its database: the same sentence on every surface. Pure."""

from bot.slack.blocks.common import message, section
from bot.slack.blocks.forms import modal

DB_DOWN = "mentorbot can't reach its database right now, please try again in a minute."


def db_down_message() -> dict:
    return message(DB_DOWN, [section(DB_DOWN)])


def db_down_modal() -> dict:
    return modal("Try again soon", "db_down", [section(DB_DOWN)], submit=None, close="Close")


def db_down_home() -> dict:
    return {"type": "home", "blocks": [section(DB_DOWN)]}


def db_down_errors(view: dict) -> dict | None:
    """A view_submission answer that keeps the modal (and what was typed) open with the sentence under its first
    input; None when the modal has no input to show it under."""
    first = next((b.get("block_id") for b in view.get("blocks") or [] if b.get("type") == "input"), None)
    return {"response_action": "errors", "errors": {first: DB_DOWN}} if first else None
