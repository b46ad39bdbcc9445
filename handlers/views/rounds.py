"""Swapping two proposed pairs of a round in preview: the new pairs are checked against the round's rules, and
the admin gets the updated preview in their DM."""

from slack_bolt import App
from slack_sdk import WebClient

from bot.features import rounds
from bot.features.deps import Deps
from bot.slack import viewstate
from bot.slack.blocks import rounds as blocks
from bot.slack.delivery import send
from bot.slack.payload import parse_id
from handlers.views.forms import register_form


def register(app: App, deps: Deps) -> None:
    def submit(user_id: str, view: dict) -> rounds.Swapped:
        state = view["state"]
        return rounds.swap(deps, user_id, view.get("private_metadata"), parse_id(viewstate.text(state, "first")),
                           parse_id(viewstate.text(state, "second")))

    def deliver(client: WebClient, user_id: str, _view: dict, done: rounds.Swapped) -> None:
        send(deps.engine, client, user_id, **rounds.preview_message(deps.engine, done.round_id))

    register_form(app, blocks.SWAP_CALLBACK, submit, deliver)
