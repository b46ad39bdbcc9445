"""The App Home: built from the database and published with views.publish after anything that changes it.
Other features only call publish_home(); what the Home shows is decided here."""

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session, select

from bot.blocks.common import actions, button, header, section
from bot.deps import Deps
from bot.text import escape, mention
from storage.db import session_scope
from storage.models import Mentorship

log = logging.getLogger(__name__)


def build_home(session: Session, user_id: str) -> dict:
    pairs = session.exec(select(Mentorship).where(
        (Mentorship.mentor_id == user_id) | (Mentorship.mentee_id == user_id),
        Mentorship.status.in_(("proposed", "active", "paused")))).all()
    blocks = [header("Your mentoring")]
    if pairs:
        for m in pairs:
            other, role = (m.mentee_id, "mentee") if m.mentor_id == user_id else (m.mentor_id, "mentor")
            blocks.append(section(f"{mention(other)} is your {role} · {escape(m.cadence)} · {escape(m.status)}"))
    else:
        blocks.append(section("Welcome! 1. Set up your profile. 2. Add your goals. 3. Find a mentor with "
                              "`/findmentor`."))
    blocks.append(actions(button("Find a mentor", "home_find_mentor")))
    return {"type": "home", "blocks": blocks}


def publish_home(deps: Deps, client: WebClient, user_id: str) -> None:
    """Republish one person's Home. Failures are logged, never raised: the Home is a view, not the truth."""
    with session_scope(deps.engine) as session:
        view = build_home(session, user_id)
    try:
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as exc:
        log.warning("views.publish failed: %s", exc.response.get("error"))
