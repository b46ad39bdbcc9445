"""Buttons on the App Home, in the goals modal and on goal nudges (DM messages). Each acks, then opens (from the
Home or a message) or pushes (from a modal) the view bot.screens builds. A goal id in a button's value is checked
against the clicking user there."""

import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.features import screens
from bot.features.deps import Deps
from bot.slack.blocks import goals as goal_blocks
from bot.slack.blocks import home as home_blocks
from handlers.replies import show

log = logging.getLogger(__name__)


def _value(body: dict) -> str:
    action = (body.get("actions") or [{}])[0]
    return str(action.get("value") or "")


def _from_message(body: dict) -> bool:
    return (body.get("container") or {}).get("type") == "message"


def register(app: App, deps: Deps) -> None:
    screens_for = {
        home_blocks.FIND_MENTOR: lambda body, user, client: home_blocks.find_mentor_modal(),
        home_blocks.EDIT_PROFILE: lambda body, user, client: screens.profile(deps, client, user),
        home_blocks.UPDATE_GOALS: lambda body, user, client: screens.goals_list(deps, user),
        home_blocks.LOG_ANY: lambda body, user, client: screens.log_progress(deps, user),
        home_blocks.SEE_MENTORS: lambda body, user, client: screens.pairs(deps, user, "mentors"),
        home_blocks.SEE_MENTEES: lambda body, user, client: screens.pairs(deps, user, "mentees"),
        home_blocks.SEE_INTROS: lambda body, user, client: screens.intros(deps, user),
        home_blocks.PAIR_JOURNAL: lambda body, user, client: screens.pair_journal(deps, user, _value(body)),
        goal_blocks.ADD_GOAL: lambda body, user, client: screens.new_goal(deps, user),
        goal_blocks.SELF_ASSESSMENT: lambda body, user, client: screens.self_assessment(deps, user),
        goal_blocks.LOG_PROGRESS: lambda body, user, client: screens.log_progress(deps, user, _value(body),
                                                                                    _from_message(body)),
        goal_blocks.EDIT_GOAL: lambda body, user, client: screens.edit_goal(deps, user, _value(body)),
    }

    def listener(build):
        def on_click(ack: Ack, body: dict, client: WebClient):
            ack()
            show(client, body, build(body, body["user"]["id"], client))
        return on_click

    for action_id, build in screens_for.items():
        app.action(action_id)(listener(build))
