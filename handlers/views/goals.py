"""Goal and progress modals. The goal id in private_metadata (or a picked option) is attacker-controlled: it is
checked against the submitting user before anything is read or written."""

import json
import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.features import goals
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.slack import viewstate
from bot.slack.blocks import goals as goal_blocks
from bot.slack.delivery import post_dm
from handlers.views.profile import answer, refresh_goals_list

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
        fields = {name: viewstate.text(state, name) for name in ("horizon", "title", "target", "target_date", "status")}
        saved = goals.save_goal(deps, user_id, metadata_goal_id(view), fields)
        if not answer(ack, saved):
            return
        refresh_goals_list(deps, client, view, user_id)
        publish_home(deps, client, user_id)

    @app.view(goal_blocks.PROGRESS_CALLBACK)
    def save_progress(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id, state = body["user"]["id"], view["state"]
        picked = viewstate.text(state, "goal")
        saved = goals.save_progress(deps, user_id, picked if picked else metadata_goal_id(view),
                                    viewstate.text(state, "percent"), viewstate.text(state, "milestone"),
                                    viewstate.text(state, "note"))
        if not answer(ack, saved):
            return
        if (_metadata(view) or {}).get("confirm") == "dm":
            confirm_in_dm(deps, client, user_id, saved.confirmation)
        refresh_goals_list(deps, client, view, user_id)
        publish_home(deps, client, user_id)
