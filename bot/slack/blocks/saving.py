"""The modal a slow save shows: "Saving…" within Slack's 3 s, then what came of it. Pure."""

from bot.domain.text import escape
from bot.slack.blocks.common import section
from bot.slack.blocks.forms import modal

SAVING = "Saving… this is taking longer than usual. You can close this window: it will be saved."
SAVED = "Saved."


def saving_modal() -> dict:
    return modal("Saving…", "saving", [section(SAVING)], submit=None, close="Close")


def saved_modal() -> dict:
    return modal("Saved", "saved", [section(SAVED)], submit=None, close="Close")


def not_saved_modal(errors: dict[str, str]) -> dict:
    lines = "\n".join(f"• {escape(message)}" for message in errors.values())
    return modal("Not saved", "not_saved", [section("Nothing was saved:\n" + lines + "\nPlease open it again and "
                                                    "try once more.")], submit=None, close="Close")
