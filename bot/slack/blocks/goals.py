"""Goal, journal and self-assessment views. Pure: rows in, Block Kit out; every user-typed string escaped."""

import json
from datetime import date

from bot.domain.goals import HORIZON_LABELS, MAX_MILESTONE, MAX_NOTE, MAX_TARGET, MAX_TITLE, progress_bar
from bot.domain.text import escape, truncate
from bot.slack import ids
from bot.slack.blocks.common import actions, button, context, message, section
from bot.slack.blocks.forms import (
    VIEW_BLOCK_LIMIT,
    datepicker,
    find_option,
    input_block,
    modal,
    option,
    radio,
    static_select,
    text_input,
)

GOAL_CALLBACK, PROGRESS_CALLBACK, GOALS_LIST_CALLBACK = ids.GOAL_CALLBACK, ids.PROGRESS_CALLBACK, ids.GOALS_LIST_CALLBACK
# Action ids: the same on the Home and in the goals modal (handlers push or open depending on where).
LOG_PROGRESS = ids.LOG_PROGRESS
EDIT_GOAL = ids.EDIT_GOAL
ADD_GOAL = ids.ADD_GOAL
SELF_ASSESSMENT = ids.SELF_ASSESSMENT
HORIZON_OPTIONS = [option(label, key) for key, label in HORIZON_LABELS.items()]
STATUS_OPTIONS = [option("Active", "active"), option("Done", "done"), option("Archived", "archived")]
ENTRY_SNIPPET = 150


def goal_line(goal) -> str:
    """'*Title* · short-term · by 2027-03-01 / ▓▓▓░░ 30% / Target: …' (mrkdwn, escaped); callers add the last entry
    (entry_line) where they show it."""
    horizon = "short-term" if goal.horizon == "short" else "long-term"
    due = f" · by {goal.target_date.isoformat()}" if goal.target_date else ""
    status = "" if goal.status == "active" else f" · {escape(goal.status)}"
    lines = [f"*{escape(goal.title)}* · {horizon}{due}{status}", f"`{progress_bar(goal.progress)}`"]
    if goal.target:
        lines.append(f"Target: {escape(truncate(goal.target, 200))}")
    return "\n".join(lines)


def entry_line(entry, label: str = "Last entry", snippet: int = ENTRY_SNIPPET) -> str:
    """A journal entry, one line: date, milestone or percentage, and the start of the note. `label` is mrkdwn."""
    what = escape(entry.milestone) if entry.milestone else f"{entry.progress}%"
    note = f" — {escape(truncate(entry.note, snippet))}" if entry.note else ""
    return f"{label} {entry.created_at.date().isoformat()}: {what}{note}".lstrip()


def goal_modal(goal=None, default_date: date | None = None) -> dict:
    """Create (goal=None) or edit a goal. private_metadata holds the goal id, checked again on submit."""
    g = goal
    due = g.target_date if g and g.target_date else default_date
    blocks = [
        input_block("horizon", "Horizon", radio(HORIZON_OPTIONS, find_option(HORIZON_OPTIONS, g.horizon if g else "short"))),
        input_block("title", "Goal", text_input(g.title if g else "", max_length=MAX_TITLE,
                                                placeholder="e.g. Lead a project end to end")),
        input_block("target", "Measurable target", text_input(g.target if g else "", multiline=True,
                                                               max_length=MAX_TARGET,
                                                               placeholder="How will you know you got there?")),
        input_block("target_date", "Target date", datepicker(due.isoformat() if due else "")),
    ]
    if g:
        blocks.append(input_block("status", "Status", static_select(STATUS_OPTIONS, find_option(STATUS_OPTIONS, g.status))))
    meta = json.dumps({"goal_id": g.id}) if g else ""
    return modal("Edit goal" if g else "New goal", GOAL_CALLBACK, blocks, private_metadata=meta)


