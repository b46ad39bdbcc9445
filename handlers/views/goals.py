"""Goal and progress modals. The goal id in private_metadata (or a picked option) is attacker-controlled:
bot.features.goals checks it against the submitting user before anything is read or written."""

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.features import goals
from bot.features.deps import Deps
from bot.features.goals import Saved
from bot.features.home import publish_home
from bot.slack import viewstate
from bot.slack.blocks import goals as goal_blocks
from bot.slack.delivery import send
from bot.slack.payload import parse_json
from handlers.views.forms import register_form
from handlers.views.profile import refresh_goals_list

log = logging.getLogger(__name__)


def metadata_goal_id(view: dict) -> object:
    raw = view.get("private_metadata") or "{}"
    meta = parse_json(raw)
    return meta.get("goal_id") if meta or raw.strip() == "{}" else "invalid"


def register(app: App, deps: Deps) -> None:
    def after_save(client: WebClient, user_id: str, view: dict, saved: Saved) -> None:
        if saved.confirmation and parse_json(view.get("private_metadata")).get("confirm") == "dm":
            # Answer in the user's own DM (never a channel from the payload): a forged flag only DMs the forger.
            try:
                send(deps.engine, client, user_id, **saved.confirmation)
            except SlackApiError as exc:
                log.warning("progress confirmation not sent: %s", exc.response.get("error"))
        refresh_goals_list(deps, client, view, user_id)
        publish_home(deps, client, user_id)

    def submit_goal(user_id: str, view: dict) -> Saved:
        state = view["state"]
        fields = {name: viewstate.text(state, name) for name in ("horizon", "title", "target", "target_date", "status")}
        return goals.save_goal(deps, user_id, metadata_goal_id(view), fields, viewstate.submission_key(view))

    def submit_progress(user_id: str, view: dict) -> Saved:
        state = view["state"]
        picked = viewstate.text(state, "goal")
        return goals.save_progress(deps, user_id, picked if picked else metadata_goal_id(view),
                                   viewstate.text(state, "percent"), viewstate.text(state, "milestone"),
                                   viewstate.text(state, "note"), viewstate.submission_key(view))

    register_form(app, goal_blocks.GOAL_CALLBACK, submit_goal, after_save)
    register_form(app, goal_blocks.PROGRESS_CALLBACK, submit_progress, after_save)
