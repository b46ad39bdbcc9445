"""Pairing surfaces: the agreement modal, the invitations, the welcome DM and the channel announcement.
Pure builders; user text escaped. The announcement mentions both people and never their goals."""

import json
import re
from datetime import datetime

from bot.domain.pairing import CADENCES, DURATIONS, FIRST_MEETING_TIPS, GOALS_MAX, MODES, Terms, in_zone
from bot.domain.text import escape, mention
from bot.slack import ids
from bot.slack.blocks.common import actions, button, context, header, message, section
from bot.slack.blocks.intro import input_block, plain, select

CADENCE_LABELS = {k: v.capitalize() for k, v in CADENCES.items()}
MODE_LABELS = {k: v.capitalize() for k, v in MODES.items()}
DURATION_LABELS = {str(n): f"{n} months" for n in DURATIONS}


def when(moment: datetime | None, tz: str) -> str:
    if moment is None:
        return "not set"
    local = in_zone(moment, tz)
    return f"{local:%a %d %b %Y, %H:%M} ({tz})"


def invitation(mentorship_id: int, other_id: str, other_name: str, lead: str) -> dict:
    """lead: mrkdwn, already escaped."""
    blocks = [section(lead),
              context(f"With {escape(other_name)} ({mention(other_id)}): goals, how often and how you meet, for how "
                      "long, and your first meeting. You both confirm; either of you can adjust."),
              actions(button("Review agreement", ids.AGREEMENT_OPEN, str(mentorship_id), style="primary"))]
    return message(lead, blocks)


def agreement_modal(mentorship_id: int, terms: Terms, tz: str, default_first: datetime, other_name: str,
                    other_confirmed: bool) -> dict:
    first = in_zone(terms.first_meeting_at or default_first, tz)
    status = (f"{escape(other_name)} has confirmed these terms." if other_confirmed
              else f"{escape(other_name)} hasn't confirmed yet.")
    blocks = [
        section(f"Your mentoring agreement with *{escape(other_name)}*. {status} If you change anything, "
                f"{escape(other_name)} is asked to confirm again."),
        input_block("goals", "Shared goals", {"type": "plain_text_input", "action_id": "text", "multiline": True,
                                              "initial_value": terms.goals[:GOALS_MAX], "max_length": GOALS_MAX}),
        input_block("cadence", "How often", select("choice", CADENCE_LABELS, terms.cadence)),
        input_block("mode", "How you meet", select("choice", MODE_LABELS, terms.mode)),
        input_block("duration", "For how long", select("choice", DURATION_LABELS, str(terms.duration_months))),
        input_block("first_date", "First meeting", {"type": "datepicker", "action_id": "date",
                                                    "initial_date": f"{first:%Y-%m-%d}"}),
        input_block("first_time", "Time", {"type": "timepicker", "action_id": "time",
                                           "initial_time": f"{first:%H:%M}"},
                    optional=True, hint=f"Your time zone: {tz}. Empty means {first:%H:%M}."),
    ]
    return {"type": "modal", "callback_id": ids.AGREEMENT_SUBMIT, "title": plain("Mentoring agreement"),
            "submit": plain("Confirm"), "close": plain("Cancel"),
            "private_metadata": json.dumps({"m": mentorship_id}), "blocks": blocks}


def summary_fields(terms: Terms, tz: str) -> dict:
    return {"type": "section", "fields": [
        {"type": "mrkdwn", "text": "*How often*\n" + escape(CADENCES.get(terms.cadence, terms.cadence))},
        {"type": "mrkdwn", "text": "*How*\n" + escape(MODES.get(terms.mode, terms.mode))},
        {"type": "mrkdwn", "text": f"*For*\n{terms.duration_months} months"},
        {"type": "mrkdwn", "text": "*First meeting*\n" + escape(when(terms.first_meeting_at, tz))},
    ]}


def waiting(other_name: str, terms: Terms, tz: str) -> dict:
    text = f"Saved. I've asked {escape(other_name)} to confirm; you'll both hear from me when it's agreed."
    return message(text, [section(text), summary_fields(terms, tz)])


def changed(mentorship_id: int, other_id: str, other_name: str) -> dict:
    lead = (f"*{escape(other_name)}* adjusted your mentoring agreement. Please have a look and confirm "
            "(or adjust it yourself).")
    return invitation(mentorship_id, other_id, other_name, lead)


def welcome(other_id: str, other_name: str, role_of_other: str, terms: Terms, tz: str) -> dict:
    lead = f"Your mentorship is agreed: {escape(other_name)} ({mention(other_id)}) is your {role_of_other}. Welcome!"
    blocks = [header("Your mentorship is on"), section(lead), summary_fields(terms, tz),
              section("*Shared goals*\n" + escape(terms.goals)),
              section("*For a good first meeting*\n" + "\n".join(f"• {tip}" for tip in FIRST_MEETING_TIPS))]
    return message(lead, blocks)


def announcement(mentor_id: str, mentee_id: str, program_name: str) -> dict:
    text = (f":tada: New pair in *{escape(program_name)}*: {mention(mentor_id)} is mentoring {mention(mentee_id)}. "
            "Wish them a great start!")
    return message(text, [section(text)])


def channel_link(channel_id: str) -> str:
    return f"<#{channel_id}>" if re.fullmatch(r"[CG][A-Z0-9]{1,30}", channel_id) else escape(channel_id)


def channel_help(channel_id: str, program_name: str, error: str) -> dict:
    text = (f"I couldn't post a pairing announcement for *{escape(program_name)}* in {channel_link(channel_id)}: I'm not in "
            f"that channel and couldn't join it (`{escape(error)}`). To fix it, open the channel and type "
            "`/invite @mentorbot`; future announcements will then appear there.")
    return message(text, [section(text)])


def not_participant() -> dict:
    text = "That agreement belongs to another pair, so nothing changed."
    return message(text, [section(text)])


def already_agreed() -> dict:
    text = "This agreement is already confirmed by you both; nothing changed."
    return message(text, [section(text)])