def progress_modal(goal=None, goals: list | None = None, confirm_in_dm: bool = False) -> dict:
    """Log progress on one goal (from its button) or pick one (from the Home's quick action). confirm_in_dm:
    opened from a message (a goal nudge in the DM), where the Home's update goes unseen, so saving answers there."""
    if goal is not None:
        head = [section(f"{goal_line(goal)}")]
        meta = json.dumps({"goal_id": goal.id, **({"confirm": "dm"} if confirm_in_dm else {})})
    else:
        choices = [option(truncate(g.title, 75), str(g.id)) for g in (goals or []) if g.status == "active"][:100]
        head = [input_block("goal", "Goal", static_select(choices, choices[0] if len(choices) == 1 else None,
                                                          placeholder="Pick a goal"))]
        meta = ""
    blocks = head + [
        input_block("percent", "Progress (%)", text_input(max_length=4, placeholder="0–100"), optional=True,
                    hint="Where you are now, as a percentage. Leave empty to log a milestone only."),
        input_block("milestone", "Milestone reached", text_input(max_length=MAX_MILESTONE,
                                                                 placeholder="e.g. Gave my first team demo"),
                    optional=True),
        input_block("note", "Journal note", text_input(multiline=True, max_length=MAX_NOTE,
                                                       placeholder="What did you do, learn or get stuck on?"),
                    optional=True),
        context("Your career journal is private: you and your active mentors."),
    ]
    return modal("Log progress", PROGRESS_CALLBACK, blocks, private_metadata=meta)


def no_goals_modal() -> dict:
    return modal("Log progress", "no_goals", [
        section("You have no active goal to log progress on yet. Add one first: what do you want to reach, "
                "and how will you measure it?"),
        actions(button("Add a goal", ADD_GOAL, style="primary")),
    ], submit=None, close="Close")


def goals_list_modal(goals: list, last_entries: dict, profile=None) -> dict:
    """Every goal (archived hidden), each with one-click Log progress and Edit; stays within 100 blocks."""
    blocks = [actions(button("Add a goal", ADD_GOAL, style="primary"), button("Self-assessment", SELF_ASSESSMENT))]
    if profile and (profile.strengths or profile.areas_to_improve):
        blocks.append(context(f"*Strengths:* {escape(truncate(profile.strengths or '—', 900))}",
                              f"*To improve:* {escape(truncate(profile.areas_to_improve or '—', 900))}"))
    if not goals:
        blocks.append(section("No goals yet. Start with one short-term goal (within a year) and one long-term "
                              "goal (several years), each with a target you can measure."))
    room = (VIEW_BLOCK_LIMIT - len(blocks) - 1) // 2  # two blocks per goal, one for the "more" note
    for goal in goals[:room]:
        entry = last_entries.get(goal.id)
        text = goal_line(goal) + (f"\n_{entry_line(entry)}_" if entry else "")
        blocks.append(section(text))
        blocks.append(actions(button("Log progress", LOG_PROGRESS, str(goal.id)), button("Edit", EDIT_GOAL, str(goal.id)),
                              block_id=f"goal_{goal.id}"))
    if len(goals) > room:
        blocks.append(context(f"{len(goals) - room} more goals not shown: archive finished ones to see them."))
    return modal("Your goals", GOALS_LIST_CALLBACK, blocks, submit=None, close="Close")


def progress_logged(title: str, data, done: bool) -> dict:
    """The DM answer to a progress entry logged from a message: what was logged, escaped."""
    what = f"{data.progress}%" if data.progress is not None else "a milestone"
    milestone = f" ({escape(truncate(data.milestone, 150))})" if data.milestone else ""
    said = f": “{escape(truncate(' '.join(data.note.split()), 200))}”" if data.note else "."
    line = f"Logged {what}{milestone} on *{escape(truncate(title, 150))}*{said}"
    if done:
        line += " Goal done: congratulations!"
    return message(line, [section(line), context("Your goals and journal are on your App Home.")])
