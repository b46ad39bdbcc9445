"""Goal and progress modals. The goal id in private_metadata (or a picked option) is attacker-controlled: it is
checked against the submitting user before anything is read or written."""

import json
import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.goals import validate_goal, validate_progress
from bot.features import screens
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.slack import viewstate
from bot.slack.blocks import goals as goal_blocks
from bot.slack.delivery import post_dm
from handlers.views.profile import refresh_goals_list
from storage.db import session_scope
from storage.goals import create_goal, log_progress, owned_goal, update_goal
from storage.profiles import person_tz

log = logging.getLogger(__name__)


def _metadata(view: dict) -> dict | None:
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return None
    return meta if isinstance(meta, dict) else None


def metadata_goal_id(view: dict) -> object:
    meta = _metadata(view)
    return meta.get("goal_id") if meta is not None else "invalid"


def confirm_in_dm(deps: Deps, client: WebClient, user_id: str, message: dict) -> None:
    """Answer in the user's own DM (never a channel from the payload): a forged flag only DMs the forger."""
    try:
        post_dm(deps.engine, client, user_id, **message)
    except SlackApiError as exc:
        log.warning("progress confirmation not sent: %s", exc.response.get("error"))


def register(app: App, deps: Deps) -> None:
    @app.view(goal_blocks.GOAL_CALLBACK)
    def save_goal(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id, state = body["user"]["id"], view["state"]
        goal_id = metadata_goal_id(view)
        with session_scope(deps.engine) as session:
            goal = owned_goal(session, goal_id, user_id) if goal_id is not None else None
            if goal_id is not None and goal is None:
                ack(response_action="update", view=screens.not_yours())
                return
            today = screens.local_today(person_tz(session, user_id), deps.clock())
            t = viewstate.text
            data, errors = validate_goal(t(state, "horizon"), t(state, "title"), t(state, "target"),
                                         t(state, "target_date"), t(state, "status") or (goal.status if goal else ""),
                                         today)
            if errors:
                ack(response_action="errors", errors=errors)
                return
            if goal is None:
                create_goal(session, user_id, data, deps.clock())
            else:
                update_goal(session, goal, data, deps.clock())
        ack()
        refresh_goals_list(deps, client, view, user_id)
        publish_home(deps, client, user_id)

    @app.view(goal_blocks.PROGRESS_CALLBACK)
    def save_progress(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id, state = body["user"]["id"], view["state"]
        picked = viewstate.text(state, "goal")
        goal_id = picked if picked else metadata_goal_id(view)
        with session_scope(deps.engine) as session:
            goal = owned_goal(session, goal_id, user_id)
            if goal is None:
                ack(response_action="update", view=screens.not_yours())
                return
            data, errors = validate_progress(viewstate.text(state, "percent"), viewstate.text(state, "milestone"),
                                             viewstate.text(state, "note"))
            if errors:
                ack(response_action="errors", errors=errors)
                return
            was_active = goal.status == "active"
            log_progress(session, goal, user_id, data, deps.clock())
            finished = was_active and goal.status == "done"
            confirmation = goal_blocks.progress_logged(goal.title, data, finished)
        ack()
        if (_metadata(view) or {}).get("confirm") == "dm":
            confirm_in_dm(deps, client, user_id, confirmation)
        refresh_goals_list(deps, client, view, user_id)
        publish_home(deps, client, user_id)
