"""Check-in prompts, meeting reminders, the notes modal, and the journal.
Pure Block Kit builders: every piece of user text goes through escape()."""

import re
from datetime import date, datetime

from bot.domain.cadence import MET, NOT_MET, OUTCOME_LABELS, RESCHEDULED
from bot.domain.text import escape, mention, truncate
from bot.slack import ids
from bot.slack.blocks.common import actions, button, context, header, message, section

ACTION_MET, ACTION_NOT_MET, ACTION_RESCHEDULE, ACTION_NOTES = (
    ids.CHECKIN_MET, ids.CHECKIN_NOT_MET, ids.CHECKIN_RESCHEDULE, ids.CHECKIN_NOTES)
ACTION_ADD_ACTION = ids.ACTION_ITEM_ADD  # record an action item (bot.features.agenda)
OUTCOME_OF_ACTION = {ACTION_MET: MET, ACTION_NOT_MET: NOT_MET, ACTION_RESCHEDULE: RESCHEDULED}
NOTES_CALLBACK = ids.CHECKIN_NOTES_CALLBACK
NOTES_BLOCK, NOTES_ACTION = "notes", "notes_input"
OUTCOME_BLOCK, OUTCOME_ACTION = "outcome", "outcome_input"
NOTE_LIMIT = 3000
ECHO_LIMIT = 200

_VALUE = re.compile(r"(\d{1,12}):(\d{4}-\d{2}-\d{2})")


def answer_value(mentorship_id: int, period: date) -> str:
    return f"{mentorship_id}:{period.isoformat()}"


def parse_answer_value(value: str | None) -> tuple[int, date] | None:
    """A button value or private_metadata back into (mentorship, session date); None if malformed."""
    match = _VALUE.fullmatch(value or "")
    if not match:
        return None
    try:
        return int(match.group(1)), date.fromisoformat(match.group(2))
    except ValueError:
        return None


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _answer_buttons(value: str) -> dict:
    return actions(button("Met", ACTION_MET, value, style="primary"),
                   button("Didn't meet", ACTION_NOT_MET, value),
                   button("Reschedule", ACTION_RESCHEDULE, value),
                   button("Add notes", ACTION_NOTES, value),
                   button("Action item", ACTION_ADD_ACTION, value), block_id="checkin_answer")


PRIVACY = "Only you and your pair can see your journal; program admins see met / not-met counts only."


def checkin_prompt(other_id: str, period: date, value: str, reminder: bool = False) -> dict:
    when = day_label(period)
    if reminder:
        lead = f"A gentle reminder: how did your session with {mention(other_id)} on {when} go?"
        text = f"Reminder: how did your mentoring session on {when} go?"
    else:
        lead = f"*Check-in:* how did your mentoring session with {mention(other_id)} on {when} go?"
        text = f"Check-in: how did your mentoring session on {when} go? Reply in this thread or use the buttons."
    return message(text, [
        section(lead + "\nClick below, or reply in this thread with what you talked about and what's next."),
        _answer_buttons(value),
        context(PRIVACY),
    ])


def answered(outcome: str, other_id: str, period: date, value: str) -> dict:
    """What the prompt becomes once clicked: the answer, and a way to add notes."""
    when = day_label(period)
    if outcome == RESCHEDULED:
        line = f"Noted: the session on {when} needs a new time. Agree one with {mention(other_id)}."
    elif outcome == NOT_MET:
        line = f"Noted: you didn't meet {mention(other_id)} on {when}. Life happens; try to keep the next one."
    else:
        line = f"Thanks! You met {mention(other_id)} on {when}."
    return message(line, [section(line + " Reply in this thread to add notes to your journal."),
                          actions(button("Add notes", ACTION_NOTES, value),
                                  button("Action item", ACTION_ADD_ACTION, value), block_id="checkin_answer"),
                          context(PRIVACY)])


def saved_note(other_id: str, period: date, note: str, outcome: str = "") -> dict:
    """The threaded acknowledgement of a note; the note is echoed escaped."""
    said = f" ({OUTCOME_LABELS[outcome]})" if outcome in OUTCOME_LABELS else ""
    snippet = escape(truncate(" ".join(note.split()), ECHO_LIMIT))
    line = (f"Saved to your journal with {mention(other_id)} for the session on {day_label(period)}{said}: "
            f"“{snippet}”")
    return message(line, [section(line), context(PRIVACY)])


def dm_hint() -> dict:
    text = ("To add to your check-in journal, reply in the thread of a check-in prompt. "
            "For everything else, try `/mentor help`.")
    return message(text, [section(text)])


