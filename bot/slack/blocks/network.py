"""Introductions to the mentor's network (the guide: mentors open doors): the modal and the group DM message.
Pure builders; the note is escaped and quoted."""

from bot.domain.text import escape, mention, truncate
from bot.slack.blocks.common import context, message, section
from bot.slack.blocks.intro import quoted

CALLBACK = "network_intro_submit"
MENTEE_BLOCK, COLLEAGUE_BLOCK, NOTE_BLOCK = "mentee", "colleague", "note"
NOTE_MIN, NOTE_MAX = 20, 1500


def _plain(text: str) -> dict:
    return {"type": "plain_text", "text": truncate(text, 75)}


def modal(mentees: list[tuple[str, str]], draft: str) -> dict:
    """mentees: (id, name) of the mentor's active mentees."""
    options = [{"text": _plain(name), "value": mid} for mid, name in mentees]
    return {"type": "modal", "callback_id": CALLBACK, "title": _plain("Introduce your mentee"),
            "submit": _plain("Start the group DM"), "close": _plain("Cancel"),
            "blocks": [
                section("Introduce your mentee to someone in your network: I'll start a group DM with the three of "
                        "you and post your intro. Edit it as you like."),
                {"type": "input", "block_id": MENTEE_BLOCK, "label": _plain("Your mentee"),
                 "element": {"type": "static_select", "action_id": "value", "options": options,
                             "initial_option": options[0]}},
                {"type": "input", "block_id": COLLEAGUE_BLOCK, "label": _plain("Introduce them to"),
                 "element": {"type": "users_select", "action_id": "value"}},
                {"type": "input", "block_id": NOTE_BLOCK, "label": _plain("Your intro"),
                 "element": {"type": "plain_text_input", "action_id": "value", "multiline": True,
                             "initial_value": draft, "max_length": NOTE_MAX}},
                context("Only the three of you (and mentorbot) are in the group DM."),
            ]}


def draft(mentee_name: str, mentee_role: str, working_on: str, mentor_name: str) -> str:
    role = f", {mentee_role}," if mentee_role else ""
    focus = f" is working on {working_on.rstrip('.')}" if working_on else " is growing in their career"
    return (f"I'd like you two to meet. {mentee_name}{role}{focus}, and I think a short chat with you would help "
            f"a lot. Would you have 20 minutes in the next couple of weeks?\n\nThanks!\n{mentor_name}")


def group_message(mentor_id: str, mentee_id: str, colleague_id: str, note: str) -> dict:
    lead = f"{mention(mentor_id)} introduces {mention(mentee_id)} to {mention(colleague_id)}:"
    return message(f"An introduction from {mention(mentor_id)}", [section(lead + "\n" + quoted(note.strip()))])


def sent(colleague_id: str) -> dict:
    text = f"Done: I've started a group DM with your mentee and {mention(colleague_id)} and posted your intro."
    return message(text, [section(text)])


def failed(error: str) -> dict:
    text = f"I couldn't start that group DM (`{escape(error)}`), so nothing was posted. Try someone else?"
    return message(text, [section(text)])


def no_mentee() -> dict:
    text = "You have no active mentee to introduce yet. Once you do, `/mentor introduce` opens this."
    return message(text, [section(text)])
