"""The pulse modal: validate, store privately, thank the person in their DM."""

from typing import NamedTuple

from slack_bolt import App
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.pulse import parse_answer, record_pulse
from bot.slack import viewstate
from bot.slack.blocks import pulse as blocks
from bot.slack.delivery import send
from handlers.views.forms import register_form


class Recorded(NamedTuple):
    errors: dict[str, str] | None
    other: str | None = None  # the other person of the pair, named in the thanks


def register(app: App, deps: Deps) -> None:
    def submit(user_id: str, view: dict) -> Recorded:
        state = view["state"]
        errors, answer = parse_answer(viewstate.text(state, blocks.RATING_BLOCK),
                                      viewstate.text(state, blocks.HELPING_BLOCK),
                                      viewstate.text(state, blocks.NOTE_BLOCK))
        if answer is None:
            return Recorded(errors)
        other = record_pulse(deps.engine, user_id, view.get("private_metadata"), *answer)
        if other is None:  # not their pair, or not theirs to answer (private_metadata is attacker-controlled)
            return Recorded({blocks.RATING_BLOCK: blocks.refused()["text"]})
        return Recorded(None, other)

    def deliver(client: WebClient, user_id: str, _view: dict, recorded: Recorded) -> None:
        send(deps.engine, client, user_id, **blocks.thanks(recorded.other))

    register_form(app, blocks.CALLBACK, submit, deliver)