def refused() -> dict:
    text = "That check-in isn't one of yours, or the mentorship has ended, so nothing was recorded."
    return message(text, [section(text)])


def notes_modal(value: str, other_name: str, period: date) -> dict:
    options = [{"text": {"type": "plain_text", "text": label}, "value": outcome}
               for outcome, label in OUTCOME_LABELS.items()]
    return {
        "type": "modal", "callback_id": NOTES_CALLBACK, "private_metadata": value,
        "title": {"type": "plain_text", "text": "Check-in notes"},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            section(f"Your session with *{escape(other_name)}* on {day_label(period)}."),
            {"type": "input", "block_id": OUTCOME_BLOCK, "optional": True,
             "label": {"type": "plain_text", "text": "How did it go?"},
             "element": {"type": "radio_buttons", "action_id": OUTCOME_ACTION, "options": options}},
            {"type": "input", "block_id": NOTES_BLOCK,
             "label": {"type": "plain_text", "text": "Notes"},
             "hint": {"type": "plain_text", "text": "What you talked about, what you agreed, what's next."},
             "element": {"type": "plain_text_input", "action_id": NOTES_ACTION, "multiline": True,
                         "max_length": NOTE_LIMIT}},
            context(PRIVACY),
        ],
    }


PREP = ("• *Agenda*: what do you want from this session?\n"
        "• *Questions* you want answered\n"
        "• *Updates on goals* since last time, and the action items you agreed")


ACTION_MOVE_SESSION, ACTION_CANCEL_SESSION = "session_reschedule", "session_cancel"
CHANGE_AGREEMENT = "agreement_change_open"  # bot.slack.blocks.agreement.CHANGE_OPEN: opens the change modal


def session_buttons(value: str) -> dict:
    """Under a meeting reminder: move the session (a date and time modal) or call it off (after a confirm)."""
    cancel = button("Cancel session", ACTION_CANCEL_SESSION, value)
    cancel["confirm"] = {"title": {"type": "plain_text", "text": "Cancel this session?"},
                         "text": {"type": "plain_text", "text": "Both of you get a note and a calendar update. "
                                  "The sessions after it stay as agreed."},
                         "confirm": {"type": "plain_text", "text": "Cancel session"},
                         "deny": {"type": "plain_text", "text": "Keep it"}}
    return actions(button("Reschedule", ACTION_MOVE_SESSION, value), cancel,
                   button("Change agreement", CHANGE_AGREEMENT, value), block_id="session_actions")


def meeting_reminder(other_id: str, local_start: datetime, time_known: bool,
                     goals: list[tuple[str, int]], value: str = "") -> dict:
    when = f"{day_label(local_start.date())} at {local_start:%H:%M} (your time)" if time_known \
        else f"{day_label(local_start.date())} (no time set yet: agree one)"
    lead = f"*Coming up:* your mentoring session with {mention(other_id)} on {when}."
    blocks = [section(lead), section("Come prepared — the guide's checklist:\n" + PREP)]
    if goals:
        lines = "\n".join(f"• {escape(truncate(title, 150))} — {progress}%" for title, progress in goals[:10])
        blocks.append(section("*Goals to update on:*\n" + lines))
    if value:
        blocks.append(session_buttons(value))
    if time_known:
        blocks.append(context("The calendar file in the thread adds the session to your calendar."))
    return message(f"Coming up: your mentoring session on {when}. Prepare an agenda, questions and goal updates.",
                   blocks)


def journal_line(author: str, period: date | None, outcome: str, note: str, user_id: str,
                 other: str | None = None) -> str:
    """One check-in journal entry as the reader sees it: '*Tue 1 Dec* with @x · You · Met\nnote' (escaped)."""
    who = "You" if author == user_id else mention(author)
    said = f" · {OUTCOME_LABELS[outcome]}" if outcome in OUTCOME_LABELS else ""
    when = day_label(period) if period else "—"
    body = f"\n{escape(truncate(note, 500))}" if note else ""
    pair = f" with {mention(other)}" if other else ""
    return f"*{when}*{pair} · {who}{said}{body}"


def journal(entries: list[tuple[str, date | None, str, str, str]], user_id: str) -> dict:
    """entries: (author, session date, outcome, note, other person) newest first."""
    if not entries:
        text = "Your check-in journal is empty. Answer a check-in prompt to start it."
        return message(text, [section(text)])
    blocks = [header("Your check-in journal")]
    for author, period, outcome, note, other in entries:
        blocks.append(section(journal_line(author, period, outcome, note, user_id, other)))
    blocks.append(context(PRIVACY))
    return message("Your check-in journal", blocks)
