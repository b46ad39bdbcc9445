"""Goal nudges and their two small modals (log progress, adjust goal). Pure Block Kit builders."""

from datetime import date

from bot.blocks.checkins import day_label
from bot.blocks.common import actions, button, context, message, section
from bot.text import escape, truncate

ACTION_LOG, ACTION_ADJUST = "nudge_log_progress", "nudge_adjust_goal"
PROGRESS_CALLBACK, ADJUST_CALLBACK = "nudge_progress", "nudge_adjust"
PERCENT_BLOCK, PERCENT_ACTION = "percent", "percent_input"
NOTE_BLOCK, NOTE_ACTION = "note", "note_input"
TARGET_BLOCK, TARGET_ACTION = "target", "target_input"
DATE_BLOCK, DATE_ACTION = "target_date", "target_date_input"
NOTE_LIMIT, TARGET_LIMIT = 3000, 500


def _buttons(goal_id: int) -> dict:
    return actions(button("Log progress", ACTION_LOG, str(goal_id), style="primary"),
                   button("Adjust goal", ACTION_ADJUST, str(goal_id)), block_id="goal_nudge")


def stale_nudge(goal_id: int, title: str, progress: int, days: int) -> dict:
    name = escape(truncate(title, 150))
    line = (f"*Goal check:* no progress logged on *{name}* for {days} days (now at {progress}%). "
            "Small steps count: log one, or adjust the goal if it no longer fits.")
    return message(f"Goal check: no progress on {name} for {days} days", [
        section(line), _buttons(goal_id), context("Tracking progress against measurable goals keeps a mentorship "
                                                  "useful. Only you and your mentor see your goals.")])


def due_nudge(goal_id: int, title: str, progress: int, target_date: date, days_left: int) -> dict:
    name = escape(truncate(title, 150))
    when = "today" if days_left == 0 else f"in {days_left} day{'s' if days_left != 1 else ''}"
    line = (f"*Goal due {when}:* *{name}* has a target date of {day_label(target_date)} and is at {progress}%. "
            "Log where you are, or adjust the date or target.")
    return message(f"Goal due {when}: {name}", [section(line), _buttons(goal_id)])


def refused() -> dict:
    text = "That goal isn't yours, or it is already done or archived."
    return message(text, [section(text)])


def _modal(callback_id: str, goal_id: int, title: str, blocks: list[dict]) -> dict:
    return {"type": "modal", "callback_id": callback_id, "private_metadata": str(goal_id),
            "title": {"type": "plain_text", "text": title}, "submit": {"type": "plain_text", "text": "Save"},
            "close": {"type": "plain_text", "text": "Cancel"}, "blocks": blocks}


def progress_modal(goal_id: int, title: str, progress: int) -> dict:
    return _modal(PROGRESS_CALLBACK, goal_id, "Log progress", [
        section(f"*{escape(truncate(title, 150))}*"),
        {"type": "input", "block_id": PERCENT_BLOCK, "label": {"type": "plain_text", "text": "Progress (%)"},
         "hint": {"type": "plain_text", "text": "A whole number from 0 to 100. 100 marks the goal done."},
         "element": {"type": "plain_text_input", "action_id": PERCENT_ACTION, "initial_value": str(progress),
                     "max_length": 3}},
        {"type": "input", "block_id": NOTE_BLOCK, "optional": True,
         "label": {"type": "plain_text", "text": "What moved?"},
         "element": {"type": "plain_text_input", "action_id": NOTE_ACTION, "multiline": True,
                     "max_length": NOTE_LIMIT}},
    ])


def adjust_modal(goal_id: int, title: str, target: str, target_date: date | None) -> dict:
    picker = {"type": "datepicker", "action_id": DATE_ACTION}
    if target_date:
        picker["initial_date"] = target_date.isoformat()
    target_input = {"type": "plain_text_input", "action_id": TARGET_ACTION, "max_length": TARGET_LIMIT}
    if target:
        target_input["initial_value"] = target[:TARGET_LIMIT]
    return _modal(ADJUST_CALLBACK, goal_id, "Adjust goal", [
        section(f"*{escape(truncate(title, 150))}*"),
        {"type": "input", "block_id": TARGET_BLOCK, "optional": True,
         "label": {"type": "plain_text", "text": "How success is measured"}, "element": target_input},
        {"type": "input", "block_id": DATE_BLOCK, "optional": True,
         "label": {"type": "plain_text", "text": "Target date"}, "element": picker},
    ])


def progress_logged(title: str, percent: int, note: str) -> dict:
    name = escape(truncate(title, 150))
    done = " Goal done: congratulations!" if percent >= 100 else ""
    said = f": “{escape(truncate(' '.join(note.split()), 200))}”" if note.strip() else ""
    line = f"Logged {percent}% on *{name}*{said or '.'}{done}"
    return message(line, [section(line)])


def goal_adjusted(title: str, target: str, target_date: date | None) -> dict:
    name = escape(truncate(title, 150))
    when = day_label(target_date) if target_date else "no date"
    what = f" Measured by: {escape(truncate(target, 300))}." if target else ""
    line = f"Updated *{name}*: target date {when}.{what}"
    return message(line, [section(line)])
