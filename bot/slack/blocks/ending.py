"""Ending well: the wrap-up prompt, the wrap-up modal, the /mentor end list and the closing messages.
Pure Block Kit builders: every piece of user text goes through escape()."""

import re
from datetime import date

from bot.domain.text import escape, mention, truncate
from bot.slack import ids
from bot.slack.blocks.common import actions, button, context, message, section
from bot.slack.blocks.forms import input_block, modal, text_input

ACTION_EXTEND, ACTION_WRAP = ids.EXTEND, ids.WRAP_UP
WRAP_CALLBACK = ids.WRAP_UP_CALLBACK
NOTE_BLOCK, REASON_BLOCK = "note", "reason"
NOTE_LIMIT, REASON_LIMIT = 1000, 200
EXTEND_MONTHS = 3

_VALUE = re.compile(r"(\d{1,12})(?::(\d{4}-\d{2}-\d{2}))?")


def value_of(mentorship_id: int, end_day: date | None) -> str:
    """A button value: the mentorship and the end date the button was about (so a stale Extend does nothing)."""
    return f"{mentorship_id}:{end_day.isoformat()}" if end_day else str(mentorship_id)


def parse_value(value: str | None) -> tuple[int, date | None] | None:
    match = _VALUE.fullmatch(value or "")
    if not match:
        return None
    try:
        return int(match.group(1)), date.fromisoformat(match.group(2)) if match.group(2) else None
    except ValueError:
        return None


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _buttons(value: str) -> dict:
    return actions(button(f"Extend {EXTEND_MONTHS} months", ACTION_EXTEND, value),
                   button("Wrap up", ACTION_WRAP, value, style="primary"), block_id="wrap_up")


def wrap_up_prompt(other_id: str, months: int, end_day: date, value: str) -> dict:
    text = f"The {months} months you agreed with your mentoring pair are up. Extend, or wrap up?"
    return message(text, [
        section(f"*The {months} months you agreed with {mention(other_id)} are up* ({day_label(end_day)}).\n"
                "Take a moment together: what went well, which goals moved, what's next? Then either keep going "
                f"for {EXTEND_MONTHS} more months, or wrap up with a thank-you."),
        _buttons(value),
        context("Either of you can choose. Wrapping up frees the mentor's slot; the door stays open."),
    ])


def extended(other_id: str, by_id: str, months: int, end_day: date) -> dict:
    who = "You" if by_id != other_id else mention(by_id)
    text = f"{who} extended the mentorship with {mention(other_id)} by {EXTEND_MONTHS} months."
    line = (f"{who} extended your mentorship with {mention(other_id)} by {EXTEND_MONTHS} months: "
            f"{months} months in all, until {day_label(end_day)}. Keep going!")
    return message(text, [section(line)])


def refused() -> dict:
    text = "That mentorship isn't one of yours, or it is no longer active, so nothing changed."
    return message(text, [section(text)])


def stale_extend() -> dict:
    text = "This mentorship was already extended (or its dates changed), so nothing changed."
    return message(text, [section(text)])


def end_list(pairs: list[tuple[int, str, str, date | None]]) -> dict:
    """/mentor end: (mentorship id, other person's id, your role, end date) per active mentorship."""
    if not pairs:
        text = "You have no active mentorships to wrap up."
        return message(text, [section(text)])
    blocks = [section("*Wrap up a mentorship*: you'll be asked for an optional thank-you note and reason.")]
    for mentorship_id, other_id, role, end_day in pairs:
        until = f", agreed until {day_label(end_day)}" if end_day else ""
        blocks.append(section(f"{mention(other_id)} (you are the {role}{until})",
                              block_id=f"pair_{mentorship_id}",
                              accessory=button("Wrap up", ACTION_WRAP, value_of(mentorship_id, end_day))))
    return message("Your active mentorships: choose one to wrap up.", blocks)


def wrap_up_modal(mentorship_id: int, other_name: str) -> dict:
    return modal("Wrap up", WRAP_CALLBACK, [
        section(f"Wrapping up your mentorship with *{escape(other_name)}*. Thank them for the time and insights "
                "you shared, and say honestly why it is ending. Both of you will see what you write."),
        input_block(NOTE_BLOCK, "A thank-you or reflection", text_input(multiline=True, max_length=NOTE_LIMIT),
                    optional=True, hint="What you learned, what you'll take with you."),
        input_block(REASON_BLOCK, "Why it's ending", text_input(max_length=REASON_LIMIT), optional=True,
                    hint="e.g. goals reached, the agreed time is up, schedules no longer fit."),
    ], submit="Wrap up", private_metadata=str(mentorship_id))


def closing(other_id: str, by_id: str, note: str, reason: str) -> dict:
    """The closing DM to one of the pair, in the guide's spirit: thanks, honest reasons, the door stays open."""
    who = "You" if by_id != other_id else mention(by_id)
    lead = f"*Your mentorship with {mention(other_id)} has ended* ({who} wrapped it up)."
    lines = [lead, "Thank you for the time, the questions and the insights you shared along the way."]
    if reason.strip():
        lines.append(f"*Why:* {escape(truncate(' '.join(reason.split()), REASON_LIMIT))}")
    if note.strip():
        said = "Your note" if by_id != other_id else "Their note"
        lines.append(f"*{said}:* “{escape(truncate(note.strip(), NOTE_LIMIT))}”")
    text = f"Your mentorship with {mention(other_id)} has ended. Thank you, and the door stays open."
    return message(text, [
        section("\n".join(lines)),
        section("*The door stays open.* Keep in touch: a network keeps offering support in different ways over "
                "time. When you're ready for what's next, `/findmentor` finds a new mentor, or set your profile "
                "to mentor someone yourself."),
    ])
