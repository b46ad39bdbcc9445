"""Goal nudges. Pure Block Kit builders. Their buttons are the goal flow's own (bot.slack.blocks.goals LOG_PROGRESS /
EDIT_GOAL with the goal id as value), so one owner-checked modal, validation and save path serves both."""

from datetime import date

from bot.domain.text import escape, truncate
from bot.slack.blocks import goals as goal_blocks
from bot.slack.blocks.checkins import day_label
from bot.slack.blocks.common import actions, button, context, message, section


def _buttons(goal_id: int) -> dict:
    return actions(button("Log progress", goal_blocks.LOG_PROGRESS, str(goal_id), style="primary"),
                   button("Adjust goal", goal_blocks.EDIT_GOAL, str(goal_id)), block_id="goal_nudge")


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
