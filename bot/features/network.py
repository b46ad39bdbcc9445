"""Introductions to the mentor's network: a mentor introduces an active mentee to a colleague in a group DM
(conversations.open with the three of them) with a drafted intro the mentor edits. The mentee id in the modal is
attacker-controlled: it must be one of the submitter's active mentees, and the colleague someone else."""

import logging
import re
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.features.deps import Deps
from bot.slack.blocks import network as blocks
from storage.checkins import recipients
from storage.db import session_scope
from storage.ending import active_mentorships_of
from storage.intros import active_goal_titles
from storage.people import get_person, get_profile

log = logging.getLogger(__name__)
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")


def _mentees(session, user_id: str) -> list[str]:
    return [m.mentee_id for m in active_mentorships_of(session, user_id) if m.mentor_id == user_id]


def intro_view(deps: Deps, user_id: str) -> dict | None:
    with session_scope(deps.engine) as session:
        mentees = _mentees(session, user_id)
        if not mentees:
            return None
        people = recipients(session, [*mentees, user_id])
        first = mentees[0]
        profile, person = get_profile(session, first), get_person(session, first)
        role = (profile.title if profile and profile.title else (person.title if person else "")) or ""
        goals = "; ".join(active_goal_titles(session, first)[:2])
        me = people[user_id].name if user_id in people else ""
        draft = blocks.draft(people[first].name if first in people else "my mentee", role, goals, me)
        return blocks.modal([(m, people[m].name if m in people else m) for m in mentees], draft)


@dataclass
class Intro:
    errors: dict[str, str] = field(default_factory=dict)
    mentor_id: str = ""
    mentee_id: str = ""
    colleague_id: str = ""
    note: str = ""


def _picked(view: dict, block: str, key: str) -> str:
    element = (((view.get("state") or {}).get("values") or {}).get(block) or {}).get("value") or {}
    value = element.get(key)
    if isinstance(value, dict):
        value = value.get("value")
    return str(value or "")


def check(deps: Deps, user_id: str, view: dict) -> Intro:
    mentee = _picked(view, blocks.MENTEE_BLOCK, "selected_option")
    colleague = _picked(view, blocks.COLLEAGUE_BLOCK, "selected_user")
    note = _picked(view, blocks.NOTE_BLOCK, "value").strip()
    errors = {}
    if not blocks.NOTE_MIN <= len(note) <= blocks.NOTE_MAX:
        errors[blocks.NOTE_BLOCK] = f"Write {blocks.NOTE_MIN} to {blocks.NOTE_MAX} characters."
    if not _USER_ID.fullmatch(colleague) or colleague in (user_id, mentee):
        errors[blocks.COLLEAGUE_BLOCK] = "Pick someone other than you and your mentee."
    with session_scope(deps.engine) as session:
        if mentee not in _mentees(session, user_id):
            errors[blocks.MENTEE_BLOCK] = "Pick one of your active mentees."
    if errors:
        return Intro(errors=errors)
    return Intro(mentor_id=user_id, mentee_id=mentee, colleague_id=colleague, note=note)


def post_introduction(client: WebClient, intro: Intro) -> dict:
    """After the ack: open the group DM and post the intro. Returns what to tell the mentor."""
    try:
        channel = client.conversations_open(users=[intro.mentor_id, intro.mentee_id, intro.colleague_id])
        client.chat_postMessage(channel=channel["channel"]["id"], **blocks.group_message(
            intro.mentor_id, intro.mentee_id, intro.colleague_id, intro.note))
    except SlackApiError as exc:
        error = str(exc.response.get("error") or "unknown")
        log.info("network intro failed: %s", error)
        return blocks.failed(error)
    return blocks.sent(intro.colleague_id)
