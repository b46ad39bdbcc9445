"""Change the agreement (from "is this still working for you?"): a new cadence, and both are told."""

from typing import NamedTuple

from slack_bolt import App
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.escalation import Choice, change_cadence
from bot.slack import viewstate
from bot.slack.blocks import escalation as blocks
from bot.slack.delivery import send
from handlers.views.forms import register_form


class Changed(NamedTuple):
    errors: dict[str, str] | None
    done: Choice


def register(app: App, deps: Deps) -> None:
    def submit(user_id: str, view: dict) -> Changed:
        cadence = viewstate.text(view["state"], blocks.CADENCE_BLOCK)
        done = change_cadence(deps.engine, user_id, view.get("private_metadata"), cadence, deps.clock())
        return Changed(None if done.ok else {blocks.CADENCE_BLOCK: done.mine["text"]}, done)

    def deliver(client: WebClient, user_id: str, _view: dict, changed: Changed) -> None:
        send(deps.engine, client, user_id, **changed.done.mine)
        send(deps.engine, client, changed.done.other_id, **changed.done.theirs)

    register_form(app, blocks.CHANGE_CALLBACK, submit, deliver)
