"""Ending well: the wrap-up prompt, the wrap-up modal, the /mentor end list and the closing messages.
Pure Block Kit builders: every piece of user text goes through escape()."""

import re
from datetime import date

from bot.domain.insight import AGAIN, END_REASONS, GOALS_ACHIEVED, RATING_LABELS
from bot.domain.text import escape, mention, truncate
from bot.slack import ids
from bot.slack.blocks.common import actions, button, context, message, section
from bot.slack.blocks.forms import input_block, modal, option, radio, static_select, text_input

ACTION_EXTEND, ACTION_WRAP, ACTION_SURVEY = ids.EXTEND, ids.WRAP_UP, ids.EXIT_SURVEY_OPEN
WRAP_CALLBACK, SURVEY_CALLBACK = ids.WRAP_UP_CALLBACK, ids.EXIT_SURVEY_CALLBACK
NOTE_BLOCK, REASON_BLOCK = "note", "reason"
OVERALL_BLOCK, GOALS_BLOCK, AGAIN_BLOCK = "overall", "goals_achieved", "again"
NOTE_LIMIT, REASON_LIMIT = 1000, 200
SURVEY_PRIVATE = ("Private: your pair never sees these answers; program admins see totals over at least 5 people, "
                  "never yours.")
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


def survey_blocks(role: str) -> list[dict]:
    """The private exit survey (all optional): overall 1-5, goals achieved, would you do it again."""
    again = "Would you mentor someone, or be mentored again?" if role == "mentee" else "Would you mentor again?"
    return [
        context(SURVEY_PRIVATE),
        input_block(OVERALL_BLOCK, "Overall, how was this mentorship?",
                    radio([option(label, str(r)) for r, label in RATING_LABELS.items()]), optional=True),
        input_block(GOALS_BLOCK, "Did you achieve the goals you set?",
                    radio([option(label, key) for key, label in GOALS_ACHIEVED.items()]), optional=True),
        input_block(AGAIN_BLOCK, again, radio([option(label, key) for key, label in AGAIN.items()]), optional=True),
    ]


def wrap_up_modal(mentorship_id: int, other_name: str, role: str = "mentee") -> dict:
    return modal("Wrap up", WRAP_CALLBACK, [
        section(f"Wrapping up your mentorship with *{escape(other_name)}*. Thank them for the time and insights "
                "you shared, and say honestly why it is ending. Both of you see the note and the reason."),
        input_block(NOTE_BLOCK, "A thank-you or reflection", text_input(multiline=True, max_length=NOTE_LIMIT),
                    optional=True, hint="What you learned, what you'll take with you."),
        input_block(REASON_BLOCK, "Why it's ending",
                    static_select([option(label, key) for key, label in END_REASONS.items()],
                                  placeholder="Choose a reason")),
        *survey_blocks(role),
    ], submit="Wrap up", private_metadata=str(mentorship_id))


def survey_modal(mentorship_id: int, other_name: str, role: str) -> dict:
    return modal("How did it go?", SURVEY_CALLBACK, [
        section(f"Your mentorship with *{escape(other_name)}* has ended. Three private questions, all optional."),
        *survey_blocks(role),
    ], submit="Send", private_metadata=str(mentorship_id))


def survey_thanks(invite: bool) -> dict:
    text = "Thanks: your answers are saved, privately."
    blocks = [section(text)]
    if invite:
        blocks.append(invitation())
    return message(text, blocks)


def invitation() -> dict:
    return section("*Would you mentor someone?* You've been through a mentorship that worked: pass it on. "
                   "Set your mentor capacity in `/mentor profile` and people looking for what you know will "
                   "find you in `/findmentor`.")


def survey_refused() -> dict:
    text = "That survey isn't one of yours, so nothing was recorded."
    return message(text, [section(text)])


def closing(other_id: str, by_id: str, note: str, reason: str, *, survey_value: str = "",
            invite: bool = False) -> dict:
    """The closing DM to one of the pair, in the guide's spirit: thanks, honest reasons, the door stays open.
    `reason` is a key of END_REASONS (an ending for any reason is no one's fault); the person who did not wrap
    up gets a button for their own private exit survey."""
    who = "You" if by_id != other_id else mention(by_id)
    lead = f"*Your mentorship with {mention(other_id)} has ended* ({who} wrapped it up)."
    lines = [lead, "Thank you for the time, the questions and the insights you shared along the way."]
    if reason in END_REASONS:
        lines.append(f"*Why:* {END_REASONS[reason]}")
    if reason in ("schedule", "fit"):
        lines.append("Not every pairing fits every season: that is no one's fault.")
    if note.strip():
        said = "Your note" if by_id != other_id else "Their note"
        lines.append(f"*{said}:* “{escape(truncate(note.strip(), NOTE_LIMIT))}”")
    text = f"Your mentorship with {mention(other_id)} has ended. Thank you, and the door stays open."
    blocks = [
        section("\n".join(lines)),
        section("*The door stays open.* Keep in touch: a network keeps offering support in different ways over "
                "time. When you're ready for what's next, `/findmentor` finds a new mentor, or set your profile "
                "to mentor someone yourself."),
    ]
    if survey_value:
        blocks.append(actions(button("How did it go? (private)", ACTION_SURVEY, survey_value), block_id="survey"))
    if invite:
        blocks.append(invitation())
    return message(text, blocks)
