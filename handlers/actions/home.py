"""Buttons on the App Home, in the goals modal and on goal nudges (DM messages). Each acks, then opens (from the
Home or a message) or pushes (from a modal) the view bot.features.screens builds. A goal id in a button's value is checked
against the clicking user there."""

from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.features import screens
from bot.features.deps import Deps
from bot.slack.blocks import goals as goal_blocks
from bot.slack.blocks import home as home_blocks
from handlers.replies import show


@dataclass(frozen=True)
class Click:
    body: dict
    user: str
    client: WebClient


def _value(body: dict) -> str:
    action = (body.get("actions") or [{}])[0]
    return str(action.get("value") or "")


def _from_message(body: dict) -> bool:
    return (body.get("container") or {}).get("type") == "message"


def register(app: App, deps: Deps) -> None:
    # action id -> the view it shows, built from the click (its body, the clicker's id, the client).
    screens_for: dict[str, Callable[[Click], dict]] = {
        home_blocks.FIND_MENTOR: lambda _c: home_blocks.find_mentor_modal(),
        home_blocks.EDIT_PROFILE: lambda c: screens.profile(deps, c.client, c.user),
        home_blocks.UPDATE_GOALS: lambda c: screens.goals_list(deps, c.user),
        home_blocks.LOG_ANY: lambda c: screens.log_progress(deps, c.user),
        home_blocks.SEE_MENTORS: lambda c: screens.pairs(deps, c.user, "mentors"),
        home_blocks.SEE_MENTEES: lambda c: screens.pairs(deps, c.user, "mentees"),
        home_blocks.SEE_INTROS: lambda c: screens.intros(deps, c.user),
        home_blocks.PAIR_JOURNAL: lambda c: screens.pair_journal(deps, c.user, _value(c.body)),
        goal_blocks.ADD_GOAL: lambda c: screens.new_goal(deps, c.user),
        goal_blocks.SELF_ASSESSMENT: lambda c: screens.self_assessment(deps, c.user),
        goal_blocks.LOG_PROGRESS: lambda c: screens.log_progress(deps, c.user, _value(c.body), _from_message(c.body)),
        goal_blocks.EDIT_GOAL: lambda c: screens.edit_goal(deps, c.user, _value(c.body)),
    }

    def listener(build):
        def on_click(ack: Ack, body: dict, client: WebClient):
            ack()
            show(client, body, build(Click(body, body["user"]["id"], client)))
        return on_click

    for action_id, build in screens_for.items():
        app.action(action_id)(listener(build))
