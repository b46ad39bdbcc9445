"""The App Home: built from the database and published with views.publish after anything that changes it.
Other features only call publish_home(); what the Home shows is decided here (layout in bot/slack/blocks/home.py)."""

import logging
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.domain.profile import completeness
from bot.features.agenda import home_extras
from bot.features.deps import Deps
from bot.features.directory import refresh_person
from bot.features.report import overview_lines
from bot.features.sessions import next_occurrences
from bot.slack.blocks import home as render
from bot.slack.blocks.report import admin_home_blocks
from storage.checkins import programs_administered
from storage.dashboard import home_data
from storage.db import session_scope
from storage.people import get_person

log = logging.getLogger(__name__)


def build_home(session: Session, user_id: str, now: datetime | None = None) -> dict:
    data = home_data(session, user_id, journal_for=render.HOME_GOALS)
    if now is not None:  # the pair's journey: next meetings from the agreement, agendas, open action items
        pairs = data.mentors + data.mentees
        upcoming = next_occurrences(session, [p.mentorship for p in pairs], now)
        for pair in pairs:
            found = upcoming.get(pair.mentorship.id)
            pair.next_meeting = found.at if found else None
        data.journey_blocks = home_extras(session, user_id, [p.mentorship for p in pairs], upcoming)
    has_goals = any(g.status == "active" for g in data.goals)
    view = render.home_view(data, completeness(data.profile, has_goals=has_goals))
    programs = programs_administered(session, user_id)
    if programs:  # program admins: a way to their report, and how many pairs need attention
        admin = admin_home_blocks(overview_lines(session, programs))
        blocks = view["blocks"]
        blocks = [*blocks, *admin] if data.is_new else [*blocks[:-1], *admin, blocks[-1]]  # above the privacy note
        view["blocks"] = blocks[:render.VIEW_BLOCK_LIMIT]
    return view


def publish_home(deps: Deps, client: WebClient, user_id: str) -> None:
    """Republish one person's Home. Failures are logged, never raised: the Home is a view, not the truth."""
    with session_scope(deps.engine) as session:
        view = build_home(session, user_id, deps.clock())
    try:
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as exc:
        log.warning("views.publish failed: %s", exc.response.get("error"))


def home_opened(deps: Deps, client: WebClient, user_id: str) -> None:
    """Someone the directory has not seen yet is looked up first (users.info), then the Home is published."""
    with session_scope(deps.engine) as session:
        known = get_person(session, user_id) is not None
    if not known:
        refresh_person(deps.engine, client, user_id)
    publish_home(deps, client, user_id)
