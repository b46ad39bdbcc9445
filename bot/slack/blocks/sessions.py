"""Moving or cancelling one session: the date-and-time modal and the notes both people get. Pure builders; names
are escaped."""

from datetime import datetime

from bot.domain.text import escape, mention, truncate
from bot.slack.blocks.checkins import day_label
from bot.slack.blocks.common import context, message, section

MOVE_CALLBACK = "session_move_submit"
DATE_BLOCK, TIME_BLOCK = "new_date", "new_time"


def _plain(text: str) -> dict:
    return {"type": "plain_text", "text": truncate(text, 75)}


def when(local: datetime) -> str:
    return f"{day_label(local.date())} at {local:%H:%M}"


def move_modal(value: str, other_name: str, local_start: datetime, tz: str) -> dict:
    """The session's current date and time (in the clicker's zone) to change. private_metadata: the session."""
    return {
        "type": "modal", "callback_id": MOVE_CALLBACK, "private_metadata": value,
        "title": _plain("Reschedule session"), "submit": _plain("Move it"), "close": _plain("Cancel"),
        "blocks": [
            section(f"Your session with *{escape(other_name)}*, now {when(local_start)} (your time). Pick a new "
                    "date and time; you'll both get a note and an updated calendar file."),
            {"type": "input", "block_id": DATE_BLOCK, "label": _plain("New date"),
             "element": {"type": "datepicker", "action_id": "date", "initial_date": f"{local_start:%Y-%m-%d}"}},
            {"type": "input", "block_id": TIME_BLOCK, "label": _plain("New time"),
             "hint": _plain(f"Your time zone: {tz}."),
             "element": {"type": "timepicker", "action_id": "time", "initial_time": f"{local_start:%H:%M}"}},
            context("Only this session moves; the ones after it stay as agreed."),
        ],
    }


def moved(by_id: str, old_local: datetime, new_local: datetime, ics: bool) -> dict:
    line = (f"{mention(by_id)} moved your mentoring session from {when(old_local)} to *{when(new_local)}* "
            "(your time).")
    tail = " The calendar file in the thread updates the event." if ics else ""
    return message(f"Your mentoring session moved to {when(new_local)}.", [section(line + tail)])


def cancelled(by_id: str, old_local: datetime, ics: bool) -> dict:
    line = (f"{mention(by_id)} cancelled your mentoring session on {when(old_local)} (your time). "
            "The sessions after it stay as agreed.")
    tail = " The calendar file in the thread removes the event." if ics else ""
    return message(f"Your mentoring session on {when(old_local)} is cancelled.", [section(line + tail)])


def done_moved(new_local: datetime) -> dict:
    text = f"Done: the session is now {when(new_local)} (your time). I've told you both."
    return message(text, [section(text)])


def done_cancelled(old_local: datetime) -> dict:
    text = f"Done: the session on {when(old_local)} is cancelled. I've told you both."
    return message(text, [section(text)])


def refused() -> dict:
    text = ("That session isn't one of yours, has already moved or been cancelled, or the mentorship has ended, "
            "so nothing changed.")
    return message(text, [section(text)])


def moved_view(text: str) -> dict:
    """The reschedule modal once the session moved: what happened, and Done."""
    return {"type": "modal", "title": {"type": "plain_text", "text": "Rescheduled"},
            "close": {"type": "plain_text", "text": "Done"}, "blocks": [section(text)]}
