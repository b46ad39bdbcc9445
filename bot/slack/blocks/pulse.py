"""The pulse: a private DM asking how the mentorship is going, its modal and the thanks. Pure Block Kit builders;
user text goes through escape()."""

import re

from bot.domain.insight import HELPING, RATING_LABELS
from bot.domain.text import escape, mention
from bot.slack.blocks.common import actions, button, context, message, section
from bot.slack.blocks.forms import input_block, modal, option, radio, text_input

ACTION_OPEN = "pulse_open"
CALLBACK = "pulse_submit"
RATING_BLOCK, HELPING_BLOCK, NOTE_BLOCK = "rating", "helping", "note"
NOTE_LIMIT = 1000
PRIVATE = ("Only you see your answer: not your pair, not the program admins (they see totals over at least "
           "5 people, never a person's answer).")

_VALUE = re.compile(r"(\d{1,12}):(\d{1,4})")


def value_of(mentorship_id: int, round_: int) -> str:
    return f"{mentorship_id}:{round_}"


def parse_value(value: str | None) -> tuple[int, int] | None:
    match = _VALUE.fullmatch(value or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def prompt(other_id: str, value: str) -> dict:
    text = "Pulse: how is your mentorship going? Two quick private questions."
    return message(text, [
        section(f"*How is your mentorship with {mention(other_id)} going?* Two quick questions, and a private "
                "note if you like. Honest answers help the program help you."),
        actions(button("Answer privately", ACTION_OPEN, value, style="primary"), block_id="pulse"),
        context(PRIVATE),
    ])


def rating_options() -> list[dict]:
    return [option(label, str(r)) for r, label in RATING_LABELS.items()]


def helping_options() -> list[dict]:
    return [option(label, key) for key, label in HELPING.items()]


def pulse_modal(value: str, other_name: str) -> dict:
    return modal("Mentorship pulse", CALLBACK, [
        section(f"Your mentorship with *{escape(other_name)}*."),
        input_block(RATING_BLOCK, "How is this mentorship going?", radio(rating_options())),
        input_block(HELPING_BLOCK, "Is it helping with your goals?", radio(helping_options())),
        input_block(NOTE_BLOCK, "A private note (optional)", text_input(multiline=True, max_length=NOTE_LIMIT),
                    optional=True, hint="For you: what would make it better? Nobody else sees it."),
        context(PRIVATE),
    ], submit="Send", private_metadata=value)


def thanks(other_id: str) -> dict:
    text = "Thanks: your pulse is saved, and only you see it."
    return message(text, [section(f"Thanks: your pulse about your mentorship with {mention(other_id)} is saved. "
                                  "If something should change, talk it through at your next session, or use "
                                  "`/mentor end` to wrap up."), context(PRIVATE)])


def refused() -> dict:
    text = "That pulse isn't one of yours, or the mentorship has ended, so nothing was recorded."
    return message(text, [section(text)])
